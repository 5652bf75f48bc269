"""The notices' task, run by the worker (``manage.py run_huey``): each recipient once;
a failure is retried with growing delays (30 s, 1, 2, 4, 8 min), skipping who has
already received it."""

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


@db_task(retries=5, retry_delay=30, retry_backoff=2)
def send_state_notices(change_id):
    from workflow.models import StateChange

    change = StateChange.objects.select_related("user").filter(pk=change_id).first()
    if change is None:
        return 0
    model = change.content_type.model_class()
    item = model._default_manager.filter(pk=change.object_id).first()
    if item is None:
        return 0
    sent, failed = 0, []
    for person in recipients(change, model):
        notice, _created = SentNotice.objects.get_or_create(
            change=change, user=person, defaults={"email": person.email}
        )
        if notice.sent_at:
            continue
        language = NoticePreference.of(person).language
        try:
            notice_message(change, item, person, language).send()
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
