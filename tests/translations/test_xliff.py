"""The round trip to the translation service: a release exported as XLIFF 1.2 from its
original into Dutch, translated by a program standing in for the translator's tool,
imported back; and the files that must be refused, with a report and no change."""

import datetime

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from reversion.models import Version

from newsroom.publishing import Status
from newsroom.richtext import sanitize_html
from releases.models import PressRelease, Quote
from tests.conftest import staff_user
from translations import status, xliff

pytestmark = pytest.mark.django_db

NS = {"x": xliff.NAMESPACE}
BODY_FR = (
    '<p>Le SPF soutient <a href="https://socieux.eu/">SOCIEUX+</a> et '
    "<strong>BELINCOSOC</strong>.</p><p>Programme<br>en ligne</p>"
)


@pytest.fixture
def release(make_release, appointment):
    release = make_release(status=Status.DRAFT, body_fr=BODY_FR, title_nl="Oud")
    Quote.objects.create(release=release, appointment=appointment, text_fr="Une citation")
    return release


def translate(document, translations):
    """What the translator's tool does: fill each unit's target (a function of the
    source element), keeping the inline codes."""
    root = etree.fromstring(document)
    for unit in root.iterfind(".//x:trans-unit", NS):
        source, target = unit.find("x:source", NS), unit.find("x:target", NS)
        text = translations.get(unit.get("id").rsplit(":", 1)[1])
        if text is None:
            continue
        if target is None:
            target = etree.SubElement(unit, f"{{{xliff.NAMESPACE}}}target")
        target.clear()
        text(source, target)
        target.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def plain(value):
    def fill(source, target):
        target.text = value

    return fill


def dutch_body(source, target):
    """The body's two paragraphs translated, each inline code kept in place."""
    first, second = [etree.fromstring(etree.tostring(g)) for g in source]
    first.text = "De FOD steunt "
    link, strong = first[0], first[1]
    link.tail, strong.text, strong.tail = " en ", "BELINCOSOC", "."
    second.text = "Programma"
    second[0].tail = "online"
    target.extend([first, second])


def test_the_export_is_xliff_1_2_with_one_unit_per_field_and_inline_codes(release):
    document = xliff.export([release], "nl")
    root = etree.fromstring(document)
    assert root.get("version") == "1.2" and root.nsmap[None] == xliff.NAMESPACE
    file_node = root.find("x:file", NS)
    assert file_node.get("source-language") == "fr"
    assert file_node.get("target-language") == "nl"
    ids = [unit.get("id") for unit in root.iterfind(".//x:trans-unit", NS)]
    assert ids == [
        f"releases.pressrelease:{release.pk}:title",
        f"releases.pressrelease:{release.pk}:lead",
        f"releases.pressrelease:{release.pk}:body",
        f"releases.quote:{release.quotes.get().pk}:text",
    ]
    body = root.find(f".//x:trans-unit[@id='releases.pressrelease:{release.pk}:body']", NS)
    source = etree.tostring(body.find("x:source", NS)).decode()
    # Markup as codes (g for elements with content, x for a line break), no HTML.
    assert "<g " in source and "<x " in source and "href" not in source and "<p" not in source
    states = [t.get("state") for t in root.iterfind(".//x:target", NS)]
    assert states == ["translated", "new", "new", "new"]  # only the title was translated


def test_round_trip_the_dutch_fields_equal_the_translation_and_are_sanitised(release):
    translator = staff_user("translator", "Press officers")
    document = translate(
        xliff.export([release], "nl"),
        {
            "title": plain("SOCIEUX+ gesteund"),
            "lead": plain("De FOD steunt <SOCIEUX+> & BELINCOSOC"),
            "body": dutch_body,
            "text": plain("Een citaat"),
        },
    )
    report = xliff.read(document, "nl", translator, lambda obj: True)
    assert report.applied, report.errors
    assert len(report.updated) == 4
    release.refresh_from_db()
    assert release.title_nl == "SOCIEUX+ gesteund"
    assert release.lead_nl == "De FOD steunt <SOCIEUX+> & BELINCOSOC"  # text stays text
    assert release.body_nl == (
        '<p>De FOD steunt <a href="https://socieux.eu/" rel="noopener noreferrer">SOCIEUX+</a>'
        " en <strong>BELINCOSOC</strong>.</p><p>Programma<br>online</p>"
    )
    assert release.body_nl == sanitize_html(release.body_nl)
    assert release.quotes.get().text_nl == "Een citaat"
    # A new revision in the importing user's name, and the Dutch now up to date.
    version = Version.objects.get_for_object(release).first()
    assert version.revision.user == translator
    assert "XLIFF" in version.revision.comment
    assert not [s for s in status.statuses(release, ["nl"]) if s.status != status.CURRENT]


