"""The API shows exactly what the website shows: nothing that is not live, on any
endpoint or filter, and a scheduled release at its second (tests/test_leaks.py's
items, read through the API)."""

import datetime

import pytest

from tests.test_leaks import (  # noqa: F401 (fixtures)
    MARKER,
    client,
    hidden,
    secret_speaker,
)

LISTS = [
    "/api/v1/releases",
    "/api/v1/events",
    "/api/v1/organizations",
    "/api/v1/officials",
    "/api/v1/topics",
]


def every_address(demo, lang=""):
    """Every list (with each filter and search), every detail of the demo's content."""
    suffix = f"&lang={lang}" if lang else ""
    urls = [f"{url}?limit=100{suffix}" for url in LISTS]
    urls += [
        f"/api/v1/releases?official=maggie-de-block{suffix}",
        f"/api/v1/releases?organization={demo.issuing_organization.slug_fr}{suffix}",
        f"/api/v1/releases?topic={demo.topics.first().slug_fr}{suffix}",
        f"/api/v1/releases?year=2099{suffix}",
        f"/api/v1/releases?q={MARKER}{suffix}",
        f"/api/v1/releases?q=SOCIEUX{suffix}",
        f"/api/v1/releases?updated_since=2000-01-01T00:00:00Z{suffix}",
        f"/api/v1/events?updated_since=2000-01-01T00:00:00Z{suffix}",
        f"/api/v1/events?q={MARKER}{suffix}",
        f"/api/v1/events?official=maggie-de-block{suffix}",
        f"/api/v1/releases/{demo.pk}?x=1{suffix}",
        f"/api/v1/releases/{demo.pk}/ninjs?x=1{suffix}",
    ]
    return urls


@pytest.mark.parametrize("lang", ["", "fr", "nl", "de", "en"])
def test_unpublished_content_is_on_no_endpoint(client, demo, hidden, secret_speaker, lang):
    for url in every_address(demo, lang):
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), f"leak on {url}"
    for item in hidden:
        kind = "releases" if item._meta.model_name == "pressrelease" else "events"
        response = client.get(f"/api/v1/{kind}/{item.pk}")
        assert response.status_code == 404 or (
            response.status_code == 410 and item.status in ("withdrawn", "approved")
        ), item
        assert f"{MARKER} lead" not in response.content.decode()
        assert response["Content-Type"] == "application/problem+json"
        if kind == "releases":
            assert client.get(f"/api/v1/releases/{item.pk}/ninjs").status_code in (404, 410)
    # Reference data only unpublished items name does not exist, as on the website.
    organization, person, topic = (secret_speaker[k] for k in ("organization", "person", "topic"))
    assert client.get(f"/api/v1/organizations/{organization.pk}").status_code == 404
    assert client.get(f"/api/v1/officials/{person.pk}").status_code == 404
    assert client.get(f"/api/v1/topics/{topic.pk}").status_code == 404
    for query in (
        f"topic={topic.slug_fr}",
        f"official={person.slug}",
        f"organization={organization.slug_fr}",
    ):
        response = client.get(f"/api/v1/releases?{query}")
        assert response.status_code == 404, query
        assert response.json()["status"] == 404
    assert client.get(f"/api/v1/events?official={person.slug}").status_code == 404


def test_an_expired_release_is_a_tombstone_not_an_item(client, demo, hidden):
    """What was public and is no longer answers 410 and is listed for mirrors to
    delete; what was never public is not named at all."""
    expired = hidden[8]
    assert expired.unpublish_at is not None
    response = client.get(f"/api/v1/releases/{expired.pk}")
    assert response.status_code == 410
    assert response.json()["reason"] == "expired"
    since = (expired.unpublish_at - datetime.timedelta(minutes=1)).isoformat()
    page = client.get("/api/v1/releases", {"updated_since": since}).json()
    assert [(t["id"], t["reason"]) for t in page["tombstones"]] == [(expired.pk, "expired")]
    never_public = {item.pk for item in hidden[:8]}
    assert not never_public & {t["id"] for t in page["tombstones"]}


@pytest.mark.parametrize("lang", ["", "nl"])
def test_a_scheduled_release_is_in_the_api_at_its_second(
    client, clock, demo, hidden, secret_speaker, lang
):
    """With a controlled clock: absent from every endpoint a second before, on each of
    them at the very second; its organization, minister and topic with it."""
    future, future_event = hidden[2], hidden[3]
    go_live = future.publish_at
    suffix = f"&lang={lang}" if lang else ""
    organization, person, topic = (secret_speaker[k] for k in ("organization", "person", "topic"))
    channels = [
        f"/api/v1/releases?limit=100{suffix}",
        f"/api/v1/releases?year=2099{suffix}",
        f"/api/v1/releases?official=maggie-de-block{suffix}",
        f"/api/v1/releases?updated_since=2098-12-31T00:00:00Z{suffix}",
        f"/api/v1/events?limit=100{suffix}",
        f"/api/v1/organizations?limit=100{suffix}",
        f"/api/v1/officials?limit=100{suffix}",
        f"/api/v1/topics?limit=100{suffix}",
    ]
    details = [
        f"/api/v1/releases/{future.pk}",
        f"/api/v1/releases/{future.pk}/ninjs",
        f"/api/v1/events/{future_event.pk}",
        f"/api/v1/organizations/{organization.pk}",
        f"/api/v1/officials/{person.pk}",
        f"/api/v1/topics/{topic.pk}",
        f"/api/v1/releases?organization={organization.slug_fr}",
        f"/api/v1/releases?topic={topic.slug_fr}",
        f"/api/v1/releases?official={person.slug}",
    ]
    clock.set(go_live - datetime.timedelta(seconds=1))
    for url in channels:
        assert MARKER not in client.get(url).content.decode(), url
    for url in details:
        assert client.get(url).status_code == 404, url
    clock.set(go_live)
    for url in channels:
        assert MARKER in client.get(url).content.decode(), url
    for url in details:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER in response.content.decode(), url
