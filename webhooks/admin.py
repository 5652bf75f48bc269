"""Editors manage the partners' webhook subscriptions (Django's model permissions:
the Editors group has them, ``is_staff`` alone gives nothing) and read the delivery
log; a button sends a test delivery."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin_dates import brussels_column
from webhooks import events
from webhooks.models import Delivery, Subscription

#: Deliveries listed on a subscription's page; the rest in the delivery list.
LOG_LENGTH = 20


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(
        label=Subscription._meta.get_field("url").verbose_name,
        max_length=500,
        assume_scheme="https",
        help_text=Subscription._meta.get_field("url").help_text,
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Subscription._meta.get_field("languages").help_text,
    )

    class Meta:
        model = Subscription
        fields = [
            "name",
            "url",
            "active",
            "on_published",
            "on_corrected",
            "on_withdrawn",
            "languages",
            "organizations",
        ]
        # A list of boxes: an organization's name in full, readable and usable with the
        # keyboard and a screen reader, with no script (a ministry names tens of them).
        widgets = {"organizations": forms.CheckboxSelectMultiple}


class DeliveryDates:
    created = brussels_column("created_at", gettext_lazy("created on"), ordering="created_at")
    delivered = brussels_column("delivered_at", gettext_lazy("delivered on"))
    last_attempt = brussels_column("claimed_at", gettext_lazy("last attempt on"))


@admin.register(Subscription)
class SubscriptionAdmin(DeliveryDates, admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["name", "url", "active", "events_wanted", "created"]
    list_filter = ["active", "on_published", "on_corrected", "on_withdrawn"]
    search_fields = ["name", "url"]
    fieldsets = [
        (None, {"fields": ["name", "url", "active"]}),
        (gettext_lazy("Events"), {"fields": ["on_published", "on_corrected", "on_withdrawn"]}),
        (gettext_lazy("Which releases"), {"fields": ["languages", "organizations"]}),
    ]
    readonly_fields = ["signing_secret", "created_by", "created"]
    change_form_template = "admin/webhooks/subscription/change_form.html"

    @admin.display(description=gettext_lazy("events"))
    def events_wanted(self, subscription):
        labels = dict(Delivery._meta.get_field("event").choices)
        return ", ".join(str(labels[event]) for event in subscription.events()) or "—"

    @admin.display(description=gettext_lazy("signing secret"))
    def signing_secret(self, subscription):
        """Shown to those who may change the subscription (they give it to the partner)."""
        if subscription.pk is None:
            return _("Made when the subscription is saved.")
        return subscription.secret

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        # The secret for those who may change the subscription (they give it to the
        # partner); someone who may only look does not see it.
        shown = ["created_by", "created"]
        if self.has_change_permission(request, obj):
            shown.insert(0, "signing_secret")
        return [*fieldsets, (gettext_lazy("Signing and history"), {"fields": shown})]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/test/",
                self.admin_site.admin_view(self.test_view),
                name="webhooks_subscription_test",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        subscription = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if subscription is not None:
            extra_context["deliveries"] = subscription.deliveries.select_related("release")[
                :LOG_LENGTH
            ]
            extra_context["may_test"] = self.has_change_permission(request, subscription)
            extra_context["delivery_list_url"] = (
                reverse("admin:webhooks_delivery_changelist")
                + f"?subscription__id__exact={subscription.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def test_view(self, request, object_id):
        """Queue a test delivery (after the commit); a POST of someone who may change
        the subscription."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        subscription = self.get_object(request, unquote(object_id))
        if subscription is None:
            raise Http404
        if not self.has_change_permission(request, subscription):
            raise PermissionDenied
        from webhooks.tasks import deliver

        with transaction.atomic():
            delivery = events.test_delivery(subscription)
            transaction.on_commit(lambda: deliver(delivery.pk), robust=True)
        self.message_user(
            request,
            _("A test delivery to %(url)s is queued; its result appears in the delivery log.")
            % {"url": subscription.url},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:webhooks_subscription_change", args=[subscription.pk])
        )


@admin.register(Delivery)
class DeliveryAdmin(DeliveryDates, admin.ModelAdmin):
    """The delivery log, read-only: written by the worker."""

    list_display = [
        "created",
        "subscription",
        "event",
        "release",
        "status",
        "attempts",
        "response_status",
        "error",
        "delivered",
    ]
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription", "release"]
    search_fields = ["subscription__name", "release__title"]
    list_per_page = 100
    fields = [
        "subscription",
        "event",
        "release",
        "status",
        "attempts",
        "response_status",
        "error",
        "created",
        "last_attempt",
        "delivered",
        "payload",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
