"""Admin pieces every content app shares: CKEditor per language, https links. The
base class of content admins, with revisions and the change guard, is
``workflow.content_admin.ContentAdmin``; the lists' state and language filters are in
``workflow/admin_filters.py``."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.utils.translation import get_language

from newsroom.richtext import RichTextField

# CKEditor's own UI translations, for an admin used in French, Dutch or German.
CKEDITOR_UI_TRANSLATIONS = [
    f"django_ckeditor_5/dist/translations/{code}.js" for code in ("fr", "nl", "de")
]


class RichTextLanguageMixin:
    """Give each language tab's editor the right content language (``lang`` of the
    editable, spell checking, screen readers) and the editor's UI language."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        content_language = getattr(db_field, "language", None)
        if isinstance(db_field, RichTextField) and content_language and formfield:
            widget = formfield.widget
            widget = getattr(widget, "widget", widget)  # unwrap a related-field wrapper
            if hasattr(widget, "config"):
                widget.config = {
                    **widget.config,
                    "language": {"ui": get_language() or "en", "content": content_language},
                }
                widget.attrs["lang"] = content_language
        return formfield

    class Media:
        js = CKEDITOR_UI_TRANSLATIONS


# Editors type "www.belincosoc.be": make that https, not http.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, showing its chosen item from ``known`` (the row's
    own, already loaded) instead of one query per inline row."""

    known = {}

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance
        for key in sorted(selected):
            item = self.known[key]
            options.append(self.create_option(name, item.pk, label(item), selected, len(options)))
        return [(None, options, 0)]


class PreloadedChoicesInlineMixin:
    """For inlines whose rows choose an item by autocomplete (a quote's appointment, a
    release's press contact): the rows are read with that item and what its name needs
    (``preloaded = {"appointment": ["person", "role"]}``), and each row's select shows it
    without a query of its own, so the change form's queries do not grow with its rows."""

    preloaded = {}

    def get_queryset(self, request):
        related = [f"{field}__{path}" for field, paths in self.preloaded.items() for path in paths]
        return super().get_queryset(request).select_related(*self.preloaded, *related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.preloaded and db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = list(self.preloaded)

        class Form(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in names:
                    item = self.instance._state.fields_cache.get(name)
                    widget = getattr(self.fields.get(name), "widget", None)
                    widget = getattr(widget, "widget", widget)  # the related-field wrapper
                    if item is not None and isinstance(widget, PreloadedAutocompleteSelect):
                        widget.known = {str(item.pk): item}

        formset.form = Form
        return formset


class LabelledCellsFormSet:
    """A tabular inline's inputs are labelled by their column's heading, which is no
    ``<label>``: assistive technology heard "edit text". Each input gets its field's
    label as its accessible name (``aria-label``), the delete box included."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # related-field wrapper
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", str(field.label or name))
