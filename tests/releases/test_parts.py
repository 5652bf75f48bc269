"""A release read with everything its page shows in one query (releases/parts.py)
is the release the ORM reads, with the same parts in the same order and the same
number; the publication rule decides what the public gets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.models import Event
from newsroom.publishing import Status
from organizations.models import Organization, PressContact
from releases.models import Correction, PressRelease, ReleaseContact, ReleaseLink, Topic
from releases.parts import PAGE_PARTS, release_with_parts, releases_with_parts
from tests.conftest import brussels

pytestmark = pytest.mark.django_db


def values(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


def orm_release(pk):
    """The same release as the ORM reads it, with prefetch_related (the page's former reading)."""
    from django.db.models import Prefetch

    from releases.models import Quote

    return (
        PressRelease.objects.with_numbers()
        .select_related("issuing_organization")
        .prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("appointment__person", "appointment__role"),
            ),
            "links",
            "topics",
            "related_organizations",
            "contact_links__contact__organization",
            "corrections",
            "images",
            "documents",
            Prefetch("events", queryset=Event.objects.live(), to_attr="live_events"),
        )
        .get(pk=pk)
    )


@pytest.fixture
def full(demo, make_event):
    """The demo release (quotes, links, topics, organizations, a contact, a picture, a
    document, an event) with more of each: a correction, a second contact, topics and
    organizations whose names sort differently in each language, an event not live."""
    contact = PressContact.objects.create(
        name="Porte-parole", organization=Organization.objects.get(acronym_fr="BELINCOSOC")
    )
    ReleaseContact.objects.create(release=demo, contact=contact, order=5)
    Correction.objects.create(release=demo, note_fr="Date corrigée", note_nl="Datum verbeterd")
    demo.topics.add(
        Topic.objects.create(name_fr="Aaa en français", name_nl="Zzz in het Nederlands"),
        Topic.objects.create(name_fr="Zzz en français", name_nl="Aaa in het Nederlands"),
    )
    ReleaseLink.objects.create(release=demo, label_fr="Premier", url="https://example.be/", order=0)
    hidden = make_event(status=Status.DRAFT)
    hidden.related_releases.add(demo)
    return demo


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_release_with_its_parts_is_what_the_orm_reads(full, language):
    with translation.override(language):
        ours = release_with_parts(pk=full.pk, public=False)
        theirs = orm_release(full.pk)
    assert values(ours) == values(theirs)
    assert values(ours.issuing_organization) == values(theirs.issuing_organization)
    assert ours.reference == theirs.reference != ""
    for name in set(PAGE_PARTS) - {"events"}:
        assert [values(item) for item in getattr(ours, name).all()] == [
            values(item) for item in getattr(theirs, name).all()
        ], name
        assert getattr(ours, name).all(), f"the demo release has {name}"
    assert [values(event) for event in ours.live_events] == [
        values(event) for event in theirs.live_events
    ]
    assert len(ours.live_events) == 1  # not the draft event
    for mine, other in zip(ours.quotes.all(), theirs.quotes.all(), strict=True):
        assert values(mine.appointment.person) == values(other.appointment.person)
        assert values(mine.appointment.role) == values(other.appointment.role)
    for mine, other in zip(ours.contact_links.all(), theirs.contact_links.all(), strict=True):
        assert values(mine.contact.organization) == values(other.contact.organization)
    image = ours.images.get()
    assert image.renditions and image.renditions == theirs.images.get().renditions
    assert image.file.name == theirs.images.get().file.name


def test_reading_the_parts_costs_no_further_query(full):
    release = release_with_parts(pk=full.pk, public=False)
    with CaptureQueriesContext(connection) as captured:
        for name in set(PAGE_PARTS) - {"events"}:
            for item in getattr(release, name).all():
                str(item)
        for quote in release.quotes.all():
            str(quote.appointment.person), str(quote.appointment.role), quote.release.pk
        for link in release.contact_links.all():
            str(link.contact.organization)
        assert release.issuing_organization.name and release.reference
        assert release.last_corrected_at
    assert len(captured) == 0, [query["sql"] for query in captured]


