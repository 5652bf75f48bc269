from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    """The public's e-mail subscriptions: anyone asks for the releases of an
    organization, an official, a topic or all of them, in their language, from a small
    form on the site; nothing is stored until they confirm by the link we e-mail them
    (double opt-in, links.py); a signed link in every message leads to their
    preferences, their data (export, deletion) and a one-click unsubscribe (RFC 8058).
    The releases themselves are sent at go-live by distribution/."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "subscriptions"
    verbose_name = _("Subscriptions")
