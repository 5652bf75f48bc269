"""The sendings' task, run by the worker: each message once (a Delivery marked sent is
never sent again), failures retried with growing delays (30 s, 1, 2, 4, 8 min)."""

import logging
import smtplib

from django.urls import reverse
from django.utils import timezone, translation
from huey.contrib.djhuey import db_task

from distribution.models import Delivery, Sending
from distribution.release_email import absolute, release_message

log = logging.getLogger(__name__)


class NotAllSent(Exception):
    pass


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_sending(sending_id):
    sending = Sending.objects.select_related("release").filter(pk=sending_id).first()
    if sending is None:
        return 0
    release = sending.release
    pending = sending.deliveries.exclude(status=Delivery.SENT).select_related("embargo_link")
    sent, failed = 0, 0
    for delivery in pending:
        link = delivery.embargo_link
        if link is None or not link.is_valid():
            continue  # revoked, or the release went live or was withdrawn meanwhile
        with translation.override(delivery.language):
            page = absolute(reverse("releases:embargo", kwargs={"token": link.token}))
        message = release_message(
            release,
            delivery.email,
            delivery.language,
            page,
            embargo_until=link.ends_at(),
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
