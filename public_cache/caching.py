"""Caching of public pages that never shows a scheduled release late.

Publication is decided at query time (newsroom/publishing.py): a release goes
live at its ``publish_at`` without any row changing. A cache that keeps a page
for a fixed time would therefore show the page *before* the release for up to
that time after it went live. Everything here follows one rule instead:

* **Nothing public may be kept past the next moment the public content changes
  by the clock**: the next go-live or expiry of a release or an event, the next
  end of an event (it moves from upcoming to past), the next midnight in Brussels
  (officials' pages list the appointments that have begun). Our fragment cache's
  timeouts are bounded by it.
* **Edits of what the public sees change a version** (``PublicVersion``, one row,
  a random token) that every cache key and every ``ETag`` contains, together with
  the last such instant passed, which identifies the present "epoch" of the clock:
  a page cached just before a go-live has another key (and another ETag) just
  after it. Edits the public cannot see (a draft saved, a release submitted or
  scheduled) change nothing, so no validator tells anyone the press office is at
  work (``content_changed`` is called only when the object is public before or
  after the change).
* **No header reveals a hidden instant**: ``max-age`` follows a fixed grid of
  ``NEWSROOM_CACHE_MAX_AGE`` seconds (``grid_max_age``), never the schedule. At
  the default, 0, every cache revalidates every time: a go-live is seen at its
  second. With N > 0, a release scheduled on the grid (a multiple of N seconds
  since the epoch: a whole minute for N = 60) is also seen at its second, any
  other at most N seconds late.
* **Personal responses are never stored**: staff, previews, embargo links and
  anything that sets a cookie say ``private, no-store``.

``PublicCacheMiddleware`` applies this to the views in ``PUBLIC_VIEWS``; the
``{% publicfragment %}`` tag (public_cache/templatetags/fragments.py) caches parts
of those pages. docs/caching.md explains it for operators.
"""

import datetime
import functools
import hashlib
import logging
import math
import secrets
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import get_language

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
        "sitemap",
        "django.contrib.sitemaps.views.sitemap",
    }
)

#: Statuses a public page may be stored with (bounded like a page): the page, a
#: redirect to its address in another language, "not found" (a release not live
#: yet is a 404 until its go-live, which bounds it) and "gone" (withdrawn).
STORABLE_STATUSES = frozenset({200, 301, 302, 304, 307, 308, 404, 410})

#: The app labels whose models are public content: a save or a delete changes the version.
CONTENT_APPS = ("releases", "events", "organizations", "attachments", "identity")
#: Models of those apps that no public page shows.
NOT_CONTENT = frozenset({"releases.embargolink", "releases.embargoaccess"})

_STATE_ATTRIBUTE = "_newsroom_public_state"
_MODE_ATTRIBUTE = "_newsroom_cache_mode"
PUBLIC, PRIVATE = "public", "private"


# ---------------------------------------------------------------------------
# What the public sees: a version, and the instants at which the clock changes it.


