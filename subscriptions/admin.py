"""The subscribers, for editors: read only (a subscription is the subscriber's own,
changed through their links), exported and deleted at their request (GDPR). Deleting
goes through gdpr.forget, which also blanks the address in the send log."""

import json

from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin_dates import brussels_column
from subscriptions import gdpr
from subscriptions.models import Consent, Subscriber


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    fields = ["asked", "given", "source", "choices"]
    readonly_fields = fields
    asked = brussels_column("requested_at", gettext_lazy("asked on"))
    given = brussels_column("confirmed_at", gettext_lazy("given on"))

    # A consent is seen with its subscriber, by whoever may see the subscriber.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("subscriptions.view_subscriber")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "follows", "consent_given", "source"]
    list_filter = ["language", "all_releases", "organizations", "people", "topics"]
    search_fields = ["email"]
    fields = [
        "email",
        "language",
        "all_releases",
        "organizations",
        "people",
        "topics",
        "consent_asked",
        "consent_given",
        "source",
    ]
    readonly_fields = fields
    inlines = [ConsentInline]
    actions = ["export_selected"]
    consent_asked = brussels_column(
        "requested_at", gettext_lazy("consent asked on"), ordering="requested_at"
    )
    consent_given = brussels_column(
        "confirmed_at", gettext_lazy("consent given on"), ordering="confirmed_at"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations", "people", "topics")

    @admin.display(description=gettext_lazy("receives"))
    def follows(self, subscriber):
        if subscriber.all_releases:
            return _("all press releases")
        names = [
            str(item)
            for related in (subscriber.organizations, subscriber.people, subscriber.topics)
            for item in related.all()
        ]
        return ", ".join(names) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def log_deletions(self, request, queryset):
        """The admin's log names a deleted subscriber by number, never by address: the
        address is what their deletion forgets."""
        content_type = ContentType.objects.get_for_model(Subscriber)
        return LogEntry.objects.bulk_create(
            LogEntry(
                user_id=request.user.pk,
                content_type=content_type,
                object_id=str(subscriber.pk),
                object_repr=f"#{subscriber.pk}",
                action_flag=DELETION,
            )
            for subscriber in queryset
        )

    def delete_model(self, request, obj):
        gdpr.forget(obj)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            gdpr.forget(subscriber)

    @admin.action(
        description=gettext_lazy("Export the selected subscribers' data"),
        permissions=["view"],
    )
    def export_selected(self, request, queryset):
        data = [gdpr.export(subscriber) for subscriber in queryset]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.json"'
        return response
