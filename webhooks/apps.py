from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhooks for partners (docs/webhooks.md): a POST to each partner's
    address when a release goes live, is corrected or is withdrawn, signed as the
    Standard Webhooks specification says (signing.py), sent by the task queue
    (tasks.py) at the go-live second, once per event and subscription, with a delivery
    log in the admin (admin.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from django.db.models.signals import post_save

        from releases.models import Correction
        from webhooks.receivers import on_correction, on_state_change
        from workflow.signals import state_changed

        state_changed.connect(on_state_change, dispatch_uid="webhooks.on_state_change")
        post_save.connect(on_correction, sender=Correction, dispatch_uid="webhooks.on_correction")
