from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin

from attachments.admin import DocumentInline, ImageInline
from newsroom.admin_dates import DateHintsMixin, brussels_column
from newsroom.admin_mixins import PreloadedChoicesInlineMixin
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
from workflow.admin_guard import GuardedAdminMixin, GuardedInlineMixin
from workflow.admin_mixins import StateChangeInline, WorkflowAdminMixin
from workflow.content_admin import ContentAdmin

from .models import Event, Session, SessionParticipant


class SessionInline(GuardedInlineMixin, DateHintsMixin, TranslationStackedInline):
    """The programme on the event's form; speakers and moderator are given on each
    session's own form (its "change" link)."""

    model = Session
    extra = 0
    show_change_link = True
    fields = ["kind", "starts_at", "ends_at", "title", "location", "description"]


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
    inlines = [SessionInline, ImageInline, DocumentInline, StateChangeInline]

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


class ParticipantInline(PreloadedChoicesInlineMixin, GuardedInlineMixin, TranslationStackedInline):
    """A speaker or moderator: an official (in the role held that day), or someone
    from outside named with their function and organization in each language."""

    model = SessionParticipant
    extra = 1
    autocomplete_fields = ["appointment"]
    preloaded = {"appointment": ["person", "role"]}
    fields = ["part", "appointment", "name", "function", "organization_name", "order"]


@admin.register(Session)
class SessionAdmin(GuardedAdminMixin, DateHintsMixin, VersionAdmin, TabbedTranslationAdmin):
    """A session of an event's programme, with its speakers and moderator."""

    list_display = ["title", "event", "starts_at_brussels", "kind"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = translated_columns("title")
    autocomplete_fields = ["event"]
    inlines = [ParticipantInline]
    fields = ["event", "kind", "starts_at", "ends_at", "title", "location", "description"]

    starts_at_brussels = brussels_column("starts_at", _("starts"), ordering="starts_at")
