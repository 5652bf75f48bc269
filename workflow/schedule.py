"""The editors' schedule: every release and event waiting for its go-live, soonest
first (``admin:releases_pressrelease_schedule``, linked from the releases list)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.publishing import publishable_models
from workflow.admin_mixins import TIME_ZONE_NOTE
from workflow.permissions import has_model_permission


def schedule_view(request, model_admin):
    """The scheduled items of every model the user may view."""
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
