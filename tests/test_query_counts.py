"""Query counts per page do not grow with the number of items shown."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.public import DEMO_EVENT, LANGUAGES, demo_urls, feed_urls, reverse_in


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_content(demo, make_release, make_event, n):
    """n more live releases and events, each with quotes, links, topics, organizations,
    all tied to the demo's organization, officials and event."""
    from events.models import Event
    from releases.models import Quote, ReleaseLink

    event = Event.objects.get(slug_fr=DEMO_EVENT)
    for i in range(n):
        release = make_release(
            publish_at=timezone.now() - datetime.timedelta(hours=i + 1),
            issuing_organization=demo.issuing_organization,
            title_nl=f"Bericht {i}",
            lead_nl="Inleiding",
            body_nl="<p>Tekst</p>",
        )
        release.related_organizations.set(demo.related_organizations.all())
        release.topics.set(demo.topics.all())
        for quote in demo.quotes.all():
            Quote.objects.create(release=release, appointment=quote.appointment, text_fr="x")
        ReleaseLink.objects.create(release=release, label_fr="Lien", url="https://example.be/")
        event.related_releases.add(release)
        new_event = make_event(starts_at=timezone.now() + datetime.timedelta(days=i + 1))
        new_event.organizers.set(event.organizers.all())
        new_event.speakers.set(event.speakers.all())
        new_event.related_releases.add(demo)
        # More parts on the demo release and event themselves.
        Quote.objects.create(
            release=demo, appointment=demo.quotes.first().appointment, text_fr=f"y{i}"
        )
        ReleaseLink.objects.create(release=demo, label_fr=f"L{i}", url="https://example.be/")


@pytest.mark.parametrize("language", ["fr", "de"])
def test_query_counts_stay_flat_as_items_are_added(
    client, demo, make_release, make_event, language
):
    urls = {
        **demo_urls(demo, language),
        **feed_urls(demo, language),
        "events calendar": reverse_in("events:upcoming_calendar", language),
        "sitemap": "/sitemap-releases.xml",
    }
    add_content(demo, make_release, make_event, 2)
    before = {page: queries(client, url) for page, url in urls.items()}
    add_content(demo, make_release, make_event, 6)
    after = {page: queries(client, url) for page, url in urls.items()}
    assert after == before
    # And they stay small: a page is a handful of queries, not one per item (search
    # reads the index once per span of years at most: search/query.py).
    assert max(count for page, count in before.items() if page != "search results") <= 15, before
    assert before["search results"] <= 20, before


def test_every_language_costs_the_same(client, demo):
    counts = {lang: queries(client, demo_urls(demo, lang)["release detail"]) for lang in LANGUAGES}
    assert len(set(counts.values())) == 1, counts
