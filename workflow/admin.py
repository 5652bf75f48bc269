from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.admin_dates import brussels_column
from workflow.models import StateChange
from workflow.transitions import action_choices


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return action_choices()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(StateChange)
class StateChangeAdmin(admin.ModelAdmin):
    """The audit trail: every state change of every release and event. Read-only."""

    list_display = [
        "at_brussels",
        "item",
        "content_type",
        "action_column",
        "from_state",
        "to_state",
        "user",
        "change",
    ]
    list_filter = [
        ActionFilter,
        "user",
        ("at", admin.DateFieldListFilter),
        "to_state",
        "content_type",
    ]
    # The item is a generic relation and the change a text: neither is a column to sort by.
    sortable_by = ["at_brussels", "content_type", "action_column", "from_state", "to_state", "user"]
    list_select_related = ["content_type", "user"]
    date_hierarchy = "at"
    search_fields = ["user__username"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")  # no query per row

    @admin.display(description=_("action"), ordering="action")
    def action_column(self, obj):
        return obj.get_action_display()

    @admin.display(description=_("change"))
    def change(self, obj):
        return obj.get_change_message()

    at_brussels = brussels_column("at", _("at"), ordering="at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
