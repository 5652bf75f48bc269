from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from newsroom.languages import translated_columns
from workflow.admin_guard import GuardedInlineMixin
from workflow.content_admin import ContentAdmin

from .models import Document, Image


@admin.display(description=_("preview"))
def preview(image):
    """The smallest rendition, for the admin (made at upload, never here)."""
    if not image.pk or not image.renditions:
        return "—"
    smallest = image.renditions[0]["jpeg"]
    return format_html('<img src="{}" width="160" alt="">', default_storage.url(smallest))


class OneLeadPicture(BaseInlineFormSet):
    def clean(self):
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_lead") and not form.cleaned_data.get("DELETE")
        ]
        if len(leads) > 1:
            raise ValidationError(_("Only one image can be the lead picture."))


class ImageInline(GuardedInlineMixin, TranslationStackedInline):
    model = Image
    formset = OneLeadPicture
    extra = 0
    fields = ["file", preview, "alt", "caption", "credit", "is_lead", "order"]
    readonly_fields = [preview]


class DocumentInline(GuardedInlineMixin, TranslationStackedInline):
    model = Document
    extra = 0
    fields = ["file", "title", "language", "kind", "size", "order"]
    readonly_fields = ["kind", "size"]


@admin.register(Image)
class ImageAdmin(ContentAdmin):
    """All images; logos and portraits are added here and chosen on their organization
    or person."""

    list_display = ["__str__", preview, "release", "event", "width", "height", "credit"]
    list_select_related = ["release", "event"]
    search_fields = [*translated_columns("alt", "caption"), "credit"]
    fields = ["file", preview, "alt", "caption", "credit"]
    readonly_fields = [preview]
