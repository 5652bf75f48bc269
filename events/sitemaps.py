from newsroom.sitemaps import MultilingualSitemap

from .models import Event


class EventSitemap(MultilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.live().order_by("-starts_at", "pk")
