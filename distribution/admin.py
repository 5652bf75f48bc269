from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from distribution import sending as sendings
from distribution.models import Delivery, Sending
from newsroom.admin_dates import brussels_column
from newsroom.publishing import PUBLISH
from press_lists.models import PressList
from releases.models import PressRelease
from workflow.permissions import has_model_permission


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


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["email", "language", "status", "attempts", "sent", "error", "link_state"]
    readonly_fields = fields
    sent = brussels_column("sent_at", gettext_lazy("sent on"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("embargo_link__release")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("embargo link"))
    def link_state(self, delivery):
        link = delivery.embargo_link
        if link is None:
            return "—"
        if link.revoked_at:
            return _("revoked")
        return _("valid") if link.is_valid() else _("no longer valid")


@admin.register(Sending)
class SendingAdmin(admin.ModelAdmin):
    """The send log: each embargoed sending, with every message and its state."""

    list_display = [
        "release",
        "sent_on",
        "created_by",
        "messages_sent",
        "messages_failed",
        "revoked",
    ]
    list_select_related = ["release", "created_by"]
    fields = ["release", "press_lists", "created_by", "sent_on", "revoked"]
    readonly_fields = fields
    inlines = [DeliveryInline]
    actions = ["revoke_links"]
    sent_on = brussels_column("created_at", gettext_lazy("sent on"), ordering="created_at")
    revoked = brussels_column("revoked_at", gettext_lazy("links revoked on"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.SENT)),
                failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.FAILED)),
            )
        )

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
        count = sum(sendings.revoke(sending) for sending in queryset)
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
