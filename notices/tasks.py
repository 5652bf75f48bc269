"""The notices' tasks, run by the worker (``manage.py run_huey``): each recipient once;
a failure is retried with growing delays (30 s, 1, 2, 4, 8 min), skipping who has
already received it. A scheduled item's author also hears of its go-live, by a task
queued for that second."""

import datetime
import logging
import smtplib

from django.utils import timezone
from huey.contrib.djhuey import db_task

from notices.emails import notice_message
from notices.models import NoticePreference, SentNotice
from notices.recipients import recipients

log = logging.getLogger(__name__)


class NoticeNotSent(Exception):
    pass


def _change_and_item(change_id):
    from workflow.models import StateChange

    change = StateChange.objects.select_related("user").filter(pk=change_id).first()
    if change is None:
        return None, None
    model = change.content_type.model_class()
    return change, model._default_manager.filter(pk=change.object_id).first()


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_state_notices(change_id):
    change, item = _change_and_item(change_id)
    if item is None:
        return 0
    return _send(change, item, SentNotice.CHANGE)


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_live_notice(change_id):
    """At the go-live second of what ``change`` scheduled: its author hears that it
    is live, unless it was unscheduled or scheduled again since (that later change
    has its own notice)."""
    from workflow.models import StateChange

    change, item = _change_and_item(change_id)
    if item is None:
        return 0
    latest = (
        StateChange.objects.filter(
            content_type_id=change.content_type_id,
            object_id=change.object_id,
            action__in=["schedule", "unschedule", "publish_now"],
        )
        .order_by("-at", "-pk")
        .first()
    )
    if latest != change:
        return 0
    now = timezone.now()
    if not item.is_live(now):
        if item.publish_at and now < item.publish_at < now + datetime.timedelta(seconds=5):
            send_live_notice.schedule(args=(change_id,), eta=item.publish_at)  # clock skew
        return 0
    return _send(change, item, SentNotice.LIVE)


def _send(change, item, kind):
    sent, failed = 0, []
    for person in recipients(change, type(item)):
        notice, _created = SentNotice.objects.get_or_create(
            change=change, user=person, kind=kind, defaults={"email": person.email}
        )
        if notice.sent_at:
            continue
        language = NoticePreference.of(person).language
        try:
            notice_message(change, item, person, language, live=kind == SentNotice.LIVE).send()
        except (smtplib.SMTPException, OSError) as error:
            log.warning("notice %s to %s not sent: %s", change.pk, person.email, error)
            failed.append(person.email)
            continue
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
        sent += 1
    if failed:
        raise NoticeNotSent(f"not sent to {', '.join(failed)}; retried later")
    return sent
