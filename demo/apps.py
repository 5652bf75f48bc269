from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: the SPF Sécurité sociale's communiqué of 30 May 2017 and what it names,
    loaded by ``manage.py load_demo``. Not needed in production (``NEWSROOM_DEMO``)."""

    name = "demo"
    verbose_name = _("Demo content")
