"""Events the press office announces: conferences, press conferences, visits."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.languages import (
    MultilingualContent,
    fill_translated_slugs,
    slug_in_language,
    validate_unique_translated_slugs,
)
from newsroom.publishing import Publishable, PublishableQuerySet
from newsroom.richtext import RichTextField
from organizations.models import Appointment, Organization
from releases.models import PressRelease


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events not over yet, the soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        """Events that are over, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def with_page_parts(self):
        """What an event's page (and its API document) shows besides the event: its
        organizers, its speakers with their roles, and its related releases that are
        live (``live_releases``). Three queries whatever the number of events."""
        return self.prefetch_related(
            "organizers",
            models.Prefetch(
                "speakers",
                queryset=Appointment.objects.select_related("person", "role__organization"),
            ),
            models.Prefetch(
                "related_releases", queryset=PressRelease.objects.live(), to_attr="live_releases"
            ),
        )


class Event(MultilingualContent, Publishable):
    #: The organizations an event is "of", for the editors' planning filter.
    organization_fields = ("organizers",)

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_(
            "The last part of the page address in this language. Made from the title if left empty."
        ),
    )
    description = RichTextField(_("description"), blank=True)
    programme = RichTextField(_("programme"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(
        _("venue address"),
        blank=True,
        help_text=_("Street names differ by language in Brussels: give each its own."),
    )
    registration_note = models.TextField(
        _("registration and accreditation"),
        blank=True,
        help_text=_("How the press registers or gets accredited, and until when."),
    )
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("organizers"), blank=True, related_name="events"
    )
    speakers = models.ManyToManyField(
        Appointment,
        verbose_name=_("speakers"),
        blank=True,
        related_name="events",
        help_text=_("Each speaker with the role they hold at the event."),
    )
    related_releases = models.ManyToManyField(
        PressRelease,
        verbose_name=_("related press releases"),
        blank=True,
        related_name="events",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        permissions = [
            ("submit_event", _("Can submit an event for review")),
            ("publish_event", _("Can approve, schedule, publish, unschedule and withdraw events")),
        ]
        indexes = [
            # Upcoming and past are split by the end: the lists, and the next and
            # the last end that bound how long pages may be cached (public_cache/caching.py).
            models.Index(fields=["ends_at"], name="event_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": slug_in_language(self)})

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)
