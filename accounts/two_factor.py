"""Two-factor authentication (TOTP, django-otp) for the admin.

* **Who needs it:** with ``NEWSROOM_REQUIRE_2FA`` on (the default without
  ``DEBUG``), superusers and everyone who may approve and publish (a ``publish``
  permission: the Editors) must sign in with a code from an authenticator app.
  Anyone else may enrol, and from then on signs in with a code too.
* **Enrolment** (``/admin/two-factor/``): a QR code (drawn here as SVG, nothing
  loaded from elsewhere) and the key to type in by hand; the first code confirms
  the app, then ten single-use recovery codes are shown once.
* **Signing in:** the admin's login form asks for the code (or a recovery code)
  of a user who has an app; a wrong code counts as a failed sign-in for the
  throttle (accounts/login_throttle.py) and django-otp slows down repeated guesses.
* Until a user who needs it is verified, no admin page, preview or upload opens
  (``is_fully_signed_in``, asked by workflow/permissions.py and the admin site).

A superuser resets a lost phone by deleting the user's devices in the admin
("TOTP devices", "Static devices").
"""

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.html import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.publishing import PUBLISH, permission_name, publishable_models

RECOVERY_CODES = 10


def two_factor_required(user):
    """Must ``user`` sign in with a second factor? (Superusers and publishers, when on.)"""
    if not settings.NEWSROOM_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(permission_name(PUBLISH, model)) for model in publishable_models())


def is_fully_signed_in(user):
    """Signed in, and verified with a code where that is required of this user."""
    if user is None or not user.is_authenticated:
        return False
    if not two_factor_required(user):
        return True
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return bool(is_verified and is_verified())


def authenticator(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def has_authenticator(user):
    return any(devices_for_user(user))


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form with the code of an authenticator app (or a recovery
    code), required from users who have one. The error for a wrong code does not say
    whether the password was right."""

    otp_token = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=16,
        strip=True,
        help_text=_(
            "The six digits your authenticator app shows, or a recovery code. "
            "Leave empty if you have not set up two-factor authentication."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    # One message for a wrong password and a wrong code: the answer must not tell
    # a guesser that the password was right.
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct username, password and code. Note that "
            "a code can be used only once."
        ),
        "invalid_code": _(
            "Please enter the correct username, password and code. Note that "
            "a code can be used only once."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not has_authenticator(user):
            return
        device = verified_device(user, self.cleaned_data.get("otp_token") or "")
        if device is None:
            # Counted by the login throttle like a wrong password.
            user_login_failed.send(
                sender=__name__, request=self.request, credentials={"username": user.get_username()}
            )
            raise ValidationError(self.error_messages["invalid_code"], code="invalid_code")
        user.otp_device = device  # django-otp marks the session verified at login


def verified_device(user, token):
    """The user's device that accepts ``token`` (an app's six digits, or a recovery
    code), or None."""
    token = token.strip().replace(" ", "")
    if not token:
        return None
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in devices_for_user(user):
        if isinstance(device, model):
            found = otp_verify_token(user, device.persistent_id, token)
            if found is not None:
                return found
    return None


def qr_code_svg(text, label):
    """A QR code as inline SVG, with an accessible name."""
    svg = segno.make(text, error="m").svg_inline(scale=4, border=2, title=label)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def new_recovery_codes(user):
    """Ten new single-use recovery codes (the old ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "recovery codes"}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


def two_factor_view(request, admin_site):
    """Enrol an authenticator app, see how many recovery codes are left, make new ones.
    Open to every signed-in staff member, verified or not (it is how one gets verified)."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect(f"{admin_site.login_url()}?next={request.path}")
    context = {
        **admin_site.each_context(request),
        "title": _("Two-factor authentication"),
        "required": two_factor_required(user),
    }
    device = authenticator(user)
    if device is not None:
        if request.method == "POST" and request.POST.get("action") == "new-codes":
            if not user.is_verified():
                return redirect(f"{admin_site.login_url()}?next={request.path}")
            context["recovery_codes"] = new_recovery_codes(user)
        static = StaticDevice.objects.filter(user=user).first()
        context.update(enrolled=device, codes_left=static.token_set.count() if static else 0)
        return private(TemplateResponse(request, "admin/two_factor.html", context))

    pending = authenticator(user, confirmed=False)
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if pending.verify_token(form.cleaned_data["code"].replace(" ", "")):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)
                context.update(
                    enrolled=pending,
                    recovery_codes=new_recovery_codes(user),
                    codes_left=RECOVERY_CODES,
                    just_enrolled=True,
                )
                return private(TemplateResponse(request, "admin/two_factor.html", context))
        form.add_error(
            "code",
            gettext(
                "This code is not valid. Check the time on your phone "
                "and type the code the app shows now."
            ),
        )
    key = pending.config_url.split("secret=", 1)[1].split("&", 1)[0]
    context.update(
        form=form,
        qr_code=qr_code_svg(
            pending.config_url, gettext("QR code to scan with your authenticator app")
        ),
        key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
    )
    return private(TemplateResponse(request, "admin/two_factor.html", context))
