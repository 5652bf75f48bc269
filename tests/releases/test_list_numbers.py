"""Lists show the same releases, in the same order, with the same numbers, however
they are queried: numbers are counted for the shown page only, and an organization
or an official is matched without DISTINCT (issue 7, performance at 100,000 releases)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.publishing import Status
from organizations.models import Organization
from organizations.views import RELEASES_ON_PROFILE
from releases.models import PressRelease, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_release, organization, appointment):
    """30 live releases over two years, issued by or naming ``organization`` (some both,
    some quoting the official twice), among others that must not count."""
    other = Organization.objects.create(name_fr="Autre organisme", kind="agency")
    start = timezone.now() - datetime.timedelta(days=400)
    about = []
    for i in range(30):
        issuer = organization if i % 3 else other
        release = make_release(
            publish_at=start + datetime.timedelta(days=13 * i),
            issuing_organization=issuer,
            title_fr=f"Communiqué {i}",
        )
        if i % 2:  # named as related, by its issuer too at times
            release.related_organizations.add(organization, other)
        elif issuer == other:
            release.related_organizations.add(other)
        if i % 4 == 0:
            for text in ("a", "b"):
                Quote.objects.create(release=release, appointment=appointment, text_fr=text)
        if issuer == organization or i % 2:
            about.append(release)
    # Not about the organization, not live, or withdrawn: never listed nor counted.
    make_release(publish_at=start, issuing_organization=other)
    make_release(
        publish_at=timezone.now() + datetime.timedelta(days=1), issuing_organization=organization
    )
    make_release(publish_at=start, issuing_organization=organization, status=Status.WITHDRAWN)
    return about


def references(releases):
    """Each release's number as the release page shows it (counted on its own)."""
    return [PressRelease.objects.get(pk=release.pk).reference for release in releases]


def test_organization_page_lists_its_latest_releases_once_each_with_their_numbers(
    client, organization, many
):
    with translation.override("fr"):
        response = client.get(organization.get_absolute_url())
    shown = list(response.context["releases"])
    expected = sorted(many, key=lambda r: (r.publish_at, r.pk), reverse=True)
    assert [r.pk for r in shown] == [r.pk for r in expected[:RELEASES_ON_PROFILE]]
    assert [r.reference for r in shown] == references(shown)
    assert response.context["release_count"] == len(many)
    assert f"Tous les {len(many)} communiqués" in response.content.decode()


def test_organization_page_counts_without_distinct_or_release_numbers(client, organization, many):
    """The count is not a DISTINCT over every column and the per-release number
    subquery (34 s at 50,000 releases): no DISTINCT at all, and only the shown
    releases' query numbers them."""
    with translation.override("fr"), CaptureQueriesContext(connection) as captured:
        client.get(organization.get_absolute_url())
    sql = [query["sql"].upper() for query in captured]
    assert not [q for q in sql if "DISTINCT" in q]
    numbering = [q for q in sql if "COUNT(" in q and "PUBLISH_AT" in q and "WITHDRAWN" in q]
    assert len(numbering) == 1 and "LIMIT" in numbering[0]


def test_official_page_lists_releases_quoting_them_twice_once(client, person, many):
    with translation.override("fr"):
        response = client.get(reverse("organizations:person", kwargs={"slug": person.slug}))
    quoting = PressRelease.objects.live().filter(quotes__appointment__person=person)
    expected = sorted(set(quoting), key=lambda r: (r.publish_at, r.pk), reverse=True)
    shown = list(response.context["releases"])
    assert [r.pk for r in shown] == [r.pk for r in expected[:RELEASES_ON_PROFILE]]
    assert [r.reference for r in shown] == references(shown)
    assert response.context["release_count"] == len(expected)


def about(organization):
    """Every live release issued by or naming ``organization``, newest first (in Python)."""
    return sorted(
        {
            r
            for r in PressRelease.objects.live()
            if r.issuing_organization_id == organization.pk
            or organization in r.related_organizations.all()
        },
        key=lambda r: (r.publish_at, r.pk),
        reverse=True,
    )


