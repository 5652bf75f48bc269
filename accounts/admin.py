from axes import admin as axes_admin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static import admin as otp_static_admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.library_admin import TranslatedDeviceAdmin


class TOTPDeviceAdmin(TranslatedDeviceAdmin, otp_totp_admin.TOTPDeviceAdmin):
    """django-otp's admin for authenticator apps, in the editor's language, whose QR code
    pages answer 500 for a device that does not exist (``objects.get``): a 404 instead."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


class StaticDeviceAdmin(TranslatedDeviceAdmin, otp_static_admin.StaticDeviceAdmin):
    """django-otp's admin for recovery codes, in the editor's language."""


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' failed sign-ins, with a labelled, translated status column."""

    @admin.display(description=_("status"))
    def status(self, obj):
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining > 0:
            return ngettext(
                "%(count)d attempt remaining", "%(count)d attempts remaining", remaining
            ) % {"count": remaining}
        return gettext("Locked Out")


for model, model_admin in [
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
    (AccessAttempt, AccessAttemptAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
