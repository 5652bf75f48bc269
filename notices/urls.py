from django.contrib import admin
from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("preferences/", admin.site.admin_view(views.preferences_view), name="preferences"),
]
