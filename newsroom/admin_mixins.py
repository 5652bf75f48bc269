"""Admin pieces every content app shares: CKEditor per language, https links. The
base class of content admins, with revisions and the change guard, is
``workflow.content_admin.ContentAdmin``; the lists' state and language filters are in
``workflow/admin_filters.py``."""

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
