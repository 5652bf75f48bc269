from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "site_pages"

urlpatterns = [
    path(
        pgettext_lazy("URL", "about/<slug:slug>/"),
        views.SitePageDetailView.as_view(),
        name="detail",
    ),
]
