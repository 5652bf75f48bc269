"""What a partner receives, and to whom each event goes.

* ``go_live``: at a release's go-live second (the task queued for its ``publish_at``,
  tasks.py), only if it is live then and its ``publish_at`` is still the one queued
  (rescheduled, unscheduled or withdrawn meanwhile: nothing). Late, because no worker
  ran at the instant, the catch-up calls it; past ``NEWSROOM_MAILING_MAX_DELAY_HOURS``
  the release is no longer news and nothing is sent.
* ``withdrawn``: in the transaction that withdraws a release that had gone live.
* ``corrected``: in the transaction that adds a public correction to a live release.

Each event becomes one ``Delivery`` per subscription that wants it (active, the event
ticked, one of the release's organizations chosen or none, one of its languages chosen
or none), unique per subscription and event: asked twice (a retry, two workers, the
catch-up), it is recorded once. The payload is written when the event happens and
sent as it is on every attempt; a published or corrected release that is no longer
live when its delivery is tried is not sent (cancelled)."""

import datetime
import logging
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.languages import localized
from newsroom.site_url import absolute_url
from releases.models import PressRelease
from webhooks.models import Delivery, Event, Subscription

log = logging.getLogger(__name__)

#: Later than this after the go-live, a delivery counts as caught up in the log.
CATCH_UP_AFTER = datetime.timedelta(seconds=3)


def max_delay():
    return datetime.timedelta(hours=settings.NEWSROOM_MAILING_MAX_DELAY_HOURS)


def iso(moment):
    """ISO 8601 in UTC, to the second: ``2017-05-30T07:00:00Z``."""
    if moment is None:
        return None
    utc = moment.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    return utc.isoformat() + "Z"


def _titles(release, languages):
    return {code: localized(release, "title", code) for code in languages}


def release_data(release, languages):
    """A live release as partners see it, in ``languages``."""
    api_url = absolute_url(reverse("api:release", kwargs={"release_id": release.pk}))
    urls = {}
    for code in languages:
        with translation.override(code):
            urls[code] = absolute_url(release.get_absolute_url())
    return {
        "id": release.pk,
        "reference": release.reference,
        "languages": list(languages),
        "title": _titles(release, languages),
        "url": urls,
        "api_url": api_url,
        "ninjs_url": absolute_url(reverse("api:release_ninjs", kwargs={"release_id": release.pk})),
        "published_at": iso(release.publish_at),
    }


def withdrawal_data(release, languages):
    """What a withdrawn release still says: its number, titles, notice and dates."""
    notice = {
        code: text for code in languages if (text := localized(release, "withdrawal_reason", code))
    }
    if not notice:
        code = release.original_language
        notice = {code: localized(release, "withdrawal_reason", code)}
    return {
        "id": release.pk,
        "reference": release.reference,
        "languages": list(languages),
        "title": _titles(release, languages),
        "notice": notice,
        "published_at": iso(release.publish_at),
        "withdrawn_at": iso(release.withdrawn_at),
    }


def payload(event, release, languages, correction=None):
    if event == Event.WITHDRAWN:
        return {
            "type": "release.withdrawn",
            "timestamp": iso(release.withdrawn_at),
            "data": withdrawal_data(release, languages),
        }
    data = release_data(release, languages)
    moment = release.publish_at
    if event == Event.CORRECTED:
        moment = correction.corrected_at
        data["correction"] = {
            "note": {
                code: text for code in languages if (text := localized(correction, "note", code))
            },
            "corrected_at": iso(correction.corrected_at),
        }
    return {"type": f"release.{event}", "timestamp": iso(moment), "data": data}


def record(event, release, key, subscriptions, correction=None):
    """One delivery per subscription for this event (none twice: the unique key); the
    ids of those not tried yet."""
    available = release.available_languages
    payloads = {}
    rows = []
    for subscription in subscriptions:
        languages = tuple(subscription.languages_of(available))
        if languages not in payloads:
            payloads[languages] = payload(event, release, languages, correction)
        rows.append(
            Delivery(
                subscription=subscription,
                event=event,
                release=release,
                key=key,
                payload=payloads[languages],
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(key=key, status=Delivery.PENDING, attempts=0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def go_live(release_id, publish_at, now=None, caught_up=False):
    """The ids of the deliveries of a release's go-live, or None when it is not live
    at ``now`` with this ``publish_at``. Only subscriptions that existed at its second
    receive it (a partner who subscribes later is not sent the day's releases)."""
    now = now or timezone.now()
    release = PressRelease.objects.filter(pk=release_id).first()
    if release is None or release.publish_at != publish_at or not release.is_live(now):
        return None
    late = now - release.publish_at
    key = f"{Event.PUBLISHED}:{release.pk}"
    done = Delivery.objects.filter(key=key).values("subscription")
    wanting = (
        Subscription.objects.filter(created_at__lte=release.publish_at)
        .exclude(pk__in=done)
        .wanting(Event.PUBLISHED, release)
    )
    if not wanting:
        return []
    if late > max_delay():
        log.warning(
            "release %s went live at %s, %s ago: its webhooks are not sent (past "
            "NEWSROOM_MAILING_MAX_DELAY_HOURS)",
            release.pk,
            release.publish_at.isoformat(),
            late,
        )
        return []
    ids = record(Event.PUBLISHED, release, key, wanting)
    if caught_up or late > CATCH_UP_AFTER:
        log.warning(
            "caught up: release %s went live at %s; its webhooks (%d) go %s late",
            release.pk,
            release.publish_at.isoformat(),
            len(wanting),
            late,
        )
    else:
        log.info("release %s is live: %d webhook(s)", release.pk, len(wanting))
    return ids


def due(now=None):
    """Releases live for less than the longest delay whose go-live a subscription that
    existed then has not been given: what the catch-up sends."""
    now = now or timezone.now()
    return (
        PressRelease.objects.live(now)
        .filter(publish_at__gte=now - max_delay(), publish_at__lte=now - CATCH_UP_AFTER)
        .values_list("pk", "publish_at")
    )


def withdrawn(release):
    """A release that had gone live was withdrawn (in the withdrawal's transaction)."""
    if release.publish_at is None or release.withdrawn_at is None:
        return []
    if release.publish_at > release.withdrawn_at:
        return []  # never seen by the public
    subscriptions = Subscription.objects.wanting(Event.WITHDRAWN, release)
    return record(Event.WITHDRAWN, release, f"{Event.WITHDRAWN}:{release.pk}", subscriptions)


def corrected(correction, now=None):
    """A public correction was added to a release: sent if the release is live."""
    release = PressRelease.objects.filter(pk=correction.release_id).first()
    if release is None or not release.is_live(now):
        return []
    subscriptions = Subscription.objects.wanting(Event.CORRECTED, release)
    key = f"{Event.CORRECTED}:{correction.pk}"
    return record(Event.CORRECTED, release, key, subscriptions, correction)


def test_delivery(subscription):
    """A delivery that says only that it is a test (the admin's button)."""
    now = timezone.now()
    return Delivery.objects.create(
        subscription=subscription,
        event=Event.TEST,
        key=f"{Event.TEST}:{uuid.uuid4().hex}",
        payload={
            "type": "test",
            "timestamp": iso(now),
            "data": {
                "subscription": subscription.name,
                "events": subscription.events(),
            },
        },
    )
