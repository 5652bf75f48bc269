from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "subscriptions"

urlpatterns = [
    path(pgettext_lazy("URL", "subscriptions/"), views.subscribe, name="subscribe"),
    path(
        pgettext_lazy("URL", "subscriptions/confirm/<str:token>/"),
        views.confirm,
        name="confirm",
    ),
    path(
        pgettext_lazy("URL", "subscriptions/preferences/<str:token>/"),
        views.manage,
        name="manage",
    ),
    path(
        pgettext_lazy("URL", "subscriptions/preferences/<str:token>/my-data.json"),
        views.export,
        name="export",
    ),
    path(
        pgettext_lazy("URL", "subscriptions/preferences/<str:token>/delete/"),
        views.delete,
        name="delete",
    ),
    path(
        pgettext_lazy("URL", "subscriptions/unsubscribe/<str:token>/"),
        views.unsubscribe,
        name="unsubscribe",
    ),
]
