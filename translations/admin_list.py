"""The lists of releases and events: each item's translations at a glance (missing,
behind the original, up to date) and a filter for those behind."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from newsroom.languages import language_codes, language_name
from translations.models import FieldTranslation
from translations.status import stale_owners


def _flag(code):
    return f"behind_{code}"


def with_translation_flags(queryset):
    """Annotate, per language, whether the item (or one of its parts) is behind the
    original there: a subquery per language on the owner index, in the list's one query."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    return queryset.annotate(
        **{
            _flag(code): Exists(
                FieldTranslation.objects.filter(
                    owner_type=content_type, owner_id=OuterRef("pk"), stale=True, language=code
                )
            )
            for code in language_codes()
        }
    )


@admin.display(description=_("translations"))
def translations_column(obj):
    """Each language but the original: missing, behind the original, or up to date."""
    cells = []
    for code in language_codes():
        if code == obj.original_language:
            continue
        if not obj.has_language(code):
            kind, text = "missing", _("missing")
        elif getattr(obj, _flag(code), False):
            kind, text = "stale", _("behind")
        else:
            kind, text = "current", _("up to date")
        cells.append((kind, language_name(code), code.upper(), text))
    return format_html(
        '<span class="translation-list">{}</span>',
        format_html_join(
            " ",
            '<span class="translation-badge {}" title="{}">{} {}</span>',
            cells,
        ),
    )


class BehindOriginalFilter(admin.SimpleListFilter):
    """Items with a translation behind the original (in any language, or in one)."""

    title = _("translations behind the original")
    parameter_name = "behind"

    def lookups(self, request, model_admin):
        return [("any", _("Behind in any language"))] + [
            (code, _("Behind in %(language)s") % {"language": language_name(code)})
            for code in language_codes()
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(pk__in=stale_owners(queryset.model))
        if value in language_codes():
            return queryset.filter(pk__in=stale_owners(queryset.model, value))
        return queryset
