"""The sendings' task, run by the worker: each message once (a Delivery marked sent is
never sent again; one worker at a time works on a sending, under the queue's lock),
failures retried with growing delays (30 s, 1, 2, 4, 8 min). Before each message the
link and the release are read again: a link revoked, or a release unscheduled,
withdrawn or gone live meanwhile, cancels what is left."""

import logging
import smtplib

from django.urls import reverse
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY, db_task

from distribution.models import Delivery, Sending
from distribution.release_email import release_message
from distribution.sending import may_send
from newsroom.site_url import absolute_url
from releases.models import EmbargoLink, PressRelease

log = logging.getLogger(__name__)


class NotAllSent(Exception):
    pass


def _link_still_valid(delivery):
    link = (
        EmbargoLink.objects.select_related("release")
        .filter(pk=delivery.embargo_link_id, revoked_at__isnull=True)
        .first()
    )
    return link if link is not None and link.is_valid() else None


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_sending(sending_id):
    with HUEY.lock_task(f"distribution-sending-{sending_id}"):
        return _send(sending_id)


def _send(sending_id):
    sending = Sending.objects.filter(pk=sending_id).first()
    if sending is None:
        return 0
    sent, failed = 0, 0
    for delivery in sending.deliveries.filter(status__in=[Delivery.PENDING, Delivery.FAILED]):
        release = PressRelease.objects.filter(pk=sending.release_id).first()
        link = _link_still_valid(delivery)
        if release is None or not may_send(release) or link is None:
            delivery.status = Delivery.CANCELLED
            delivery.save(update_fields=["status"])
            continue
        with translation.override(delivery.language):
            page = absolute_url(reverse("releases:embargo", kwargs={"token": link.token}))
        message = release_message(
            release,
            delivery.email,
            delivery.language,
            page,
            embargo_until=release.publish_at,
            token=link.token,
        )
        delivery.attempts += 1
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            log.warning("embargoed sending %s to %s failed: %s", sending.pk, delivery.email, error)
            delivery.status, delivery.error = Delivery.FAILED, str(error)[:300]
            delivery.save(update_fields=["status", "error", "attempts"])
            failed += 1
            continue
        delivery.status, delivery.sent_at, delivery.error = Delivery.SENT, timezone.now(), ""
        delivery.save(update_fields=["status", "sent_at", "error", "attempts"])
        sent += 1
    if failed:
        raise NotAllSent(f"{failed} message(s) of sending {sending.pk} not sent; retried later")
    return sent