@functools.cache
def build_id():
    """A digest of what renders pages besides the database (code, templates,
    translations, the static files' manifest), so that a deployment changes every
    ETag and fragment key even though no content changed. The same files on every
    node give the same digest."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256(django.get_version().encode())
    files = []
    own_apps = [
        Path(app.path) for app in apps.get_app_configs() if Path(app.path).is_relative_to(base)
    ]
    for folder, patterns in [
        ("templates", ("*.html", "*.txt", "*.xml")),
        ("locale", ("*.mo",)),
        *((app, ("*.py", "*.html", "*.txt", "*.xml")) for app in own_apps),
    ]:
        for pattern in patterns:
            files.extend((base / folder).rglob(pattern))
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files.append(manifest)
    for path in sorted(set(files)):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CacheEpoch:
    """What every validator and cache key of a public page is made of: the public
    content version and the clock's instants around ``now`` (not an item's publication
    state: ``Publishable.state_at`` is that)."""

    now: datetime.datetime
    token: str
    changed_at: datetime.datetime | None
    #: The next instant at which a public page changes by the clock alone (None: none planned).
    next_change: datetime.datetime | None
    #: The last such instant passed: with the token, it names what the public sees.
    last_instant: datetime.datetime | None
    #: The latest of the last edit and the last such instant passed.
    last_change: datetime.datetime | None

    def fresh_for(self, limit, sent=None):
        """Whole seconds a response ``sent`` at that instant (default: when the state
        was read) may be kept: at most ``limit``, and never up to the next change.
        One second less than the whole seconds left: a cache counts age from when it
        received the response, on a clock that may count whole seconds only (nginx
        rounds the receipt down), so a copy kept that long is stale before the
        instant, however late in its second the response arrived."""
        if self.next_change is None:
            return limit
        left = (self.next_change - (sent or self.now)).total_seconds()
        return max(0, min(limit, math.floor(left) - 1))

    @property
    def key_parts(self):
        """What a cached fragment depends on besides its own arguments. The epoch is
        named by the last instant passed, not the next one: scheduling a release
        moves the next instant, and must not change what anyone is told."""
        epoch = self.last_instant.isoformat() if self.last_instant else "-"
        return [build_id(), self.token, epoch]

    @functools.cached_property
    def etag(self):
        """Weak: equal ETags mean the same content, not the same bytes."""
        digest = hashlib.sha256("|".join(self.key_parts).encode()).hexdigest()[:32]
        return f'W/"{digest}"'

    @property
    def last_modified(self):
        """``Last-Modified`` as a timestamp, or None while its second is not over.

        HTTP dates have whole seconds: a page sent during the second of the last
        change could be followed by another change in that second with the same
        date, and ``If-Modified-Since`` would wrongly answer 304. Sent only once
        the second is over, any later change has a later date."""
        if self.last_change is None:
            return None
        stamp = math.floor(self.last_change.timestamp())
        if self.now.timestamp() < stamp + 1:
            return None
        return stamp


def _first(queryset, field):
    from django.db.models import Subquery

    return Subquery(queryset.order_by(field).values(field)[:1])


def _last(queryset, field):
    from django.db.models import Subquery

    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def _state_queryset(now):
    from django.db.models import F

    from events.models import Event
    from newsroom.publishing import Status
    from public_cache.models import PublicVersion
    from releases.models import PressRelease

    # Withdrawn releases count in the year's numbering from their publication
    # date (releases/models.py with_numbers), so their dates count here too.
    published = PressRelease.objects.filter(status__in=[Status.APPROVED, Status.WITHDRAWN])
    releases = PressRelease.objects.filter(status=Status.APPROVED)
    events = Event.objects.filter(status=Status.APPROVED)
    instants = {
        "next_release": _first(published.filter(publish_at__gt=now), "publish_at"),
        "next_release_expiry": _first(releases.filter(unpublish_at__gt=now), "unpublish_at"),
        "next_event": _first(events.filter(publish_at__gt=now), "publish_at"),
        "next_event_expiry": _first(events.filter(unpublish_at__gt=now), "unpublish_at"),
        # An event is upcoming while ends_at >= now: it moves to the past just after.
        "next_event_end": _first(events.filter(ends_at__gte=now), "ends_at"),
        "last_release": _last(published.filter(publish_at__lte=now), "publish_at"),
        "last_release_expiry": _last(releases.filter(unpublish_at__lte=now), "unpublish_at"),
        "last_event": _last(events.filter(publish_at__lte=now), "publish_at"),
        "last_event_expiry": _last(events.filter(unpublish_at__lte=now), "unpublish_at"),
        # Only the ends of events that were live then: one that ended before its
        # publication moved from upcoming to past where nobody saw it.
        "last_event_end": _last(
            events.filter(ends_at__lt=now, publish_at__lte=F("ends_at")), "ends_at"
        ),
    }
    names = ("token", "changed_at", *instants)
    return PublicVersion.objects.filter(pk=1).annotate(**instants).values(*names), names


# A stand-in for now while the query is compiled once (below).
_NOW = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


@functools.cache
def _state_query(using):
    """The state query's SQL, compiled once per process: compiling eleven
    subqueries costs more than running them (a few milliseconds against a
    fraction of one), and every public request runs it. Its parameters are the
    compiled ones with now put in at each run."""
    queryset, names = _state_queryset(_NOW)
    sql, params = queryset.query.get_compiler(using=using).as_sql()
    now = connections[using].ops.adapt_datetimefield_value(_NOW)
    slots = tuple("now" if p == now else ("value", p) for p in params)
    if slots.count("now") != 10:  # a stand-in was not found
        raise RuntimeError(f"Unexpected parameters in the public state query: {params}")
    return sql, slots, names


def _datetime(value):
    """A datetime read from a subquery: SQLite gives text (UTC), PostgreSQL a datetime."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _midnights(now):
    """The last and the next midnight in Brussels: appointments begin then."""
    today = timezone.localdate(now)
    last = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    following = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    return last, following


