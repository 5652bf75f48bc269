from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: the admin site with two-factor sign-in (admin_site.py,
    two_factor.py), throttling and lockout (login_throttle.py), ``create_admin``."""

    default = True
    name = "accounts"
    verbose_name = _("Signing in")

    def ready(self):
        from accounts.library_admin import translate_library_names

        translate_library_names()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, whose ``admin.site`` is ours (accounts/admin_site.py)."""

    default = False
    default_site = "accounts.admin_site.NewsroomAdminSite"
