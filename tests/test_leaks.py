"""Nothing that is not live reaches the public, on any channel."""

import datetime

import pytest
from django.utils import timezone

from newsroom.publishing import Status
from tests.conftest import brussels
from tests.public import DEMO_EVENT, LANGUAGES, demo_urls, feed_urls, reverse_in, url_in
from tests.test_syndication import sitemap_entries

MARKER = "ZZLEAKMARKER"


@pytest.fixture
def hidden(demo, make_release, make_event):
    """A draft and a scheduled release and event, marked in every language, linked to
    every public item (organization, official, topic, event) they could appear on."""
    from events.models import Event
    from releases.models import Quote

    items = []
    for label, status, publish_at in [("draft", Status.DRAFT, None),
                                      ("future", Status.PUBLISHED, brussels(2099, 1, 1))]:
        texts = {}
        for code in LANGUAGES:
            texts.update({f"title_{code}": f"{MARKER} {label} {code}",
                          f"lead_{code}": f"{MARKER} lead", f"body_{code}": f"<p>{MARKER}</p>"})
        release = make_release(status=status, publish_at=publish_at, **texts)
        release.related_organizations.set(demo.related_organizations.all())
        release.topics.set(demo.topics.all())
        for quote in demo.quotes.all():
            Quote.objects.create(release=release, appointment=quote.appointment,
                                 text_fr=f"{MARKER} quote")
        Event.objects.get(slug_fr=DEMO_EVENT).related_releases.add(release)
        event = make_event(status=status, publish_at=publish_at,
                           starts_at=timezone.now() + datetime.timedelta(days=2),
                           title_fr=f"{MARKER} event {label}", title_en=f"{MARKER} event")
        event.related_releases.add(demo)
        items += [release, event]
    return items


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_content_appears_on_no_public_channel(client, demo, hidden, language):
    urls = list(demo_urls(demo, language).values()) + list(feed_urls(demo, language).values())
    urls += [reverse_in("events:upcoming_calendar", language), "/sitemap.xml",
             "/sitemap-releases.xml", "/sitemap-events.xml"]
    for query in ("?year=2099", "?official=maggie-de-block", "?topic=protection-sociale"):
        urls.append(reverse_in("releases:list", language) + query)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert MARKER not in response.content.decode(), f"leak on {url}"
    for item in hidden:
        assert client.get(url_in(item, language)).status_code == 404
    assert client.get(url_in(hidden[1], language, "events:calendar")).status_code == 404


def test_sitemap_lists_no_hidden_item(client, hidden):
    entries = sitemap_entries(client)
    for item in hidden:
        for code in LANGUAGES:
            assert url_in(item, code) not in entries
