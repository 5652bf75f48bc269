from django.urls import path
from django.utils.translation import pgettext_lazy

from releases import feeds

from . import views

app_name = "organizations"

urlpatterns = [
    path(pgettext_lazy("URL", "organizations/"), views.OrganizationListView.as_view(), name="list"),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/"),
        views.OrganizationDetailView.as_view(),
        name="detail",
    ),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/feed.rss"),
        feeds.OrganizationReleasesFeed(),
        name="feed_rss",
    ),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/feed.atom"),
        feeds.OrganizationReleasesAtomFeed(),
        name="feed_atom",
    ),
    path(
        pgettext_lazy("URL", "officials/<slug:slug>/"),
        views.PersonDetailView.as_view(),
        name="person",
    ),
]
