"""Sendings of a release to press lists, and what became of each message."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from press_lists.models import Journalist, PressList
from releases.models import EmbargoLink, PressRelease


class Sending(models.Model):
    """A release sent under embargo, before its go-live, to the journalists of press lists."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="sendings",
    )
    press_lists = models.ManyToManyField(PressList, verbose_name=_("press lists"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("links revoked on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("embargoed sending")
        verbose_name_plural = _("embargoed sendings")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.release)


class Delivery(models.Model):
    PENDING, SENT, FAILED, CANCELLED = "pending", "sent", "failed", "cancelled"
    STATUSES = [
        (PENDING, _("waiting")),
        (SENT, _("sent")),
        (FAILED, _("failed")),
        # Not sent: the link was revoked, or the release is no longer scheduled.
        (CANCELLED, _("cancelled")),
    ]

    sending = models.ForeignKey(
        Sending, verbose_name=_("sending"), on_delete=models.CASCADE, related_name="deliveries"
    )
    journalist = models.ForeignKey(
        Journalist, verbose_name=_("journalist"), null=True, on_delete=models.SET_NULL
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    embargo_link = models.ForeignKey(
        EmbargoLink, verbose_name=_("embargo link"), null=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["sending", "email"], name="one_message_per_address")
        ]

    def __str__(self):
        return self.email
