from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """E-mail notices to the staff about the workflow: editors hear of what is submitted
    for review, authors of what became of theirs (recipients.py), each in their own
    language and sent once by the task queue (tasks.py); anyone may turn them off
    (models.py, views.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = _("E-mail notices")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from notices.receivers import on_sign_in, on_state_change
        from workflow.signals import state_changed

        state_changed.connect(on_state_change, dispatch_uid="notices.on_state_change")
        user_logged_in.connect(on_sign_in, dispatch_uid="notices.on_sign_in")
