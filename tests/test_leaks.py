"""Nothing that is not live reaches the public, on any channel."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from newsroom.publishing import Status
from organizations.models import Person
from tests.conftest import brussels
from tests.public import DEMO_EVENT, LANGUAGES, demo_urls, feed_urls, reverse_in, url_in
from tests.test_syndication import sitemap_entries

MARKER = "ZZLEAKMARKER"


@pytest.fixture(params=["page cache off", "page cache on"])
def client(request, client, settings):
    """Every test twice: as the views answer, and through the whole-page cache, where
    each page is asked for twice and the second answer, the stored one, is checked."""
    if request.param == "page cache off":
        return client
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"leaks-{uuid.uuid4()}",
        }
    }
    settings.NEWSROOM_PAGE_CACHE = True
    plain_get = client.get

    def twice(*args, **kwargs):
        plain_get(*args, **kwargs)
        return plain_get(*args, **kwargs)

    client.get = twice
    return client


@pytest.fixture
def secret_speaker(db):
    """An organization, a minister, a role and a topic that only unpublished items name:
    announcing them early would leak the announcement."""
    from organizations.models import Appointment, Organization, Person, Role
    from releases.models import Topic

    organization = Organization.objects.create(name_fr=f"{MARKER} agence", kind="agency")
    role = Role.objects.create(title_fr=f"{MARKER} ministre", organization=organization)
    person = Person.objects.create(first_name=MARKER, last_name="Minister")
    appointment = Appointment.objects.create(
        person=person, role=role, started_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    topic = Topic.objects.create(name_fr=f"{MARKER} thème")
    return {
        "organization": organization,
        "person": person,
        "appointment": appointment,
        "topic": topic,
    }


@pytest.fixture
def hidden(demo, make_release, make_event, secret_speaker):
    """A draft and a scheduled release and event, marked in every language, linked to
    every public item they could appear on, and to the secret organization and minister."""
    from events.models import Event
    from releases.models import Quote

    items = []
    past = timezone.now() - datetime.timedelta(days=30)
    for label, status, publish_at, unpublish_at in [
        ("draft", Status.DRAFT, None, None),
        ("future", Status.APPROVED, brussels(2099, 1, 1), None),
        ("review", Status.IN_REVIEW, None, None),
        ("withdrawn", Status.WITHDRAWN, past, None),
        ("expired", Status.APPROVED, past, timezone.now() - datetime.timedelta(seconds=1)),
    ]:
        texts = {}
        for code in LANGUAGES:
            texts.update(
                {
                    f"title_{code}": f"{MARKER} {label} {code}",
                    f"lead_{code}": f"{MARKER} lead",
                    f"body_{code}": f"<p>{MARKER}</p>",
                }
            )
        release = make_release(
            status=status,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            issuing_organization=secret_speaker["organization"],
            **texts,
        )
        release.related_organizations.set(demo.related_organizations.all())
        release.topics.set([*demo.topics.all(), secret_speaker["topic"]])
        for quote in demo.quotes.all():
            Quote.objects.create(
                release=release, appointment=quote.appointment, text_fr=f"{MARKER} quote"
            )
        Quote.objects.create(
            release=release, appointment=secret_speaker["appointment"], text_fr=f"{MARKER} quote"
        )
        Event.objects.get(slug_fr=DEMO_EVENT).related_releases.add(release)
        event = make_event(
            status=status,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            starts_at=timezone.now() + datetime.timedelta(days=2),
            title_fr=f"{MARKER} event {label}",
            title_en=f"{MARKER} event",
        )
        event.related_releases.add(demo)
        event.organizers.add(secret_speaker["organization"])
        event.speakers.add(secret_speaker["appointment"])
        add_secret_session(event, secret_speaker, demo)
        items += [release, event]
    return items


def add_secret_session(event, secret_speaker, demo):
    """A session in the event's programme: the secret minister speaking, someone from
    outside, and a public minister moderating (whose page must not list it)."""
    from events.models import Session, SessionParticipant

    session = Session.objects.create(
        event=event,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        title_fr=f"{MARKER} session",
        title_en=f"{MARKER} session",
        location_fr=f"{MARKER} salle",
    )
    SessionParticipant.objects.create(session=session, appointment=secret_speaker["appointment"])
    SessionParticipant.objects.create(
        session=session, name=f"{MARKER} external", function_fr=f"{MARKER} function"
    )
    SessionParticipant.objects.create(
        session=session, part="moderator", appointment=demo.quotes.first().appointment
    )


def public_channels(demo, language):
    urls = list(demo_urls(demo, language).values()) + list(feed_urls(demo, language).values())
    urls += [
        reverse_in("events:upcoming_calendar", language),
        "/sitemap.xml",
        "/sitemap-releases.xml",
        "/sitemap-events.xml",
        "/sitemap-organizations.xml",
        "/sitemap-officials.xml",
        reverse_in("organizations:list", language),
    ]
    for query in ("?official=maggie-de-block", "?topic=protection-sociale", "?year=2017"):
        urls.append(reverse_in("releases:list", language) + query)
    # Search: the marker (in lowercase: the page repeats the words searched for, and
    # search ignores case, so a leaked title would show the uppercase marker), and
    # words or names the unpublished items carry.
    search = reverse_in("search:results", language)
    for query in (MARKER.lower(), f"{MARKER.lower()} quote", "event", "SOCIEUX", "Block"):
        urls.append(f"{search}?q={query}")
        urls.append(f"{search}?q={query}&type=event")
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_content_appears_on_no_public_channel(
    client, demo, hidden, secret_speaker, language
):
    for url in public_channels(demo, language):
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), f"leak on {url}"
    for item in hidden:
        expected = 410 if item.status == Status.WITHDRAWN else 404
        response = client.get(url_in(item, language))
        assert response.status_code == expected
        if expected == 410:  # the withdrawal notice names the item, nothing of its text
            assert f"{MARKER}</p>" not in response.content.decode()
    for event in hidden[1::2]:
        assert client.get(url_in(event, language, "events:calendar")).status_code in (404, 410)
    # The organization, minister and topic only unpublished items name do not exist yet.
    assert client.get(url_in(secret_speaker["organization"], language)).status_code == 404
    assert client.get(url_in(secret_speaker["person"], language)).status_code == 404
    feed = url_in(secret_speaker["organization"], language, "organizations:feed_rss")
    assert client.get(feed).status_code == 404
    releases = reverse_in("releases:list", language)
    for query in (
        f"?topic={secret_speaker['topic'].slug_fr}",
        f"?official={secret_speaker['person'].slug}",
        f"?organization={secret_speaker['organization'].slug_fr}",
    ):
        assert client.get(releases + query).status_code == 404, query
    # A year is never unknown: the future one lists nothing, not the scheduled release.
    response = client.get(releases + "?year=2099")
    assert response.status_code == 200 and MARKER not in response.content.decode()


def test_sitemap_lists_no_hidden_item(client, hidden, secret_speaker):
    entries = sitemap_entries(client)
    for item in [*hidden, secret_speaker["organization"], secret_speaker["person"]]:
        for code in LANGUAGES:
            assert url_in(item, code) not in entries


def test_a_future_appointment_does_not_show_on_a_public_officials_page(client, demo):
    from organizations.models import Appointment, Person, Role

    minister = Person.objects.get(slug="maggie-de-block")
    role = Role.objects.create(
        title_fr=f"{MARKER} nouveau portefeuille", organization=demo.issuing_organization
    )
    Appointment.objects.create(
        person=minister, role=role, started_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    html = client.get(url_in(minister, "fr")).content.decode()
    assert "Ministre des Affaires sociales" in html and MARKER not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_scheduled_release_is_on_every_channel_in_the_first_request_after_its_instant(
    client, clock, demo, hidden, secret_speaker, language
):
    """With a controlled clock: absent a second before, present at the very second."""
    future = hidden[2]
    go_live = future.publish_at
    marker = f"{MARKER} future"
    channels = [
        reverse_in("home", language),
        reverse_in("releases:list", language),
        reverse_in("releases:list", language) + "?year=2099",
        reverse_in("releases:list", language) + "?official=maggie-de-block",
        reverse_in("releases:feed_rss", language),
        reverse_in("releases:feed_atom", language),
        "/sitemap-releases.xml",
        url_in(Event.objects.get(slug_fr=DEMO_EVENT), language),
        url_in(Person.objects.get(slug="maggie-de-block"), language),
    ]
    channels = [url for url in channels if url]
    clock.set(go_live - datetime.timedelta(seconds=1))
    for url in channels:
        assert marker not in client.get(url).content.decode(), url
    assert client.get(url_in(future, language)).status_code == 404
    assert client.get(url_in(secret_speaker["organization"], language)).status_code == 404
    clock.set(go_live)
    for url in channels:
        response = client.get(url)
        assert marker in response.content.decode() or url_in(future, language) in (
            response.content.decode()
        ), url
    assert client.get(url_in(future, language)).status_code == 200
    assert client.get(url_in(secret_speaker["organization"], language)).status_code == 200
    assert client.get(url_in(secret_speaker["person"], language)).status_code == 200
    feed = url_in(secret_speaker["organization"], language, "organizations:feed_rss")
    assert marker in client.get(feed).content.decode()
