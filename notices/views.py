from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from notices.models import NoticePreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["enabled", "language"]


def preferences_view(request):
    """Each staff member's own choice: notices on or off, and their language."""
    preference = NoticePreference.of(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail notice preferences were saved."))
        return HttpResponseRedirect(reverse("notices:preferences"))
    context = {
        **admin.site.each_context(request),
        "title": _("My e-mail notices"),
        "form": form,
    }
    return TemplateResponse(request, "notices/preferences.html", context)
