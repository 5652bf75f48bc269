"""The change form's side of translation management: a badge and "what changed" under
each field whose translation is missing or behind the original (the help text, so it
is there without JavaScript and read with the field)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from modeltranslation.utils import build_localized_fieldname

from translations.status import STALE


class TranslationStatusForm(forms.ModelForm):
    """``translation_statuses``: ``{(content type id, pk, field, language): FieldStatus}``
    of the item the form belongs to (set on the class, per request)."""

    translation_statuses = {}
    translation_page = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk or not self.translation_statuses:
            return
        content_type = ContentType.objects.get_for_model(type(self.instance)).pk
        for (type_id, pk, field, language), status in self.translation_statuses.items():
            if type_id != content_type or pk != self.instance.pk or status.status != STALE:
                continue
            name = build_localized_fieldname(field, language)
            if name not in self.fields:
                continue
            formfield = self.fields[name]
            note = render_to_string(
                "translations/admin/_field_badge.html",
                {"s": status, "translation_page": self.translation_page},
            )
            formfield.help_text = mark_safe(f"{formfield.help_text or ''}{note}")
            formfield.widget.attrs["data-translation-status"] = status.status
