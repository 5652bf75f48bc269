"""The workflow in the admin: state and dates shown in Brussels time, buttons
with a confirmation page, bulk actions, a guard against stale forms, the audit
trail and the schedule overview. Every path ends in ``workflow.perform()``."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin_dates import brussels_column, datetime_hint, format_in_brussels
from newsroom.languages import language_codes, language_name
from newsroom.publishing import Status
from translations.gate import checked_since_approval, required_stale
from workflow import schedule
from workflow import transitions as workflow
from workflow.models import StateChange

TIME_ZONE_NOTE = _("Europe/Brussels time")


class StaleFormGuard(forms.ModelForm):
    """Refuses to save a form opened before someone else saved the same item.

    The form carries the version it was opened at; if the row has moved on, the
    save is refused with a message and the person's input stays in the form.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            model = type(self.instance)
            # The admin saves in a transaction: the lock holds until the save.
            current = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("expected_version") != current:
                raise ValidationError(stale_message(self.instance), code="stale")
        return cleaned

    def _post_clean(self):
        """A scheduled or live item keeps its required languages complete: an edit (or
        a revert) that empties one is refused, as approval would have been. Checked on
        the instance the form has just filled in, with the workflow's own gate."""
        super()._post_clean()
        if self.instance.pk and self.instance.status == Status.APPROVED:
            problems = workflow.parity_problems(self.instance)
            if problems:
                self.add_error(
                    None,
                    ValidationError(
                        [
                            _("It is approved: these languages must stay complete. Missing:"),
                            *problems,
                        ]
                    ),
                )


def go_live_bound():
    """What the editor scheduling a release should know of public caching
    (NEWSROOM_CACHE_MAX_AGE, public_cache/middleware.py): nothing at the default, 0."""
    seconds = settings.NEWSROOM_CACHE_MAX_AGE
    if seconds < 1:
        return ""
    return ngettext(
        "Browsers and proxies may keep public pages %(seconds)d second. A release scheduled "
        "at a multiple of %(seconds)d second is seen everywhere at its second; at any other "
        "time, up to %(seconds)d second later.",
        "Browsers and proxies may keep public pages %(seconds)d seconds. A release scheduled "
        "at a multiple of %(seconds)d seconds (e.g. a whole minute for 60, a whole hour for "
        "3600) is seen everywhere at its second; at any other time, up to %(seconds)d seconds "
        "later.",
        seconds,
    ) % {"seconds": seconds}


def stale_message(item):
    from reversion.models import Version

    latest = (
        Version.objects.get_for_object(item)
        .select_related("revision__user")
        .order_by("-revision__date_created")
        .first()
    )
    if latest and latest.revision.user:
        return _(
            "%(user)s saved this item on %(when)s, after you opened it. Your changes are not "
            "saved yet: they are still in this form. Open the item in a new tab to see the "
            "other changes, bring yours across, and save there."
        ) % {
            "user": latest.revision.user.get_username(),
            "when": format_in_brussels(latest.revision.date_created),
        }
    return _(
        "Someone saved this item after you opened it. Your changes are not saved yet: they "
        "are still in this form. Open the item in a new tab to see the other changes, bring "
        "yours across, and save there."
    )


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("Publication date and time"),
        widget=AdminSplitDateTime,
        help_text=datetime_hint(),
    )
    unpublish_at = forms.SplitDateTimeField(
        label=_("Expiry date and time (optional)"),
        widget=AdminSplitDateTime,
        required=False,
        help_text=datetime_hint(),
    )


class ExpiryForm(forms.Form):
    unpublish_at = forms.SplitDateTimeField(
        label=_("Expiry date and time (empty: no expiry)"),
        widget=AdminSplitDateTime,
        required=False,
        help_text=datetime_hint(),
    )


class WithdrawForm(forms.Form):
    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        for code in language_codes():
            self.fields[f"reason_{code}"] = forms.CharField(
                label=_("Reason (%(language)s)") % {"language": language_name(code)},
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                required=code == item.original_language,
            )


class StateChangeInline(GenericTabularInline):
    model = StateChange
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ["at_brussels", "action_column", "from_state", "to_state", "user", "change"]
    readonly_fields = fields
    verbose_name_plural = _("Audit trail")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description=_("action"))
    def action_column(self, obj):
        return obj.get_action_display()

    @admin.display(description=_("change"))
    def change(self, obj):
        return obj.get_change_message()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    at_brussels = brussels_column("at", _("at"))


