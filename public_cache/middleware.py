"""HTTP for public pages: validators, Cache-Control, and whole pages kept for anonymous
readers (public_cache/caching.py says under which keys and for how long).

``PublicCacheMiddleware`` sits before the session, language and authentication
middleware: for a reader without a session cookie asking for a public view, it reads
the state, answers 304 when their copy is current, else the stored page, before any
of them or any view runs; the page a view renders is stored on its way out. Staff
(a session), previews, embargo links, errors and responses that set a cookie are
never stored and carry ``private, no-store``."""

import logging
import math

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.handlers.exception import response_for_exception
from django.http import HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils import timezone, translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from newsroom.limits import acceptable_address
from public_cache.caching import public_state

logger = logging.getLogger(__name__)

#: Views whose anonymous GET responses are public and cached under the rule above
#: (``request.resolver_match.view_name``). Anything else is left alone, except
#: errors (see ``PublicCacheMiddleware``). The embargo view is absent on purpose.
PUBLIC_VIEWS = frozenset(
    {
        "home",
        "releases:list",
        "releases:detail",
        "releases:feed_rss",
        "releases:feed_atom",
        "releases:press_kit",
        "organizations:list",
        "organizations:detail",
        "organizations:feed_rss",
        "organizations:feed_atom",
        "organizations:person",
        "events:list",
        "events:detail",
        "events:upcoming_calendar",
        "events:calendar",
        "search:results",
        "site_pages:detail",
        "sitemap",
        "django.contrib.sitemaps.views.sitemap",
        "api-docs",
        # The public API (api/): same rule, same validators, same page cache.
        "api:index",
        "api:releases",
        "api:release",
        "api:release_ninjs",
        "api:events",
        "api:event",
        "api:organizations",
        "api:organization",
        "api:officials",
        "api:official",
        "api:topics",
        "api:topic",
        "api:openapi-json",
    }
)
#: Addresses outside the language prefixes whose public views follow the rule too.
UNPREFIXED = ("/api/v1/",)

#: Statuses a public page may be kept with by browsers and proxies (bounded like a
#: page): the page, a redirect to its address in another language, "not found" (a
#: release not live yet is a 404 until its go-live, which bounds it) and "gone".
STORABLE_STATUSES = frozenset({200, 301, 302, 304, 307, 308, 404, 410})
#: Statuses the page cache keeps (a 404 is not: anyone can ask for endless ones).
PAGE_STATUSES = frozenset({200, 301, 302, 410})
#: A larger page is not kept (a sitemap of every release is rendered each time).
PAGE_MAX_BYTES = 2 * 1024 * 1024
#: Set by the response, never stored with a page.
RESPONSE_HEADERS = {"cache-control", "etag", "expires", "last-modified", "content-length"}

_MODE_ATTRIBUTE = "_newsroom_cache_mode"
_PAGE_KEY_ATTRIBUTE = "_newsroom_page_key"
PUBLIC, PRIVATE = "public", "private"


def _cache_control(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }


def make_private(response):
    """For one person only, and kept by no one (not even their browser's history
    cache, which is where a preview would linger). What the view said (the admin's
    ``never_cache``) stays; ``private`` replaces ``public``."""
    patch_cache_control(response, private=True, no_store=True)
    for header in ("ETag", "Last-Modified", "Expires"):
        if header in response:
            del response[header]


def grid_max_age(limit, sent):
    """Whole seconds a response sent at ``sent`` may be kept: until the next multiple
    of ``limit`` seconds since the epoch, one second less (see ``fresh_for``). A fixed
    grid, the same whatever is scheduled: a ``max-age`` never says when a hidden
    release goes live. 0 when ``limit`` is 0."""
    if limit < 1:
        return 0
    left = limit - sent.timestamp() % limit
    return max(0, min(limit, math.floor(left) - 1))


def make_public(response):
    """Kept by anyone until the next boundary of the NEWSROOM_CACHE_MAX_AGE grid
    (counted from now, when the response leaves); below one second, only with
    revalidation."""
    seconds = grid_max_age(settings.NEWSROOM_CACHE_MAX_AGE, timezone.now())
    if seconds >= 1:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        patch_cache_control(response, public=True, no_cache=True, max_age=0)
    patch_vary_headers(response, ("Cookie",))


def set_validators(response, state):
    """The ETag of the state. No ``Last-Modified``: feeds and sitemaps date themselves
    by their latest item, which a withdrawal or an edit of another item does not
    move, and the ETag says all a cache needs."""
    response["ETag"] = state.etag
    if "Last-Modified" in response:
        del response["Last-Modified"]


