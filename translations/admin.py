"""Translation management in the admin, for every content admin (workflow/content_admin.py):

- on the change form, a badge and "what changed" under each stale field, a box listing
  every stale translation of the item and its parts, and a badge on the language switch;
- a translation page per item: each language's missing, stale and up-to-date fields,
  "checked, still right" for the stale ones, the XLIFF export per language;
- the XLIFF export of a selection (a list action) and the import with its report.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.languages import language_codes, language_name
from translations import gate, status, xliff
from translations.admin_forms import TranslationStatusForm
from translations.tracking import original_language, owner_of, tracked_fields

MAX_UPLOAD = 5 * 1024 * 1024


def _language_choices():
    return [(code, language_name(code)) for code in language_codes()]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"), choices=_language_choices)


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Translation into"), choices=_language_choices)
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_("The file exported here, translated (XLIFF 1.2, .xlf or .xliff)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def record_import(report, user):
    """An import into a scheduled or live item, or into reference data one shows, is an
    edit of what the public sees: written into its audit trail, as a change in the
    admin would be (workflow/admin_guard.py)."""
    from workflow import permissions
    from workflow.models import StateChange

    by_owner = {}
    for obj, columns in report.changed:
        by_owner.setdefault(owner_of(obj), []).append((obj, columns))
    for owner, changes in by_owner.items():
        exposure = permissions.exposure(owner)
        if not exposure:  # neither it nor anything scheduled or live that shows it
            continue
        message = []
        for obj, columns in changes:
            body = {"fields": [], "names": sorted(columns)}
            if obj is not owner:
                body.update(model=obj._meta.label_lower, object=str(obj))
            message.append({"changed": body})
        StateChange.record_edit(owner, "edit", exposure, user, message)


class TranslationAdminMixin:
    """For ``ContentAdmin``: see the module docstring."""

    def _tracked(self):
        return bool(tracked_fields(self.model))

    def _url(self, name, *args):
        info = self.model._meta.app_label, self.model._meta.model_name
        return reverse(f"admin:{info[0]}_{info[1]}_{name}", args=args)

    def stale_statuses(self, request, obj):
        """The stale fields of ``obj`` and its parts, read once per request (the change
        form asks for them three times)."""
        memo = getattr(request, "_stale_translations", None)
        if memo is None or memo[0] != (type(obj), obj.pk):
            memo = ((type(obj), obj.pk), status.stale(obj))
            request._stale_translations = memo
        return memo[1]

    def _status_map(self, request, obj):
        from django.contrib.contenttypes.models import ContentType

        return {
            (ContentType.objects.get_for_model(type(s.obj)).pk, s.obj.pk, s.field, s.language): s
            for s in self.stale_statuses(request, obj)
        }

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or not self._tracked():
            return form
        attrs = {
            "translation_statuses": self._status_map(request, obj),
            "translation_page": self._url("translations", obj.pk),
        }
        return type(form.__name__, (TranslationStatusForm, form), attrs)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if obj is not None and self._tracked():
                attrs = {
                    "translation_statuses": self._status_map(request, obj),
                    "translation_page": self._url("translations", obj.pk),
                }
                formset.form = type(
                    formset.form.__name__, (TranslationStatusForm, formset.form), attrs
                )
            yield formset, inline

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {}
        if obj is not None and self._tracked():
            stale = self.stale_statuses(request, obj)
            extra = {
                "stale_translations": stale,
                "stale_languages": sorted({s.language for s in stale}),
                "translations_url": self._url("translations", obj.pk),
            }
        request._translation_started = timezone.now()
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def save_related(self, request, form, formsets, change):
        """After a save: say which translations the change left behind the original."""
        super().save_related(request, form, formsets, change)
        started = getattr(request, "_translation_started", None)
        obj = form.instance
        if not change or started is None or not self._tracked():
            return
        request._stale_translations = None
        behind = [
            s
            for s in self.stale_statuses(request, obj)
            if s.row.stale_since and s.row.stale_since >= started
        ]
        if behind:
            self.message_user(
                request,
                _("Now behind the original, to be updated or checked: %(fields)s.")
                % {"fields": "; ".join(s.describe() for s in behind)},
                messages.WARNING,
            )
        request._stale_translations = None

    # -- views ------------------------------------------------------------------------------

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "translations/import/",
                self.admin_site.admin_view(self.translation_import_view),
                name="{}_{}_translation_import".format(*info),
            ),
            path(
                "<path:object_id>/translations/",
                self.admin_site.admin_view(self.translations_view),
                name="{}_{}_translations".format(*info),
            ),
            path(
                "<path:object_id>/translations/<str:language>.xlf",
                self.admin_site.admin_view(self.translation_export_view),
                name="{}_{}_translation_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self._tracked():
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def translations_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        may_check = self.has_change_permission(request, obj)
        if request.method == "POST":
            if not may_check:
                raise PermissionDenied
            chosen = set(request.POST.getlist("checked_translation"))
            checked = [s for s in status.stale(obj) if s.key in chosen]
            if checked:
                gate.record_checked(obj, checked, request.user, timezone.now())
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d translation marked as checked: %(fields)s.",
                        "%(count)d translations marked as checked: %(fields)s.",
                        len(checked),
                    )
                    % {"count": len(checked), "fields": "; ".join(s.describe() for s in checked)},
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, _("No translation was ticked."), messages.WARNING)
            return HttpResponseRedirect(request.path)
        statuses = status.statuses(obj)
        grouped = status.by_language(statuses)
        original = original_language(obj)
        languages = [
            {
                "code": code,
                "name": language_name(code),
                "stale": grouped.get(code, {}).get(status.STALE, []),
                "missing": grouped.get(code, {}).get(status.MISSING, []),
                "current": grouped.get(code, {}).get(status.CURRENT, []),
                "export_url": self._url("translation_export", obj.pk, code),
            }
            for code in language_codes()
            if code != original
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Translations of “%(item)s”") % {"item": obj},
            "original_language_name": language_name(original),
            "languages": languages,
            "may_check": may_check,
            "import_url": self._url("translation_import"),
            "change_url": self._url("change", obj.pk),
        }
        return TemplateResponse(request, "translations/admin/translations.html", context)

    def _xliff_response(self, items, language, name):
        data = xliff.export(items, language)
        response = HttpResponse(data, content_type=xliff.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.{language}.xlf"'
        return response

    def translation_export_view(self, request, object_id, language):
        obj = self._object_or_404(request, object_id)
        if language not in language_codes() or language == original_language(obj):
            raise Http404
        return self._xliff_response([obj], language, f"{self.model._meta.model_name}-{obj.pk}")

    @admin.action(description=_("Export for translation (XLIFF)"), permissions=["view"])
    def export_for_translation(self, request, queryset):
        form = ExportForm(request.POST if "language" in request.POST else None)
        if form.is_valid():
            name = f"{self.model._meta.model_name}-selection"
            return self._xliff_response(list(queryset), form.cleaned_data["language"], name)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Export for translation (XLIFF)"),
            "form": form,
            "items": queryset,
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "translations/admin/export.html", context)

    def translation_import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            user = request.user
            report = xliff.read(
                form.cleaned_data["file"].read(),
                form.cleaned_data["language"],
                user,
                lambda obj: self.has_change_permission(request, obj),
            )
            record_import(report, user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a translation (XLIFF)"),
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "translations/admin/import.html", context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self._tracked() and self.has_view_or_change_permission(request):
            action = self.get_action("export_for_translation")
            actions[action[1]] = action
        return actions
