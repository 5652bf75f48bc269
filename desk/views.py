"""The desk's pages in the admin: the planning calendar, its private feed address,
and the comparison of two revisions (revision_diff.py). Each is wrapped by the admin
site's ``admin_view`` (desk/urls.py): staff signed in, with a second factor where
required; what each shows is decided by the model permissions."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk import calendar_feed, planning, revision_diff
from desk.models import CalendarFeedKey
from workflow.admin_mixins import TIME_ZONE_NOTE


def _organizations():
    from organizations.models import Organization

    return Organization.objects.order_by("name")


def _day(value, today):
    """The ``date`` parameter: an ISO date; anything else is the caller's error (400)."""
    if not value:
        return today
    return datetime.date.fromisoformat(value)  # ValueError: refused with a 400 page


def calendar_view(request):
    models = planning.viewable_models(request.user)
    if not models:
        raise PermissionDenied
    today = timezone.localdate()
    view = request.GET.get("view", "week")
    if view not in ("week", "month"):
        raise ValueError(f"unknown calendar view {view!r}")
    period = planning.Period.around(view, _day(request.GET.get("date"), today))
    organization = None
    if request.GET.get("organization"):
        organization = get_object_or_404(_organizations(), pk=int(request.GET["organization"]))
    found = planning.entries(request.user, period.start, period.end, organization)
    key = CalendarFeedKey.objects.filter(user=request.user).first()
    context = {
        **admin.site.each_context(request),
        "title": _("Planning calendar"),
        "period": period,
        "weeks": planning.by_day(period, found, today),
        "count": len(found),
        "organizations": _organizations(),
        "organization": organization,
        "today": today,
        "time_zone_note": TIME_ZONE_NOTE,
        "feed_url": (
            request.build_absolute_uri(reverse("desk-feed", args=[key.token])) if key else ""
        ),
    }
    return TemplateResponse(request, "desk/calendar.html", context)


@require_POST
def feed_key_view(request):
    """Create the user's private feed address, or replace it (the old one stops)."""
    if not planning.viewable_models(request.user):
        raise PermissionDenied
    key, created = CalendarFeedKey.objects.get_or_create(user=request.user)
    if not created:
        key.renew()
        messages.success(request, _("A new address was made; the previous one no longer works."))
    else:
        messages.success(request, _("Your private calendar address is ready."))
    return HttpResponseRedirect(reverse("desk:calendar") + "#feed")


def feed_view(request, token):
    """The private iCalendar feed: no session, the signed address is the key."""
    key = CalendarFeedKey.from_token(token)
    if key is None or not key.user.is_staff or not planning.viewable_models(key.user):
        raise Http404
    response = HttpResponse(
        calendar_feed.render(key.user, request), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="newsroom-planning.ics"'
    return response


def compare_view(request, app_label, model_name, object_id):
    return revision_diff.compare_view(request, app_label, model_name, object_id)