def read_public_state(now=None, using=DEFAULT_DB_ALIAS):
    """The version and the clock's next and last instants, in one query: a probe
    of an index per instant (publication, expiry, event end), on the version row."""
    now = now or timezone.now()
    sql, slots, names = _state_query(using)
    adapted = connections[using].ops.adapt_datetimefield_value(now)
    params = [adapted if slot == "now" else slot[1] for slot in slots]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:  # a flushed database (tests); made once, then read as usual
        content_changed(using=using)
        return read_public_state(now, using)
    if (pending := _pending_stamp(transaction.get_connection(using))) is not None:
        pending.read_since = True  # the next change in this transaction needs a new version
    row = dict(zip(names, found, strict=True))
    row.update({name: _datetime(row[name]) for name in names[1:]})
    last_midnight, next_midnight = _midnights(now)
    upcoming = [row[name] for name in names if name.startswith("next_") and row[name]]
    passed = [row[name] for name in names if name.startswith("last_") and row[name]]
    last_instant = max([*passed, last_midnight])
    return CacheEpoch(
        now=now,
        token=row["token"],
        changed_at=row["changed_at"],
        next_change=min([*upcoming, next_midnight]),
        last_instant=last_instant,
        last_change=max(filter(None, [last_instant, row["changed_at"]])),
    )


def public_state(request):
    """The state for this request, read once and shared by the HTTP headers and
    every fragment of the page. Read before the view queries any content, so a
    version never labels content older than itself."""
    state = getattr(request, _STATE_ATTRIBUTE, None)
    if state is None:
        state = read_public_state()
        setattr(request, _STATE_ATTRIBUTE, state)
    return state


# ---------------------------------------------------------------------------
# The version: changed by every save or delete of public content.


def content_changed(using=DEFAULT_DB_ALIAS, **kwargs):
    """Give public content a new version (the signal receivers call it for changes
    the public sees; call it after bulk changes of public content that send no
    signals, such as ``bulk_create`` or ``update()``).

    Written in the editing transaction, so readers see the new version exactly
    when they see the new content. One write per transaction is enough (nobody
    else sees the version before the commit), unless the transaction itself read
    it meanwhile (a test, where every request shares one transaction). The row
    stays locked until the commit: two editors saving at once wait for each other,
    as they already do for the rows they both write."""
    from public_cache.models import PublicVersion

    connection = transaction.get_connection(using)
    pending = _pending_stamp(connection)
    if pending is not None and not pending.read_since:
        return
    values = {"token": secrets.token_hex(16), "changed_at": timezone.now()}
    versions = PublicVersion.objects.using(using)
    if not versions.filter(pk=1).update(**values):
        # No row (a flushed database): made here, unless another request just made
        # it (ON CONFLICT DO NOTHING: no error, so no transaction is left broken),
        # then ours wins.
        versions.bulk_create([PublicVersion(pk=1, **values)], ignore_conflicts=True)
        versions.filter(pk=1).update(**values)
    if connection.in_atomic_block:
        if pending is None:
            pending = functools.partial(_stamp_commit, using)
            transaction.on_commit(pending, using=using)
        pending.read_since = False


