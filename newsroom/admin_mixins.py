"""Admin pieces every content app shares: CKEditor per language, https links, the
state and missing-language filters, the languages column. The base class of content
admins, with revisions and the change guard, is ``workflow.content_admin.ContentAdmin``."""

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from newsroom.languages import language_codes, language_name
from newsroom.publishing import State, Status, live_q
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


class StateFilter(admin.SimpleListFilter):
    """The state a reader would see right now (draft, in review, scheduled, live, ...)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == State.LIVE:
            return queryset.filter(live_q(now))
        if value == State.SCHEDULED:
            return queryset.scheduled(now)
        if value == State.EXPIRED:
            return queryset.filter(status=Status.APPROVED, unpublish_at__lte=now)
        if value in (State.DRAFT, State.IN_REVIEW, State.WITHDRAWN):
            return queryset.filter(status=value)
        return queryset


class MissingLanguageFilter(admin.SimpleListFilter):
    """Items that do not exist yet in a language (a required field is empty there)."""

    title = _("language completeness")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        choices = [("none", _("Complete in every language"))]
        choices += [
            (code, _("Missing %(language)s") % {"language": language_name(code)})
            for code in language_codes()
        ]
        return choices

    @staticmethod
    def _missing_q(model, language):
        q = Q()
        for field in model.translation_required_fields:
            name = build_localized_fieldname(field, language)
            q |= Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
        return q

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            for code in language_codes():
                queryset = queryset.exclude(self._missing_q(queryset.model, code))
            return queryset
        if value in language_codes():
            return queryset.filter(self._missing_q(queryset.model, value))
        return queryset


@admin.display(description=_("languages"))
def languages_column(obj):
    return " ".join(code.upper() for code in obj.available_languages)
