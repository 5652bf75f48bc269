"""The sendings' tasks, run by the worker (``manage.py run_huey``).

* ``start_publication``: queued for a release's go-live second (publication.py);
  starts its mailing and splits it into batches.
* ``deliver``: one batch of messages over one SMTP connection. Each message is
  **claimed** just before it is sent (a conditional UPDATE from waiting or failed to
  "being sent", only while its recipient is still subscribed): of two workers holding
  the same batch, one sends it, and nobody who left meanwhile receives it. Refused for
  good by the recipient's server (5xx): *bounced*, not retried; any other failure:
  *failed*, and the batch is retried with growing delays (30 s, 1, 2, 4, 8 min),
  sending only what is not sent.
* ``send_sending``: an embargoed sending (sending.py), all its messages as one
  batch; before each message the link and the release are read again: a link
  revoked, or a release unscheduled, withdrawn or gone live meanwhile, cancels what
  is left.
* ``catch_up``: at worker start and every minute: mailings whose go-live passed
  while no worker ran (or whose task was lost), messages claimed by a worker that
  died (after ``STALE_CLAIM``; sent again: a worker killed between the SMTP server's
  acceptance and its mark leaves one message that may arrive twice,
  docs/task-queue.md), mailings that stalled, and at start the batches a killed
  worker took with it."""

import datetime
import logging
import smtplib
import threading

from django.core.mail import get_connection
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from distribution import publication
from distribution.models import Delivery, Sending
from distribution.release_email import ReleaseEmail
from distribution.sending import may_send
from releases.models import EmbargoLink, PressRelease
from releases.parts import release_with_parts

log = logging.getLogger(__name__)

#: Messages per batch task: several workers share a large mailing, and a retry
#: resends nothing of the batches that went through.
BATCH_SIZE = 100
RETRIES = 5
#: The first try and the retries.
MAX_ATTEMPTS = RETRIES + 1
#: A message "being sent" for longer than this was claimed by a worker that died.
STALE_CLAIM = datetime.timedelta(minutes=10)
#: A running mailing none of whose messages was claimed for this long lost its batches.
STALLED = datetime.timedelta(minutes=15)


class NotAllSent(Exception):
    pass


def batches(ids):
    return [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]


#: Before any batch: a release's go-live never waits behind another's mailing.
GO_LIVE_PRIORITY = 100


@db_task(retries=3, retry_delay=5, priority=GO_LIVE_PRIORITY)
def start_publication(sending_id, caught_up=False):
    """At the go-live second (the task's eta): start the mailing if the release is
    live. A worker whose clock runs a little behind finds it not yet live and tries
    again at the second itself. ``caught_up``: queued by the catch-up, late."""
    ids = publication.go_live(sending_id, caught_up=caught_up)
    if ids is None:
        sending = Sending.objects.select_related("release").filter(pk=sending_id).first()
        now = timezone.now()
        if (
            sending is not None
            and sending.status == Sending.SCHEDULED
            and sending.due_at == sending.release.publish_at
            and sending.release.state_at(now) == "scheduled"
            and sending.due_at - now < datetime.timedelta(seconds=5)
        ):
            start_publication.schedule(args=(sending_id,), eta=sending.due_at)
        return 0
    for batch in batches(ids):
        deliver(sending_id, batch)
    return len(ids)


@db_task(retries=RETRIES, retry_delay=30, retry_backoff=2)
def deliver(sending_id, ids):
    sent, failed = send_batch(sending_id, ids)
    if failed:
        raise NotAllSent(f"{failed} message(s) of sending {sending_id} not sent; retried later")
    return sent


@db_task(retries=RETRIES, retry_delay=30, retry_backoff=2)
def send_sending(sending_id):
    """An embargoed sending, all at once (press lists are hundreds, not thousands);
    each message claimed as at go-live."""
    ids = list(
        Delivery.objects.filter(
            sending_id=sending_id, status__in=[Delivery.PENDING, Delivery.FAILED]
        ).values_list("pk", flat=True)
    )
    sent, failed = send_batch(sending_id, ids)
    if failed:
        raise NotAllSent(f"{failed} message(s) of sending {sending_id} not sent; retried later")
    return sent


#: Who a message may still go to: a subscriber not forgotten (gdpr.forget empties
#: the link), a journalist who has not unsubscribed.
REACHABLE = Q(subscriber__isnull=False) | Q(
    journalist__isnull=False, journalist__unsubscribed_at__isnull=True
)