def test_a_tampered_source_is_refused_and_nothing_changes(release):
    document = xliff.export([release], "nl").replace(b"Chapeau 1", b"Chapeau modifi\xc3\xa9")
    document = translate(document, {"lead": plain("Inleiding"), "title": plain("Titel")})
    report = xliff.read(document, "nl", None, lambda obj: True)
    assert not report.applied
    assert any(
        "lead" in error and "not the one in the newsroom" in error for error in report.errors
    )
    release.refresh_from_db()
    assert (release.title_nl, release.lead_nl) == ("Oud", None)


def test_a_source_changed_in_the_newsroom_since_the_export_is_refused(release):
    document = translate(xliff.export([release], "nl"), {"lead": plain("Inleiding")})
    release.lead_fr = "Un autre chapeau"
    release.save()
    report = xliff.read(document, "nl", None, lambda obj: True)
    assert not report.applied and "export the item again" in report.errors[0]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_file_for_another_language_is_refused(release, language):
    document = translate(xliff.export([release], "nl"), {"lead": plain("Inleiding")})
    report = xliff.read(document, language, None, lambda obj: True)
    assert not report.applied
    assert "not" in report.problems[0] and "nl" in report.problems[0]
    release.refresh_from_db()
    assert release.lead_nl is None and release.lead_de is None


def test_broken_markup_is_refused(release):
    def codes_left_out(source, target):
        target.text = "Alleen tekst, zonder codes"

    def unknown_code(source, target):
        dutch_body(source, target)
        etree.SubElement(target, f"{{{xliff.NAMESPACE}}}ph", id="99").text = "<script>"

    for broken, message in ((codes_left_out, "left out"), (unknown_code, "markup")):
        document = translate(xliff.export([release], "nl"), {"body": broken})
        report = xliff.read(document, "nl", None, lambda obj: True)
        assert not report.applied
        assert any("broken" in error and message in error for error in report.errors)
    release.refresh_from_db()
    assert release.body_nl is None


def test_unknown_units_and_items_are_refused(release):
    document = xliff.export([release], "nl")
    unknown_unit = document.replace(b":lead", b":secret_field")
    report = xliff.read(translate(unknown_unit, {}), "nl", None, lambda obj: True)
    assert not report.applied and "no such text" in report.errors[0]
    unknown_item = document.replace(
        f'original="releases.pressrelease:{release.pk}"'.encode(),
        b'original="releases.pressrelease:999999"',
    )
    report = xliff.read(unknown_item, "nl", None, lambda obj: True)
    assert not report.applied and "no such item" in report.problems[0]
    assert xliff.read(b"<html>not xliff</html>", "nl", None, lambda o: True).problems


def test_a_translation_changed_in_the_newsroom_after_the_export_is_not_overwritten(release):
    exported = xliff.export([release], "nl", now=timezone.now() - datetime.timedelta(minutes=5))
    with reversion.create_revision():
        reversion.set_user(staff_user("colleague", "Press officers"))
        release.title_nl = "Titel van een collega"
        release.save()
    report = xliff.read(translate(exported, {"title": plain("Mijn titel")}), "nl", None, bool)
    assert not report.applied and "colleague changed this translation" in report.errors[0]
    release.refresh_from_db()
    assert release.title_nl == "Titel van een collega"


