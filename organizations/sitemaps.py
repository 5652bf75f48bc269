from newsroom.sitemaps import MultilingualSitemap

from .models import Organization, Person


class OrganizationSitemap(MultilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().order_by("pk")

    def lastmod(self, item):
        return None


class PersonSitemap(MultilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().order_by("pk")

    def lastmod(self, item):
        return None
