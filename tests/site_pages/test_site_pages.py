"""The site pages a public body must publish (accessibility statement, privacy notice,
legal notice, contact): in four languages, in every footer and the sitemap, edited by
editors in the admin, never empty."""

import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from site_pages.models import SitePage
from tests.forms import form_data
from tests.public import LANGUAGES, demo_urls, reverse_in, url_in
from tests.test_syndication import sitemap_entries

#: The EU model statement's parts, in its order (the headings are the UI's strings).
EU_MODEL_HEADINGS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
    "Feedback and contact information",
    "Enforcement procedure",
]


@pytest.fixture
def fresh_cache(settings):
    """A fragment cache of this test's own, on for fragments (as in production)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-site-pages-{uuid.uuid4()}",
        }
    }
    settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT = 3600
    return caches["default"]


def pages():
    return list(SitePage.objects.in_footer_order())


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_every_language_with_its_title(client, demo, language):
    """German has no translation in the demo: the French original, marked as such."""
    assert len(pages()) == 4
    for page in pages():
        response = client.get(url_in(page, language))
        assert response.status_code == 200, page.kind
        html = response.content.decode()
        title = page.in_language(page.content_language(language)).title
        assert f"<h1>{title}</h1>".replace("'", "&#x27;") in html, (page.kind, language)
        if language == "de":
            assert '<article class="site-page" lang="fr">' in html
            assert 'class="notice" role="note"' in html  # the fallback notice
        assert "<script" not in html.split("</head>")[1]


def test_the_accessibility_statement_follows_the_eu_model_order(client, demo):
    statement = SitePage.objects.get(kind=SitePage.Kind.ACCESSIBILITY)
    for language in LANGUAGES:
        html = client.get(url_in(statement, language)).content.decode()
        with translation.override(language):
            headings = [escape(gettext(heading)) for heading in EU_MODEL_HEADINGS]
        positions = [html.index(f">{heading}</h2>") for heading in headings]
        assert positions == sorted(positions), language
        assert "EN 301 549" in html
        assert '<time datetime="2025-01-15">' in html  # prepared on
        assert '<time datetime="2025-06-30">' in html  # last reviewed on
    english = client.get(url_in(statement, "en")).content.decode()
    assert "partially compliant with standard EN 301 549" in english
    assert "[Placeholder — to be completed by the press office]" in english
    dutch = client.get(url_in(statement, "nl")).content.decode()
    assert "[Voorbeeld — in te vullen door de persdienst]" in dutch
    assert "federaalombudsman.be" in dutch


def test_addresses_are_translated_slugs_with_hreflang_alternates(client, demo):
    statement = SitePage.objects.get(kind=SitePage.Kind.ACCESSIBILITY)
    assert url_in(statement, "fr").endswith("/declaration-daccessibilite/")
    assert url_in(statement, "nl").endswith("/toegankelijkheidsverklaring/")
    # No German version: the German address carries the French slug.
    assert url_in(statement, "de").endswith(f"/{statement.slug_fr}/")
    html = client.get(url_in(statement, "nl")).content.decode()
    for code in ("fr", "nl", "en"):
        assert f'hreflang="{code}" href="http://testserver{url_in(statement, code)}"' in html
    assert 'hreflang="de"' not in html.split("</head>")[0]  # no German version
    assert f'<link rel="canonical" href="http://testserver{url_in(statement, "nl")}">' in html
    # The French slug asked for in Dutch: sent to the Dutch address.
    wrong = url_in(statement, "nl").replace(statement.slug_nl, statement.slug_fr)
    response = client.get(wrong)
    assert response.status_code == 301 and response["Location"] == url_in(statement, "nl")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_links_the_four_pages_in_the_readers_language(client, demo, language):
    expected = [
        (url_in(page, language), page.in_language(page.content_language(language)).title)
        for page in pages()
    ]
    for name, url in demo_urls(demo, language).items():
        html = footer(client.get(url).content.decode())
        for href, title in expected:
            assert f'href="{href}"' in html, (name, href)
            assert title.replace("'", "&#x27;") in html, (name, title)


def test_the_sitemap_lists_the_pages_in_their_languages(client, demo):
    entries = sitemap_entries(client)
    for page in pages():
        for code in ("fr", "nl", "en"):
            assert url_in(page, code) in entries, (page.kind, code)
        assert url_in(page, "de") not in entries
        alternates = entries[url_in(page, "nl")]
        assert alternates == {
            "fr": url_in(page, "fr"),
            "nl": url_in(page, "nl"),
            "en": url_in(page, "en"),
            "x-default": url_in(page, "fr"),
        }


def test_a_page_without_a_body_is_404_and_nowhere(client, demo, fresh_cache):
    legal = SitePage.objects.get(kind=SitePage.Kind.LEGAL)
    url = url_in(legal, "fr")
    SitePage.objects.filter(pk=legal.pk).update(body_fr="")  # as a script could
    legal.refresh_from_db()
    assert client.get(url).status_code == 404
    legal.save()  # the update sent no signal: a save changes the public version
    home = client.get(reverse_in("home", "fr")).content.decode()
    assert url not in home and "Mentions légales" not in footer(home)
    assert url not in sitemap_entries(client)


def test_a_page_never_saved_is_in_no_footer(client, db, fresh_cache):
    """A new installation: no pages, no links, no error."""
    assert SitePage.objects.count() == 0
    html = client.get(reverse_in("home", "fr")).content.decode()
    assert "/about/" not in footer(html)
    assert client.get(reverse("sitemap")).status_code == 200


def test_the_original_language_needs_a_title_and_a_text(db):
    from django.core.exceptions import ValidationError

    page = SitePage(kind=SitePage.Kind.CONTACT, title_fr="Contact")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "text" in str(error.value)


def test_an_accessibility_statement_needs_the_eu_models_parts(db):
    from django.core.exceptions import ValidationError

    page = SitePage(kind=SitePage.Kind.ACCESSIBILITY, title_fr="Accessibilité", body_fr="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"conformance", "prepared_on", "feedback_fr", "enforcement_fr"} <= set(
        error.value.message_dict
    )


def test_one_page_of_each_kind(demo):
    from django.core.exceptions import ValidationError

    duplicate = SitePage(
        kind=SitePage.Kind.CONTACT, title_fr="Autre contact", body_fr="<p>Texte</p>"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "kind" in error.value.message_dict


def change_in_the_admin(client, page, **changes):
    url = reverse("admin:site_pages_sitepage_change", args=[page.pk])
    data = form_data(client.get(url).content.decode(), "sitepage_form")
    data.update(changes)
    return client.post(url, data)


def test_an_editor_edits_a_page_and_what_is_saved_is_sanitised(client, demo, editor):
    contact = SitePage.objects.get(kind=SitePage.Kind.CONTACT)
    client.force_login(editor)
    response = change_in_the_admin(
        client,
        contact,
        body_fr='<p>Écrivez-nous</p><script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">lien</a>',
        title_de="Kontakt",
        body_de="<p>Schreiben Sie uns</p>",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    contact.refresh_from_db()
    for body in (contact.body_fr, contact.body_de):
        assert "<script" not in body and "onerror" not in body and "javascript:" not in body
    assert "<p>Écrivez-nous</p>" in contact.body_fr
    client.logout()
    html = client.get(url_in(contact, "fr")).content.decode()
    assert "Écrivez-nous" in html and "alert(" not in html
    # Now written in German: German readers get it, with a German address.
    german = client.get(url_in(contact, "de")).content.decode()
    assert "Schreiben Sie uns" in german and 'class="notice"' not in german


def test_staff_without_the_permission_get_403(client, demo, press_officer, db):
    from django.contrib.auth.models import User

    contact = SitePage.objects.get(kind=SitePage.Kind.CONTACT)
    bare = User.objects.create_user("bare", password="x", is_staff=True)
    for user in (bare, press_officer):
        client.force_login(user)
        url = reverse("admin:site_pages_sitepage_change", args=[contact.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"title_fr": "Piraté"}).status_code == 403
    contact.refresh_from_db()
    assert contact.title_fr == "Contacter le service de presse"


def test_editors_may_preview_a_page_without_a_body_never_stored(client, demo, editor):
    legal = SitePage.objects.get(kind=SitePage.Kind.LEGAL)
    url = url_in(legal, "fr")
    SitePage.objects.filter(pk=legal.pk).update(body_fr="")
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex, nofollow"' in response.content.decode()


@pytest.mark.parametrize("page_cache", [False, True])
def test_saving_a_page_refreshes_every_footer_at_once(
    client, demo, fresh_cache, settings, page_cache
):
    settings.NEWSROOM_PAGE_CACHE = page_cache
    privacy = SitePage.objects.get(kind=SitePage.Kind.PRIVACY)
    urls = demo_urls(demo, "fr")
    for url in urls.values():
        assert "Protection de la vie privée" in footer(client.get(url).content.decode())
    privacy.title_fr = "Données personnelles"
    privacy.save()
    for name, url in urls.items():
        html = footer(client.get(url).content.decode())
        assert "Données personnelles" in html and "Protection de la vie" not in html, name


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_the_footer_costs_no_query_once_cached(client, demo, fresh_cache):
    """A page costs the same with the four links as without any: they are kept in the
    fragment cache with the rest of the footer."""
    urls = demo_urls(demo, "nl")
    for url in urls.values():
        client.get(url)
    with_pages = {name: queries(client, url) for name, url in urls.items()}
    kept = list(SitePage.objects.all())
    SitePage.objects.all().delete()
    urls.pop("accessibility statement")
    for url in urls.values():
        client.get(url)
    without = {name: queries(client, url) for name, url in urls.items()}
    assert without == {name: with_pages[name] for name in without}
    assert kept
