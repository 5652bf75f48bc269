from newsroom.sitemaps import MultilingualSitemap

from .models import SitePage


class SitePageSitemap(MultilingualSitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return SitePage.objects.in_footer_order()