class WorkflowAdminMixin:
    """For the admin of a Publishable model (releases, events)."""

    form = StaleFormGuard
    change_form_template = "workflow/admin/change_form.html"
    # A revert is a save like any other: it carries the version it was opened at.
    revision_form_template = "workflow/admin/revision_form.html"
    # Not django-reversion's list with "Recover deleted": a recovered item would
    # come back in its old state, outside the workflow.
    change_list_template = "admin/change_list.html"
    workflow_readonly = [
        "state_label",
        "publish_at_brussels",
        "unpublish_at_brussels",
        "withdrawn_at_brussels",
    ]
    actions = [
        "submit_selected",
        "return_to_draft_selected",
        "publish_now_selected",
        "unschedule_selected",
    ]

    # -- permissions: the server decides, whatever the page shows -------------------------

    def has_submit_permission(self, request):
        return workflow.has_permission(request.user, workflow.SUBMIT, self.model)

    def has_publish_permission(self, request):
        return workflow.has_permission(request.user, workflow.PUBLISH, self.model)

    # Who may change or delete the item now (press officers edit drafts; once
    # submitted, editors take over; approved items are withdrawn, never deleted) is
    # workflow/permissions.py's rule, applied by ContentAdmin.

    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly]

    # -- display ---------------------------------------------------------------------------

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return obj.state.label if obj and obj.pk else workflow.State.DRAFT.label

    publish_at_brussels = brussels_column(
        "publish_at", _("publication date"), ordering="publish_at"
    )
    unpublish_at_brussels = brussels_column("unpublish_at", _("expiry date"))
    withdrawn_at_brussels = brussels_column("withdrawn_at", _("withdrawn on"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "transitions": workflow.available(obj, request.user) if obj else [],
            "parity_problems": workflow.parity_problems(obj) if obj else [],
            "time_zone_note": TIME_ZONE_NOTE,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # -- the transition page: GET asks for confirmation, POST performs -------------------

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{info[0]}_{info[1]}_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, name):
        item = self.get_object(request, unquote(object_id))
        transition = workflow.TRANSITIONS.get(name)
        if item is None or transition is None:
            raise Http404
        if not workflow.has_permission(request.user, transition.permission, self.model):
            raise PermissionDenied
        form = None
        if transition.needs_schedule:
            form = ScheduleForm(
                request.POST or None,
                initial={"publish_at": item.publish_at, "unpublish_at": item.unpublish_at},
            )
        elif transition.needs_expiry:
            form = ExpiryForm(request.POST or None, initial={"unpublish_at": item.unpublish_at})
        elif transition.needs_reason:
            form = WithdrawForm(request.POST or None, item=item)
        errors = []
        chosen = schedule_context = None
        # What another app adds to the approval (distribution: the go-live mailing).
        extension = schedule.approval_extension(self.model) if transition.gated else None
        posted = request.POST if request.method == "POST" else None
        extension_form = extension.form(item, posted) if extension else None
        if transition.needs_schedule:
            if request.method == "POST" and form.is_valid():
                chosen = form.cleaned_data["publish_at"]
            elif request.method != "POST":
                chosen = item.publish_at
            schedule_context = self._schedule_context(request, item, chosen)
        recipients = extension.recipients(item, extension_form) if extension else []
        clash_unconfirmed = bool(
            schedule_context
            and schedule_context["clashes"]
            and request.method == "POST"
            and not request.POST.get("despite_clashes")
        )
        if clash_unconfirmed:
            errors = [
                _(
                    "Another publication goes live within 30 minutes of this time (listed "
                    "below). Choose another time, or tick the box to schedule it anyway."
                )
            ]
        forms_valid = (form is None or form.is_valid()) and (
            extension_form is None or extension_form.is_valid()
        )
        if request.method == "POST" and forms_valid and not clash_unconfirmed:
            data = form.cleaned_data if form is not None else {}
            try:
                # One transaction: the extension's choices are saved before anything
                # the approval queues (the go-live mailing) can run.
                with transaction.atomic():
                    workflow.perform(
                        item,
                        name,
                        request.user,
                        expected_version=request.POST.get("expected_version"),
                        publish_at=data.get("publish_at"),
                        unpublish_at=data.get("unpublish_at"),
                        reasons={code: data.get(f"reason_{code}", "") for code in language_codes()},
                        checked_translations=request.POST.getlist("checked_translation"),
                    )
                    if extension is not None:
                        extension.save(item, extension_form, request.user)
            except ValidationError as error:
                errors = error.messages
            except PermissionDenied as error:
                errors = [str(error)]
            else:
                self.message_user(
                    request,
                    _("“%(item)s”: %(action)s — done.")
                    % {"item": item, "action": transition.label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                        args=[item.pk],
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "transition": transition,
            # The version the editor reviewed on the change page, not the one now:
            # whatever changed in between makes the confirmation fail.
            "form": form,
            "errors": errors,
            "expected_version": (
                request.POST.get("expected_version") or request.GET.get("version") or item.version
            ),
            "parity_problems": workflow.parity_problems(item) if transition.gated else [],
            # Translations behind the original: each confirmed as checked, or approval fails.
            "stale_translations": required_stale(item) if transition.gated else [],
            "checked_translations_since": (
                checked_since_approval(item) if transition.gated else []
            ),
            "checked_translations": request.POST.getlist("checked_translation"),
            "time_zone_note": TIME_ZONE_NOTE,
            "cache_note": go_live_bound() if transition.needs_schedule else "",
            "title": transition.label,
            "schedule": schedule_context,
            "extension_form": extension_form,
            "recipients": (schedule_context["recipients"] if schedule_context else []) + recipients,
            "date_input_format": get_format("DATE_INPUT_FORMATS")[0],
            "time_input_format": get_format("TIME_INPUT_FORMATS")[0],
        }
        return TemplateResponse(request, "workflow/admin/transition.html", context)

    def _schedule_context(self, request, item, chosen):
        """What the schedule form shows beside the date: when that is from now, what
        else goes live within 30 minutes, who receives the release at that time, and
        (for the script that updates all this as the date is typed) the year ahead."""
        now = timezone.now()
        # From half an hour ago: what went live 10 minutes ago clashes with "now".
        ahead = schedule.entries(
            request.user, now - schedule.CLASH, now + datetime.timedelta(days=366), exclude=item
        )
        recipients = getattr(item, "schedule_recipients", None)
        return {
            "chosen": chosen,
            "line": schedule.goes_live_line(chosen, now) if chosen else "",
            "clashes": schedule.clashes(request.user, item, chosen) if chosen else [],
            "recipients": recipients(now) if recipients else [],
            "script_data": {
                "now": now.timestamp() * 1000,
                "window_ms": schedule.CLASH.total_seconds() * 1000,
                "upcoming": [
                    {"at": entry.at.timestamp() * 1000, "title": str(entry.item)}
                    for entry in ahead
                    if entry.item.status != Status.WITHDRAWN
                ],
            },
        }

    # -- bulk actions, with a confirmation page -------------------------------------------

    def _bulk(self, request, queryset, name):
        transition = workflow.TRANSITIONS[name]
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "transition": transition,
                "items": queryset,
                "action": request.POST.get("action"),
                "title": transition.label,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            }
            return TemplateResponse(request, "workflow/admin/bulk_confirm.html", context)
        done, refused = 0, []
        for item in queryset:
            try:
                # The version each item had on the confirmation page: an item changed
                # since (or a POST without versions) is refused, as on its own page.
                workflow.perform(
                    item,
                    name,
                    request.user,
                    expected_version=request.POST.get(f"version_{item.pk}"),
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                reason = "; ".join(error.messages) if hasattr(error, "messages") else str(error)
                refused.append(f"{item}: {reason}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d item: %(action)s — done.",
                    "%(count)d items: %(action)s — done.",
                    done,
                )
                % {"count": done, "action": transition.label},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)
        return None

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(description=_("Return to draft"), permissions=["submit"])
    def return_to_draft_selected(self, request, queryset):
        return self._bulk(request, queryset, "return_to_draft")

    @admin.action(description=_("Approve and publish now"), permissions=["publish"])
    def publish_now_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish_now")

    @admin.action(description=_("Unschedule"), permissions=["publish"])
    def unschedule_selected(self, request, queryset):
        return self._bulk(request, queryset, "unschedule")
