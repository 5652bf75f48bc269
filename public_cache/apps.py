from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicCacheConfig(AppConfig):
    """Cache headers, 304s and cached fragments of public pages that never show a
    scheduled release late nor tell anything of unpublished work (caching.py)."""

    name = "public_cache"
    verbose_name = _("Public cache")

    def ready(self):
        from public_cache.versions import connect_signals

        connect_signals()
