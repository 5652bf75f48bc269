from django.contrib import admin
from django.urls import path

from desk import views

app_name = "desk"

urlpatterns = [
    path("calendar/", admin.site.admin_view(views.calendar_view), name="calendar"),
    path("calendar/feed-address/", admin.site.admin_view(views.feed_key_view), name="feed_key"),
    path(
        "compare/<str:app_label>/<str:model_name>/<int:object_id>/",
        admin.site.admin_view(views.compare_view),
        name="compare",
    ),
]
