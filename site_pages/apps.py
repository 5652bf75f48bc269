from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitePagesConfig(AppConfig):
    """The pages about the site itself that a public body must publish (accessibility
    statement, privacy notice, legal notice, contact), linked from every footer."""

    name = "site_pages"
    verbose_name = _("Site pages")
