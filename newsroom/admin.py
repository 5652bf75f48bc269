from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import StateChange
from newsroom.workflow import brussels


@admin.register(StateChange)
class StateChangeAdmin(admin.ModelAdmin):
    """The audit trail: every state change of every release and event. Read-only."""

    list_display = ["at_brussels", "item", "content_type", "action", "from_state", "to_state",
                    "user", "change"]
    list_filter = ["action", "to_state", "content_type"]
    # The item is a generic relation and the change a text: neither is a column to sort by.
    sortable_by = ["at_brussels", "content_type", "action", "from_state", "to_state", "user"]
    list_select_related = ["content_type", "user"]
    date_hierarchy = "at"
    search_fields = ["user__username"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")  # no query per row

    @admin.display(description=_("change"))
    def change(self, obj):
        return obj.get_change_message()

    @admin.display(description=_("at"), ordering="at")
    def at_brussels(self, obj):
        return brussels(obj.at)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TOTPDeviceAdmin(otp_totp_admin.TOTPDeviceAdmin):
    """django-otp's admin for authenticator apps, whose QR code pages answer 500 for a
    device that does not exist (``objects.get``): a 404 instead."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