def _pending_stamp(connection):
    """This transaction's ``_stamp_commit`` callback, if it changed the version.
    Django drops it with the transaction or savepoint that rolls the change back."""
    if not connection.in_atomic_block:
        return None
    for _savepoints, callback, *_robust in connection.run_on_commit:
        if getattr(callback, "func", None) is _stamp_commit:
            return callback
    return None


def _stamp_commit(using):
    """After the commit, ``changed_at`` becomes the commit's time: a reader who
    saw the old content during a long transaction got an earlier Last-Modified."""
    from public_cache.models import PublicVersion

    now = timezone.now()
    PublicVersion.objects.using(using).filter(pk=1, changed_at__lt=now).update(changed_at=now)


_WAS_PUBLIC = "_newsroom_was_public"


def _is_public(obj):
    """The model's own rule (``is_public()``); a model without one counts as public."""
    is_public = getattr(obj, "is_public", None)
    return is_public() if is_public is not None else True


def _seen(obj, raw):
    """``_is_public(obj)``; for a raw save (a fixture, a revision's revert), whose
    related rows may not be loaded yet, True where it cannot be told."""
    if not raw:
        return _is_public(obj)
    try:
        return _is_public(obj)
    except ObjectDoesNotExist:
        return True


def _before_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """Whether the public saw the object as stored, before this save changes it
    (asked of the stored row for raw saves too: reverting a draft to an older
    revision changes nothing the public sees)."""
    stored = None
    if instance.pk is not None:
        stored = sender._default_manager.using(using).filter(pk=instance.pk).first()
    setattr(instance, _WAS_PUBLIC, stored is not None and _seen(stored, raw))


def _after_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """A new version when the public saw the object before the save or sees it now
    (a release published or withdrawn, a live release or a name it shows edited);
    a draft saved, submitted or scheduled changes nothing anyone is told."""
    was_public = instance.__dict__.pop(_WAS_PUBLIC, True)
    if was_public or _seen(instance, raw):
        content_changed(using=using)


def _before_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    if _is_public(instance):
        content_changed(using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using=DEFAULT_DB_ALIAS, **kwargs):
    """A link between a release or an event and what it names is seen when the
    release or event is live (both ends, when both are releases or events): a
    draft's topics change nothing anyone sees."""
    from newsroom.publishing import Publishable

    if action == "pre_clear":
        # The other ends are not given: the public saw a link if it saw this end.
        visible = _is_public(instance)
    elif action in ("post_add", "post_remove"):
        visible = (not isinstance(instance, Publishable) or instance.is_live()) and (
            not issubclass(model, Publishable)
            or model._default_manager.using(using).filter(pk__in=pk_set).live().exists()
        )
    else:
        return
    if visible:
        content_changed(using=using)


def ensure_version(using=DEFAULT_DB_ALIAS, **kwargs):
    """The version row, made if missing (post_migrate): migration newsroom.0004
    makes it, and this remakes it after a flush (tests), so that reading a public
    page never has to write it."""
    from public_cache.models import PublicVersion

    with connections[using].cursor() as cursor:
        if PublicVersion._meta.db_table not in connections[using].introspection.table_names(cursor):
            return  # migrated back before the table
    PublicVersion.objects.using(using).bulk_create(
        [PublicVersion(pk=1, token=secrets.token_hex(16), changed_at=timezone.now())],
        ignore_conflicts=True,
    )


