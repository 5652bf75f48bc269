"""Sitemaps whose ``lastmod`` is, for each URL, the last change of its language's texts
(``updated.py``): a correction of the French does not make search engines fetch the
Dutch page again, which still shows the approved Dutch."""

from newsroom.sitemaps import MultilingualSitemap
from translations.updated import last_changes, updated_in


class LanguageLastmodSitemap(MultilingualSitemap):
    """For publishable content (releases, events): one query per sitemap page."""

    #: Parts dated by themselves (``also_changed``), not by their texts' rows.
    undated = ()

    def also_changed(self, item, language):
        """Other dates of ``item``'s page in ``language`` (a correction shown there)."""
        return ()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        if not urls:
            return urls
        items = {info["item"][0].pk: info["item"][0] for info in urls}
        changes = last_changes(type(next(iter(items.values()))), items, self.undated)
        for info in urls:
            item, language = info["item"]
            info["lastmod"] = updated_in(
                item,
                language,
                changes,
                untracked=info["lastmod"],
                also=self.also_changed(item, language),
            )
        dates = [info["lastmod"] for info in urls]
        if all(dates):
            self.latest_lastmod = max(dates)
        return urls
