"""The webhooks' tasks, run by the worker (``manage.py run_huey``).

* ``release_live``: queued for a release's go-live second (receivers.py); records
  its deliveries if it is live then with the ``publish_at`` queued, and sends them.
  A worker whose clock runs a little behind tries again at the second itself.
* ``deliver``: one POST, signed (signing.py). The delivery is **claimed** first (a
  conditional UPDATE from pending or failed to "being sent"): of two workers holding
  it, one sends it. 2xx: delivered. Anything else (another status, a redirect, which is
  not followed, a network error or a timeout): failed, retried by Huey after 30 s, 1,
  2, 4 and 8 minutes; after the last attempt: gave up. A published or corrected
  release no longer live at the attempt is not sent (cancelled).
* ``catch_up``: at worker start and every minute: go-lives missed while no worker
  ran (within ``NEWSROOM_MAILING_MAX_DELAY_HOURS``), deliveries whose task was lost,
  and those claimed by a worker that died."""

import datetime
import ipaddress
import json
import logging
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from releases.models import PressRelease
from webhooks import events, signing
from webhooks.models import Delivery, Event

log = logging.getLogger(__name__)

RETRIES = 5
#: The first try and the retries.
MAX_ATTEMPTS = RETRIES + 1
TIMEOUT = 10
#: A delivery "being sent" for longer than this was claimed by a worker that died.
STALE_CLAIM = datetime.timedelta(minutes=10)
#: A delivery never tried for this long lost its task.
LOST = datetime.timedelta(minutes=2)
#: A release's go-live never waits behind other tasks.
GO_LIVE_PRIORITY = 100


class NotDelivered(Exception):
    pass


@db_task(retries=3, retry_delay=5, priority=GO_LIVE_PRIORITY)
def release_live(release_id, publish_at, caught_up=False):
    """At the go-live second (the task's eta)."""
    ids = events.go_live(release_id, publish_at, caught_up=caught_up)
    if ids is None:
        release = PressRelease.objects.filter(pk=release_id).first()
        now = timezone.now()
        if (
            release is not None
            and release.publish_at == publish_at
            and release.state_at(now) == "scheduled"
            and publish_at - now < datetime.timedelta(seconds=5)
        ):
            release_live.schedule(args=(release_id, publish_at), eta=publish_at)
        return 0
    for pk in ids:
        deliver(pk)
    return len(ids)


@db_task(retries=RETRIES, retry_delay=30, retry_backoff=2, priority=GO_LIVE_PRIORITY)
def deliver(delivery_id):
    status = send(delivery_id)
    if status == Delivery.FAILED:
        raise NotDelivered(f"webhook delivery {delivery_id} failed; retried later")
    return status


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other that is not 2xx: not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def user_agent():
    """Names the newsroom that sends: its software and its address."""
    return f"Newsroom-Webhooks/1.0 (+{settings.NEWSROOM_SITE_URL})"


class PrivateAddress(ValueError):
    pass


def check_public(url):
    """Partners are on the internet: an address that resolves to this machine or a
    private network (loopback, RFC 1918, link-local such as a cloud's metadata
    service) is refused, so a subscription cannot make the newsroom probe its own
    network. ``NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES`` allows them (an intranet portal,
    the tests' local receiver)."""
    if settings.NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    for *_rest, address in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP):
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global:
            raise PrivateAddress(
                f"{host} resolves to {ip}, not a public internet address "
                "(NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES)"
            )


def post(url, body, headers):
    """POST ``body``; the response's status code (raises HTTPError for non-2xx)."""
    check_public(url)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": user_agent(), **headers},
    )
    with _opener.open(request, timeout=TIMEOUT) as response:
        response.read(4096)
        return response.status


def _still_live(delivery, now):
    if delivery.event not in (Event.PUBLISHED, Event.CORRECTED):
        return True
    release = PressRelease.objects.filter(pk=delivery.release_id).first()
    return release is not None and release.is_live(now)


def body_of(delivery):
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def send(delivery_id):
    """One attempt; the delivery's status after it, or None if this worker did not
    take it (another has it, or it was delivered already)."""
    waiting = Delivery.objects.filter(
        pk=delivery_id, status__in=[Delivery.PENDING, Delivery.FAILED]
    )
    delivery = waiting.select_related("subscription").first()
    if delivery is None:
        return None
    now = timezone.now()
    if not delivery.subscription.active or not _still_live(delivery, now):
        waiting.update(status=Delivery.CANCELLED)
        return Delivery.CANCELLED
    claimed = waiting.update(status=Delivery.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return None
    attempts = delivery.attempts + 1
    body = body_of(delivery)
    headers = signing.sign(delivery.subscription.secret, delivery.pk, now.timestamp(), body)
    code, error = None, ""
    try:
        code = post(delivery.subscription.url, body, headers)
    except urllib.error.HTTPError as failure:
        code, error = failure.code, f"HTTP {failure.code} {failure.reason}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        error = str(getattr(failure, "reason", None) or failure) or type(failure).__name__
    if not error:
        status = Delivery.DELIVERED
    elif attempts >= MAX_ATTEMPTS:
        status = Delivery.GAVE_UP
    else:
        status = Delivery.FAILED
    values = {"status": status, "response_status": code, "error": error[:500]}
    if status == Delivery.DELIVERED:
        values["delivered_at"] = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.SENDING, claimed_at=now).update(
        **values
    )
    if error:
        log.warning(
            "webhook delivery %s to %s failed (attempt %d): %s",
            delivery.pk,
            delivery.subscription_id,
            attempts,
            error,
        )
    return status


def catch_up(now=None):
    """Go-lives missed while no worker ran (or whose task was lost), deliveries never
    tried (their task lost) and those of a worker that died. Queued twice, a delivery
    is still sent once (claims)."""
    now = now or timezone.now()
    started = 0
    for release_id, publish_at in events.due(now):
        ids = events.go_live(release_id, publish_at, now=now, caught_up=True)
        for pk in ids or ():
            started += 1
            deliver(pk)
    stale = Delivery.objects.filter(status=Delivery.SENDING, claimed_at__lt=now - STALE_CLAIM)
    for pk in stale.values_list("pk", flat=True):
        log.warning("webhook delivery %s was being sent by a worker that stopped: sent again", pk)
        Delivery.objects.filter(pk=pk, status=Delivery.SENDING).update(status=Delivery.FAILED)
        deliver(pk)
    lost = Delivery.objects.filter(
        status=Delivery.PENDING, attempts=0, created_at__lt=now - LOST
    ).values_list("pk", flat=True)
    for pk in lost:
        deliver(pk)
    return started


#: Taken by the first worker thread of a process to start; never released.
_START = threading.Lock()


@HUEY.on_startup()
def catch_up_at_start():
    if not _START.acquire(blocking=False):
        return
    started = catch_up()
    if started:
        log.warning(
            "worker start: %d webhook delivery(ies) of go-lives were due, sent now", started
        )


@db_periodic_task(crontab(minute="*"))
def catch_up_webhooks_every_minute():
    catch_up()
