"""Sitemaps for every public item, one URL per language the item exists in."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.utils import translation

from newsroom.languages import language_codes


class MultilingualSitemap(Sitemap):
    """Lists an item in each language it really exists in, with ``hreflang``
    alternates for those languages only, and an ``x-default``.

    Django's own ``x_default`` strips the language prefix from the French URL,
    which our translated URL segments do not resolve; ours points to the item
    in its original language instead, the version every other reader gets.
    """

    i18n = True
    alternates = True
    x_default = False

    def get_languages_for_item(self, item):
        return getattr(item, "available_languages", None) or language_codes()

    def default_language(self, item):
        return getattr(item, "original_language", None) or language_codes()[0]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for info in urls:
            item = info["item"][0]  # (item, language) with i18n
            address = urlsplit(info["location"])
            with translation.override(self.default_language(item)):
                location = f"{address.scheme}://{address.netloc}{self.location(item)}"
            info["alternates"].append({"location": location, "lang_code": "x-default"})
        return urls

    def lastmod(self, item):
        return getattr(item, "updated_at", None)
