"""On the approval pages (approve and schedule, publish now): who will receive the
release by e-mail at its go-live, and the press lists the editor adds
(workflow/schedule.py's approval extension)."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from distribution import publication
from press_lists.models import PressList


class PressListsForm(forms.Form):
    press_lists = forms.ModelMultipleChoiceField(
        PressList.objects.none(),
        required=False,
        label=_("E-mail it at go-live to these press lists too"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Journalists who follow its organizations or topics, and the public's "
            "subscribers who asked for it, receive it anyway; each address once, none "
            "that received it under embargo."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="mailing", **kwargs)
        lists = PressList.objects.annotate(size=Count("journalists")).filter(size__gt=0)
        if lists.exists():
            self.fields["press_lists"].queryset = lists
        else:
            del self.fields["press_lists"]  # nothing to choose


class GoLiveMailing:
    def form(self, item, data=None):
        sending = publication.mailing_of(item)
        chosen = list(sending.press_lists.all()) if sending else []
        return PressListsForm(data, initial={"press_lists": chosen})

    def chosen(self, form):
        if form.is_bound and form.is_valid():
            return list(form.cleaned_data.get("press_lists", []))
        return list(form.initial.get("press_lists") or [])

    def recipients(self, item, form):
        """What the editor reads beside the date: how many receive it, and why
        (each address once, none that had it under embargo: as at go-live)."""
        found = publication.recipients_for(item, self.chosen(form))
        journalists = sum(1 for kind, _person in found if kind == "journalist")
        subscribers = len(found) - journalists
        lines = []
        if journalists:
            lines.append(
                ngettext(
                    "At go-live, by e-mail: %(count)d journalist (following its "
                    "organizations or topics, or on the press lists ticked)",
                    "At go-live, by e-mail: %(count)d journalists (following its "
                    "organizations or topics, or on the press lists ticked)",
                    journalists,
                )
                % {"count": journalists}
            )
        if subscribers:
            lines.append(
                ngettext(
                    "At go-live, by e-mail: %(count)d subscriber of the public",
                    "At go-live, by e-mail: %(count)d subscribers of the public",
                    subscribers,
                )
                % {"count": subscribers}
            )
        return lines

    def save(self, item, form, user):
        """In the approving transaction, after the workflow prepared the mailing."""
        sending = publication.mailing_of(item)
        if sending is not None and sending.status == sending.SCHEDULED:
            sending.press_lists.set(form.cleaned_data.get("press_lists", []))
