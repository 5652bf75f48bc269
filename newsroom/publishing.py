"""The one publication rule shared by every publishable model.

Publication is decided at query time: an item is *live* when its status is
published and its ``publish_at`` has passed. A scheduled item therefore goes live
at its exact instant without any cron job, and every public page, feed, sitemap
and search reads content through ``live()`` only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Editorial states. The workflow adds states here; only PUBLISHED is public."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class State(models.TextChoices):
    """What a reader would see now, derived from status and date (never stored)."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")


def live_q(now=None, prefix=""):
    """The publication rule as a ``Q``, reusable across relations (``prefix="release__"``)."""
    now = now or timezone.now()
    return models.Q(
        **{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now}
    )


class PublishableQuerySet(models.QuerySet):
    def live(self, now=None):
        """Items the public may see at ``now`` (default: this instant)."""
        return self.filter(live_q(now))

    def public(self, now=None):
        """What the public may see; for publishable content, exactly ``live()``."""
        return self.live(now)

    def not_live(self, now=None):
        return self.exclude(live_q(now))

    def scheduled(self, now=None):
        """Published items whose time has not come yet, the soonest first."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__gt=now).order_by("publish_at")


class Publishable(models.Model):
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Only published items can be seen by the public, and only from their "
                    "publication date."),
    )
    publish_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Date and time (Brussels time) from which the public sees this item. "
                    "A published item with a future date is scheduled."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.publish_at is None:
            raise ValidationError(
                {"publish_at": _("A published item needs a publication date.")}
            )

    def is_live(self, now=None):
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
        )

    @property
    def state(self):
        if self.is_live():
            return State.LIVE
        if self.status == Status.PUBLISHED:
            return State.SCHEDULED
        return State.DRAFT
