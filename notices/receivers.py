from django.db import transaction
from django.utils.translation import get_language

from notices.recipients import TO_AUTHOR, TO_EDITORS


def on_state_change(sender, change, item, **kwargs):
    """Once the transition is committed, the worker sends its notices (tasks.py)."""
    if change.action in TO_EDITORS | TO_AUTHOR:
        from notices.tasks import send_live_notice, send_state_notices

        # robust: a queue out of reach must not turn the editor's done action into an error.
        transaction.on_commit(lambda: send_state_notices(change.pk), robust=True)
        if change.action == "schedule":
            # And at its go-live second: "it is live".
            publish_at = item.publish_at
            transaction.on_commit(
                lambda: send_live_notice.schedule(args=(change.pk,), eta=publish_at),
                robust=True,
            )


def on_sign_in(sender, request, user, **kwargs):
    """A staff member's notices start in the language they use the admin in (they
    change it at *My e-mail notices*)."""
    from django.conf import settings

    from notices.models import NoticePreference

    language = (get_language() or "").split("-")[0]
    if user.is_staff and language in dict(settings.LANGUAGES):
        NoticePreference.objects.get_or_create(user=user, defaults={"language": language})
