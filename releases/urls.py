from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "releases"

urlpatterns = [
    path(pgettext_lazy("URL", "releases/"), views.ReleaseListView.as_view(), name="list"),
    path(pgettext_lazy("URL", "releases/<slug:slug>/"), views.ReleaseDetailView.as_view(),
         name="detail"),
]
