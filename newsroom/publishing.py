"""The one publication rule shared by every publishable model.

Publication is decided at query time: an item is *live* when its status is
approved, its ``publish_at`` has passed and its optional ``unpublish_at`` has
not. A scheduled item therefore goes live at its exact instant without any cron
job, and every public page, feed, sitemap and search reads content through
``live()`` only. The editorial workflow that moves items between states is in
``workflow/transitions.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Editorial states, stored. Only APPROVED items can be public."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class State(models.TextChoices):
    """What a reader would see now: the status read together with the dates
    (never stored, so it cannot drift from the clock)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def live_q(now=None, prefix=""):
    """The publication rule as a ``Q``, reusable across relations (``prefix="release__"``)."""
    now = now or timezone.now()
    return models.Q(**{f"{prefix}status": Status.APPROVED, f"{prefix}publish_at__lte": now}) & (
        models.Q(**{f"{prefix}unpublish_at__isnull": True})
        | models.Q(**{f"{prefix}unpublish_at__gt": now})
    )


class PublishableQuerySet(models.QuerySet):
    def live(self, now=None):
        """Items the public may see at ``now`` (default: this instant)."""
        return self.filter(live_q(now))

    def public(self, now=None):
        """What the public may see; for publishable content, exactly ``live()``."""
        return self.live(now)

    def scheduled(self, now=None):
        """Approved items whose time has not come yet, the soonest first."""
        now = now or timezone.now()
        return self.filter(status=Status.APPROVED, publish_at__gt=now).order_by("publish_at")

    def withdrawn(self):
        return self.filter(status=Status.WITHDRAWN)


class Publishable(models.Model):
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        editable=False,
        help_text=_("Changed only through the workflow buttons."),
    )
    publish_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Date and time (Europe/Brussels) from which the public sees this item."),
    )
    unpublish_at = models.DateTimeField(
        _("expiry date"),
        null=True,
        blank=True,
        # Indexed: the next and the last expiry bound how long pages may be cached
        # (public_cache/caching.py).
        db_index=True,
        editable=False,
        help_text=_(
            "Optional date and time (Europe/Brussels) from which the public no longer "
            "sees this item."
        ),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        editable=False,
        help_text=_("Shown to readers who follow a link to the withdrawn item."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Counts saves, so that a stale form cannot overwrite newer work."),
    )

    objects = PublishableQuerySet.as_manager()

    #: Columns a revert to an older revision must not touch: the workflow alone
    #: changes them (see ContentAdmin).
    kept_on_revert = (
        "status",
        "publish_at",
        "unpublish_at",
        "withdrawn_at",
        "version",
        "withdrawal_reason",
        *(f"withdrawal_reason_{code}" for code, _name in settings.LANGUAGES),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.status == Status.APPROVED and self.publish_at is None:
            raise ValidationError({"publish_at": _("An approved item needs a publication date.")})
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {"unpublish_at": _("The expiry must come after the publication date.")}
            )

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def is_live(self, now=None):
        now = now or timezone.now()
        return (
            self.status == Status.APPROVED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def is_public(self, now=None):
        """What the public sees of publishable content is exactly what is live."""
        return self.is_live(now)

    def state_at(self, now=None):
        now = now or timezone.now()
        if self.status == Status.APPROVED:
            if self.is_live(now):
                return State.LIVE
            if self.publish_at is not None and self.publish_at > now:
                return State.SCHEDULED
            return State.EXPIRED
        return State(self.status)

    @property
    def state(self):
        return self.state_at()


#: The permission of each publishable model that approves, schedules and withdraws
#: (``publish_pressrelease``, ``publish_event``: their Meta); editors hold it.
PUBLISH = "publish"


def permission_name(action, model):
    """``"releases.view_pressrelease"`` for ``("view", PressRelease)``."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def publishable_models():
    """Every installed model that goes through the workflow (releases, events)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Publishable)]
