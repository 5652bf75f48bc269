"""The public site on the demo content: every page type, in every language."""

import json
import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from newsroom.publishing import Status
from tests.conftest import brussels
from tests.public import LANGUAGES, demo_urls, reverse_in, url_in


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_answers_in_every_language(client, demo, language):
    for page, url in demo_urls(demo, language).items():
        response = client.get(url)
        assert response.status_code == 200, (page, url)
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, page
        assert html.count("<h1") == 1, f"{page} must have exactly one h1"
        assert not response.cookies, f"{page} set a cookie for an anonymous visitor"


def test_root_sends_the_visitor_to_the_language_their_browser_prefers(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")["Location"] == "/nl/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/fr/"


def test_urls_are_translated(demo):
    assert url_in(demo, "nl") == "/nl/persberichten/fod-sociale-zekerheid-steunt-socieux/"
    assert url_in(demo, "en") == "/en/releases/fps-social-security-supports-socieux/"
    # German has no translation: its address uses the original's slug.
    assert url_in(demo, "de") == "/de/pressemitteilungen/spf-securite-sociale-soutient-socieux/"


def test_language_switcher_keeps_the_visitor_on_the_same_item(client, demo):
    html = client.get(url_in(demo, "fr")).content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for language in ("nl", "de", "en"):
        assert f'href="{url_in(demo, language)}" hreflang="{language}"' in switcher


def test_language_switcher_on_a_list_keeps_the_filters(client, demo):
    html = client.get(reverse_in("releases:list", "fr") + "?year=2017").content.decode()
    assert 'href="/nl/persberichten/?year=2017"' in html


def test_release_page_shows_everything_a_journalist_needs(client, demo):
    html = client.get(url_in(demo, "fr")).content.decode()
    assert "1/2017" in html and "30 mai 2017" in html
    assert html.count('<figure class="quote">') == 2
    assert "Maggie De Block</a>, Ministre des Affaires sociales et de la Santé publique" in html
    assert "Alexander De Croo</a>, Ministre de la Coopération au développement" in html
    assert 'href="https://www.belincosoc.be/"' in html  # more information
    assert "press@socialsecurity.example" in html  # press contact
    assert "Objectifs de développement durable" in html  # topic
    assert "Facilitating expertise on social protection" in html  # related event
    for name in ("Français", "Nederlands", "English"):
        assert name in html  # languages it exists in
    assert ">Deutsch<" not in html.split('class="release-facts"')[1]


def test_role_shown_is_the_one_held_that_day_even_after_a_reshuffle(client, demo):
    html = client.get(url_in(demo, "fr")).content.decode()
    # Alexander De Croo became Prime Minister in 2020; the 2017 quote keeps his 2017 role.
    assert "Premier ministre" not in html.split('class="release-facts"')[0]


def test_german_reader_gets_the_french_original_marked_as_french(client, demo):
    html = client.get(url_in(demo, "de")).content.decode()
    assert "Dieser Text ist in Ihrer Sprache nicht verfügbar" in html
    assert '<article class="release" lang="fr">' in html
    assert "Le SPF Sécurité sociale contribue" in html
    # Lists show each item in its language and say which languages exist.
    listing = client.get(reverse_in("releases:list", "de")).content.decode()
    assert '<h2 lang="fr"><a href="/de/pressemitteilungen/' in listing
    assert 'title="Französisch" lang="fr">FR</abbr>' in listing
    assert 'lang="de">DE</abbr>' not in listing


def test_organization_page_shows_its_place_in_the_hierarchy_and_releases(client, demo):
    from organizations.models import Organization

    belincosoc = Organization.objects.get(acronym_fr="BELINCOSOC")
    html = client.get(url_in(belincosoc, "nl")).content.decode()
    assert 'class="breadcrumbs"' in html
    assert "Federale Overheidsdienst Sociale Zekerheid</a>" in html
    assert url_in(demo, "nl") in html
    assert url_in(belincosoc, "nl", "organizations:feed_rss") in html


def test_official_page_lists_appointments_quotes_and_releases(client, demo):
    from organizations.models import Person

    html = client.get(url_in(Person.objects.get(slug="alexander-de-croo"), "en")).content.decode()
    assert "Minister of Development Cooperation" in html and "Prime Minister" in html
    assert '<blockquote lang="en"><p>Achieving the Sustainable Development Goals' in html
    assert url_in(demo, "en") in html


# --- filters and bad input -------------------------------------------------------------


@pytest.fixture
def releases_2018(make_release, demo):
    from releases.models import Topic

    topic = Topic.objects.create(name_fr="Pensions", name_nl="Pensioenen")
    release = make_release(
        publish_at=brussels(2018, 3, 1),
        title_fr="Réforme des pensions",
        issuing_organization=demo.issuing_organization,
    )
    release.topics.add(topic)
    return release


@pytest.mark.parametrize(
    "query,expects_seed,expects_2018",
    [
        ("", True, True),
        ("year=2017", True, False),
        ("year=2018", False, True),
        ("topic=pensions", False, True),
        ("topic=protection-sociale", True, False),
        ("official=maggie-de-block", True, False),
        ("organization=belincosoc", True, False),
        ("organization=spf-securite-sociale", True, True),
        ("organization=spf-securite-sociale&year=2018", False, True),
    ],
)
def test_release_list_filters(client, demo, releases_2018, query, expects_seed, expects_2018):
    html = client.get(reverse_in("releases:list", "fr") + "?" + query).content.decode()
    assert (url_in(demo, "fr") in html) == expects_seed
    assert (url_in(releases_2018, "fr") in html) == expects_2018


@pytest.mark.parametrize(
    "query",
    [
        "page=99",
        "page=abc",
        "page=-1",
        "page=0",
        "year=abcd",
        "year=17",
        "year=2017'--",
        "year=0000",
        "year=0001",
        "year=9999",
        "year=%C2%B2%C2%B2%C2%B2%C2%B2",
        "year=%D9%A2%D9%A0%D9%A1%D9%A7",
        "topic=nope",
        "organization=nope",
        "official=nope",
        "organization=%27%3B--",
        "official=" + "x" * 4000,
    ],
)
def test_bad_list_parameters_are_404_not_500(client, demo, query):
    assert client.get(reverse_in("releases:list", "fr") + "?" + query).status_code == 404


@pytest.mark.parametrize(
    "query,status",
    [
        ("official=%00", 400),
        ("topic=a%00b", 400),
        ("year=%00", 400),
        ("official=" + "x" * 5000, 414),
    ],
)
def test_control_characters_and_huge_addresses_are_refused_before_the_view(
    client, demo, query, status
):
    assert client.get(reverse_in("releases:list", "fr") + "?" + query).status_code == status


@pytest.mark.parametrize(
    "path",
    [
        "/fr/communiques/nexiste-pas/",
        "/de/veranstaltungen/nein/",
        "/nl/organisaties/nee/",
        "/en/officials/nobody/",
        "/fr/organisations/nope/feed.rss",
        "/fr/evenements/nope/calendar.ics",
    ],
)
def test_unknown_slug_is_404(client, demo, path):
    assert client.get(path).status_code == 404


def test_pagination_keeps_filters(client, demo, make_release):
    for day in range(1, 23):
        make_release(publish_at=brussels(2018, 1, day))
    html = client.get(reverse_in("releases:list", "fr") + "?year=2018").content.decode()
    assert 'href="?year=2018&amp;page=2"' in html
    page2 = client.get(reverse_in("releases:list", "fr") + "?year=2018&page=2")
    assert page2.status_code == 200 and "Page 2" in page2.content.decode()


def test_error_pages_speak_the_visitors_language(client, db):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="de">' in html and "Seite nicht gefunden" in html
    from django.views.defaults import server_error

    with translation.override("nl"):
        page = server_error(RequestFactory().get("/nl/")).content.decode()
    assert '<html lang="nl">' in page and "Serverfout" in page


# --- metadata ------------------------------------------------------------------------


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_release_metadata(client, demo):
    html = client.get(url_in(demo, "nl")).content.decode()
    assert "<title>De FOD Sociale Zekerheid draagt" in html
    assert '<meta name="description" content="Op 30 mei organiseert SOCIEUX+' in html
    canonical = "http://testserver" + url_in(demo, "nl")
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="nl_BE">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    hreflangs = set(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)"', html))
    assert hreflangs == {"fr", "nl", "en"}
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "nl"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert {p["name"] for p in data["mentions"]} == {"Maggie De Block", "Alexander De Croo"}
    assert data["datePublished"].startswith("2017-05-30T09:00:00+02:00")


def test_fallback_page_points_search_engines_to_the_original(client, demo):
    html = client.get(url_in(demo, "de")).content.decode()
    original = "http://testserver" + url_in(demo, "fr")
    assert f'<link rel="canonical" href="{original}">' in html
    assert '<meta property="og:locale" content="fr_BE">' in html
    data = json_ld(html)
    assert data["inLanguage"] == "fr" and data["url"] == original
    assert "&nbsp;" not in data["articleBody"]
    assert "sustainable development\u00a0»" in data["articleBody"]


def test_untranslated_parts_are_marked_with_their_language(client, demo):
    from releases.models import ReleaseLink

    ReleaseLink.objects.create(
        release=demo,
        label_fr="Programme (en français)",
        url="https://example.be/programme.pdf",
        order=9,
    )
    html = client.get(url_in(demo, "nl")).content.decode()
    assert 'lang="fr">Programme (en français)</a>' in html
    assert 'lang="nl">' in html.split('class="release-facts"')[1]


def test_json_ld_cannot_be_broken_out_of(client, make_release):
    hostile = '</script><script>alert("x")</script> & <!--'
    release = make_release(title_fr=hostile, lead_fr=hostile)
    html = client.get(url_in(release, "fr")).content.decode()
    block = html[html.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>") + len("</script>")]
    assert block.count("</script>") == 1 and "<script>" not in block
    assert json_ld(html)["headline"] == hostile
    assert "<script>alert" not in html


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /admin/" in text


def test_favicon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_scheduled_release_page_is_404_until_its_time_for_the_public(client, make_release):
    release = make_release(status=Status.APPROVED, publish_at=brussels(2099, 1, 1))
    assert client.get(url_in(release, "fr")).status_code == 404
