"""The whole-page cache: an anonymous reader's second request for a public page is
answered before any view runs, for one query, and never once the page may have
changed (an edit, a go-live, a schedule made meanwhile); staff, previews, embargo
links and cookies never go through it (public_cache/middleware.py)."""

import datetime
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.publishing import Status
from public_cache import middleware
from tests.conftest import brussels, complete, staff_user
from tests.desk.helpers import move
from tests.public import demo_urls, feed_urls, reverse_in, url_in

SECOND = datetime.timedelta(seconds=1)
T = brussels(2030, 5, 30, 9, 0, 0)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-pages-{uuid.uuid4()}",
        }
    }
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_TIMEOUT = 3600
    settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT = 3600
    return caches["default"]


@pytest.fixture
def views_run(monkeypatch):
    """How many times a view ran (a hit runs none)."""
    from django.core.handlers import base

    calls = []
    original = base.BaseHandler._get_response

    def counting(self, request):
        calls.append(request.path)
        return original(self, request)

    monkeypatch.setattr(base.BaseHandler, "_get_response", counting)
    return calls


def counted(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def stored_pages(cache):
    return {key for key in cache._cache if "newsroom.page" in key}


def same(first, second):
    headers = ("Content-Type", "Content-Language", "Vary", "ETag", "X-Frame-Options")
    return first.content == second.content and all(
        first.get(name) == second.get(name) for name in headers
    )


def test_a_second_reader_gets_the_page_for_one_query_without_any_view(
    client, clock, demo, views_run
):
    clock.set(T)
    urls = {**demo_urls(demo, "nl"), **feed_urls(demo, "de")}
    for name, url in urls.items():
        first = client.get(url)
        assert first.status_code == 200, name
        views_run.clear()
        second, queries = counted(client, url)
        assert second.status_code == 200 and same(first, second), name
        assert queries == 1, (name, queries)  # the version row
        assert views_run == [], name
        assert not second.cookies
        assert second["Cache-Control"] == first["Cache-Control"]
        assert int(second["Content-Length"]) == len(second.content)


def test_a_redirect_to_the_readers_address_and_a_withdrawn_410_are_kept(
    client, clock, demo, make_release, editor
):
    clock.set(T)
    dutch_address = url_in(demo, "nl")
    french_slug = url_in(demo, "fr").rstrip("/").rsplit("/", 1)[1]
    other_language = dutch_address.replace(dutch_address.rstrip("/").rsplit("/", 1)[1], french_slug)
    first = client.get(other_language)
    assert first.status_code == 301 and first["Location"] == dutch_address
    again, queries = counted(client, other_language)
    assert again.status_code == 301 and again["Location"] == dutch_address and queries == 1


#: Reading the version on every request (the tests' default), and reusing it for a
#: minute: this process's own edits and the clock's go-lives are exact either way.
RECHECKS = pytest.mark.parametrize("recheck_ms", [0, 60_000])


@RECHECKS
def test_an_edit_or_a_go_live_is_seen_at_once(
    client, clock, demo, make_release, settings, recheck_ms
):
    settings.NEWSROOM_VERSION_RECHECK_MS = recheck_ms
    clock.set(T - 10 * SECOND)
    home = reverse_in("home", "fr")
    make_release(publish_at=T, title_fr="Annonce à son heure", **complete())
    assert "Annonce à son heure" not in client.get(home).content.decode()
    assert "Annonce à son heure" not in client.get(home).content.decode()  # a hit
    clock.set(T)
    assert "Annonce à son heure" in client.get(home).content.decode()
    demo.title_fr = "Titre corrigé du communiqué"
    demo.save()
    assert "Titre corrigé du communiqué" in client.get(home).content.decode()


@RECHECKS
def test_a_release_scheduled_after_a_page_was_kept_goes_live_at_its_second(
    client, clock, demo, make_release, settings, recheck_ms
):
    """The page and the process's instants are kept before anything is scheduled;
    scheduling changes no key (nobody may learn of it), yet the page is not served
    past the new go-live: the process reads its instants again."""
    settings.NEWSROOM_VERSION_RECHECK_MS = recheck_ms
    officer, editor = staff_user("officer", "Press officers"), staff_user("ed", "Editors")
    clock.set(T - 60 * SECOND)
    home = reverse_in("home", "fr")
    before = client.get(home)
    release = make_release(status=Status.DRAFT, title_fr="Nouvelle annonce", **complete())
    move(release, "submit", officer)
    move(release, "schedule", editor, publish_at=T)
    clock.set(T - SECOND)
    kept = client.get(home)
    assert kept["ETag"] == before["ETag"] and "Nouvelle annonce" not in kept.content.decode()
    clock.set(T)
    assert "Nouvelle annonce" in client.get(home).content.decode()


def test_a_process_reuses_the_version_row_for_a_moment_and_then_sees_other_edits(
    client, clock, demo, settings, monkeypatch, views_run
):
    """Under load, a process reads the version row once per NEWSROOM_VERSION_RECHECK_MS
    (a hit then costs no query); an edit made by another process (the row changed
    behind this one's back) is seen once that time has passed."""
    from public_cache import caching
    from public_cache.models import PublicVersion

    settings.NEWSROOM_VERSION_RECHECK_MS = 50
    elapsed = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: elapsed[0])
    clock.set(T)
    home = reverse_in("home", "fr")
    first, _ = counted(client, home)
    hit, queries = counted(client, home)
    assert queries == 0 and hit["ETag"] == first["ETag"] and views_run == [home]
    PublicVersion.objects.filter(pk=1).update(token="changed-on-another-node")
    elapsed[0] += 0.049
    assert counted(client, home)[0]["ETag"] == first["ETag"]  # still the moment's copy
    elapsed[0] += 0.002
    again, queries = counted(client, home)
    assert again["ETag"] != first["ETag"] and queries >= 1 and views_run == [home, home]


