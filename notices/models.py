"""Who wants the workflow's e-mails, in which language, and which were sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticePreference(models.Model):
    """A staff member's choice: made at their first sign-in in the admin's language,
    notices on (receivers.py); without one, on, in the site's language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notice_preference",
    )
    enabled = models.BooleanField(
        _("e-mail me about the workflow"),
        default=True,
        help_text=_(
            "Editors: what is submitted for review. Authors: when theirs is returned, "
            "approved and scheduled, or published."
        ),
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("e-mail notice preference")
        verbose_name_plural = _("e-mail notice preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        return cls.objects.filter(user=user).first() or cls(user=user)


class SentNotice(models.Model):
    """One notice to one person about one state change: sent once, whatever the retries."""

    change = models.ForeignKey(
        "workflow.StateChange", verbose_name=_("state change"), on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE
    )
    email = models.EmailField(_("e-mail address"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    #: The notice of the change itself, or, for "approve and schedule", the later
    #: one of the go-live ("is now live").
    CHANGE, LIVE = "change", "live"
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[(CHANGE, _("the change")), (LIVE, _("the go-live"))],
        default=CHANGE,
    )

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "user", "kind"], name="one_notice_per_change_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.change} → {self.email}"
