"""The admin site: Django's, with two-factor sign-in (newsroom/two_factor.py).

``newsroom.apps.NewsroomAdminConfig`` replaces ``django.contrib.admin`` in
``INSTALLED_APPS`` so that ``admin.site`` (where every app registers) is this site.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse

from newsroom import two_factor


class NewsroomAdminSite(admin.AdminSite):
    login_form = two_factor.TwoFactorAuthenticationForm

    def has_permission(self, request):
        """Staff, and verified with a code where that is required of them."""
        return super().has_permission(request) and two_factor.is_fully_signed_in(request.user)

    def login_url(self):
        return reverse("admin:login", current_app=self.name)

    def login(self, request, extra_context=None):
        user = request.user
        if (request.method == "GET" and user.is_authenticated and user.is_active
                and user.is_staff and two_factor.two_factor_required(user)
                and not two_factor.has_authenticator(user)):
            return redirect("admin:two_factor")  # signed in with a password: enrol first
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("two-factor/", lambda request: two_factor.two_factor_view(request, self),
                 name="two_factor"),
            *super().get_urls(),
        ]

