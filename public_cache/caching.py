"""Caching of public pages that never shows a scheduled release late.

Publication is decided at query time (newsroom/publishing.py): a release goes live at
its ``publish_at`` without any row changing. Everything here follows one rule:

* **Every key and every ``ETag`` names what the public sees**: the build, a version
  (``PublicVersion.token``, random, changed by every edit the public can see) and the
  last instant passed at which the clock changed a public page (a go-live, an expiry,
  an event's end, midnight in Brussels). A page cached just before a go-live has
  another key just after it. Edits the public cannot see (a draft saved, submitted or
  scheduled) change neither, so no validator tells anyone the press office is at work.
* **Nothing is kept past the next such instant** (``CacheEpoch.fresh_for``), and no
  header reveals it: ``max-age`` follows a fixed grid of ``NEWSROOM_CACHE_MAX_AGE``
  seconds (middleware.py, ``grid_max_age``). At the default, 0, every cache
  revalidates every time.
* **The instants are read once per process** and reused while the clock is between
  them and nothing was scheduled since: the version row also holds ``schedule``, a
  token no reader ever sees, changed by every change of a publication date, status or
  event end (versions.py). So a public request reads one row by its key.
* **Whole pages** of anonymous readers (no session cookie) are kept in the cache
  (``NEWSROOM_PAGE_CACHE``) under the key of their address and the state above, and
  served before any view, session or language middleware runs; staff, previews,
  embargo links and responses that set a cookie never are.

middleware.py applies this to the public views (``PublicCacheMiddleware``, the page
cache); versions.py says what changes the version; fragments.py (and the
``{% publicfragment %}`` tag) caches parts of the pages the page cache misses.
docs/caching.md explains it all for operators.
"""

import datetime
import functools
import hashlib
import logging
import math
import time
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Subquery
from django.utils import timezone

logger = logging.getLogger(__name__)

_STATE_ATTRIBUTE = "_newsroom_public_state"


# ---------------------------------------------------------------------------
# What the public sees: a version, and the instants at which the clock changes it.


@functools.cache
def build_id():
    """What renders pages besides the database: ``NEWSROOM_BUILD_ID`` when the
    deployment sets it (the image tag), else a digest of the code, templates,
    translations and static manifest. Either way a deployment changes every ETag and
    key, and every node of one deployment gives the same."""
    if settings.NEWSROOM_BUILD_ID:
        return settings.NEWSROOM_BUILD_ID
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
    content version and the clock's instants around ``now``."""

    now: datetime.datetime
    token: str
    #: The next instant at which a public page changes by the clock alone.
    next_change: datetime.datetime
    #: The last such instant passed: with the token, it names what the public sees.
    last_instant: datetime.datetime

    def fresh_for(self, limit, sent=None):
        """Whole seconds a response ``sent`` at that instant (default: when the state
        was read) may be kept: at most ``limit``, and never up to the next change.
        One second less than the whole seconds left: a cache counts age from when it
        received the response, on a clock that may count whole seconds only (nginx
        rounds the receipt down), so a copy kept that long is stale before the
        instant, however late in its second the response arrived."""
        left = (self.next_change - (sent or self.now)).total_seconds()
        return max(0, min(limit, math.floor(left) - 1))

    @property
    def key_parts(self):
        """What a cached page or fragment depends on besides its own address. Named
        by the last instant passed, not the next one: scheduling a release moves the
        next instant, and must not change what anyone is told."""
        return [build_id(), self.token, self.last_instant.isoformat()]

    @functools.cached_property
    def etag(self):
        """Weak: equal ETags mean the same content, not the same bytes."""
        digest = hashlib.sha256("|".join(self.key_parts).encode()).hexdigest()[:32]
        return f'W/"{digest}"'


@dataclass(frozen=True)
class Instants:
    """The clock's instants around the moment they were read, valid for any ``now``
    in [last, next) while the schedule token they were read under holds."""

    schedule: str
    last: datetime.datetime
    next: datetime.datetime

    def hold_at(self, now, schedule):
        return schedule == self.schedule and self.last <= now < self.next


