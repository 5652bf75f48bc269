from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    default = True  # for "newsroom"; NewsroomAdminConfig is named in INSTALLED_APPS
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom.caching import connect_signals

        connect_signals()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, whose ``admin.site`` is ours (newsroom/admin_site.py)."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"
