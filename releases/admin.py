from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from attachments.admin import DocumentInline, ImageInline
from newsroom.admin_dates import DateHintsMixin, brussels_column
from newsroom.admin_mixins import URL_FIELDS_HTTPS, PreloadedChoicesInlineMixin
from newsroom.languages import translated_columns
from newsroom.publishing import State
from translations.admin_list import (
    BehindOriginalFilter,
    translations_column,
    with_translation_flags,
)
from workflow import schedule
from workflow import transitions as workflow
from workflow.admin_filters import MissingLanguageFilter, StateFilter
from workflow.admin_guard import GuardedInlineMixin
from workflow.admin_mixins import StateChangeInline, WorkflowAdminMixin
from workflow.content_admin import ContentAdmin

from .models import (
    Correction,
    EmbargoAccess,
    EmbargoLink,
    PressRelease,
    Quote,
    ReleaseContact,
    ReleaseLink,
    Topic,
)


class QuoteInline(PreloadedChoicesInlineMixin, GuardedInlineMixin, TranslationStackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["appointment"]
    preloaded = {"appointment": ["person", "role"]}
    fields = ["appointment", "text", "after_paragraph", "order"]


class LinkInline(GuardedInlineMixin, TranslationTabularInline):
    model = ReleaseLink
    formfield_overrides = URL_FIELDS_HTTPS
    extra = 0
    fields = ["label", "url", "order"]


class ContactInline(PreloadedChoicesInlineMixin, GuardedInlineMixin, admin.TabularInline):
    model = ReleaseContact
    extra = 0
    autocomplete_fields = ["contact"]
    preloaded = {"contact": ["organization"]}
    fields = ["contact", "order"]


class CorrectionInline(GuardedInlineMixin, TranslationStackedInline):
    """Public change notes, added by editors when they correct a live release."""

    model = Correction
    extra = 1
    can_delete = False
    fields = ["note", "corrected_at", "created_by"]
    readonly_fields = ["corrected_at", "created_by"]
    verbose_name_plural = _("Public change notes (corrections)")

    def has_change_permission(self, request, obj=None):
        return False  # a published note is never rewritten: add a new one


class EmbargoLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(label=_("revoke"), required=False)

    class Meta:
        model = EmbargoLink
        fields = ["journalist_name", "email", "expires_at"]


class EmbargoLinkInline(GuardedInlineMixin, DateHintsMixin, admin.TabularInline):
    """Links for named journalists, before the release goes live. Editors only."""

    model = EmbargoLink
    form = EmbargoLinkForm
    extra = 0
    can_delete = False
    fields = [
        "journalist_name",
        "email",
        "expires_at",
        "address",
        "accesses_column",
        "revoked_column",
        "revoke",
    ]
    readonly_fields = ["address", "accesses_column", "revoked_column"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(opened=Count("accesses"))

    def has_add_permission(self, request, obj=None):
        return (
            workflow.has_permission(request.user, workflow.PUBLISH, PressRelease)
            and obj is not None
            and obj.state in (State.IN_REVIEW, State.SCHEDULED)
        )

    revoked_column = brussels_column("revoked_at", _("revoked"))

    def has_change_permission(self, request, obj=None):
        return workflow.has_permission(request.user, workflow.PUBLISH, PressRelease)

    def has_view_permission(self, request, obj=None):
        return workflow.has_permission(request.user, workflow.PUBLISH, PressRelease)

    @admin.display(description=_("link to send"))
    def address(self, obj):
        if not obj.pk:
            return "—"
        if not obj.is_valid():
            return _("no longer valid")
        url = self.request.build_absolute_uri(
            reverse("releases:embargo", kwargs={"token": obj.token})
        )
        return format_html(
            '<input type="text" readonly value="{}" size="40" aria-label="{}">',
            url,
            _("link to send"),
        )

    @admin.display(description=_("opened"))
    def accesses_column(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:releases_embargolink_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.opened)


@admin.register(PressRelease)
class PressReleaseAdmin(WorkflowAdminMixin, ContentAdmin):
    list_display = [
        "title",
        "reference",
        "issuing_organization",
        "state_label",
        "publish_at_brussels",
        translations_column,
    ]
    list_select_related = ["issuing_organization"]
    list_filter = [
        StateFilter,
        "issuing_organization",
        "topics",
        MissingLanguageFilter,
        BehindOriginalFilter,
        "original_language",
    ]
    search_fields = translated_columns("title", "lead")
    date_hierarchy = "publish_at"
    autocomplete_fields = ["issuing_organization", "related_organizations", "topics"]
    readonly_fields = ["reference", "created_at_brussels", "updated_at_brussels"]
    inlines = [QuoteInline, LinkInline, ContactInline, ImageInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline_place", "lead", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "original_language",
                    "state_label",
                    "publish_at_brussels",
                    "unpublish_at_brussels",
                    "reference",
                ]
            },
        ),
        (
            _("Organizations and topics"),
            {"fields": ["issuing_organization", "related_organizations", "topics"]},
        ),
        (
            _("History"),
            {"classes": ["collapse"], "fields": ["created_at_brussels", "updated_at_brussels"]},
        ),
    ]

    created_at_brussels = brussels_column("created_at", _("created"))
    updated_at_brussels = brussels_column("updated_at", _("last modified"))

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        editor = self.has_publish_permission(request)
        if obj is not None and editor and obj.state == State.LIVE:
            inlines.append(CorrectionInline)
        if obj is not None and editor:
            inlines.append(EmbargoLinkInline)  # new links only while in review or scheduled
        if obj is not None:
            inlines.append(StateChangeInline)
        return inlines

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        for inline in instances:
            inline.request = request  # inline instances are made per request
        return instances

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Correction | EmbargoLink) and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for subform in formset.forms:
            if isinstance(subform, EmbargoLinkForm) and subform.cleaned_data.get("revoke"):
                link = subform.instance
                if link.pk and link.revoked_at is None:
                    EmbargoLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
        formset.save_m2m()

    @admin.display(description=_("number"))
    def reference(self, obj):
        return obj.reference or "—"

    def get_queryset(self, request):
        return with_translation_flags(super().get_queryset(request).with_numbers())

    def get_urls(self):
        return [
            path(
                "schedule/",
                self.admin_site.admin_view(self.schedule_view),
                name="releases_pressrelease_schedule",
            ),
            *super().get_urls(),
        ]

    def schedule_view(self, request):
        return schedule.schedule_view(request, self)


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = translated_columns("name")


class EmbargoAccessInline(admin.TabularInline):
    model = EmbargoAccess
    extra = 0
    can_delete = False
    fields = ["opened_at", "ip_address", "user_agent"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    opened_at = brussels_column("accessed_at", _("opened on"))


@admin.register(EmbargoLink)
class EmbargoLinkAdmin(admin.ModelAdmin):
    """Who received which embargo link, and every time it was opened."""

    list_display = ["journalist_name", "email", "release", "created", "valid_until", "revoked"]
    list_select_related = ["release"]
    search_fields = ["journalist_name", "email"]
    fields = [
        "release",
        "journalist_name",
        "email",
        "valid_until",
        "created_by",
        "created",
        "revoked",
    ]
    readonly_fields = fields
    inlines = [EmbargoAccessInline]

    def has_add_permission(self, request):
        return False  # created on the release's page

    created = brussels_column("created_at", _("created"))
    valid_until = brussels_column("ends_at", _("valid until"))
    revoked = brussels_column("revoked_at", _("revoked"))