def _personal(request):
    """Carrying a session cookie: perhaps signed in (a stale cookie counts too, so
    no session is read to answer a 404)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def public_view(request):
    """The language and the public view of an anonymous reader's GET, or None. The
    address is resolved here, in its own language (i18n_patterns), before the
    language middleware has run."""
    if request.method not in ("GET", "HEAD") or _personal(request):
        return None
    if not acceptable_address(request):
        return None  # refused further in, by newsroom/limits.py
    request.get_host()  # a host not allowed is refused (400) before anything is answered
    language = translation.get_language_from_path(request.path_info)
    if language is None and request.path_info.startswith(UNPREFIXED):
        language = "en"  # the API speaks English; its documents' languages are ?lang=
    if language is None:
        return None
    with translation.override(language):
        try:
            match = get_resolver().resolve(request.path_info)
        except Resolver404:
            return None
    return language if match.view_name in PUBLIC_VIEWS else None


def page_key(request, language, state):
    """The page's address as the reader asked for it (scheme and host included:
    pages hold absolute links), in its language, under the state's key."""
    address = request.build_absolute_uri()  # get_host() refuses a host not allowed
    return make_template_fragment_key("newsroom.page", [language, address, *state.key_parts])


def _page_cache():
    return caches[settings.NEWSROOM_FRAGMENT_CACHE]


def stored_page(key):
    """A page from the cache, or None; a cache that fails is skipped, never fatal."""
    try:
        stored = _page_cache().get(key)
    except Exception:  # any backend's failure (Redis down): render instead
        logger.warning("page cache unavailable", exc_info=True)
        return None
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    return response


def store_page(key, response, state):
    timeout = state.fresh_for(settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    if timeout < 1 or len(response.content) > PAGE_MAX_BYTES:
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in RESPONSE_HEADERS]
    try:
        _page_cache().set(key, (response.status_code, headers, response.content), timeout)
    except Exception:
        logger.warning("page cache unavailable, not storing a page", exc_info=True)


class PublicCacheMiddleware:
    """Cache headers and conditional GET for public pages, and whole pages for
    anonymous readers; ``no-store`` for anything personal or failed. Placed before
    the session middleware, so it sees every cookie the inner middleware sets, and
    answers a stored page without running them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.early_answer(request)
        except Exception as error:
            # Answered as Django answers any failure (the database out of reach: a
            # 503, newsroom/errors.py), in the reader's language, and kept by no one.
            response = response_for_exception(request, error)
        if response is None:
            response = self.get_response(request)
        return self.process_response(request, response)

    def early_answer(self, request):
        """For an anonymous reader of a public page: a 304 when their copy is
        current, else the stored page; None to let the view answer."""
        language = public_view(request)
        if language is None:
            return None
        setattr(request, _MODE_ATTRIBUTE, PUBLIC)
        translation.activate(language)  # as the language middleware would, for errors
        state = public_state(request)
        answer = get_conditional_response(request, etag=state.etag)
        if answer is not None or not settings.NEWSROOM_PAGE_CACHE:
            return answer
        key = page_key(request, language, state)
        setattr(request, _PAGE_KEY_ATTRIBUTE, key)
        return stored_page(key)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Readers with a session cookie (staff, or a stale cookie)."""
        match = request.resolver_match
        if getattr(request, _MODE_ATTRIBUTE, None) or request.method not in ("GET", "HEAD"):
            return None
        if match is None or match.view_name not in PUBLIC_VIEWS:
            return None
        if request.user.is_authenticated:
            setattr(request, _MODE_ATTRIBUTE, PRIVATE)
            return None
        setattr(request, _MODE_ATTRIBUTE, PUBLIC)
        # A reader whose copy is current gets 304 before anything is rendered.
        return get_conditional_response(request, etag=public_state(request).etag)

    def process_response(self, request, response):
        mode = getattr(request, _MODE_ATTRIBUTE, None)
        directives = _cache_control(response)
        if response.cookies:
            make_private(response)  # a cookie is someone's own: never shared
        elif "no-store" in directives or "private" in directives:
            pass  # the view's own decision: previews, embargo links, never_cache
        elif mode == PRIVATE:
            make_private(response)
        elif mode == PUBLIC:
            if response.status_code in STORABLE_STATUSES:
                state = public_state(request)
                key = request.__dict__.pop(_PAGE_KEY_ATTRIBUTE, None)
                if key and response.status_code in PAGE_STATUSES and not response.streaming:
                    store_page(key, response, state)
                if response.status_code in (200, 304):
                    set_validators(response, state)
                make_public(response)
            else:
                # Errors are never stored, and the version is not read for them: a
                # database that did not answer the view must not be asked again.
                make_private(response)
        elif not directives:
            self.other_response(request, response)
        return response

    def other_response(self, request, response):
        status = response.status_code
        if status in (404, 410) and request.method in ("GET", "HEAD"):
            # Not found may become found at a go-live (an image of a scheduled
            # release, a page under a new address): kept like a page.
            if _personal(request):
                make_private(response)
            else:
                make_public(response)
        elif status >= 400:
            make_private(response)
        elif 300 <= status < 400 and "accept-language" in response.get("Vary", "").lower():
            # "/" sends each reader to their browser's language: it is theirs.
            patch_cache_control(response, private=True, no_cache=True)