def connect_signals():
    """Every model of the content apps, their many-to-many tables included
    (called from PublicCacheConfig.ready); the version row after every migrate."""
    from django.apps import apps
    from django.db.models.signals import (
        m2m_changed,
        post_migrate,
        post_save,
        pre_delete,
        pre_save,
    )

    post_migrate.connect(
        ensure_version,
        sender=apps.get_app_config("public_cache"),
        dispatch_uid="public_cache.caching.ensure_version",
    )

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower in NOT_CONTENT:
                continue
            if model._meta.auto_created:
                m2m_changed.connect(
                    _m2m_changed,
                    sender=model,
                    dispatch_uid=f"public_cache.caching.m2m.{model._meta.label}",
                )
                continue
            # Explicit through tables (ReleaseContact) are models of their own, saved here.
            for name, signal, receiver in (
                ("before_save", pre_save, _before_save),
                ("save", post_save, _after_save),
                ("delete", pre_delete, _before_delete),
            ):
                signal.connect(
                    receiver,
                    sender=model,
                    dispatch_uid=f"public_cache.caching.{name}.{model._meta.label}",
                )


# ---------------------------------------------------------------------------
# HTTP: validators and Cache-Control.


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
    response["ETag"] = state.etag
    if "Last-Modified" in response:
        # Feeds and sitemaps date themselves by their latest item, which a
        # withdrawal or an edit of another item does not move: ours always moves.
        del response["Last-Modified"]
    if state.last_modified is not None:
        response["Last-Modified"] = http_date(state.last_modified)


def _personal(request):
    """Carrying a session cookie: perhaps signed in (a stale cookie counts too, so
    no session is read to answer a 404)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class PublicCacheMiddleware:
    """Cache headers and conditional GET for public pages; ``no-store`` for
    anything personal or failed. Placed before the session middleware, so it sees
    every cookie the inner middleware sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.process_response(request, self.get_response(request))

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method not in ("GET", "HEAD") or match is None:
            return None
        if match.view_name not in PUBLIC_VIEWS:
            return None
        if request.user.is_authenticated:
            setattr(request, _MODE_ATTRIBUTE, PRIVATE)
            return None
        setattr(request, _MODE_ATTRIBUTE, PUBLIC)
        state = public_state(request)
        # A reader whose copy is current gets 304 before anything is rendered.
        return get_conditional_response(request, etag=state.etag, last_modified=state.last_modified)

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
                if response.status_code in (200, 304):
                    set_validators(response, public_state(request))
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


# ---------------------------------------------------------------------------
# Fragments.


def fragment_state(request):
    """The state to cache fragments under, or None when this request must not
    read or write the fragment cache (staff see previews and their own pages)."""
    if request is None or request.method not in ("GET", "HEAD"):
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return None
    return public_state(request)


def fragment_key(name, state, vary_on=(), language=None):
    """The key of fragment ``name``: the reader's language, the build, the content
    version, the clock's next change, and what the fragment varies on."""
    return make_template_fragment_key(
        f"newsroom.{name}", [language or get_language(), *state.key_parts, *vary_on]
    )


def cached_fragment(request, name, vary_on, render):
    """``render()``'s output, from the fragment cache when it has it for this
    language, content version and epoch of the clock, else rendered and stored
    until at most the next change. A cache that fails is skipped, never fatal."""
    state = fragment_state(request)
    if state is None:
        return render()
    timeout = state.fresh_for(settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT)
    if timeout < 1:
        return render()
    key = fragment_key(name, state, vary_on)
    cache = caches[settings.NEWSROOM_FRAGMENT_CACHE]
    try:
        value = cache.get(key)
    except Exception:  # any backend's failure (Redis down): render instead
        logger.warning("fragment cache unavailable, rendering %s", name, exc_info=True)
        return render()
    if value is None:
        value = render()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("fragment cache unavailable, not storing %s", name, exc_info=True)
    return value
