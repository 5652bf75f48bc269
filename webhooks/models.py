"""Partners' webhook subscriptions, and each delivery (the delivery log).

A ``Subscription`` is an address that receives the events it chose (published,
corrected, withdrawn) for the releases it matches (languages, organizations), signed
with its own secret. A ``Delivery`` is one event sent to one subscription: unique per
subscription and event (``key``), so that an event is delivered once however often
the worker, its retries or the catch-up ask for it."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.languages import language_codes
from organizations.models import Organization
from releases.models import PressRelease


def new_secret():
    return secrets.token_urlsafe(32)


def validate_languages(value):
    if not isinstance(value, list) or any(code not in language_codes() for code in value):
        raise ValidationError(_("Choose languages among those of the site."))


class Event(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TEST = "test", _("Test")


class SubscriptionQuerySet(models.QuerySet):
    def wanting(self, event, release):
        """Active subscriptions that want ``event`` of ``release``: its issuer or one
        of its related organizations chosen (or none chosen), and at least one of the
        languages it exists in (or none chosen; checked in Python, JSON lists compare
        differently on each database)."""
        organizations = [release.issuing_organization_id]
        organizations += release.related_organizations.values_list("pk", flat=True)
        chosen = Subscription.organizations.through.objects.filter(
            subscription=models.OuterRef("pk")
        )
        matching = chosen.filter(organization__in=organizations)
        found = (
            self.filter(active=True, **{f"on_{event}": True})
            .filter(~models.Exists(chosen) | models.Exists(matching))
            .order_by("pk")
        )
        available = set(release.available_languages)
        return [s for s in found if s.languages_of(available)]


class Subscription(models.Model):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Who receives it, e.g. “Federal portal”.")
    )
    url = models.URLField(
        _("address (URL)"),
        max_length=500,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("The partner's address that receives a POST for each event (HTTPS)."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_("The partner checks each delivery's signature with it (docs/webhooks.md)."),
    )
    on_published = models.BooleanField(
        _("Published"), default=True, help_text=_("A release goes live (at its second).")
    )
    on_corrected = models.BooleanField(
        _("Corrected"), default=True, help_text=_("A public correction is added to a live release.")
    )
    on_withdrawn = models.BooleanField(
        _("Withdrawn"), default=True, help_text=_("A release that went live is withdrawn.")
    )
    languages = models.JSONField(
        _("Languages"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_(
            "Releases that exist in at least one of these languages, with their texts in "
            "these languages. None chosen: every language."
        ),
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organizations"),
        blank=True,
        related_name="+",
        help_text=_(
            "Releases issued by one of these or naming one of them. None chosen: every release."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive subscription receives nothing.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def events(self):
        return [event for event in Event.values if getattr(self, f"on_{event}", False)]

    def languages_of(self, available):
        """The languages of a release (``available``) this subscription receives."""
        chosen = self.languages or language_codes()
        return [code for code in language_codes() if code in chosen and code in available]


class Delivery(models.Model):
    # Claimed by a worker (SENDING) just before the POST: of two workers, one sends it.
    PENDING, SENDING, DELIVERED, FAILED, GAVE_UP, CANCELLED = (
        "pending",
        "sending",
        "delivered",
        "failed",
        "gave_up",
        "cancelled",
    )
    STATUSES = [
        (PENDING, _("pending")),
        (SENDING, _("being sent")),
        (DELIVERED, _("delivered")),
        (FAILED, _("failed, will be retried")),
        (GAVE_UP, _("gave up")),
        (CANCELLED, _("cancelled: the release is no longer live")),
    ]

    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=10, choices=Event.choices)
    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: What makes the event unique for a subscription ("published:12",
    #: "corrected:7" for a correction, "test:<random>").
    key = models.CharField(_("event key"), max_length=100)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=STATUSES, default=PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(
        _("response status code"), null=True, blank=True
    )
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("last attempt on"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "key"], name="webhook_event_once_per_subscription"
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "created_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="webhook_delivery_waiting_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.subscription}"
