from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Who publishes this newsroom: its name, the publishing organization, the logo,
    the contact line and the footer links, in every language, edited in the admin."""

    name = "identity"
    verbose_name = _("Newsroom identity")
