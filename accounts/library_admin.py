"""The admin pages of our sign-in libraries in the editor's language.

django-otp's models and admin are English only (no verbose names, literal help texts and
fieldset titles); django-axes has no Dutch catalogue and a column without a label. The
labels, help texts, titles and names are given here through gettext, from our catalogues
(locale/). Only what the admin shows is changed: the models, their migrations and the
libraries' behaviour stay theirs (``translate_library_names`` sets display names only;
migrations read a model's original options and a field's original ``verbose_name``)."""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# django-axes' own strings: it has no Dutch catalogue (ours has them, and its French
# and German translations).
AXES_STRINGS = (
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)

# What our two-factor sign-in (two_factor.py) names the devices it creates.
DEVICE_NAMES = {
    "authenticator": _("authenticator app"),
    "recovery codes": _("recovery codes"),
}

FIELD_LABELS = {
    "user": _("user"),
    "name": _("name"),
    "confirmed": _("confirmed"),
    "created_at": _("created at"),
    "last_used_at": _("last used at"),
    "throttling_failure_timestamp": _("last failed attempt"),
    "throttling_failure_count": _("failed attempts in a row"),
    "key": _("secret key"),
    "step": _("time step"),
    "t0": _("start time (Unix)"),
    "digits": _("digits"),
    "tolerance": _("tolerance"),
    "drift": _("drift"),
    "last_t": _("last time step used"),
    "token": _("code"),
}

HELP_TEXTS = {
    "user": _("The user that this device belongs to."),
    "name": _("The human-readable name of this device."),
    "confirmed": _("Is this device ready for use?"),
    "created_at": _("The date and time when this device was initially created in the system."),
    "last_used_at": _("The most recent date and time this device was used."),
    "throttling_failure_timestamp": _(
        "A timestamp of the last failed verification attempt. Null if last attempt succeeded."
    ),
    "throttling_failure_count": _("Number of successive failed attempts."),
    "key": _("A hex-encoded secret key of up to 40 bytes."),
    "step": _("The time step in seconds."),
    "t0": _("The Unix time at which to begin counting steps."),
    "digits": _("The number of digits to expect in a token."),
    "tolerance": _("The number of time steps in the past or future to allow."),
    "drift": _("The number of time steps the prover is known to deviate from our clock."),
}

FIELDSET_TITLES = {
    "Identity": _("Identity"),
    "Timestamps": _("Dates"),
    "Configuration": _("Configuration"),
    "State": _("State"),
    "Throttling": _("Throttling"),
}

MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (_("set of recovery codes"), _("sets of recovery codes")),
    ("otp_static", "statictoken"): (_("recovery code"), _("recovery codes")),
}

APP_NAMES = {
    "otp_totp": _("Two-factor sign-in: authenticator apps"),
    "otp_static": _("Two-factor sign-in: recovery codes"),
}


def translate_library_names():
    """Give django-otp's apps, models and fields names in the reader's language."""
    for label, name in APP_NAMES.items():
        apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        model = apps.get_model(label, model_name)
        model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural
        for field in model._meta.get_fields():
            if field.name in FIELD_LABELS and hasattr(field, "verbose_name"):
                field.verbose_name = FIELD_LABELS[field.name]


class TranslatedDeviceAdmin:
    """Help texts and fieldset titles of a django-otp admin, translated; the device
    names our sign-in gives, translated in the list and the page titles."""

    search_help_text = _("Search by the user's username or e-mail address.")

    def get_list_display(self, request):
        names = super().get_list_display(request)
        return ["device_name" if name == "name" else name for name in names]

    @admin.display(description=_("name"), ordering="name")
    def device_name(self, device):
        return DEVICE_NAMES.get(device.name, device.name)

    def get_fieldsets(self, request, obj=None):
        return [
            (FIELDSET_TITLES.get(title, title), options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        kwargs["help_texts"] = {**HELP_TEXTS, **kwargs.get("help_texts", {})}
        return super().get_form(request, obj, **kwargs)
