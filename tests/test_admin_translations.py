"""Every admin page in French, Dutch and German: no English string that has a translation.

The test walks the pages press officers and editors open (the desk, every model's list,
add, change, history and delete pages, the workflow's forms, a form with errors) and
reads every text node and every attribute a person reads or hears (title, placeholder,
aria-label, alt, button values). A string equal to an English source string of any
catalogue loaded for that language (Django's, the libraries', ours) whose translation
differs is a string we forgot to translate or to mark for translation."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.test_admin import staff_client  # noqa: F401  (the fixture)
from workflow.transitions import TRANSITIONS

LANGUAGES = ("fr", "nl", "de")
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "aria-description"}
# What is not the interface: the editor's own text, code and data.
SKIPPED_ELEMENTS = {"script", "style", "textarea", "code", "pre", "template"}


class Strings(HTMLParser):
    """The text a person reads on a page in its language, with where it was found.

    Code, the editor's own text and what is marked as another language (``lang``, as
    the language chooser's "English") are left out."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.found = []
        self.skipped_tag, self.depth = None, 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.skipped_tag:
            self.depth += tag == self.skipped_tag
            return
        foreign = attributes.get("lang", self.language).split("-")[0] != self.language
        if tag in SKIPPED_ELEMENTS or foreign:
            self.skipped_tag, self.depth = tag, 1
            return
        for name, value in attributes.items():
            if value and (name in READ_ATTRIBUTES or name.startswith("data-") and " " in value):
                self.found.append((f"<{tag} {name}>", value))
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.found.append((f"<{tag} value>", attributes.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == self.skipped_tag:
            self.depth -= 1
            if not self.depth:
                self.skipped_tag = None

    def handle_data(self, data):
        if not self.skipped_tag:
            self.found.append(("text", data))


def english_sources(language):
    """English source strings (lowercased) whose translation into ``language`` differs."""
    catalog = trans_real.translation(language)._catalog
    translations = {normal(value) for _key, value in catalog.items()}
    sources = {}
    for key, value in catalog.items():
        if isinstance(key, tuple):  # a plural form: (msgid, n)
            key = key[0]
        if "\x04" in key or not key.strip() or "%" in key or "{" in key:
            continue  # a context, the catalogue header, a format
        if normal(key) not in translations:  # "Date" is also French
            sources[normal(key)] = value
    return sources


def normal(text):
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().lower()


def untranslated(html, sources, language):
    parser = Strings(language)
    parser.feed(html)
    return sorted(
        {
            (where, text.strip())
            for where, text in parser.found
            if len(normal(text)) > 1 and normal(text) in sources
        }
    )


def admin_pages(demo):
    """Every admin page an editor opens, with the demo's items."""
    pages = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:two_factor"),
        reverse("notices:preferences"),
        reverse("admin:press_lists_journalist_import"),
        reverse("desk:calendar"),
        reverse("desk:calendar") + "?view=month&date=2017-05-01",
        reverse("admin:releases_pressrelease_schedule"),
        reverse("desk:compare", args=["releases", "pressrelease", demo.pk]),
    ]
    labels = sorted({model._meta.app_label for model in admin.site._registry})
    pages += [reverse("admin:app_list", args=[label]) for label in labels]
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(_Request()):
            pages.append(reverse(f"{info}_add"))
        item = demo if model is type(demo) else model._default_manager.first()
        if item is None:
            continue
        for view in ("change", "history", "delete"):
            pages.append(reverse(f"{info}_{view}", args=[item.pk]))
        if hasattr(model_admin, "translations_view"):  # translations/admin.py
            pages.append(reverse(f"{info}_translations", args=[item.pk]))
            pages.append(reverse(f"{info}_translation_import"))
    return pages


class _Request:
    """Enough of a request for ``has_add_permission`` (the superuser may add all)."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


@pytest.fixture
def walked(staff_client, demo, admin_user, make_release):  # noqa: F811
    from tests.desk.helpers import saved_by

    demo.title_fr += " (corrigé)"
    saved_by(demo, admin_user)  # a second revision: history and comparison have rows
    draft = make_release(status=Status.DRAFT, **complete())
    pages = admin_pages(demo)
    pages += [
        reverse("admin:releases_pressrelease_transition", args=[draft.pk, name])
        for name in TRANSITIONS
    ]
    return staff_client, pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_admin_page_shows_an_english_string_that_has_a_translation(walked, language):
    client, pages = walked
    client.cookies["django_language"] = language
    with translation.override(language):
        sources = english_sources(language)
    assert len(sources) > 500  # Django's catalogues and ours were read
    found = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        # The audit trail, the send log and the newsroom's identity are never deleted.
        refused = url.endswith("/delete/") and re.search(
            "/(statechange|siteidentity|delivery)/", url
        )
        assert response.status_code == (403 if refused else 200), (url, response.status_code)
        if refused:
            continue
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, url
        for where, text in untranslated(html, sources, language):
            found.setdefault(text, f"{url} {where}")
    assert found == {}, "\n".join(f"{text!r} on {url}" for text, url in sorted(found.items()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_errors_and_the_press_officers_desk_are_translated(client, demo, language):
    officer = staff_user("officer", "Press officers")
    client.force_login(officer)
    client.cookies["django_language"] = language
    with translation.override(language):
        sources = english_sources(language)
    pages = {
        "dashboard": client.get(reverse("admin:index")),
        "release with errors": client.post(reverse("admin:releases_pressrelease_add"), {}),
        "event with errors": client.post(reverse("admin:events_event_add"), {}),
    }
    found = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        for where, text in untranslated(response.content.decode(), sources, language):
            found.setdefault(text, f"{name} {where}")
    assert "errornote" in pages["release with errors"].content.decode()
    assert found == {}, "\n".join(f"{text!r} on {page}" for text, page in sorted(found.items()))


def test_the_walk_finds_what_a_french_reader_would_see_in_english():
    with translation.override("fr"):
        sources = english_sources("fr")
    html = '<p>Save</p><p lang="en">History</p><img alt="Delete"><p>Date :</p><p>Dutch</p>'
    # "Date" is French too; what is marked as English is meant to be English.
    assert untranslated(html, sources, "fr") == [
        ("<img alt>", "Delete"),
        ("text", "Dutch"),
        ("text", "Save"),
    ]


@pytest.mark.parametrize(
    "language,phrase,awkward",
    [
        ("fr", "Ajouter : citation", "Ajouter un objet Citation supplémentaire"),
        ("nl", "Toevoegen: citaat", "Nog een Citaat toevoegen"),
        ("de", "Hinzufügen: Zitat", "Zitat hinzufügen"),
    ],
)
def test_djangos_awkward_add_another_is_said_better(client, demo, language, phrase, awkward):
    """The inline's "add another" button (written by Django's script from a JSON
    attribute the walk above does not read as text)."""
    import json

    client.force_login(staff_user("ed", "Editors"))
    client.cookies["django_language"] = language
    html = client.get(reverse("admin:releases_pressrelease_change", args=[demo.pk])).content
    settings = re.search(r'id="quotes-group"[^>]*data-inline-formset="([^"]*)"', html.decode())
    options = json.loads(settings.group(1).replace("&quot;", '"'))["options"]
    assert options["addText"].lower() == phrase.lower()
    assert awkward.lower() not in html.decode().lower()
