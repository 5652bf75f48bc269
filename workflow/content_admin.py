"""The base of every content admin: language tabs, a revision on every save, dates in
Brussels time, and who may change what now (``admin_guard.py``)."""

import reversion
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch
from django.utils.translation import override
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from newsroom.admin_dates import DateHintsMixin
from newsroom.admin_mixins import URL_FIELDS_HTTPS, LabelledCellsFormSet, RichTextLanguageMixin
from newsroom.languages import language_codes
from translations import tracking
from translations.admin import TranslationAdminMixin
from workflow import change_messages
from workflow.admin_guard import GuardedAdminMixin

#: Field: the length past which feeds and search results cut it (the count warns).
COUNTED_FIELDS = {"title": 70, "lead": 160, "name": 70}


def preview_urls(obj):
    """The public address of ``obj`` in each of the four languages, for the side-by-side
    preview: a language the item is not translated into shows what its readers get, the
    original ({} for what has no public page)."""
    if obj is None or not hasattr(obj, "get_absolute_url"):
        return {}
    urls = {}
    for code in language_codes():
        with override(code):
            try:
                urls[code] = obj.get_absolute_url() + "?frame=preview"
            except NoReverseMatch:
                continue
    return urls


class ContentAdmin(
    TranslationAdminMixin,
    GuardedAdminMixin,
    DateHintsMixin,
    VersionAdmin,
    RichTextLanguageMixin,
    TabbedTranslationAdmin,
):
    """Admin for translated content: language tabs, a revision on every save, who may
    change what now (workflow/admin_guard.py), and which translation is behind its
    original (translations/admin.py)."""

    formfield_overrides = URL_FIELDS_HTTPS
    change_form_template = "workflow/admin/content_change_form.html"

    class Media:
        js = ["newsroom/admin/change_form.js"]
        css = {"all": ["newsroom/admin/change_form.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Titles and leads: as wide as the form, with a character count against the
        length feeds and search results show."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        base = getattr(getattr(db_field, "translated_field", None), "name", db_field.name)
        if formfield is not None and base in COUNTED_FIELDS:
            widget = getattr(formfield.widget, "widget", formfield.widget)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} counted-text".strip()
            widget.attrs["data-count-limit"] = COUNTED_FIELDS[base]
            widget.attrs.pop("size", None)
        return formfield

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if isinstance(inline, admin.TabularInline):
                formset = type(formset.__name__, (LabelledCellsFormSet, formset), {})
            yield formset, inline

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "preview_urls": preview_urls(obj),
            "form_original_language": getattr(obj, "original_language", "") or "",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        return change_messages.construct(form, formsets, add)

    # django-reversion keeps the message as text in the saver's language: keep it as
    # data instead (Django's JSON, with our field names), read in the reader's.
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def history_view(self, request, object_id, extra_context=None):
        """django-reversion's history, each entry in the reader's language, with the
        version it is (for the revision comparison, desk/revision_diff.py)."""
        response = super().history_view(request, object_id, extra_context)
        actions = getattr(response, "context_data", {}).get("action_list", [])
        for action in actions:
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
            action["comment"] = change_messages.describe(action["revision"].comment, self.model)
        # What the comparison offers first: the last revision against the one before.
        newest = sorted(actions, key=lambda a: a["revision"].date_created, reverse=True)
        if newest:
            response.context_data["compare_to"] = newest[0]["version_id"]
            response.context_data["compare_from"] = newest[min(1, len(newest) - 1)]["version_id"]
        return response

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # django-reversion reverts (deleting what the revision lacks, e.g. a live
        # release's quotes) before the form's save_model is asked: the guard
        # (workflow/admin_guard.py) answers first, on the object as stored.
        stored = self.model._default_manager.filter(pk=version.object_id).first()
        if stored is not None and not self.has_change_permission(request, stored):
            raise PermissionDenied
        # Reverting restores content in every language, never a workflow state
        # (states change only through workflow/transitions.py): remember the current
        # state; get_object() puts it back right after django-reversion's revert.
        kept = getattr(self.model, "kept_on_revert", ())
        if kept:
            request._kept_on_revert = (
                self.model._default_manager.filter(pk=version.object_id).values(*kept).first()
            )
        # The texts it restores count as changes of the texts (translations behind or not).
        with tracking.reverting():
            return super()._reversion_revisionform_view(
                request, version, template_name, extra_context
            )

    def get_object(self, request, object_id, from_field=None):
        # A change page asks for its object three times (the workflow's box, the
        # preview links, Django's form): on a GET, the database is asked once.
        memo = (self.model, str(object_id), from_field)
        if request.method == "GET" and getattr(request, "_admin_object", (None,))[0] == memo:
            return request._admin_object[1]
        obj = self._get_object(request, object_id, from_field)
        if request.method == "GET":
            request._admin_object = (memo, obj)
        return obj

    def _get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        kept = getattr(request, "_kept_on_revert", None)
        if obj is not None and kept:
            type(obj)._default_manager.filter(pk=obj.pk).update(**kept)
            for name, value in kept.items():
                setattr(obj, name, value)
        return obj
