from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, views

app_name = "releases"

urlpatterns = [
    path(pgettext_lazy("URL", "releases/"), views.ReleaseListView.as_view(), name="list"),
    path(pgettext_lazy("URL", "releases/feed.rss"), feeds.ReleasesFeed(), name="feed_rss"),
    path(pgettext_lazy("URL", "releases/feed.atom"), feeds.ReleasesAtomFeed(), name="feed_atom"),
    path(
        pgettext_lazy("URL", "releases/<slug:slug>/"),
        views.ReleaseDetailView.as_view(),
        name="detail",
    ),
    path(
        pgettext_lazy("URL", "releases/<slug:slug>/press-kit.zip"),
        views.PressKitView.as_view(),
        name="press_kit",
    ),
    path("embargo/<str:token>/", views.EmbargoView.as_view(), name="embargo"),
]
