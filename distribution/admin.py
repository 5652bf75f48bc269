from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from distribution import sending as sendings
from distribution.models import Delivery, Sending
from newsroom.admin_dates import brussels_column
from newsroom.publishing import PUBLISH
from press_lists.models import PressList
from releases.models import PressRelease
from workflow.permissions import has_model_permission
from workflow.schedule import duration


class SendingForm(forms.Form):
    release = forms.ModelChoiceField(
        PressRelease.objects.none(), label=gettext_lazy("Scheduled press release")
    )
    press_lists = forms.ModelMultipleChoiceField(
        PressList.objects.annotate(size=Count("journalists")).filter(size__gt=0),
        label=gettext_lazy("Press lists"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each journalist receives the release with their own embargo link, in their "
            "language; a journalist on two lists receives it once."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].queryset = PressRelease.objects.scheduled()

    def clean_release(self):
        release = self.cleaned_data["release"]
        if not sendings.may_send(release):
            raise forms.ValidationError(
                _("Only a release scheduled for later is sent under embargo.")
            )
        return release


#: A sending's page lists its messages up to this many; a larger mailing links to
#: the paginated message list, filtered by status.
INLINE_LIMIT = 200


class DeliveryColumns:
    """What the send log shows of a message, on a sending's page and in the list."""

    sent = brussels_column("sent_at", gettext_lazy("sent on"))

    @admin.display(description=gettext_lazy("recipient"))
    def recipient(self, delivery):
        if delivery.journalist_id:
            return delivery.journalist
        if delivery.subscriber_id:
            return _("subscriber")
        return _("deleted subscriber") if not delivery.email else "—"

    @admin.display(description=gettext_lazy("embargo link"))
    def link_state(self, delivery):
        link = delivery.embargo_link
        if link is None:
            return "—"
        if link.revoked_at:
            return _("revoked")
        return _("valid") if link.is_valid() else _("no longer valid")


class DeliveryInline(DeliveryColumns, admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["email", "recipient", "language", "status", "attempts", "sent", "error", "link_state"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("embargo_link__release", "journalist")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(DeliveryColumns, admin.ModelAdmin):
    """Every message of the send log, a page at a time: a mailing to thousands."""

    list_display = ["email", "recipient", "language", "status", "attempts", "sent", "error"]
    list_filter = ["status", "sending__kind", "language"]
    search_fields = ["email"]
    list_select_related = ["journalist"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sending)
class SendingAdmin(admin.ModelAdmin):
    """The send log: each embargoed sending, with every message and its state."""

    list_display = [
        "release",
        "kind",
        "status",
        "goes_out",
        "created_by",
        "messages_sent",
        "messages_failed",
        "messages_bounced",
        "revoked",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["release", "created_by"]
    search_fields = ["release__title"]
    fields = [
        "release",
        "kind",
        "status",
        "reason",
        "press_lists",
        "created_by",
        "sent_on",
        "due",
        "started",
        "started_late",
        "finished",
        "revoked",
        "messages",
    ]
    readonly_fields = fields
    inlines = [DeliveryInline]
    actions = ["revoke_links"]
    sent_on = brussels_column("created_at", gettext_lazy("created on"), ordering="created_at")
    due = brussels_column("due_at", gettext_lazy("due at"))
    started = brussels_column("started_at", gettext_lazy("started on"))
    finished = brussels_column("finished_at", gettext_lazy("finished on"))
    revoked = brussels_column("revoked_at", gettext_lazy("links revoked on"))

    @admin.display(description=gettext_lazy("goes out"), ordering="created_at")
    def goes_out(self, sending):
        """Under embargo: when the editor sent it; at go-live: the go-live second."""
        if sending.kind == Sending.PUBLICATION:
            return self.due(sending)
        return self.sent_on(sending)

    def get_inlines(self, request, obj):
        if obj is not None and obj.deliveries.count() > INLINE_LIMIT:
            return []  # the "messages" field links to them, a page at a time
        return super().get_inlines(request, obj)

    @admin.display(description=gettext_lazy("messages"))
    def messages(self, sending):
        """Each status with its count, linked to those messages in the message list."""
        counts = dict(sending.deliveries.order_by().values_list("status").annotate(n=Count("pk")))
        url = reverse("admin:distribution_delivery_changelist")
        return (
            format_html_join(
                " · ",
                '<a href="{}?sending__id__exact={}&amp;status__exact={}">{}: {}</a>',
                (
                    (url, sending.pk, status, label, counts[status])
                    for status, label in Delivery.STATUSES
                    if counts.get(status)
                ),
            )
            or "—"
        )

    @admin.display(description=gettext_lazy("started after the go-live"))
    def started_late(self, sending):
        delay = sending.delay
        return duration(delay) if delay is not None else "—"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.SENT)),
                failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.FAILED)),
                bounced_count=Count("deliveries", filter=Q(deliveries__status=Delivery.BOUNCED)),
            )
        )

    @admin.display(description=gettext_lazy("bounced"))
    def messages_bounced(self, sending):
        return sending.bounced_count

    @admin.display(description=gettext_lazy("sent"))
    def messages_sent(self, sending):
        return sending.sent_count

    @admin.display(description=gettext_lazy("failed"))
    def messages_failed(self, sending):
        return sending.failed_count

    def _may_send(self, request):
        return has_model_permission(
            request.user, PUBLISH, PressRelease
        ) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Revoke the embargo links of the selected sendings"))
    def revoke_links(self, request, queryset):
        if not self._may_send(request):
            raise PermissionDenied
        count = sum(sendings.revoke(sending) for sending in queryset.filter(kind=Sending.EMBARGO))
        self.message_user(
            request,
            ngettext("%(count)d embargo link revoked.", "%(count)d embargo links revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not self._may_send(request):
            raise PermissionDenied
        form = SendingForm(request.POST or None, initial={"release": request.GET.get("release")})
        if request.method == "POST" and form.is_valid():
            try:
                sending = sendings.start(
                    form.cleaned_data["release"], form.cleaned_data["press_lists"], request.user
                )
            except sendings.NotScheduled:
                form.add_error(
                    "release", _("Only a release scheduled for later is sent under embargo.")
                )
        if request.method == "POST" and form.is_valid():
            count = sending.deliveries.count()
            self.message_user(
                request,
                ngettext(
                    "The release goes to %(count)d journalist, each with their own embargo link.",
                    "The release goes to %(count)d journalists, each with their own embargo link.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:distribution_sending_change", args=[sending.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Send a release under embargo"),
            "form": form,
            "changelist_url": reverse("admin:distribution_sending_changelist"),
        }
        return TemplateResponse(request, "distribution/send.html", context)

    def has_add_permission(self, request):
        return self._may_send(request)
