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
    from events.models import Event, Session, SessionParticipant
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
        session = Session.objects.create(
            event=event,
            starts_at=event.starts_at,
            ends_at=event.starts_at + datetime.timedelta(minutes=30),
            title_en=f"Session {i}",
        )
        SessionParticipant.objects.create(
            session=session, appointment=demo.quotes.first().appointment
        )
        SessionParticipant.objects.create(session=session, name=f"Guest {i}", part="moderator")


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
    for lang in LANGUAGES:  # the site's identity in each language is in the fragment cache
        client.get(demo_urls(demo, lang)["home"])
    counts = {lang: queries(client, demo_urls(demo, lang)["release detail"]) for lang in LANGUAGES}
    assert len(set(counts.values())) == 1, counts


def add_one_of_each(release, make_event, n=1):
    """``n`` more of every part a release page shows, on ``release``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from attachments.models import Document, Image
    from organizations.models import Appointment, Organization, PressContact
    from releases.models import Correction, Quote, ReleaseContact, ReleaseLink, Topic
    from tests.attachments import files

    appointment = Appointment.objects.first()
    for i in range(n):
        organization = Organization.objects.create(name_fr=f"Organisme {i}", kind="agency")
        Quote.objects.create(release=release, appointment=appointment, text_fr=f"Citation {i}")
        ReleaseLink.objects.create(release=release, label_fr=f"Lien {i}", url="https://a.be/")
        release.topics.add(Topic.objects.create(name_fr=f"Sujet {i}"))
        release.related_organizations.add(organization)
        contact = PressContact.objects.create(name=f"Contact {i}", organization=organization)
        ReleaseContact.objects.create(release=release, contact=contact, order=i + 10)
        Correction.objects.create(release=release, note_fr=f"Correction {i}")
        Image.objects.create(
            release=release,
            alt_fr=f"Image {i}",
            alt_nl=f"Beeld {i}",
            file=SimpleUploadedFile("p.jpg", files.jpeg(200, 100)),
        )
        Document.objects.create(release=release, title_fr=f"Annexe {i}", file="documents/x/a.pdf")
        make_event().related_releases.add(release)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_release_page_is_a_few_queries_whatever_the_release_holds(
    client, demo, make_release, make_event, language
):
    """At most 4 queries on a miss, all counted (the public version's among them; the
    site identity comes from the fragment cache): the same for a release holding
    nothing, one of every part, and more of each."""
    from releases.models import Correction
    from tests.public import url_in

    bare = make_release(title_nl="Leeg", lead_nl="Inleiding", body_nl="<p>Tekst</p>")
    Correction.objects.create(release=demo, note_fr="Une de chaque")  # the demo has the rest

    def detail(release):
        url = url_in(release, language)
        client.get(url)  # the identity, once per language and version
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured), response.content.decode()

    nothing, _page = detail(bare)
    one_of_each, page = detail(demo)
    assert "Une de chaque" in page and "Maggie De Block" in page
    add_one_of_each(demo, make_event, n=3)
    more, page = detail(demo)
    assert "Citation 2" in page and "Correction 2" in page and "Sujet 2" in page
    assert "Contact 2" in page and "Annexe 2" in page and "Organisme 2" in page
    assert nothing == one_of_each == more <= 4, (nothing, one_of_each, more)


def test_pages_whose_fragments_are_cached_build_no_query_of_their_own(client, demo):
    """Read again, the release list and the feeds take their lists, counts and
    entries from the fragment cache, as the home page does: they run only the
    public version's query; an organization's page and feed read its row too."""
    urls = {**demo_urls(demo, "fr"), **feed_urls(demo, "fr")}
    pages = ["home", "release list", "rss", "atom", "organization rss", "organization detail"]
    for page in pages:
        client.get(urls[page])
    counts = {page: queries(client, urls[page]) for page in pages}
    floor = counts["home"]
    assert floor <= 2, counts
    assert counts == {
        "home": floor,
        "release list": floor,
        "rss": floor,
        "atom": floor,
        "organization rss": floor + 1,
        "organization detail": floor + 1,
    }


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_page_from_the_page_cache_costs_one_query(
    client, demo, make_release, make_event, settings, language
):
    """With the whole-page cache on (production's default), a public page read again
    costs the public version's row and nothing else, however much it shows."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"query-counts-{uuid.uuid4()}",
        }
    }
    settings.NEWSROOM_PAGE_CACHE = True
    add_content(demo, make_release, make_event, 3)
    urls = {**demo_urls(demo, language), **feed_urls(demo, language)}
    for url in urls.values():
        client.get(url)
    assert {page: queries(client, url) for page, url in urls.items()} == dict.fromkeys(urls, 1)