def test_organization_named_by_few_releases_lists_its_latest_issued_and_named_ones(
    client, organization, many
):
    """The latest ten come from the latest it issued and the latest naming it, taken
    apart (issue 7): the same releases, in the same order, as the whole list."""
    other = Organization.objects.get(name_fr="Autre organisme")
    expected = about(other)
    assert len(expected) > RELEASES_ON_PROFILE
    with translation.override("fr"):
        response = client.get(other.get_absolute_url())
    assert [r.pk for r in response.context["releases"]] == [
        r.pk for r in expected[:RELEASES_ON_PROFILE]
    ]
    assert response.context["release_count"] == len(expected)


@pytest.mark.parametrize("name", ["SPF Sécurité sociale", "Autre organisme"])
def test_organization_feed_lists_its_latest_releases_issued_or_naming_it(
    client, organization, many, make_release, name
):
    chosen = Organization.objects.get(name_fr=name)
    start = timezone.now() - datetime.timedelta(days=900)
    for i in range(20):  # older ones, so that the feed (30) has more than it shows
        make_release(
            publish_at=start + datetime.timedelta(days=i),
            issuing_organization=chosen if i % 2 else organization,
            title_fr=f"Ancien {i}",
        ).related_organizations.add(chosen)
    expected = about(chosen)
    assert len(expected) > 30
    with translation.override("fr"):
        response = client.get(reverse("organizations:feed_rss", kwargs={"slug": chosen.slug_fr}))
    body = response.content.decode()
    guids = [int(part.split("<")[0]) for part in body.split("urn:newsroom:press-release:")[1:]]
    assert guids == [r.pk for r in expected[:30]]


def test_official_page_shows_their_latest_quotes_newest_release_first(
    client, person, appointment, many
):
    """Two quotes of one release come in their order; the count and the releases
    come from the same reading of the official's quotes."""
    live = Quote.objects.filter(appointment__person=person, release__in=PressRelease.objects.live())
    expected = sorted(
        live, key=lambda q: (-q.release.publish_at.timestamp(), -q.release_id, q.order, q.pk)
    )
    assert len(expected) > RELEASES_ON_PROFILE
    with translation.override("fr"):
        response = client.get(reverse("organizations:person", kwargs={"slug": person.slug}))
    assert [q.pk for q in response.context["quotes"]] == [
        q.pk for q in expected[:RELEASES_ON_PROFILE]
    ]
    assert response.context["release_count"] == len({q.release_id for q in expected})


def test_official_page_without_live_quotes_shows_none(client, person, appointment, make_release):
    release = make_release(publish_at=timezone.now() + datetime.timedelta(days=1))
    Quote.objects.create(release=release, appointment=appointment, text_fr="pas encore")
    with translation.override("fr"):
        response = client.get(reverse("organizations:person", kwargs={"slug": person.slug}))
    assert response.status_code == 404 or (
        not list(response.context["quotes"]) and response.context["release_count"] == 0
    )


@pytest.mark.parametrize("page", [1, 2])
def test_release_list_pages_number_their_own_releases(client, organization, many, page):
    live = sorted(PressRelease.objects.live(), key=lambda r: (r.publish_at, r.pk), reverse=True)
    with translation.override("fr"):
        response = client.get(reverse("releases:list"), {"page": page})
    shown = list(response.context["releases"])
    assert [r.pk for r in shown] == [r.pk for r in live[20 * (page - 1) : 20 * page]]
    assert [r.reference for r in shown] == references(shown)
    assert response.context["paginator"].count == len(live)


def test_release_list_filtered_by_organization_lists_each_release_once(client, organization, many):
    with translation.override("fr"):
        response = client.get(
            reverse("releases:list"), {"organization": organization.slug_fr, "page": 2}
        )
    assert response.status_code == 200, response.status_code
    expected = sorted(many, key=lambda r: (r.publish_at, r.pk), reverse=True)
    assert response.context["paginator"].count == len(many)
    assert [r.pk for r in response.context["releases"]] == [r.pk for r in expected[20:]]


def test_home_lists_the_organizations_that_issued_a_live_release(client, organization, many):
    unused = Organization.objects.create(name_fr="Sans communiqué", kind="agency")
    with translation.override("fr"):
        response = client.get(reverse("home"))
    issuing = list(response.context["issuing_organizations"])
    assert organization in issuing and unused not in issuing
    assert issuing == sorted(issuing, key=lambda o: o.name)
    assert len(issuing) == len(set(issuing))
