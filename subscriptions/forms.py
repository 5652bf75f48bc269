"""The subscription form (the page of its own, and the small forms on the home,
organization, official and release-list pages) and the preferences form.

Only public organizations, officials and topics are offered or accepted: an id of
anything else, posted by hand, is refused with the same message as an unknown id
(nothing unpublished shows anywhere, not even as "not public")."""

import re

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from newsroom.languages import slug_in_language
from subscriptions.confirmation import CHOICES, SubscriptionRequest

#: At most this many ids per choice are read from a form (more is no person's choice).
MAX_CHOICES = 500
_ID = re.compile(r"[0-9]{1,18}")


class PublicChoiceField(forms.ModelMultipleChoiceField):
    """Ids of the queryset's items; anything else (not a number, too many, not public)
    is "not one of the available choices", before the database is asked."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        values = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        for item in values:
            if not isinstance(item, str) or not _ID.fullmatch(item) or len(values) > MAX_CHOICES:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:30]},
                )
        return super().clean(value)


def language_choices():
    """Each language in its own name: "Français", "Nederlands", ..."""
    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]


class ChoicesForm(forms.Form):
    """Language and what to receive: all press releases, or organizations, officials
    and topics among ``choices`` (querysets, see confirmation.public_choices)."""

    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=language_choices)
    all_releases = forms.BooleanField(label=_("All press releases"), required=False)
    organizations = PublicChoiceField(
        queryset=None, required=False, label=_("Press releases of these organizations")
    )
    people = PublicChoiceField(
        queryset=None, required=False, label=_("Press releases quoting these officials")
    )
    topics = PublicChoiceField(
        queryset=None, required=False, label=_("Press releases on these topics")
    )

    def __init__(self, *args, choices, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels are phrases, not "Field:"
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("all_releases") or any(cleaned.get(name) for name in CHOICES)
        ):
            raise forms.ValidationError(
                _("Choose all press releases, or at least one organization, official or topic."),
                code="nothing_chosen",
            )
        return cleaned


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    #: A trap for robots: hidden from people (CSS), filled in by machines that fill
    #: in everything. A request with it is answered as usual and sends nothing.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "language", "all_releases", "organizations", "people", "topics"]

    def is_trap_filled(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def source_page(self):
        """The address of the page the form was on, in the reader's language, kept as
        the consent's source. The small forms say which kind of page they are on
        (their hidden ``source``: home, organization, official, releases) and their
        one choice says which page; anything else is this form's own page."""
        kind = self.cleaned_data.get("source")
        chosen = {name: list(self.cleaned_data.get(name) or []) for name in CHOICES}
        single = [(name, items[0]) for name, items in chosen.items() if len(items) == 1]
        if kind == "home":
            return reverse("home")
        if kind == "organization" and len(chosen["organizations"]) == 1:
            return chosen["organizations"][0].get_absolute_url()
        if kind == "official" and len(chosen["people"]) == 1:
            return chosen["people"][0].get_absolute_url()
        if kind == "releases" and len(single) == 1:
            name, item = single[0]
            parameter = {"organizations": "organization", "people": "official"}.get(name, "topic")
            return reverse("releases:list") + "?" + urlencode({parameter: slug_in_language(item)})
        return reverse("subscriptions:subscribe")

    def request(self, now):
        """The ``SubscriptionRequest`` of a valid form, made at ``now``."""
        data = self.cleaned_data
        return SubscriptionRequest(
            email=data["email"],
            language=data["language"],
            all_releases=data["all_releases"],
            **{name: list(data[name]) for name in CHOICES},
            source=self.source_page()[:200],
            requested_at=now,
        )