def test_the_import_page_refuses_what_the_user_may_not_change(client, make_release):
    """A live release is an editor's: a press officer's file is refused, whole."""
    live = make_release(title_nl="Oud")
    document = translate(xliff.export([live], "nl"), {"lead": plain("Inleiding")})
    client.force_login(staff_user("officer", "Press officers"))
    url = reverse("admin:releases_pressrelease_translation_import")
    upload = {"language": "nl", "file": _file(document)}
    html = client.post(url, upload, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The file was refused" in html and "you may not change" in html
    assert PressRelease.objects.get(pk=live.pk).lead_nl is None
    client.force_login(staff_user("chief", "Editors"))
    upload = {"language": "nl", "file": _file(document)}
    html = client.post(url, upload, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 text imported into Dutch" in html
    assert PressRelease.objects.get(pk=live.pk).lead_nl == "Inleiding"
    # A change to what a live release shows is in its audit trail.
    from workflow.models import StateChange

    edit = StateChange.objects.get(action="edit", object_id=live.pk)
    assert edit.user.username == "chief"


def test_export_of_a_selection_from_the_list(client, make_release, editor):
    first, second = make_release(), make_release(original_language="nl", title_nl="NL")
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_changelist")
    selection = {"action": "export_for_translation", "_selected_action": [first.pk, second.pk]}
    page = client.post(url, selection, HTTP_ACCEPT_LANGUAGE="en")
    assert "Translate into" in page.content.decode()
    response = client.post(url, {**selection, "language": "nl"})
    assert response["Content-Type"] == xliff.CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    files = etree.fromstring(response.content).findall("x:file", NS)
    # The release written in Dutch has nothing to translate into Dutch.
    assert [f.get("original") for f in files] == [f"releases.pressrelease:{first.pk}"]


def _file(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("release.nl.xlf", content, content_type=xliff.CONTENT_TYPE)


def test_an_entity_in_the_file_reads_no_file_of_the_server(release):
    """XML external entities are not resolved (translate-toolkit's safe parser)."""
    document = translate(xliff.export([release], "nl"), {"lead": plain("Inleiding &xxe;")})
    document = document.replace(b"&amp;xxe;", b"&xxe;").replace(
        b"<xliff ",
        b'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff ',
        1,
    )
    xliff.read(document, "nl", None, lambda obj: True)
    release.refresh_from_db()
    assert release.lead_nl == "Inleiding"  # the reference is dropped, not expanded
    assert "root:" not in release.lead_nl


@pytest.mark.parametrize(
    "damage",
    [
        (b'date="', b'date="2026-13-45T00:00:00" x="'),  # a date that is no date
        (b'date="', b'date="2026-01-01T00:00:00" x="'),  # without a time zone
        (b'date="', b'x="'),  # no date: the check of later changes would be skipped
        (b'<g id="1">', b'<g id="abc">'),  # a code without its number
    ],
)
def test_a_damaged_file_gets_a_report_not_an_error(release, damage):
    document = translate(xliff.export([release], "nl"), {"body": dutch_body})
    document = document.replace(*damage)
    report = xliff.read(document, "nl", None, lambda obj: True)
    assert not report.applied and report.errors
    release.refresh_from_db()
    assert release.body_nl is None


def test_a_unit_twice_in_the_file_is_refused(release):
    document = translate(xliff.export([release], "nl"), {"lead": plain("Inleiding")})
    root = etree.fromstring(document)
    body = root.find(".//x:body", NS)
    body.append(etree.fromstring(etree.tostring(body[1])))
    report = xliff.read(etree.tostring(root), "nl", None, lambda obj: True)
    assert not report.applied and "twice" in report.errors[-1]


def test_an_untranslated_copy_of_the_original_is_not_imported(release):
    def copied(source, target):
        target.text = source.text

    document = translate(xliff.export([release], "nl"), {"lead": copied})
    document = document.replace(b'state="translated">Chapeau 1', b'state="new">Chapeau 1')
    report = xliff.read(document, "nl", None, lambda obj: True)
    assert "original text" in next(r.message for r in report.results if r.unit.endswith(":lead"))
    release.refresh_from_db()
    assert release.lead_nl is None


def test_a_quote_alone_imported_is_a_new_version_of_its_release(release, editor):
    """Four eyes and the stale-form guard see it: the release's version and History."""
    version = release.version
    document = translate(xliff.export([release], "nl"), {"text": plain("Een citaat")})
    report = xliff.read(document, "nl", editor, lambda obj: True)
    assert report.applied and [r.unit for r in report.updated] == [
        f"releases.quote:{release.quotes.get().pk}:text"
    ]
    release.refresh_from_db()
    assert release.version == version + 1
    assert Version.objects.get_for_object(release).first().revision.user == editor


def test_a_file_of_an_image_sees_a_change_made_since(make_release):
    from attachments.models import Image

    release = make_release(status=Status.DRAFT)
    image = Image.objects.create(release=release, alt_fr="Une photo")
    exported = xliff.export([image], "nl", now=timezone.now() - datetime.timedelta(minutes=5))
    image.alt_nl = "Foto van een collega"
    image.save()
    report = xliff.read(translate(exported, {"alt": plain("Mijn foto")}), "nl", None, bool)
    assert not report.applied and "after the export" in report.errors[0]