def _midnights(now):
    """The last and the next midnight in Brussels: appointments begin then."""
    today = timezone.localdate(now)
    last = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    following = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    return last, following


def _first(queryset, field):
    return Subquery(queryset.order_by(field).values(field)[:1])


def _last(queryset, field):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def read_instants(now, schedule, using=DEFAULT_DB_ALIAS):
    """The last and the next instant at which the clock changes a public page: a
    go-live, an expiry, an event's end (a probe of an index each, in one query), or
    midnight."""
    from events.models import Event
    from newsroom.publishing import Status
    from releases.models import PressRelease

    # Withdrawn releases count in the year's numbering from their publication date
    # (releases/models.py with_numbers), so their dates count here too.
    published = PressRelease.objects.filter(status__in=[Status.APPROVED, Status.WITHDRAWN])
    releases = PressRelease.objects.filter(status=Status.APPROVED)
    events = Event.objects.filter(status=Status.APPROVED)
    probes = {
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
    from public_cache.models import PublicVersion

    found = PublicVersion.objects.using(using).filter(pk=1).annotate(**probes).values(*probes).get()
    found = {name: _datetime(value) for name, value in found.items() if value}
    last_midnight, next_midnight = _midnights(now)
    return Instants(
        schedule=schedule,
        last=max([v for name, v in found.items() if name.startswith("last_")] + [last_midnight]),
        next=min([v for name, v in found.items() if name.startswith("next_")] + [next_midnight]),
    )


def _datetime(value):
    """A datetime read from a subquery: SQLite gives text (UTC), PostgreSQL a datetime."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


#: Each process's instants, per database: read again when the schedule changes or
#: the clock leaves them.
_instants = {}


def _version_row(using):
    """The version row: one read by its key (the table name is ours, fixed)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT token, schedule FROM newsroom_publicversion WHERE id = 1")
        return cursor.fetchone()


#: Each process's last version row, per database: (row, when it was read, monotonic).
_rows = {}


def forget_version(using=DEFAULT_DB_ALIAS):
    """This process reads the version row again at its next request (versions.py
    calls it when this process changes the version, and again once that commits)."""
    _rows.pop(using, None)


def _current_row(using):
    """The version row, read again unless this process read it less than
    ``NEWSROOM_VERSION_RECHECK_MS`` ago (0: on every request). Under load that is
    one read for dozens of requests; an edit made by another process is seen at
    most that late, one made by this process at once, and the clock's instants are
    checked on every request whatever it says."""
    recheck = settings.NEWSROOM_VERSION_RECHECK_MS / 1000
    started = time.monotonic()
    if recheck > 0:
        known = _rows.get(using)
        if known is not None and 0 <= started - known[1] < recheck:
            return known[0]
    row = _version_row(using)
    if row is None:  # a flushed database (tests); made once, then read as usual
        from public_cache.versions import content_changed

        content_changed(using=using)
        row = _version_row(using)
    if recheck > 0:
        _rows[using] = (row, started)  # from before the read: never counted too long
    return row


def read_public_state(now=None, using=DEFAULT_DB_ALIAS):
    """The version and the clock's instants around ``now``: one row read (or this
    process's copy of it, see ``_current_row``), and the instants' probes only when
    they may have moved."""
    now = now or timezone.now()
    token, schedule = _current_row(using)
    known = _instants.get(using)
    if known is None or not known.hold_at(now, schedule):
        known = _instants[using] = read_instants(now, schedule, using)
    return CacheEpoch(now=now, token=token, next_change=known.next, last_instant=known.last)


def public_state(request):
    """The state for this request, read once and shared by the HTTP headers, the page
    cache and every fragment of the page. Read before the view queries any content,
    so a version never labels content older than itself."""
    state = getattr(request, _STATE_ATTRIBUTE, None)
    if state is None:
        state = read_public_state()
        setattr(request, _STATE_ATTRIBUTE, state)
    return state
