from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Releases sent by e-mail, by the task queue (tasks.py), with a send log per
    release in the admin: at go-live, to the subscribers and the journalists who
    follow it or whose press lists the editor chose (publication.py, prepared when the
    release is approved, approval_form.py); before go-live, under embargo to press
    lists, each journalist with their own embargo link (sending.py). The message is
    the release in the recipient's language (release_email.py); bounce reports mark
    their message (bounces.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from distribution.approval_form import GoLiveMailing
        from distribution.receivers import on_state_change
        from releases.models import PressRelease
        from workflow.schedule import register_approval_extension
        from workflow.signals import state_changed

        state_changed.connect(on_state_change, dispatch_uid="distribution.on_state_change")
        register_approval_extension(PressRelease, GoLiveMailing())
