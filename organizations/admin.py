from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from newsroom.admin_dates import DateHintsMixin
from newsroom.admin_mixins import PreloadedChoicesInlineMixin
from newsroom.languages import translated_columns
from workflow.admin_guard import GuardedAdminMixin, GuardedInlineMixin
from workflow.content_admin import ContentAdmin

from .models import Appointment, Organization, OrganizationRelation, Person, PressContact, Role


class RelationInline(
    PreloadedChoicesInlineMixin, GuardedInlineMixin, DateHintsMixin, admin.TabularInline
):
    """This organization's relations with others ("hosted by", "co-funded by"...).
    "Part of" is the organization's own field, which draws the hierarchy."""

    model = OrganizationRelation
    fk_name = "organization"
    extra = 0
    verbose_name = _("relation with another organization")
    verbose_name_plural = _("relations with other organizations")
    autocomplete_fields = ["related", "through"]
    preloaded = {"related": [], "through": []}
    fields = ["kind", "related", "through", "started_on", "ended_on"]


class InverseRelationInline(RelationInline):
    """Relations other organizations have with this one ("hosts", "co-funds"...),
    each edited as the other organization's: the guard asks of that one."""

    fk_name = "related"
    verbose_name = _("relation of another organization with this one")
    verbose_name_plural = _("relations of other organizations with this one")
    autocomplete_fields = ["organization", "through"]
    preloaded = {"organization": [], "through": []}
    fields = ["organization", "kind", "through", "started_on", "ended_on"]


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = translated_columns("name", "acronym")
    autocomplete_fields = ["parent", "logo"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "parent"]}),
        (_("About"), {"fields": ["description", "website", "logo"]}),
    ]
    inlines = [RelationInline, InverseRelationInline]


class AppointmentInline(
    PreloadedChoicesInlineMixin, GuardedInlineMixin, DateHintsMixin, admin.TabularInline
):
    model = Appointment
    extra = 0
    autocomplete_fields = ["role"]
    preloaded = {"role": [], "person": []}  # the row's name is the person's and role's
    fields = ["role", "started_on", "ended_on"]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ["full_name", "slug"]
    search_fields = ["first_name", "last_name"]
    inlines = [AppointmentInline]
    fields = ["first_name", "last_name", "slug", "portrait", "bio"]
    autocomplete_fields = ["portrait"]


class RoleAppointmentInline(AppointmentInline):
    autocomplete_fields = ["person"]
    fields = ["person", "started_on", "ended_on"]


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    list_display = ["title", "organization"]
    list_filter = ["organization"]
    list_select_related = ["organization"]
    search_fields = translated_columns("title")
    autocomplete_fields = ["organization"]
    inlines = [RoleAppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(GuardedAdminMixin, DateHintsMixin, VersionAdmin):
    """Mostly edited inline on a person; listed here for the speaker look-ups."""

    list_display = ["person", "role", "started_on", "ended_on", "is_current"]
    list_select_related = ["person", "role"]
    list_filter = ["role__organization"]
    search_fields = ["person__first_name", "person__last_name", *translated_columns("role__title")]
    autocomplete_fields = ["person", "role"]
    date_hierarchy = "started_on"

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, obj):
        return obj.is_current


@admin.register(PressContact)
class PressContactAdmin(ContentAdmin):
    list_display = ["name", "function", "organization", "email", "phone"]
    list_select_related = ["organization"]
    list_filter = ["organization"]
    search_fields = ["name", "email", *translated_columns("organization__name")]
    autocomplete_fields = ["organization"]
