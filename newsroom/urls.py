from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.i18n import set_language

from api.views import ApiDocsView
from desk import views as desk_views
from events.sitemaps import EventSitemap
from newsroom.health import healthz
from newsroom.well_known import favicon, robots_txt
from organizations.sitemaps import OrganizationSitemap, PersonSitemap
from releases.sitemaps import ReleaseSitemap
from releases.views import HomeView
from site_pages.sitemaps import SitePageSitemap

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Press releases, events and organizations")

# Oversized or overfull requests get a clear message (newsroom/limits.py).
handler400 = "newsroom.limits.bad_request"
# A database out of reach is a 503 with Retry-After, never a 500 (newsroom/errors.py).
handler500 = "newsroom.errors.server_error"

SITEMAPS = {
    "releases": ReleaseSitemap,
    "events": EventSitemap,
    "organizations": OrganizationSitemap,
    "officials": PersonSitemap,
    "pages": SitePageSitemap,
}

urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    # The editor's desk (desk/): its admin pages, then its private calendar feed.
    path("admin/desk/", include("desk.urls")),
    path("desk/calendar/<str:token>.ics", desk_views.feed_view, name="desk-feed"),
    path("admin/notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
    path("", include("attachments.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("releases.urls")),
    path("", include("organizations.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("subscriptions.urls")),
    path("", include("site_pages.urls")),
    path(pgettext_lazy("URL", "api/"), ApiDocsView.as_view(), name="api-docs"),
    prefix_default_language=True,
)
