from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from newsroom.admin_mixins import RichTextLanguageMixin
from newsroom.languages import translated_columns

from .models import SitePage


@admin.register(SitePage)
class SitePageAdmin(VersionAdmin, RichTextLanguageMixin, TabbedTranslationAdmin):
    """Not press content: no review workflow, but a revision on every save (what the
    privacy notice said on a given day can be shown). Editors add and change the
    pages (workflow/roles.py); a save reaches every footer at once (public_cache/)."""

    list_display = ["title", "kind", "is_public", "reviewed_on", "updated_at"]
    search_fields = translated_columns("title")
    fieldsets = [
        (None, {"fields": ["kind", "original_language", "title", "slug", "body", "reviewed_on"]}),
        (
            _("Accessibility statement"),
            {
                "description": _(
                    "The parts of the EU model accessibility statement, shown in its order "
                    "with their headings. Leave them empty on the other pages."
                ),
                "fields": ["conformance", "prepared_on", "assessment", "feedback", "enforcement"],
            },
        ),
    ]

    @admin.display(boolean=True, description=_("public"))
    def is_public(self, obj):
        return obj.is_public()
