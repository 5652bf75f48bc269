from translations.sitemaps import LanguageLastmodSitemap

from .models import Event


class EventSitemap(LanguageLastmodSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.live().order_by("-starts_at", "pk")
