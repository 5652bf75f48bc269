from newsroom.sitemaps import MultilingualSitemap

from .models import PressRelease


class ReleaseSitemap(MultilingualSitemap):
    changefreq = "monthly"
    limit = 5000  # URLs per sitemap page: one item gives up to four

    def items(self):
        return PressRelease.objects.live().order_by("-publish_at", "pk")
