from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public, read-only JSON API (docs/api.md): what the website shows, for the
    federal portal, agencies and partner sites."""

    name = "api"
    verbose_name = _("Public API")
