from newsroom.languages import localized
from translations.sitemaps import LanguageLastmodSitemap

from .models import Correction, PressRelease


class ReleaseSitemap(LanguageLastmodSitemap):
    changefreq = "monthly"
    limit = 5000  # URLs per sitemap page: one item gives up to four

    undated = (Correction,)

    def items(self):
        return (
            PressRelease.objects.live()
            .order_by("-publish_at", "pk")
            .prefetch_related("corrections")
        )

    def also_changed(self, item, language):
        """A correction whose note readers of ``language`` read: its own date."""
        return [c.corrected_at for c in item.corrections.all() if localized(c, "note", language)]
