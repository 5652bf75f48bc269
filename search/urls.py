from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "search"

urlpatterns = [
    path(pgettext_lazy("URL", "search/"), views.SearchView.as_view(), name="results"),
]