def test_staff_pages_are_never_stored(client, clock, demo, editor, page_cache):
    clock.set(T)
    client.force_login(editor)
    for url in demo_urls(demo, "fr").values():
        response = client.get(url)
        assert response.status_code == 200 and "private" in response["Cache-Control"]
        assert "ETag" not in response
    assert not stored_pages(page_cache)


def test_poisoned_pages_reach_anonymous_readers_only(client, clock, demo, editor, monkeypatch):
    """What the page cache holds is served to readers without a session only."""
    clock.set(T)
    url = url_in(demo, "fr")
    client.get(url)
    monkeypatch.setattr(
        middleware, "stored_page", lambda key: middleware.HttpResponse("<p>FROM THE PAGE CACHE</p>")
    )
    assert "FROM THE PAGE CACHE" in client.get(url).content.decode()
    client.force_login(editor)
    assert "FROM THE PAGE CACHE" not in client.get(url).content.decode()


def test_previews_embargo_links_errors_and_cookies_are_never_stored(
    client, clock, demo, make_release, page_cache
):
    from releases.models import EmbargoLink

    clock.set(T)
    scheduled = make_release(publish_at=T + 3600 * SECOND, title_fr="Sous embargo", **complete())
    link = EmbargoLink.objects.create(release=scheduled, journalist_name="Ann", email="a@b.be")
    pages_before = stored_pages(page_cache)
    for url in (
        reverse_in("releases:embargo", "fr", token=link.token),
        url_in(scheduled, "fr"),  # 404 until its go-live
        reverse_in("releases:list", "fr") + "?organization=nobody",  # 404
        reverse_in("subscriptions:subscribe", "fr"),
    ):
        client.get(url)
    assert stored_pages(page_cache) == pages_before
    staff = staff_user("ed2", "Editors")
    client.force_login(staff)
    assert client.get(url_in(scheduled, "fr")).status_code == 200  # the preview
    assert stored_pages(page_cache) == pages_before


def test_the_page_cache_can_be_turned_off(client, clock, demo, settings, views_run):
    settings.NEWSROOM_PAGE_CACHE = False
    clock.set(T)
    url = url_in(demo, "fr")
    client.get(url)
    views_run.clear()
    response = client.get(url)
    assert response.status_code == 200 and views_run == [url]


def test_a_head_request_is_answered_from_the_stored_page(client, clock, demo, views_run):
    clock.set(T)
    url = url_in(demo, "fr")
    first = client.get(url)
    views_run.clear()
    head = client.head(url)
    assert head.status_code == 200 and head["ETag"] == first["ETag"] and views_run == []


def test_a_deployment_names_its_build(db, settings):
    """NEWSROOM_BUILD_ID (the image's tag), when set, is the build in every ETag and
    key: a new deployment never serves a page of the old one."""
    from public_cache.caching import build_id, read_public_state

    try:
        build_id.cache_clear()
        settings.NEWSROOM_BUILD_ID = "2026.12.05-85aa1d3"
        assert build_id() == "2026.12.05-85aa1d3"
        before = read_public_state().etag
        build_id.cache_clear()
        settings.NEWSROOM_BUILD_ID = "2026.12.06-0c0ffee"
        assert read_public_state().etag != before
    finally:
        build_id.cache_clear()


def test_pages_shared_in_redis_serve_every_node_and_never_past_a_go_live(
    client, clock, demo, make_release, settings
):
    from newsroom.env import cache_settings
    from tests.public_cache.test_caching import REDIS_URL, redis_or_skip

    redis_or_skip()
    settings.CACHES = {"default": cache_settings(REDIS_URL)}
    caches["default"].clear()
    try:
        clock.set(T - 10 * SECOND)
        make_release(publish_at=T, title_fr="Annonce partagée", **complete())
        home = reverse_in("home", "fr")
        client.get(home)
        # Another node (its own connection) finds the page, kept 10 s at most ...
        other_node = caches.create_connection("default")
        [key] = [k.decode() for k in other_node._cache.get_client().keys("*newsroom.page*")]
        assert 0 < other_node._cache.get_client().ttl(key) <= 10
        response, queries = counted(client, home)
        assert queries == 1 and "Annonce partagée" not in response.content.decode()
        # ... and at the instant nobody reads it any more.
        clock.set(T)
        assert "Annonce partagée" in client.get(home).content.decode()
    finally:
        caches["default"].clear()
