from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translation management: for every translated field of every item, in each
    language, whether it is missing, up to date or behind its original (``tracking.py``
    records it on every save; ``status.py`` reads it), the gate that keeps a release
    with stale translations from approval (``gate.py``), and the round trip to the
    translation service in XLIFF 1.2 (``xliff.py``)."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from translations import tracking

        tracking.connect()
