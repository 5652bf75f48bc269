"""The publication mailing: each release e-mailed once, at its go-live second.

* **Prepared when approved** (``prepare``, on "approve and schedule" and "publish
  now"): one ``Sending`` of kind *publication* per release, waiting for the release's
  ``publish_at``, and a task on the queue for that second (tasks.py). Rescheduling
  moves both; unscheduling cancels it (``cancel``); a release never approved sends
  nothing.
* **Started at go-live** (``go_live``): only if the release is live at that instant;
  the recipients are read then (who subscribed until that second counts): the
  subscribers who asked for it, the journalists who follow its organizations or
  topics and those of the press lists the editor chose, each address once, none that
  received it under embargo or unsubscribed. The sending is claimed by one
  conditional UPDATE, so two workers, a restart or the catch-up never start it twice.
* **Once**: the mailing exists once per release (a database constraint) and is
  started once; a correction of the live release changes nothing; each message is
  claimed by one worker before it is sent (tasks.py).
* **Caught up**: a worker that was down at the instant starts what is due when it
  comes back (``due``), logged with the delay (the send log shows it too); past
  ``NEWSROOM_MAILING_MAX_DELAY_HOURS`` a release is no longer news and the mailing is
  cancelled, with that reason."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from distribution.models import Delivery, Sending
from newsroom.publishing import State
from press_lists.models import Journalist
from releases.models import PressRelease
from subscriptions.models import Subscriber

log = logging.getLogger(__name__)

#: Lateness from which a start counts as a catch-up in the log (the scheduler's tick
#: is one second: later than this, no worker was running at the instant).
CATCH_UP_AFTER = datetime.timedelta(seconds=3)


def max_delay():
    return datetime.timedelta(hours=settings.NEWSROOM_MAILING_MAX_DELAY_HOURS)


def mailing_of(release):
    return Sending.objects.filter(release=release, kind=Sending.PUBLICATION).first()


def prepare(release, press_lists=None, user=None):
    """Called in the transaction that approves ``release`` (scheduled or published
    now): its mailing waits for its ``publish_at``; the task is queued on commit.
    ``press_lists``: the lists chosen on the form (None keeps an earlier choice)."""
    from distribution.tasks import start_publication

    sending, _created = Sending.objects.get_or_create(
        release=release,
        kind=Sending.PUBLICATION,
        defaults={"status": Sending.SCHEDULED, "due_at": release.publish_at, "created_by": user},
    )
    if sending.status in (Sending.SENDING, Sending.DONE):
        return sending  # it has gone out: a release goes live once
    sending.status, sending.due_at, sending.reason = Sending.SCHEDULED, release.publish_at, ""
    sending.save(update_fields=["status", "due_at", "reason"])
    if press_lists is not None:
        sending.press_lists.set(press_lists)
    due_at = sending.due_at
    transaction.on_commit(
        lambda: start_publication.schedule(args=(sending.pk,), eta=due_at), robust=True
    )
    return sending


def cancel(release):
    """Unscheduled before its second: nothing is sent (until it is approved again)."""
    return Sending.objects.filter(
        release=release, kind=Sending.PUBLICATION, status=Sending.SCHEDULED
    ).update(status=Sending.CANCELLED, reason=Sending.UNSCHEDULED)


def journalists_for(release, press_lists):
    """Journalists on the chosen lists, or following the release's issuer, one of its
    related organizations or one of its topics; not those who unsubscribed."""
    organizations = [release.issuing_organization_id, *release.related_organizations.all()]
    return (
        Journalist.objects.reachable()
        .filter(
            Q(press_lists__in=press_lists)
            | Q(organizations__in=organizations)
            | Q(topics__in=release.topics.all())
        )
        .distinct()
    )


def recipients_for(release, press_lists):
    """``(kind, person)`` pairs, each address once: journalists first (the press
    office's own list), then subscribers; none who already received the release under
    embargo."""
    already = set(
        Delivery.objects.filter(
            sending__release=release, sending__kind=Sending.EMBARGO, status=Delivery.SENT
        ).values_list("email", flat=True)
    )
    seen = set(already)
    found = []
    for kind, people in (
        ("journalist", journalists_for(release, press_lists).order_by("email")),
        ("subscriber", Subscriber.objects.wanting(release).order_by("email")),
    ):
        for person in people.iterator(chunk_size=2000):
            address = person.email.lower()
            if address not in seen:
                seen.add(address)
                found.append((kind, person))
    return found


def recipients(sending):
    return recipients_for(sending.release, list(sending.press_lists.all()))


def cancel_on_withdrawal(release):
    """Withdrawn: a mailing not started is cancelled, the messages not yet sent of one
    under way too (each message is claimed just before it is sent: these never are)."""
    Sending.objects.filter(
        release=release, kind=Sending.PUBLICATION, status=Sending.SCHEDULED
    ).update(status=Sending.CANCELLED, reason=Sending.WITHDRAWN)
    Delivery.objects.filter(
        sending__release=release,
        sending__kind=Sending.PUBLICATION,
        status__in=[Delivery.PENDING, Delivery.FAILED],
    ).update(status=Delivery.CANCELLED)


def cancel_expired(now=None):
    """Mailings whose release expired before they could start (the worker was down)."""
    now = now or timezone.now()
    return Sending.objects.filter(
        kind=Sending.PUBLICATION,
        status=Sending.SCHEDULED,
        release__unpublish_at__lte=now,
    ).update(status=Sending.CANCELLED, reason=Sending.EXPIRED, finished_at=now)


def go_live(sending_id, now=None, caught_up=False):
    """Start the mailing if its release is live at ``now``; the ids of the messages
    to send, or None when there is nothing to do (not live yet, already started,
    cancelled). Called by the task at the go-live second, and by the catch-up
    (``caught_up``) for a task that did not run then."""
    now = now or timezone.now()
    sending = Sending.objects.filter(
        pk=sending_id, kind=Sending.PUBLICATION, status=Sending.SCHEDULED
    ).first()
    if sending is None:
        return None
    with transaction.atomic():
        # The release locked and read again: an editor rescheduling or unscheduling
        # it at this moment either finished (we see their change) or waits for us.
        release = PressRelease.objects.select_for_update().filter(pk=sending.release_id).first()
        if release is None or not release.is_live(now):
            return None
        late = now - release.publish_at
        # The claim: of two workers exactly one changes the row (the other waits for
        # the release's lock, then finds the status changed and updates nothing).
        claimed = Sending.objects.filter(pk=sending.pk, status=Sending.SCHEDULED).update(
            status=Sending.SENDING, started_at=now
        )
        if not claimed:
            return None
        sending.refresh_from_db()
        sending.release = release
        if late > max_delay():
            Sending.objects.filter(pk=sending.pk).update(
                status=Sending.CANCELLED, reason=Sending.TOO_LATE, finished_at=now
            )
            log.warning(
                "release %s went live at %s, %s ago: its mailing %s is not sent (past "
                "NEWSROOM_MAILING_MAX_DELAY_HOURS)",
                release.pk,
                release.publish_at.isoformat(),
                late,
                sending.pk,
            )
            return None
        deliveries = [
            Delivery(
                sending=sending,
                journalist=person if kind == "journalist" else None,
                subscriber=person if kind == "subscriber" else None,
                email=person.email,
                language=person.language,
            )
            for kind, person in recipients(sending)
        ]
        Delivery.objects.bulk_create(deliveries, batch_size=1000)
        if caught_up or late > CATCH_UP_AFTER:
            log.warning(
                "caught up: release %s went live at %s; its mailing %s (%d messages) starts "
                "%s late",
                release.pk,
                release.publish_at.isoformat(),
                sending.pk,
                len(deliveries),
                late,
            )
        else:
            log.info(
                "release %s is live: mailing %s to %d recipients",
                release.pk,
                sending.pk,
                len(deliveries),
            )
    ids = list(
        Delivery.objects.filter(sending=sending, status=Delivery.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        finish(sending.pk, now)
    return ids


def due(now=None):
    """Publication mailings whose release is live and which have not started: what
    the worker starts when it comes back (or when its task was lost)."""
    now = now or timezone.now()
    live = PressRelease.objects.live(now).values("pk")
    return Sending.objects.filter(
        kind=Sending.PUBLICATION, status=Sending.SCHEDULED, release__in=live
    ).values_list("pk", flat=True)


def finish(sending_id, now=None):
    """Mark a sending done when no message waits any more (sent, bounced, cancelled,
    or failed for good)."""
    from distribution.tasks import MAX_ATTEMPTS

    waiting = Delivery.objects.filter(sending_id=sending_id).filter(
        Q(status__in=[Delivery.PENDING, Delivery.SENDING])
        | Q(status=Delivery.FAILED, attempts__lt=MAX_ATTEMPTS)
    )
    if waiting.exists():
        return False
    Sending.objects.filter(pk=sending_id, status=Sending.SENDING).update(
        status=Sending.DONE, finished_at=now or timezone.now()
    )
    return True


def still_wanted(release, now=None):
    """A release withdrawn (or expired) during its mailing: the rest is not sent."""
    return release.state_at(now or timezone.now()) == State.LIVE
