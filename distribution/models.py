"""Sendings of a release, and what became of each message (the send log).

Two kinds: an **embargoed** sending, made by an editor before go-live to press lists,
each journalist with their own embargo link (sending.py); the **publication** mailing,
one per release, prepared when the release is approved and sent at its go-live second
to the subscribers who asked for it and to the journalists who follow it or are on
the press lists chosen (publication.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from press_lists.models import Journalist, PressList
from releases.models import EmbargoLink, PressRelease


class Sending(models.Model):
    EMBARGO, PUBLICATION = "embargo", "publication"
    KINDS = [(EMBARGO, _("under embargo")), (PUBLICATION, _("at go-live"))]
    # A publication mailing waits for its second (scheduled), is sent, and is done;
    # unscheduled before its second, it is cancelled (and waits again if rescheduled).
    SCHEDULED, SENDING, DONE, CANCELLED = "scheduled", "sending", "done", "cancelled"
    STATUSES = [
        (SCHEDULED, _("waiting for go-live")),
        (SENDING, _("sending")),
        (DONE, _("sent")),
        (CANCELLED, _("cancelled")),
    ]

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="sendings",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=KINDS, default=EMBARGO)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=SENDING)
    press_lists = models.ManyToManyField(PressList, verbose_name=_("press lists"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    #: The go-live second a publication mailing waits for (the release's publish_at
    #: when it was approved; rescheduling moves it).
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, db_index=True)
    started_at = models.DateTimeField(_("started on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    UNSCHEDULED, WITHDRAWN, EXPIRED, TOO_LATE = "unscheduled", "withdrawn", "expired", "too_late"
    REASONS = [
        (UNSCHEDULED, _("unscheduled before its go-live")),
        (WITHDRAWN, _("withdrawn before its mailing was sent")),
        (EXPIRED, _("expired before its mailing could start")),
        (
            TOO_LATE,
            _(
                "the task queue's worker was not running at the go-live, and the release is "
                "no longer news (NEWSROOM_MAILING_MAX_DELAY_HOURS)"
            ),
        ),
    ]
    #: Why a publication mailing was cancelled.
    reason = models.CharField(_("reason"), max_length=12, choices=REASONS, blank=True)
    revoked_at = models.DateTimeField(_("links revoked on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["release"],
                condition=Q(kind="publication"),
                name="one_publication_mailing_per_release",
            )
        ]

    def __str__(self):
        return str(self.release)

    @property
    def delay(self):
        """How long after the go-live second the mailing started (publication only)."""
        if self.kind != self.PUBLICATION or not (self.started_at and self.due_at):
            return None
        return self.started_at - self.release.publish_at


class Delivery(models.Model):
    PENDING, SENDING, SENT, FAILED, BOUNCED, CANCELLED = (
        "pending",
        "sending",
        "sent",
        "failed",
        "bounced",
        "cancelled",
    )
    STATUSES = [
        (PENDING, _("waiting")),
        (SENDING, _("being sent")),
        (SENT, _("sent")),
        (FAILED, _("failed")),
        # Refused by the recipient's server, at once or by a later report.
        (BOUNCED, _("bounced")),
        # Not sent: the link was revoked, the recipient unsubscribed, or the release
        # is no longer scheduled (or, under embargo, went live meanwhile).
        (CANCELLED, _("cancelled")),
    ]

    sending = models.ForeignKey(
        Sending, verbose_name=_("sending"), on_delete=models.CASCADE, related_name="deliveries"
    )
    journalist = models.ForeignKey(
        Journalist, verbose_name=_("journalist"), null=True, on_delete=models.SET_NULL
    )
    subscriber = models.ForeignKey(
        "subscriptions.Subscriber",
        verbose_name=_("subscriber"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    #: Emptied when a subscriber's data is deleted (subscriptions/gdpr.py).
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    embargo_link = models.ForeignKey(
        EmbargoLink, verbose_name=_("embargo link"), null=True, on_delete=models.SET_NULL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=STATUSES, default=PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    #: When a worker took it (status "being sent"): one worker sends each message.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "email"],
                condition=~Q(email=""),
                name="one_message_per_address",
            )
        ]

    def __str__(self):
        return self.email or "—"