def test_a_query_chained_on_a_part_reads_only_that_releases_rows(demo, make_release):
    """Like a related manager's queryset: a filter added to a part still reads this
    release's rows only (never another release's, which may not be public)."""
    other = make_release(status=Status.DRAFT)
    ReleaseLink.objects.create(release=other, label_fr="Brouillon", url="https://example.be/")
    release = release_with_parts(pk=demo.pk, public=False)
    links = release.links.filter(url__startswith="https://")
    assert links and all(link.release_id == demo.pk for link in links)
    assert set(release.topics.filter(pk__gt=0)) == set(demo.topics.all())


def test_the_number_is_the_one_lists_show(make_release, clock):
    """Ties on the second, the first release of a year in Brussels (still the previous
    year in UTC), a withdrawn release (it keeps its number); none before go-live."""
    clock.set(brussels(2019, 6, 1, 12))
    releases = [
        make_release(publish_at=brussels(2017, 12, 31, 23, 30)),
        make_release(publish_at=brussels(2018, 1, 1, 0, 30)),
        make_release(publish_at=brussels(2018, 1, 1, 0, 30)),
        make_release(publish_at=brussels(2018, 3, 1), status=Status.WITHDRAWN),
        make_release(publish_at=brussels(2018, 3, 2)),
        make_release(publish_at=brussels(2019, 7, 1)),  # scheduled: no number yet
        make_release(status=Status.DRAFT),
    ]
    expected = {r.pk: r.reference for r in PressRelease.objects.with_numbers()}
    assert [expected[r.pk] for r in releases] == [
        "1/2017",
        "1/2018",
        "2/2018",
        "3/2018",
        "4/2018",
        "",
        "",
    ]
    for release in releases:
        assert release_with_parts(pk=release.pk, public=False).reference == expected[release.pk]


def test_the_release_page_counts_its_number_once_per_version(client, make_release, clock):
    """The count grows with the releases of the year: the page keeps it in the fragment
    cache until the public content changes, as when a release is published with an
    earlier date, which renumbers those after it."""
    from tests.public import url_in

    clock.set(brussels(2025, 6, 1, 12))
    make_release(title_fr="Premier", publish_at=brussels(2025, 3, 1, 9))
    second = make_release(title_fr="Second", publish_at=brussels(2025, 4, 1, 9))

    def number():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url_in(second, "fr")).content.decode()
        counted = any("COUNT(" in query["sql"].upper() for query in queries)
        return html.split("Communiqué de presse", 1)[1].split("·", 1)[0].strip(), counted

    assert number() == ("2/2025", True)
    assert number() == ("2/2025", False)  # from the fragment cache
    make_release(title_fr="Antidaté", publish_at=brussels(2025, 2, 1, 9))
    assert number() == ("3/2025", True)


def test_the_public_gets_only_what_is_live(make_release):
    now = timezone.now()
    live = make_release()
    hidden = [
        make_release(status=Status.DRAFT),
        make_release(publish_at=now + datetime.timedelta(hours=1)),
        make_release(status=Status.WITHDRAWN),
    ]
    expired = make_release()
    PressRelease.objects.filter(pk=expired.pk).update(
        unpublish_at=now - datetime.timedelta(seconds=1)
    )
    for release in [*hidden, expired]:
        assert release_with_parts(slug=release.slug_fr) is None
        assert release_with_parts(slug=release.slug_fr, public=False).pk == release.pk
    assert release_with_parts(slug=live.slug_fr).pk == live.pk


def test_a_slug_of_any_language_finds_the_release(demo):
    with translation.override("fr"):
        assert release_with_parts(slug=demo.slug_nl).pk == demo.pk
        assert release_with_parts(slug="no-such-release") is None


def test_several_releases_come_in_the_order_asked(demo, make_release):
    others = [make_release(), make_release()]
    pks = [others[1].pk, demo.pk, 0, others[0].pk]
    releases = releases_with_parts(pks, ("quotes", "topics"))
    assert [release.pk for release in releases] == [others[1].pk, demo.pk, others[0].pk]
    assert len(releases[1].quotes.all()) == demo.quotes.count()
