from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from newsroom.admin_mixins import (
    URL_FIELDS_HTTPS,
    ContentAdmin,
    MissingLanguageFilter,
    StateFilter,
    languages_column,
    state_column,
)

from .models import PressRelease, Quote, ReleaseContact, ReleaseLink, Topic


class QuoteInline(TranslationStackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["appointment"]
    fields = ["appointment", "text", "order"]


class LinkInline(TranslationTabularInline):
    model = ReleaseLink
    formfield_overrides = URL_FIELDS_HTTPS
    extra = 0
    fields = ["label", "url", "order"]


class ContactInline(admin.TabularInline):
    model = ReleaseContact
    extra = 0
    autocomplete_fields = ["contact"]
    fields = ["contact", "order"]


@admin.register(PressRelease)
class PressReleaseAdmin(ContentAdmin):
    list_display = [
        "title", "reference", "issuing_organization", state_column, "publish_at",
        languages_column,
    ]
    list_select_related = ["issuing_organization"]
    list_filter = [StateFilter, "status", "issuing_organization", "topics",
                   MissingLanguageFilter, "original_language"]
    search_fields = [f"{field}_{code}" for field in ("title", "lead")
                     for code in ("fr", "nl", "de", "en")]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["issuing_organization", "related_organizations", "topics"]
    readonly_fields = ["reference", "created_at", "updated_at"]
    inlines = [QuoteInline, LinkInline, ContactInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Publication"), {"fields": ["original_language", "status", "publish_at",
                                       "reference"]}),
        (_("Organizations and topics"), {"fields": ["issuing_organization",
                                                    "related_organizations", "topics"]}),
        (_("History"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("number"), ordering="number")
    def reference(self, obj):
        return obj.reference or "—"


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_fr", "name_nl", "name_de", "name_en"]
