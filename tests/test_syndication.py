"""Feeds, calendars and sitemaps parse, and carry what a reader expects."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.public import LANGUAGES, feed_urls, reverse_in, url_in


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_parse_and_carry_the_full_text(client, demo, language):
    for kind, url in feed_urls(demo, language).items():
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.version == ("atom10" if "atom" in kind else "rss20")
        assert feed.feed.language == language
        [entry] = feed.entries
        assert entry.link.endswith(url_in(demo, language))
        content = entry.content[0].value if "content" in entry else entry.summary
        # Full content: lead, body, quotes and links, in the reader's language or the original.
        expected = {
            "fr": "Depuis 2016",
            "de": "Depuis 2016",
            "nl": "Sinds 2016",
            "en": "Since 2016",
        }[language]
        assert expected in content
        assert "Maggie De Block" in content and "https://www.belincosoc.be/" in content
        assert entry.published_parsed[:3] == (2017, 5, 30)


def test_feed_entry_id_does_not_change_when_a_translation_is_added(client, demo):
    url = reverse_in("releases:feed_atom", "de")
    before = feedparser.parse(client.get(url).content).entries[0].id
    demo.title_de, demo.lead_de, demo.body_de = "Titel", "Vorspann", "<p>Text</p>"
    demo.save()
    after = feedparser.parse(client.get(url).content).entries[0]
    assert after.title == "Titel" and after.id == before == f"urn:newsroom:press-release:{demo.pk}"


def test_feed_titles_fall_back_to_the_original_language(client, demo):
    feed = feedparser.parse(client.get(reverse_in("releases:feed_rss", "de")).content)
    assert feed.entries[0].title.startswith("Le SPF Sécurité sociale contribue")
    assert feed.feed.title.startswith("Pressemitteilungen")


def test_organization_feed_lists_only_releases_about_it(client, demo, make_release):
    from organizations.models import Organization

    other = Organization.objects.create(name_fr="Autre SPF", kind="fps")
    elsewhere = make_release(issuing_organization=other, title_fr="Sans rapport")
    commission = Organization.objects.get(slug_fr="commission-europeenne")
    feed = feedparser.parse(client.get(url_in(commission, "fr", "organizations:feed_rss")).content)
    links = [entry.link for entry in feed.entries]
    assert any(link.endswith(url_in(demo, "fr")) for link in links)
    assert not any(link.endswith(url_in(elsewhere, "fr")) for link in links)


def sitemap_entries(client):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for loc in index.findall("s:sitemap/s:loc", ns):
        path = loc.text.replace("http://testserver", "")
        root = ET.fromstring(client.get(path).content)
        for url in root.findall("s:url", ns):
            alternates = {
                link.get("hreflang"): link.get("href").replace("http://testserver", "")
                for link in url.findall("x:link", ns)
            }
            entries[url.find("s:loc", ns).text.replace("http://testserver", "")] = alternates
    return entries


def test_sitemap_lists_alternates_only_for_existing_languages(client, demo):
    entries = sitemap_entries(client)
    release_urls = {url_in(demo, code) for code in ("fr", "nl", "en")}
    assert release_urls <= set(entries)
    assert url_in(demo, "de") not in entries
    alternates = entries[url_in(demo, "nl")]
    assert set(alternates) == {"fr", "nl", "en", "x-default"}
    assert alternates["x-default"] == url_in(demo, "fr")
    for path in entries:  # every listed URL answers
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("feed", ["organizations:feed_rss", "organizations:feed_atom"])
def test_every_text_of_a_feed_reads_the_same_in_a_reader_that_renders_html(
    client, make_release, feed
):
    """RSS: every text is HTML, like the items' descriptions; Atom: each text has its
    declared type (titles plain text, summaries HTML)."""
    import html

    from organizations.models import Organization
    from releases.models import Topic

    name = "R&D <Lab> & Co"
    lab = Organization.objects.create(name_fr=name, kind="agency")
    release = make_release(issuing_organization=lab, title_fr="Tom & Jerry <b>gras</b>")
    release.topics.add(Topic.objects.create(name_fr="Santé & <sécurité>"))
    root = ET.fromstring(client.get(url_in(lab, "fr", feed)).content)
    if feed.endswith("rss"):
        channel = root.find("channel")
        item = channel.find("item")
        texts = {
            "channel title": channel.findtext("title"),
            "channel description": channel.findtext("description"),
            "item title": item.findtext("title"),
            "item category": item.findtext("category"),
            "item author": item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
        }
        for field, text in texts.items():
            assert "<" not in text, field  # HTML: markup characters escaped once more
        shown = {field: html.unescape(text) for field, text in texts.items()}
    else:
        atom = "{http://www.w3.org/2005/Atom}"
        entry = root.find(f"{atom}entry")
        shown = {
            "channel title": root.findtext(f"{atom}title"),
            "channel description": root.findtext(f"{atom}subtitle"),
            "item title": entry.findtext(f"{atom}title"),
            "item category": entry.find(f"{atom}category").get("term"),
            "item author": entry.find(f"{atom}author").findtext(f"{atom}name"),
        }
        assert entry.find(f"{atom}summary").get("type") == "html"
    assert name in shown["channel title"] and name in shown["channel description"]
    assert shown["item title"] == "Tom & Jerry <b>gras</b>"
    assert shown["item category"] == "Santé & <sécurité>"
    assert shown["item author"] == name
