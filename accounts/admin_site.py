"""The admin site: Django's, with two-factor sign-in (accounts/two_factor.py).

``accounts.apps.NewsroomAdminConfig`` replaces ``django.contrib.admin`` in
``INSTALLED_APPS`` so that ``admin.site`` (where every app registers) is this site.

Every admin page read with parameters in its address (a list's filters, order, date
drill-down) answers an impossible value with a 400 page that says so, not a 500:
Django's list turns most bad filters into ``?e=1``, but not a year out of range for
Python's dates or an order by a column that is not sortable.
"""

import functools
import logging

from django.contrib import admin
from django.core.exceptions import FieldError, ValidationError
from django.db import DataError
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import two_factor
from newsroom import limits

logger = logging.getLogger("django.security.AdminParameters")

#: Django's own admin phrases that read badly in our languages ("Ajouter un objet
#: Citation supplémentaire"): our catalogues (LOCALE_PATHS, read first) say them better.
BETTER_PHRASES = [gettext_noop("Add another %(verbose_name)s")]

#: What a hostile or mistyped filter, order or date in a list's address raises.
BAD_PARAMETER_ERRORS = (ValueError, OverflowError, FieldError, ValidationError, DataError)


def refusing_bad_parameters(view):
    """``view``, where a GET whose address carries parameters answers a value the
    database or Python cannot take with a 400 page instead of a server error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not request.GET:
            return view(request, *args, **kwargs)
        try:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                response.render()  # a list's queries run here too
        except BAD_PARAMETER_ERRORS as error:
            logger.warning("Admin page %s refused for its parameters: %r", request.path, error)
            return limits.refused(
                request,
                _("This list cannot be shown with the filters or the order in its address."),
                status=400,
            )
        return response

    return wrapper


class NewsroomAdminSite(admin.AdminSite):
    login_form = two_factor.TwoFactorAuthenticationForm
    #: ``dashboard(request)`` → the context of the home page's dashboard, drawn by
    #: ``index_template``; both set by the desk app (desk/apps.py), which sits above.
    dashboard = None

    def index(self, request, extra_context=None):
        if self.dashboard is not None:
            extra_context = {**self.dashboard(request), **(extra_context or {})}
        return super().index(request, extra_context)

    def has_permission(self, request):
        """Staff, and verified with a code where that is required of them."""
        return super().has_permission(request) and two_factor.is_fully_signed_in(request.user)

    def login_url(self):
        return reverse("admin:login", current_app=self.name)

    def login(self, request, extra_context=None):
        user = request.user
        if (
            request.method == "GET"
            and user.is_authenticated
            and user.is_active
            and user.is_staff
            and two_factor.two_factor_required(user)
            and not two_factor.has_authenticator(user)
        ):
            return redirect("admin:two_factor")  # signed in with a password: enrol first
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(refusing_bad_parameters(view), cacheable)

    def get_urls(self):
        return [
            path(
                "two-factor/",
                lambda request: two_factor.two_factor_view(request, self),
                name="two_factor",
            ),
            *super().get_urls(),
        ]