def claim(delivery, now):
    """Take one message for this worker, just before sending it: one conditional
    UPDATE, so that of two workers holding it one gets it, and a recipient who left
    meanwhile (unsubscribed, forgotten) is not taken. True if this worker has it."""
    return bool(
        Delivery.objects.filter(pk=delivery.pk, status__in=[Delivery.PENDING, Delivery.FAILED])
        .filter(REACHABLE)
        .update(status=Delivery.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _mark(delivery, claimed_at, status, error=""):
    """What became of a message this worker claimed at ``claimed_at`` (unless the
    catch-up took the claim for dead and another worker has it now)."""
    values = {"status": status, "error": error[:300]}
    if status == Delivery.SENT:
        values["sent_at"] = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.SENDING, claimed_at=claimed_at).update(
        **values
    )


def _cancel_if_waiting(delivery):
    """Not claimed: either another worker has it, or its recipient left (cancelled)."""
    Delivery.objects.filter(pk=delivery.pk, status__in=[Delivery.PENDING, Delivery.FAILED]).update(
        status=Delivery.CANCELLED
    )


def _valid_link(delivery):
    link = (
        EmbargoLink.objects.select_related("release")
        .filter(pk=delivery.embargo_link_id, revoked_at__isnull=True)
        .first()
    )
    return link if link is not None and link.is_valid() else None


def _embargo_link(sending, delivery):
    """Under embargo, read again before each message: the journalist's link still
    valid and the release still scheduled (not unscheduled, withdrawn or live)."""
    release = PressRelease.objects.filter(pk=sending.release_id).first()
    if release is None or not may_send(release):
        return None
    return _valid_link(delivery)


def _permanent(error):
    """A refusal of the recipient's server that no retry will change (5xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def send_batch(sending_id, ids):
    """Send the messages ``ids`` of a sending; ``(sent, failed)``. Failed messages
    stay *failed* for the next try; the rest are sent, bounced or cancelled."""
    sending = Sending.objects.filter(pk=sending_id).first()
    if sending is None:
        return 0, 0
    release = release_with_parts(pk=sending.release_id, public=False)
    deliveries = (
        Delivery.objects.filter(pk__in=ids, status__in=[Delivery.PENDING, Delivery.FAILED])
        .select_related("journalist", "subscriber")
        .order_by("pk")
    )
    if release is None or (
        sending.kind == Sending.PUBLICATION and not publication.still_wanted(release)
    ):
        # Withdrawn (or expired) during its mailing: the rest is not sent.
        deliveries.update(status=Delivery.CANCELLED)
        publication.finish(sending_id)
        return 0, 0
    messages = ReleaseEmail(release)
    smtp = get_connection()
    sent = failed = 0
    try:
        for delivery in deliveries:
            link = None
            if sending.kind == Sending.EMBARGO:
                link = _embargo_link(sending, delivery)
                if link is None:
                    _cancel_if_waiting(delivery)
                    continue
            claimed_at = timezone.now()
            if not claim(delivery, claimed_at):
                _cancel_if_waiting(delivery)
                continue
            if link is not None:
                email = messages.embargoed(delivery, link)
            else:
                email = messages.published(delivery)
            try:
                smtp.open()
                smtp.send_messages([email])
            except (smtplib.SMTPException, OSError) as error:
                smtp.close()  # a fresh connection for the next message
                if _permanent(error):
                    _mark(delivery, claimed_at, Delivery.BOUNCED, str(error))
                    log.info("message %s of sending %s bounced: %s", delivery.pk, sending.pk, error)
                else:
                    _mark(delivery, claimed_at, Delivery.FAILED, str(error))
                    log.warning(
                        "message %s of sending %s failed: %s", delivery.pk, sending.pk, error
                    )
                    failed += 1
                continue
            except Exception:
                # An error of ours (a template, a query): the retry takes it again.
                _mark(delivery, claimed_at, Delivery.FAILED, "error")
                raise
            _mark(delivery, claimed_at, Delivery.SENT)
            sent += 1
    finally:
        smtp.close()
    publication.finish(sending_id)
    return sent, failed


def catch_up(now=None, at_start=False):
    """What a worker starts when it comes back (and every minute after): mailings
    due while no worker ran, messages of dead workers, mailings that stalled (their
    batch tasks lost: nothing sent for ``STALLED``); at start, the waiting messages of
    every running mailing, which a killed worker may have taken with it. Queued again,
    a message another worker already has is not sent twice (claims)."""
    now = now or timezone.now()
    publication.cancel_expired(now)
    started = 0
    for sending_id in publication.due(now):
        started += 1
        start_publication(sending_id, caught_up=True)
    stale = Delivery.objects.filter(status=Delivery.SENDING, claimed_at__lt=now - STALE_CLAIM)
    for sending_id, ids in _by_sending(stale):
        log.warning(
            "%d message(s) of sending %s were being sent by a worker that stopped: sent again",
            len(ids),
            sending_id,
        )
        Delivery.objects.filter(pk__in=ids, status=Delivery.SENDING).update(status=Delivery.PENDING)
        for batch in batches(ids):
            deliver(sending_id, batch)
    waiting = Delivery.objects.filter(
        status=Delivery.PENDING,
        sending__kind=Sending.PUBLICATION,
        sending__status=Sending.SENDING,
    )
    if not at_start:
        recent = Delivery.objects.filter(sending=OuterRef("sending"), claimed_at__gte=now - STALLED)
        waiting = waiting.filter(sending__started_at__lt=now - STALLED).exclude(Exists(recent))
    for sending_id, ids in _by_sending(waiting):
        log.warning("%d message(s) of sending %s were waiting: queued again", len(ids), sending_id)
        for batch in batches(ids):
            deliver(sending_id, batch)
    return started


def _by_sending(deliveries):
    grouped = {}
    for sending_id, pk in deliveries.order_by("pk").values_list("sending_id", "pk"):
        grouped.setdefault(sending_id, []).append(pk)
    return grouped.items()


#: Taken by the first worker thread of a process to start; never released.
_START = threading.Lock()


@HUEY.on_startup()
def catch_up_at_start():
    """As a worker process starts (its first thread). No lock between processes is
    needed, nor one that a killed worker could leave behind: everything the catch-up
    starts is claimed once (the mailing, each message), so two catch-ups at once only
    queue a few tasks twice."""
    if not _START.acquire(blocking=False):
        return
    started = catch_up(at_start=True)
    if started:
        log.warning("worker start: %d publication mailing(s) were due, started now", started)


@db_periodic_task(crontab(minute="*"))
def catch_up_every_minute():
    catch_up()
