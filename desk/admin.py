from django.contrib import admin

from desk.models import CalendarFeedKey


@admin.register(CalendarFeedKey)
class CalendarFeedKeyAdmin(admin.ModelAdmin):
    """The editors' private calendar addresses: deleting one stops it at once (its owner
    makes a new one from the calendar page). The key itself is never shown."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username"]
    fields = ["user", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
