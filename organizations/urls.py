from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "organizations"

urlpatterns = [
    path(pgettext_lazy("URL", "organizations/"), views.OrganizationListView.as_view(),
         name="list"),
    path(pgettext_lazy("URL", "organizations/<slug:slug>/"),
         views.OrganizationDetailView.as_view(), name="detail"),
    path(pgettext_lazy("URL", "officials/<slug:slug>/"), views.PersonDetailView.as_view(),
         name="person"),
]
