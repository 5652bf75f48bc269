from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.admin_mixins import (
    ContentAdmin,
    MissingLanguageFilter,
    StateFilter,
    languages_column,
    state_column,
)

from .models import Event


@admin.register(Event)
class EventAdmin(ContentAdmin):
    list_display = ["title", "starts_at", "venue_name", state_column, "publish_at",
                    languages_column]
    list_filter = [StateFilter, "status", "organizers", MissingLanguageFilter]
    search_fields = [f"title_{code}" for code in ("fr", "nl", "de", "en")]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organizers", "speakers", "related_releases"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "programme"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "venue_name",
                                          "venue_address"]}),
        (_("Press"), {"fields": ["registration_note"]}),
        (_("Publication"), {"fields": ["original_language", "status", "publish_at"]}),
        (_("People and organizations"), {"fields": ["organizers", "speakers",
                                                    "related_releases"]}),
    ]
