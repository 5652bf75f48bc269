import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from newsroom.publishing import Status
from releases.models import PressRelease, Quote
from tests.conftest import brussels


def test_release_numbers_count_per_year_of_publication(make_release):
    first = make_release(publish_at=brussels(2017, 2, 1))
    second = make_release(publish_at=brussels(2017, 5, 30))
    next_year = make_release(publish_at=brussels(2018, 1, 3))
    assert [first.reference, second.reference, next_year.reference] == [
        "1/2017",
        "2/2017",
        "1/2018",
    ]
    listed = PressRelease.objects.with_numbers().order_by("publish_at")
    assert [(r.release_number, r.release_year) for r in listed] == [(1, 2017), (2, 2017), (1, 2018)]


def test_the_year_of_a_number_is_the_year_in_brussels(make_release):
    # 00:30 on 1 January in Brussels is still 31 December in UTC.
    last = make_release(publish_at=brussels(2017, 12, 31, 23, 59))
    first = make_release(publish_at=brussels(2018, 1, 1, 0, 30))
    second = make_release(publish_at=brussels(2018, 1, 1, 0, 45))
    assert [last.reference, first.reference, second.reference] == ["1/2017", "1/2018", "2/2018"]


def test_drafts_and_scheduled_releases_have_no_number_yet(make_release, clock):
    draft = make_release(status=Status.DRAFT)
    assert draft.reference == ""
    go_live = brussels(2030, 3, 1, 9)
    clock.set(brussels(2030, 1, 1))
    scheduled = make_release(publish_at=go_live)
    published = make_release(publish_at=brussels(2030, 1, 1))
    # A scheduled release takes no number before it is live: no visible gap betrays it.
    assert scheduled.reference == "" and published.reference == "1/2030"
    clock.set(go_live)
    scheduled = PressRelease.objects.get(pk=scheduled.pk)
    assert scheduled.reference == "2/2030"


def test_numbers_do_not_change_when_a_release_is_withdrawn_or_edited(make_release):
    first = make_release(publish_at=brussels(2017, 2, 1))
    second = make_release(publish_at=brussels(2017, 5, 30))
    first.status = Status.WITHDRAWN
    first.save()
    second.title_fr = "Titre corrigé"
    second.save()
    assert PressRelease.objects.get(pk=second.pk).reference == "2/2017"
    assert PressRelease.objects.get(pk=first.pk).reference == "1/2017"


def test_the_year_is_the_year_in_brussels_not_in_utc(make_release):
    # 00:30 on 1 January in Brussels is still 31 December in UTC.
    make_release(publish_at=brussels(2017, 12, 31, 23, 0))
    release = make_release(publish_at=brussels(2018, 1, 1, 0, 30))
    assert release.reference == "1/2018"


def test_releases_published_at_the_same_second_get_distinct_numbers(make_release):
    same = brussels(2017, 5, 30, 9)
    first, second = make_release(publish_at=same), make_release(publish_at=same)
    assert {first.reference, second.reference} == {"1/2017", "2/2017"}


def test_original_language_must_be_complete(organization):
    release = PressRelease(
        original_language="nl",
        title_fr="Titre",
        lead_fr="Chapeau",
        body_fr="<p>x</p>",
        issuing_organization=organization,
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "The original language (Dutch) must have: title, lead, body." in str(error.value)


def test_fallback_goes_to_the_original_language_not_to_french(make_release):
    release = make_release(
        original_language="nl",
        title_fr="",
        lead_fr="",
        body_fr="",
        title_nl="Persbericht",
        lead_nl="Inleiding",
        body_nl="<p>Tekst</p>",
        title_en="Press release",
        lead_en="Lead",
        body_en="<p>Text</p>",
    )
    assert release.available_languages == ["nl", "en"]
    assert release.content_language("de") == "nl"
    assert release.content_language("fr") == "nl"
    assert release.content_language("en") == "en"
    with translation.override("de"):
        assert release.content_language() == "nl"


def test_an_incomplete_translation_does_not_count(make_release):
    release = make_release(title_nl="Alleen een titel")
    assert release.available_languages == ["fr"]
    with translation.override("en"):
        assert release.missing_fields("nl") == ["lead", "body"]


def test_slug_is_made_from_the_title_in_each_language(make_release):
    release = make_release(
        title_fr="Le SPF Sécurité sociale soutient SOCIEUX+",
        title_nl="De FOD Sociale Zekerheid steunt SOCIEUX+",
    )
    assert release.slug_fr == "le-spf-securite-sociale-soutient-socieux"
    assert release.slug_nl == "de-fod-sociale-zekerheid-steunt-socieux"
    assert release.slug_de is None


def test_quote_speaker_must_hold_the_role_on_the_release_date(make_release, appointment):
    before_office = make_release(publish_at=brussels(2013, 5, 30))
    quote = Quote(release=before_office, appointment=appointment, text_fr="Citation")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "appointment" in error.value.message_dict
    in_office = make_release(publish_at=brussels(2017, 5, 30))
    Quote(release=in_office, appointment=appointment, text_fr="Citation").full_clean()


def test_quote_needs_text_in_the_release_original_language(make_release, appointment):
    release = make_release(publish_at=brussels(2017, 5, 30))
    quote = Quote(release=release, appointment=appointment, text_nl="Alleen Nederlands")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "text_fr" in error.value.message_dict


def test_quote_keeps_the_role_of_that_day_after_a_reshuffle(
    make_release, appointment, person, organization
):
    from organizations.models import Appointment, Role

    release = make_release(publish_at=brussels(2017, 5, 30))
    quote = Quote.objects.create(release=release, appointment=appointment, text_fr="Citation")
    pm = Role.objects.create(title_fr="Première ministre", organization=organization)
    Appointment.objects.create(person=person, role=pm, started_on=datetime.date(2020, 10, 1))
    quote.refresh_from_db()
    assert quote.appointment.role.title_fr == "Ministre des Affaires sociales"
