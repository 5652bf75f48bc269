"""A release as IPTC ninjs 2.3 (api/ninjs.py), validated against the published schema."""

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from api.ninjs import release_ninjs
from releases.models import Correction
from releases.parts import release_with_parts
from workflow.public_views import alternate_urls

SCHEMA = json.loads((Path(__file__).parent / "ninjs" / "ninjs-schema_2.3.json").read_text())
SITE = "https://newsroom.example"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def absolute(path):
    return f"{SITE}{path}"


def validator():
    """The validator of the schema's own draft (2020-12), checking formats it knows."""
    cls = jsonschema.validators.validator_for(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def release(demo):
    """The demo release (French original, Dutch and English translations, no German;
    two quotes, a picture, a document), read as the API reads it."""
    return release_with_parts(pk=demo.pk, public=True)


def test_the_vendored_schema_is_a_valid_2020_12_schema():
    """The copy in tests/api/ninjs/ is IPTC's 2.3 schema, itself valid."""
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.3.json#"
    jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_document_is_valid_ninjs_in_every_language(release, language):
    """Every language's document conforms, and the schema would refuse a stray property."""
    document = release_ninjs(release, language, absolute)
    errors = [error.message for error in validator().iter_errors(document)]
    assert errors == []
    assert not validator().is_valid({**document, "dateline": "Bruxelles"})
    assert document["standard"] == {
        "name": "ninjs",
        "version": "2.3",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.3.json",
    }
    assert document["type"] == "text" and document["pubstatus"] == "usable"


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_are_the_release_s_in_its_language_or_its_original(release, language):
    """fr/nl/en are the release's own texts; German, missing, is the French original."""
    document = release_ninjs(release, language, absolute)
    expected = language if language in ("fr", "nl", "en") else "fr"
    shown = release.in_language(expected)
    assert document["language"] == expected
    assert document["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": shown.title}
    ]
    assert {"role": "summary", "contenttype": "text/plain", "value": shown.lead} in document[
        "descriptions"
    ]
    assert {"role": "dateline", "contenttype": "text/plain", "value": shown.dateline} in document[
        "descriptions"
    ]
    [body] = document["bodies"]
    assert body["value"] == shown.body and body["contenttype"] == "text/html"
    assert body["wordcount"] > 0 and body["charcount"] > body["wordcount"]
    # The canonical page of the version shown: the French one for a German reader.
    assert document["uri"] == absolute(alternate_urls(release)[expected])
    assert document["uri"] == release_ninjs(release, expected, absolute)["uri"]


def test_dates_are_iso_8601_with_the_offset(release):
    document = release_ninjs(release, "fr", absolute)
    published = datetime.datetime.fromisoformat(document["firstcreated"])
    assert published == release.publish_at and published.utcoffset() is not None
    assert document["contentcreated"] == document["firstcreated"]
    assert document["versioncreated"] == document["firstcreated"]  # no correction yet
    assert document["firstcreated"].startswith("2017-05-30T")


def test_pictures_have_absolute_renditions_of_existing_files(release):
    document = release_ninjs(release, "nl", absolute)
    [picture] = [a for a in document["associations"] if a["type"] == "picture"]
    [image] = release.images.all()
    assert picture["name"] == "lead-picture"
    assert picture["copyrightnotice"] == "© SPF Sécurité sociale"
    assert {"role": "alt", "contenttype": "text/plain", "value": image.alt_nl} in picture[
        "descriptions"
    ]
    assert {"role": "caption", "contenttype": "text/plain", "value": image.caption_nl} in picture[
        "descriptions"
    ]
    assert len(picture["renditions"]) == 1 + 2 * len(image.renditions)
    for rendition in picture["renditions"]:
        assert rendition["href"].startswith(f"{SITE}{settings.MEDIA_URL}")
        name = rendition["href"].removeprefix(f"{SITE}{settings.MEDIA_URL}")
        assert default_storage.exists(name), name
        assert rendition["width"] > 0 and rendition["height"] > 0
        assert rendition["contenttype"] in ("image/jpeg", "image/webp", "image/png")


def test_documents_are_associations_with_their_file(release):
    document = release_ninjs(release, "fr", absolute)
    [attached] = [a for a in document["associations"] if a.get("profile") == "document"]
    [pdf] = release.documents.all()
    assert attached["language"] == "en"
    assert attached["headlines"][0]["value"] == pdf.title_fr
    [rendition] = attached["renditions"]
    assert rendition["contenttype"] == "application/pdf"
    assert rendition["sizeinbytes"] == pdf.size > 0
    assert default_storage.exists(rendition["href"].removeprefix(f"{SITE}{settings.MEDIA_URL}"))


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_quoted_officials_carry_the_role_held_that_day(release, language):
    document = release_ninjs(release, language, absolute)
    day = timezone.localtime(release.publish_at).date()
    quotes = list(release.quotes.all())
    assert len(document["people"]) == len(quotes) == 2
    for person, quote in zip(document["people"], quotes, strict=True):
        assert quote.appointment.held_on(day)
        assert person["name"] == quote.appointment.person.full_name
        assert person["rel"] == getattr(quote.appointment.role, f"title_{language}")
        with translation.override(language):
            assert person["uri"] == absolute(quote.appointment.person.get_absolute_url())
    assert document["people"][0]["rel"] in (
        "Ministre des Affaires sociales et de la Santé publique",
        "Minister van Sociale Zaken en Volksgezondheid",
    )


def test_organisations_and_subjects(release):
    document = release_ninjs(release, "fr", absolute)
    issuer, *related = document["organisations"]
    assert issuer["rel"] == "issuer" and issuer["name"] == release.issuing_organization.name_fr
    assert document["by"] == issuer["name"]
    assert len(related) == 4 and {o["rel"] for o in related} == {"related"}
    assert [s["name"] for s in document["subjects"]] == [t.name_fr for t in release.topics.all()]
    assert all(s["uri"].startswith(SITE) for s in document["subjects"])


def test_the_release_number_is_an_altid(release):
    document = release_ninjs(release, "en", absolute)
    numbers = [a["value"] for a in document["altids"] if a["role"] == "release-number"]
    assert numbers == ["1/2017"]
    assert re.fullmatch(r"\d+/\d{4}", numbers[0])
    assert {"role": "guid", "value": f"urn:newsroom:press-release:{release.pk}"} in document[
        "altids"
    ]


def test_corrections_are_an_ednote_and_date_the_version(demo):
    # The row only (bulk_create sends no signal): what a partner is told is not tested here.
    [correction] = Correction.objects.bulk_create(
        [
            Correction(
                release=demo, note_fr="Date de la conférence corrigée.", note_nl="Datum verbeterd."
            )
        ]
    )
    release = release_with_parts(pk=demo.pk, public=True)
    for language, note in (("fr", "Date de la conférence corrigée."), ("nl", "Datum verbeterd.")):
        document = release_ninjs(release, language, absolute)
        assert validator().is_valid(document)
        assert document["ednote"].endswith(f": {note}")
        assert document["version"] == "2"
        assert datetime.datetime.fromisoformat(document["versioncreated"]) == (
            correction.corrected_at
        )
    # English has no note of its own: the original's, as the page shows it.
    assert release_ninjs(release, "en", absolute)["ednote"].endswith(
        ": Date de la conférence corrigée."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_building_the_document_costs_no_query(release, language, django_assert_num_queries):
    with django_assert_num_queries(0):
        release_ninjs(release, language, absolute)
