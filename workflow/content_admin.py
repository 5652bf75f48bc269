"""The base of every content admin: language tabs, a revision on every save, dates in
Brussels time, and who may change what now (``admin_guard.py``)."""

from django.core.exceptions import PermissionDenied
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from newsroom.admin_dates import DateHintsMixin
from newsroom.admin_mixins import URL_FIELDS_HTTPS, RichTextLanguageMixin
from workflow.admin_guard import GuardedAdminMixin


class ContentAdmin(
    GuardedAdminMixin, DateHintsMixin, VersionAdmin, RichTextLanguageMixin, TabbedTranslationAdmin
):
    """Admin for translated content: language tabs, a revision on every save, and who
    may change what now (workflow/admin_guard.py)."""

    formfield_overrides = URL_FIELDS_HTTPS

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
