"""What goes live when: every approved (or since withdrawn) item at its go-live
instant, for the models a user may view. The planning calendar and its feed
(desk/), the schedule form's warning of another release within 30 minutes, and the
scheduled overview (``admin:releases_pressrelease_schedule``) read it: one query per
publishable model, whatever the number of items."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.publishing import Status, publishable_models
from workflow.permissions import has_model_permission

CLASH = datetime.timedelta(minutes=30)

#: What another app adds to a model's approval pages ("approve and schedule",
#: "publish now"), e.g. distribution's go-live mailing: an object with
#: ``form(item, data)`` (its form), ``recipients(item, form)`` (lines for "who
#: receives it") and ``save(item, form, user)`` (called in the approving transaction).
_approval_extensions = {}


def register_approval_extension(model, extension):
    _approval_extensions[model] = extension


def approval_extension(model):
    return _approval_extensions.get(model)


@dataclass
class Entry:
    item: object
    at: datetime.datetime
    kind: str
    state: object
    url: str

    @property
    def local(self):
        return timezone.localtime(self.at)


def viewable_models(user):
    return [m for m in publishable_models() if has_model_permission(user, "view", m)]


def organization_q(model, organization):
    """Items of ``model`` that are "of" ``organization`` (``organization_fields``)."""
    q = Q()
    for name in getattr(model, "organization_fields", ()):
        q |= Q(**{name: organization})
    return q


def entries(user, start, end, organization=None, exclude=None, now=None):
    """Approved and withdrawn items whose go-live instant is in [start, end), soonest
    first. ``exclude``: an item to leave out (the one being scheduled)."""
    now = now or timezone.now()
    found = []
    for model in viewable_models(user):
        queryset = model._default_manager.filter(
            status__in=[Status.APPROVED, Status.WITHDRAWN],
            publish_at__gte=start,
            publish_at__lt=end,
        )
        if organization is not None:
            ids = model._default_manager.filter(organization_q(model, organization)).values("pk")
            queryset = queryset.filter(pk__in=ids)
        if exclude is not None and isinstance(exclude, model):
            queryset = queryset.exclude(pk=exclude.pk)
        info = model._meta.app_label, model._meta.model_name
        found += [
            Entry(
                item=item,
                at=item.publish_at,
                kind=model._meta.verbose_name,
                state=item.state_at(now),
                url=reverse("admin:{}_{}_change".format(*info), args=[item.pk]),
            )
            for item in queryset.order_by("publish_at")
        ]
    found.sort(key=lambda entry: (entry.at, str(entry.kind), entry.item.pk))
    return found


def clashes(user, item, at):
    """Other items going live within 30 minutes of ``at``, withdrawn ones aside."""
    if at is None:
        return []
    window = entries(user, at - CLASH, at + CLASH + datetime.timedelta(seconds=1), exclude=item)
    return [entry for entry in window if entry.item.status != Status.WITHDRAWN]


def duration(delta):
    """ "2 h 13 min", "3 days 4 h", "45 s": the two largest units of a time span."""
    seconds = max(0, int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, rest = divmod(rest, 60)
    units = [
        (days, lambda n: ngettext("%(n)d day", "%(n)d days", n)),
        (hours, lambda n: _("%(n)d h")),
        (minutes, lambda n: _("%(n)d min")),
        (rest, lambda n: _("%(n)d s")),
    ]
    first = next((i for i, (value, _label) in enumerate(units) if value), len(units) - 1)
    shown = [(v, label) for v, label in units[first : first + 2] if v or len(units) - 1 == first]
    return " ".join(label(value) % {"n": value} for value, label in shown)


def goes_live_line(at, now=None):
    """ "goes live in 2 h 13 min — Tuesday 1 December 2026 22:25:25 (Brussels)"."""
    now = now or timezone.now()
    when = date_format(timezone.localtime(at), "l j F Y H:i:s")
    if at <= now:
        return _("the time has passed — %(when)s (Brussels)") % {"when": when}
    return _("goes live in %(duration)s — %(when)s (Brussels)") % {
        "duration": duration(at - now),
        "when": when,
    }


def schedule_view(request, model_admin):
    """The scheduled items of every model the user may view."""
    from workflow.admin_mixins import TIME_ZONE_NOTE

    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    now = timezone.now()
    rows = [
        {
            "item": item,
            "kind": item._meta.verbose_name,
            "at": item.publish_at,
            "url": reverse(
                f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]
            ),
        }
        for model in publishable_models()
        if has_model_permission(request.user, "view", model)
        for item in model.objects.scheduled(now)
    ]
    rows.sort(key=lambda row: row["at"])
    context = {
        **model_admin.admin_site.each_context(request),
        "rows": rows,
        "title": _("Scheduled publications"),
        "opts": model_admin.model._meta,
        "time_zone_note": TIME_ZONE_NOTE,
    }
    return TemplateResponse(request, "workflow/admin/schedule.html", context)
