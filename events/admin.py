from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from attachments.admin import DocumentInline, ImageInline
from newsroom.admin_dates import brussels_column
from newsroom.languages import translated_columns
from translations.admin_list import (
    BehindOriginalFilter,
    translations_column,
    with_translation_flags,
)
from workflow.admin_filters import (
    MissingLanguageFilter,
    StateFilter,
)
from workflow.admin_mixins import StateChangeInline, WorkflowAdminMixin
from workflow.content_admin import ContentAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(WorkflowAdminMixin, ContentAdmin):
    list_display = [
        "title",
        "starts_at_brussels",
        "venue_name",
        "state_label",
        "publish_at_brussels",
        translations_column,
    ]
    list_filter = [StateFilter, "organizers", MissingLanguageFilter, BehindOriginalFilter]
    search_fields = translated_columns("title")
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organizers", "speakers", "related_releases"]
    inlines = [ImageInline, DocumentInline, StateChangeInline]

    starts_at_brussels = brussels_column("starts_at", _("starts"), ordering="starts_at")

    def get_queryset(self, request):
        return with_translation_flags(super().get_queryset(request))

    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "programme"]}),
        (
            _("When and where"),
            {
                "fields": ["starts_at", "ends_at", "venue_name", "venue_address"],
                "description": _("Dates and times in Europe/Brussels time."),
            },
        ),
        (_("Press"), {"fields": ["registration_note"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "original_language",
                    "state_label",
                    "publish_at_brussels",
                    "unpublish_at_brussels",
                ]
            },
        ),
        (_("People and organizations"), {"fields": ["organizers", "speakers", "related_releases"]}),
    ]
