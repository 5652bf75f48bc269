from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Releases sent by e-mail. Today: a scheduled release sent under embargo to press
    lists, each journalist with their own embargo link (sending.py), by the task queue
    (tasks.py), with a send log per release in the admin; the message is the release in
    the journalist's language (release_email.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "distribution"
    verbose_name = _("Distribution")
