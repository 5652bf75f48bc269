"""Caching never shows a scheduled release late, nor a withdrawn or expired one after
its time, and never shares what is someone's own (public_cache/caching.py)."""

import datetime
import os
import re
import uuid

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.env import cache_settings, max_age_setting
from newsroom.publishing import Status
from public_cache.caching import CacheEpoch, read_public_state
from public_cache.fragments import fragment_key
from public_cache.middleware import grid_max_age
from tests.conftest import brussels, complete
from tests.public import reverse_in, url_in
from workflow import transitions as workflow

SECOND = datetime.timedelta(seconds=1)
# A minister's announcement, on the grid of every max-age used here (a whole hour):
# every cache's copy expires at T (public_cache/caching.py, grid_max_age).
T = brussels(2030, 5, 30, 9, 0, 0)
ANNOUNCEMENT = "Annonce du ministre"


@pytest.fixture(autouse=True)
def fragment_cache(settings):
    """A fresh in-memory fragment cache, and a configured max age longer than any
    bound below, so that the bounds are what these tests see."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-caching-{uuid.uuid4()}",
        }
    }
    settings.NEWSROOM_CACHE_MAX_AGE = 300
    settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT = 3600
    return caches["default"]


@pytest.fixture
def stored(monkeypatch, fragment_cache):
    """Every fragment written to the cache, with its timeout."""
    writes = []
    original = fragment_cache.set

    def spy(key, value, timeout=None, **kwargs):
        writes.append((key, timeout))
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(fragment_cache, "set", spy)
    return writes


def shows_announcement(response):
    """The scheduled release is on the page: its title, or its address (sitemaps)."""
    html = response.content.decode()
    return ANNOUNCEMENT in html or "/annonce-du-ministre/" in html


def cache_control(response):
    """Cache-Control as a dict: ``{"public": True, "max-age": 10}``."""
    directives = {}
    for part in filter(None, (p.strip() for p in response.get("Cache-Control", "").split(","))):
        name, _, value = part.partition("=")
        directives[name.lower()] = int(value) if value.isdigit() else True
    return directives


def counted(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def pages(language="fr"):
    return {
        "home": reverse_in("home", language),
        "release list": reverse_in("releases:list", language),
        "rss": reverse_in("releases:feed_rss", language),
        "atom": reverse_in("releases:feed_atom", language),
        "sitemap": "/sitemap-releases.xml",
        "search": reverse_in("search:results", language) + "?q=annonce",
    }


@pytest.fixture
def live_release(clock, make_release):
    clock.set(T - datetime.timedelta(days=2))
    return make_release(
        publish_at=T - datetime.timedelta(days=1), title_fr="Déjà publié", **complete()
    )


@pytest.fixture
def scheduled(live_release, make_release):
    """A release approved for T, and another live one so no list is empty."""
    return make_release(
        publish_at=T, title_fr=ANNOUNCEMENT, lead_fr="Annonce importante", **complete()
    )


# --- a go-live, an expiry, a withdrawal, an event's end --------------------------------


def test_a_page_cached_just_before_a_go_live_is_not_served_stale_after_it(
    client, clock, scheduled, stored
):
    """Fetched 10 s before the instant: kept 10 s at most, by us and by anyone;
    fetched at the instant: the release is there, and an old ETag gets the new page."""
    clock.set(T - 10 * SECOND)
    before = {}
    for name, url in pages().items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert not shows_announcement(response), name
        directives = cache_control(response)
        assert directives.get("public") and 1 <= directives["max-age"] <= 10, (name, directives)
        assert response["ETag"] and "Cookie" in response["Vary"]
        before[name] = response
    assert stored and all(timeout <= 10 for _key, timeout in stored), stored
    # A page the announcement does not change is bounded all the same (its ETag
    # changes at the instant: one rule for the whole site).
    organizations = client.get(reverse_in("organizations:list", "fr"))
    assert cache_control(organizations)["max-age"] <= 10

    # Still before the instant: our fragments are reused (fewer queries) ...
    clock.set(T - 5 * SECOND)
    _, cold = counted(client, pages()["release list"] + "?year=2030")
    _, warm = counted(client, pages()["release list"] + "?year=2030")
    assert warm < cold
    # ... and the readers' copies are current.
    assert client.get(pages()["home"], HTTP_IF_NONE_MATCH=before["home"]["ETag"]).status_code == 304

    clock.set(T)
    for name, url in pages().items():
        old = before[name]
        for headers in ({"HTTP_IF_NONE_MATCH": old["ETag"]}, {}):
            response = client.get(url, **headers)
            assert response.status_code == 200, (name, headers)
            assert shows_announcement(response), (name, headers)
            assert response["ETag"] != old["ETag"]
    assert client.get(url_in(scheduled, "fr")).status_code == 200
    assert (
        client.get(
            reverse_in("organizations:list", "fr"), HTTP_IF_NONE_MATCH=organizations["ETag"]
        ).status_code
        == 200
    )


def test_a_not_yet_live_release_answers_404_only_until_its_go_live(client, clock, scheduled):
    clock.set(T - 10 * SECOND)
    response = client.get(url_in(scheduled, "fr"))
    assert response.status_code == 404
    assert cache_control(response)["max-age"] <= 10 and "Cookie" in response["Vary"]
    clock.set(T)
    assert client.get(url_in(scheduled, "fr")).status_code == 200


def test_less_than_a_second_before_a_go_live_every_cache_must_revalidate(
    client, clock, scheduled, stored
):
    clock.set(T - datetime.timedelta(milliseconds=500))
    response = client.get(pages()["release list"])
    directives = cache_control(response)
    assert directives.get("no-cache") and directives["max-age"] == 0
    assert stored == []  # nothing kept for half a second
    # Revalidation still saves the rendering until the instant.
    assert (
        client.get(pages()["release list"], HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    )


def test_an_expiry_bounds_caching_and_removes_the_release_at_its_instant(
    client, clock, live_release, make_release
):
    expiring = make_release(
        publish_at=T - datetime.timedelta(days=1),
        unpublish_at=T,
        title_fr="Offre limitée",
        **complete(),
    )
    clock.set(T - 10 * SECOND)
    before = {name: client.get(url) for name, url in pages().items()}
    for name, response in before.items():
        assert cache_control(response)["max-age"] <= 10, name
    assert "Offre limitée" in before["release list"].content.decode()
    detail = client.get(url_in(expiring, "fr"))
    assert detail.status_code == 200 and cache_control(detail)["max-age"] <= 10

    clock.set(T)
    for name, url in pages().items():
        response = client.get(url, HTTP_IF_NONE_MATCH=before[name]["ETag"])
        assert response.status_code == 200, name
        assert "Offre limitée" not in response.content.decode(), name
    assert client.get(url_in(expiring, "fr")).status_code == 404


def test_a_withdrawal_reaches_every_page_at_once_and_its_410_is_bounded(
    client, clock, live_release, editor
):
    clock.set(T)
    before = {name: client.get(url) for name, url in pages().items()}
    assert "Déjà publié" in before["release list"].content.decode()
    detail = url_in(live_release, "fr")
    assert client.get(detail).status_code == 200

    clock.set(T + 10 * SECOND)
    workflow.perform(
        live_release,
        "withdraw",
        editor,
        expected_version=live_release.version,
        reasons={"fr": "Erreur de chiffres"},
    )
    for name, url in pages().items():
        response = client.get(url, HTTP_IF_NONE_MATCH=before[name]["ETag"])
        assert response.status_code == 200, name
        assert "Déjà publié" not in response.content.decode(), name
    gone = client.get(detail)
    assert gone.status_code == 410 and "Erreur de chiffres" in gone.content.decode()
    directives = cache_control(gone)
    assert directives.get("public") and directives["max-age"] <= 300
    assert "ETag" not in gone and "Cookie" in gone["Vary"]


def test_an_event_that_ends_moves_to_the_past_when_it_ends(client, clock, live_release, make_event):
    clock.set(T - datetime.timedelta(hours=4))
    event = make_event(starts_at=T - datetime.timedelta(hours=3), title_fr="Conférence de presse")
    assert event.ends_at == T
    url = reverse_in("events:list", "fr")

    def section(html):
        position = html.index("Conférence de presse")
        return "past" if position > html.index('id="past-heading"') else "upcoming"

    clock.set(T - 10 * SECOND)
    response = client.get(url)
    assert section(response.content.decode()) == "upcoming"
    assert cache_control(response)["max-age"] <= 10
    assert cache_control(client.get(reverse_in("home", "fr")))["max-age"] <= 10
    clock.set(T + SECOND)
    response = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert response.status_code == 200 and section(response.content.decode()) == "past"


def test_every_midnight_is_an_instant_of_the_clock(client, clock, live_release):
    """Officials' pages list the appointments that have begun: each Brussels midnight
    starts a new epoch, the same for everyone whatever is planned (an appointment's
    start would tell when a new minister takes office)."""
    clock.set(brussels(2030, 5, 30, 23, 59, 50))
    assert read_public_state().next_change == brussels(2030, 5, 31)
    before = client.get(reverse_in("home", "fr"))
    clock.set(brussels(2030, 5, 31))
    after = client.get(reverse_in("home", "fr"), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


@pytest.mark.parametrize(
    "soonest",
    [
        "go-live",
        "expiry",
        "event go-live",
        "event expiry",
        "event end",
        "midnight",
        "withdrawn go-live",
    ],
)
def test_the_next_change_is_the_soonest_instant_of_any_kind(
    clock, make_release, make_event, soonest
):
    """Each kind of instant, made the soonest in turn, is the one that bounds caching;
    what cannot change a public page (a draft's date) never is."""
    clock.set(T)
    later = T + datetime.timedelta(days=30)
    # 14:00 today, before the next midnight, unless midnight is to be the soonest.
    exact = T + datetime.timedelta(hours=5, microseconds=123456)
    if soonest == "midnight":
        exact = later
    at = {
        kind: (exact if kind == soonest else later)
        for kind in [
            "go-live",
            "expiry",
            "event go-live",
            "event expiry",
            "event end",
            "withdrawn go-live",
        ]
    }
    make_release(status=Status.DRAFT, publish_at=T + SECOND)  # not approved: no change
    make_release(publish_at=at["go-live"], **complete())
    make_release(publish_at=T - SECOND, unpublish_at=at["expiry"], **complete())
    make_release(status=Status.WITHDRAWN, publish_at=at["withdrawn go-live"])
    make_event(publish_at=at["event go-live"], starts_at=later + SECOND)
    make_event(publish_at=T - SECOND, unpublish_at=at["event expiry"], starts_at=later + SECOND)
    make_event(
        publish_at=T - SECOND,
        starts_at=at["event end"] - datetime.timedelta(hours=3),
        ends_at=at["event end"],
    )
    state = read_public_state()
    expected = brussels(2030, 5, 31) if soonest == "midnight" else exact
    assert state.next_change == expected
    assert state.last_instant >= T - SECOND


# --- conditional GET ------------------------------------------------------------------


def test_an_unchanged_page_answers_304_for_one_query(client, clock, live_release):
    clock.set(T)
    url = url_in(live_release, "fr")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    # ETag only: Last-Modified has whole seconds, and adds nothing the ETag does not say.
    assert "Last-Modified" not in first
    response, queries = counted(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response["ETag"] == first["ETag"] and response.content == b""
    assert cache_control(response) == cache_control(first)
    assert queries == 1  # the version row, nothing rendered


def test_an_edit_gives_the_page_a_new_etag(client, clock, live_release):
    clock.set(T)
    url = url_in(live_release, "fr")
    first = client.get(url)
    clock.set(T + 2 * SECOND)
    live_release.title_fr = "Titre corrigé"
    live_release.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Titre corrigé" in response.content.decode()
    assert response["ETag"] != first["ETag"]


def test_feeds_and_sitemaps_keep_no_date_of_their_own(client, clock, live_release):
    """They would date themselves by their latest item, which a withdrawal or an edit
    of an older item does not move: the ETag alone says when they change."""
    clock.set(T)
    for url in (reverse_in("releases:feed_rss", "fr"), "/sitemap-releases.xml"):
        response = client.get(url)
        assert response.status_code == 200 and response["ETag"]
        assert "Last-Modified" not in response


@pytest.mark.parametrize("change", ["organization name", "topic added", "image deleted"])
def test_edits_of_what_pages_show_change_the_version(clock, live_release, organization, change):
    from releases.models import Topic

    clock.set(T)
    before = read_public_state().etag
    if change == "organization name":
        organization.name_fr = "SPF Sécurité sociale (nouveau nom)"
        organization.save()
    elif change == "topic added":
        live_release.topics.add(Topic.objects.create(name_fr="Pensions"))
    else:
        from attachments.models import Document

        Document.objects.create(
            release=live_release, title_fr="Annexe", file="documents/x/annexe.pdf"
        ).delete()
    assert read_public_state().etag != before


def test_the_version_changes_with_the_edit_or_not_at_all(transactional_db, clock, make_release):
    """Written in the editing transaction: readers see the new version exactly when
    they see the new content, and a rolled-back edit leaves the version as it was."""
    from django.db import transaction

    clock.set(T)
    release = make_release(publish_at=T - SECOND, **complete())
    before = read_public_state()
    try:
        with transaction.atomic():
            release.title_fr = "Jamais publié"
            release.save()
            assert read_public_state().token != before.token  # inside, it has moved
            raise RuntimeError("the save fails")
    except RuntimeError:
        pass
    assert read_public_state().token == before.token
    release.refresh_from_db()
    with transaction.atomic():
        release.title_fr = "Publié"
        release.save()
    assert read_public_state().token != before.token


def test_an_embargo_access_log_does_not_change_the_version(clock, live_release, editor):
    from releases.models import EmbargoAccess, EmbargoLink

    clock.set(T)
    before = read_public_state().token
    link = EmbargoLink.objects.create(
        release=live_release,
        journalist_name="Ann Peeters",
        email="ann@example.be",
        created_by=editor,
    )
    EmbargoAccess.objects.create(link=link)
    assert read_public_state().token == before


# --- the site's own parts of every page --------------------------------------------------

CHROME = ("site-head", "site-header", "site-footer")  # templates/base.html


def test_the_site_chrome_is_rendered_once_per_language_and_version(
    client, clock, live_release, settings
):
    """The head links, header and footer are the same on every public page of a
    language: the first page stores them, the next pages (of any kind) reuse them."""
    settings.NEWSROOM_PAGE_CACHE = False
    clock.set(T)
    client.get(reverse_in("home", "fr"))
    state = read_public_state()
    for name in CHROME:
        key = fragment_key(name, state, language="fr")
        stored_part = caches["default"].get(key)
        assert stored_part, name
        caches["default"].set(key, stored_part + f"<!-- {name} FROM THE CACHE -->", 60)
    for url in (url_in(live_release, "fr"), reverse_in("releases:list", "fr")):
        html = client.get(url).content.decode()
        assert all(f"{name} FROM THE CACHE" in html for name in CHROME), url
    dutch = client.get(reverse_in("home", "nl")).content.decode()
    assert "FROM THE CACHE" not in dutch and 'href="/nl/persberichten/"' in dutch


def test_pages_outside_the_public_views_neither_read_nor_write_the_site_chrome(
    client, clock, make_release, stored, settings
):
    """An embargo link's page shows the token in its links, an address no view
    answers shows the neutral identity: neither may reach another reader's page."""
    from releases.models import EmbargoLink

    settings.NEWSROOM_PAGE_CACHE = False
    clock.set(T)
    scheduled = make_release(publish_at=T + 3600 * SECOND, title_fr="Sous embargo", **complete())
    link = EmbargoLink.objects.create(release=scheduled, journalist_name="Ann", email="a@b.be")
    state = read_public_state()
    chrome = [fragment_key(name, state, language="fr") for name in CHROME]
    for key in chrome:
        caches["default"].set(key, "<p>FROM THE CACHE</p>", 60)
    caches["default"].delete(chrome[0])  # one part missing: the page would store it
    stored.clear()
    for url, status in (
        (reverse_in("releases:embargo", "fr", token=link.token), 200),
        ("/fr/aucune-page-ici/", 404),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        html = response.content.decode()
        assert "FROM THE CACHE" not in html and 'class="site-header"' in html, url
    assert not {key for key, _ in stored} & set(chrome)


# --- nothing personal is stored -------------------------------------------------------


def test_staff_get_private_no_store_and_never_the_fragment_cache(
    client, clock, live_release, editor, stored, settings
):
    settings.NEWSROOM_PAGE_CACHE = False  # the fragments themselves (whole pages: test_page_cache)
    clock.set(T)
    home = reverse_in("home", "fr")
    assert client.get(home).status_code == 200
    # Our copy of the home page's content, as the next anonymous reader gets it.
    key = fragment_key("home", read_public_state(), language="fr")
    caches["default"].set(key, "<p>FROM THE CACHE</p>", 60)
    assert "FROM THE CACHE" in client.get(home).content.decode()

    client.force_login(editor)
    stored.clear()
    for url in [home, *pages().values(), url_in(live_release, "fr")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "FROM THE CACHE" not in response.content.decode()
        directives = cache_control(response)
        assert directives.get("private") and directives.get("no-store"), url
        assert "public" not in directives and "max-age" not in directives, url
        assert "ETag" not in response and "Last-Modified" not in response
    assert stored == []  # and nothing staff saw is kept for anyone


def test_a_preview_of_a_scheduled_release_is_never_stored(client, clock, scheduled, editor):
    clock.set(T - 10 * SECOND)
    client.force_login(editor)
    response = client.get(url_in(scheduled, "fr"))
    assert response.status_code == 200 and ANNOUNCEMENT in response.content.decode()
    directives = cache_control(response)
    assert directives.get("private") and directives.get("no-store") and "public" not in directives
    # Signed in, an ETag from the public page never gets a 304.
    public_etag = read_public_state().etag
    assert client.get(url_in(scheduled, "fr"), HTTP_IF_NONE_MATCH=public_etag).status_code == 200


def test_an_embargo_page_is_never_stored(client, clock, scheduled, editor):
    from django.urls import reverse

    from releases.models import EmbargoLink

    clock.set(T - datetime.timedelta(hours=1))
    link = EmbargoLink.objects.create(
        release=scheduled, journalist_name="Ann Peeters", email="ann@example.be", created_by=editor
    )
    response = client.get(reverse("releases:embargo", kwargs={"token": link.token}))
    assert response.status_code == 200
    directives = cache_control(response)
    assert directives.get("no-store") and "public" not in directives and "ETag" not in response


def test_a_response_that_sets_a_cookie_is_private(client):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/nl/"})
    assert response.cookies
    directives = cache_control(response)
    assert directives.get("private") and directives.get("no-store")


def test_the_root_redirect_follows_the_browser_language_and_is_not_shared(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302 and response["Location"] == "/nl/"
    assert "Accept-Language" in response["Vary"]
    directives = cache_control(response)
    assert directives.get("private") and "public" not in directives


def test_failures_are_never_stored_and_not_found_is_bounded(client, live_release):
    response = client.get(reverse_in("releases:list", "fr"), {"year": "２０１７"})
    assert response.status_code == 404  # an unknown filter is a page that does not exist
    assert cache_control(response)["max-age"] <= 300
    response = client.post(reverse_in("releases:list", "fr"))
    assert response.status_code == 405
    directives = cache_control(response)
    assert directives.get("no-store") and "public" not in directives


# --- settings -------------------------------------------------------------------------


def test_max_age_zero_makes_every_cache_revalidate(client, clock, settings, live_release):
    settings.NEWSROOM_CACHE_MAX_AGE = 0
    clock.set(T)
    response = client.get(reverse_in("releases:list", "fr"))
    directives = cache_control(response)
    assert directives.get("public") and directives.get("no-cache") and directives["max-age"] == 0
    assert (
        client.get(
            reverse_in("releases:list", "fr"), HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )


def test_the_cache_comes_from_one_variable():
    assert cache_settings("")["BACKEND"].endswith("LocMemCache")
    assert cache_settings("dummy://")["BACKEND"].endswith("DummyCache")
    redis = cache_settings("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    for wrong in ("memcached://127.0.0.1", "127.0.0.1:6379"):
        with pytest.raises(ImproperlyConfigured, match="NEWSROOM_CACHE_URL"):
            cache_settings(wrong)
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_CACHE_MAX_AGE"):
        max_age_setting("NEWSROOM_CACHE_MAX_AGE", -1)


def test_a_fragment_cache_that_does_not_answer_never_breaks_a_page(
    client, clock, settings, scheduled
):
    settings.CACHES = {"default": cache_settings("redis://127.0.0.1:1/2")}  # nothing listens
    clock.set(T)
    for name, url in pages().items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert shows_announcement(response), name


# --- a shared Redis, as several web nodes use it --------------------------------------

# These tests flush their database, and only it: db 2, 3, ... one per test process
# (pytest-xdist's gw0, gw1, ...), so that two processes never flush each other's.
_PROCESS = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{2 + _PROCESS}"


def redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs Redis at 127.0.0.1:6379: {error}")
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error})")


@pytest.fixture
def shared_cache(settings):
    redis_or_skip()
    settings.CACHES = {"default": cache_settings(REDIS_URL)}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_fragments_shared_in_redis_are_never_served_after_a_go_live(
    client, clock, scheduled, shared_cache
):
    clock.set(T - 10 * SECOND)
    home = reverse_in("home", "fr")
    assert ANNOUNCEMENT not in client.get(home).content.decode()
    key = fragment_key("home", read_public_state(), language="fr")
    # Another web node, with its own connection, reads what this one stored ...
    other_node = caches.create_connection("default")
    kept = other_node.get(key)
    assert kept and "Déjà publié" in kept
    assert 0 < other_node._cache.get_client(key).ttl(other_node.make_key(key)) <= 10
    # ... and at the instant, nobody reads it any more: the key has changed.
    clock.set(T)
    assert fragment_key("home", read_public_state(), language="fr") != key
    assert ANNOUNCEMENT in client.get(home).content.decode()


def test_the_etag_is_the_same_on_every_node(client, clock, live_release, shared_cache):
    """Validators come from the database, not from a node's memory."""
    clock.set(T)
    first = client.get(reverse_in("home", "fr"))
    caches["default"].clear()  # as if the next request reached a node with an empty cache
    again = client.get(reverse_in("home", "fr"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', first["ETag"])


@pytest.mark.parametrize("read", [0.0, 0.2, 0.5, 0.8, 0.99])
@pytest.mark.parametrize("render", [0.0, 0.1, 0.3, 0.6, 0.95, 1.7])
def test_no_copy_outlives_the_instant_on_a_whole_second_cache_clock(read, render):
    """The state is read ``read`` s into a second, 10 s before a go-live; the response
    leaves ``render`` s later. A cache that counts whole seconds from when it got the
    response (nginx: receipt rounded down, served while now <= receipt + max-age)
    never serves the copy at the go-live second or after."""
    go_live = datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC)
    read_at = go_live - datetime.timedelta(seconds=10 - read)
    sent = read_at + datetime.timedelta(seconds=render)
    state = CacheEpoch(
        now=read_at, token="t", next_change=go_live, last_instant=go_live - 3600 * SECOND
    )
    # Our fragments, bounded by the instant; browsers' and proxies' copies, by the grid
    # (the go-live is on the 300 s grid: a whole hour).
    for max_age in (state.fresh_for(300, sent=sent), grid_max_age(300, sent)):
        received = int(sent.timestamp())  # whole seconds, rounded down
        last_second_served = received + max_age
        assert last_second_served < int(go_live.timestamp())
        # And an exact clock: the copy is stale a whole second before the instant.
        assert sent.timestamp() + max_age <= go_live.timestamp() - 1


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_version_row_back_without_a_request_writing_it():
    """After a flush (what a transactional test does), post_migrate remakes the row,
    so concurrent public requests only read it."""
    from django.core.management import call_command

    from public_cache.models import PublicVersion

    call_command("flush", interactive=False, verbosity=0)
    assert PublicVersion.objects.filter(pk=1).exists()
