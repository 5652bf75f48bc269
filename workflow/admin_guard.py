"""The admin side of workflow/permissions.py: every change and delete path asks
``may_change`` / ``may_delete`` of the object, and a change to what a scheduled or
live release or event shows is written into the audit trail.

The paths covered: the change form (GET shows it read-only, POST is refused), the
save itself (``save_model``, which also serves list editing and a revision's revert),
deletes (one, or the bulk action), and every inline row.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from workflow import permissions

_EXPOSED = "_newsroom_exposed"


def current(obj):
    """The object as stored (its relations and state before this request changes them)."""
    return type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None


def record(obj, action, exposure, user, message=""):
    from workflow.models import StateChange

    StateChange.record_edit(obj, action, exposure, user, message)


class GuardedAdminMixin:
    """For every ModelAdmin of content and reference data."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.may_delete(request.user, obj))

    def save_model(self, request, obj, form, change):
        stored = current(obj) if change else None
        if stored is not None:
            # Whatever brought the form here (a change form, a list edit, a revert),
            # the object as stored decides...
            if not permissions.may_change(request.user, stored):
                raise PermissionDenied
            setattr(request, _EXPOSED, (obj.pk, permissions.exposure(stored)))
        # ...and so does the object as it would be saved (moved to, or added to,
        # something the public sees; the form says so first, see get_form).
        if not permissions.may_change(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (GuardedForm, form), {"user": request.user})

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        pk, exposure = getattr(request, _EXPOSED, (None, None))
        exposure = exposure if pk == obj.pk else None
        exposure = exposure or permissions.exposure(obj)
        if exposure:
            record(obj, "edit", exposure, request.user, message)
        return entry

    def delete_model(self, request, obj):
        if not permissions.may_delete(request.user, obj):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if not all(permissions.may_delete(request.user, obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            exposure = permissions.exposure(obj)
            if exposure:
                record(obj, "delete", exposure, request.user)
        return entries


class GuardedForm(forms.ModelForm):
    """A change form that says, rather than a 403 after the save, when what the
    user typed would change something a scheduled or live item shows (an
    appointment given to a quoted minister, say); the input stays in the form."""

    user = None

    def _post_clean(self):
        super()._post_clean()
        if self.user is not None and not permissions.may_change(self.user, self.instance):
            self.add_error(
                None,
                ValidationError(
                    _(
                        "This would change what a scheduled or live release or event shows: "
                        "only an editor may do it."
                    ),
                    code="guarded",
                ),
            )


class GuardedInlineFormSet(BaseInlineFormSet):
    """Refuses a change or a deletion of a row the user may not change now, whatever
    the parent allows (``user`` is set by ``GuardedInlineMixin``)."""

    user = None

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            instance = current(form.instance)
            if instance is None:
                continue
            deleting = self.can_delete and form in self.deleted_forms
            if deleting and not permissions.may_delete(self.user, instance):
                raise ValidationError(
                    _(
                        "“%(item)s” is shown on a scheduled or live item: "
                        "only an editor may remove it."
                    )
                    % {"item": instance}
                )
            if form.has_changed() and not permissions.may_change(self.user, instance):
                raise ValidationError(
                    _(
                        "“%(item)s” is shown on a scheduled or live item: "
                        "only an editor may change it."
                    )
                    % {"item": instance}
                )
        for form in self.extra_forms:
            if (
                form.has_changed()
                and not self._should_delete_form(form)
                and not permissions.may_change(self.user, form.instance)
            ):
                raise ValidationError(
                    _(
                        "“%(item)s” is shown on a scheduled or live item: "
                        "only an editor may change it."
                    )
                    % {"item": form.instance}
                )


class GuardedInlineMixin:
    """For every inline: rows are checked one by one (``GuardedInlineFormSet``)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (GuardedInlineFormSet, formset), {"user": request.user})
