"""The base of every content admin: language tabs, a revision on every save, dates in
Brussels time, and who may change what now (``admin_guard.py``)."""

import reversion
from django.core.exceptions import PermissionDenied
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from newsroom.admin_dates import DateHintsMixin
from newsroom.admin_mixins import URL_FIELDS_HTTPS, RichTextLanguageMixin
from workflow import change_messages
from workflow.admin_guard import GuardedAdminMixin


class ContentAdmin(
    GuardedAdminMixin, DateHintsMixin, VersionAdmin, RichTextLanguageMixin, TabbedTranslationAdmin
):
    """Admin for translated content: language tabs, a revision on every save, and who
    may change what now (workflow/admin_guard.py)."""

    formfield_overrides = URL_FIELDS_HTTPS

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
        for action in getattr(response, "context_data", {}).get("action_list", []):
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
            action["comment"] = change_messages.describe(action["revision"].comment, self.model)
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
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        kept = getattr(request, "_kept_on_revert", None)
        if obj is not None and kept:
            type(obj)._default_manager.filter(pk=obj.pk).update(**kept)
            for name, value in kept.items():
                setattr(obj, name, value)
        return obj
