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
from organizations.models import Appointment, Organization, speaking_at
from releases.models import PressRelease, require_original_language


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events not over yet, the soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        """Events that are over, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def with_speaker(self, person):
        """Events where ``person`` speaks or moderates, in the event's list of speakers
        or in a session of its programme."""
        return self.filter(speaking_at(Appointment.objects.filter(person=person).values("pk")))

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
            models.Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related(
                    models.Prefetch(
                        "participants",
                        queryset=SessionParticipant.objects.select_related(
                            "appointment__person", "appointment__role__organization"
                        ),
                    )
                ),
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

    def programme_days(self):
        """The sessions (prefetched) grouped by day in Brussels time: a list of
        ``(date, sessions)``, one entry per day of a multi-day event."""
        days = {}
        for session in self.sessions.all():
            days.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
        return list(days.items())

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)


class Session(models.Model):
    """One item of an event's programme: a talk, a panel, a break..., with its
    speakers and moderator (``participants``)."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        OPENING = "opening", _("Opening")
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        BREAK = "break", _("Break")
        CLOSING = "closing", _("Closing")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(
        _("room or place"),
        max_length=200,
        blank=True,
        help_text=_("Where in the venue, e.g. a room; leave empty for the event's venue."),
    )

    class Meta:
        verbose_name = _("programme session")
        verbose_name_plural = _("programme")
        ordering = ["starts_at", "ends_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at) if self.starts_at else None
        return f"{start:%d/%m/%Y %H:%M} {self.title}" if start else self.title

    @property
    def workflow_owner(self):
        """The event this is part of: it is changed by whoever may change the event."""
        return self.event

    def is_public(self, now=None):
        return self.event.is_live(now)

    @property
    def speakers(self):
        """The participants who speak (prefetched), in their order."""
        return [p for p in self.participants.all() if p.part == SessionParticipant.Part.SPEAKER]

    @property
    def moderators(self):
        return [p for p in self.participants.all() if p.part == SessionParticipant.Part.MODERATOR]

    def clean(self):
        super().clean()
        event = getattr(self, "event", None)
        if event is not None:
            require_original_language(self, "title", event)
        if not (self.starts_at and self.ends_at):
            return
        if self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A session cannot end before it starts.")})
        if event is not None and event.starts_at and event.ends_at:
            if self.starts_at < event.starts_at or self.ends_at > event.ends_at:
                raise ValidationError(
                    _("A session takes place during its event (%(start)s – %(end)s).")
                    % {
                        "start": timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M"),
                        "end": timezone.localtime(event.ends_at).strftime("%d/%m/%Y %H:%M"),
                    }
                )


class SessionParticipant(models.Model):
    """A speaker or the moderator of a session: an official in the role they hold
    that day (an appointment, whose page then lists the session), or someone from
    outside the government, named here."""

    class Part(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    part = models.CharField(_("part"), max_length=20, choices=Part.choices, default=Part.SPEAKER)
    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="session_parts",
        help_text=_("An official, with the role they hold on the day of the session."),
    )
    name = models.CharField(
        _("name (external)"),
        max_length=200,
        blank=True,
        help_text=_("For someone who is not an official in the newsroom: their name."),
    )
    function = models.CharField(_("function (external)"), max_length=250, blank=True)
    organization_name = models.CharField(_("organization (external)"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session participant")
        verbose_name_plural = _("speakers and moderator")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(appointment__isnull=False, name="")
                    | models.Q(appointment__isnull=True) & ~models.Q(name="")
                ),
                name="session_participant_official_or_named",
                violation_error_message=_("Choose an official or give a name, not both."),
            ),
        ]

    def __str__(self):
        if self.appointment_id:
            return str(self.appointment.person)
        return self.name

    @property
    def workflow_owner(self):
        """The event whose programme this is part of."""
        return self.session.event

    def is_public(self, now=None):
        return self.session.event.is_live(now)

    def clean(self):
        super().clean()
        if bool(self.appointment_id) == bool(self.name.strip()):
            raise ValidationError(_("Choose an official or give a name, not both."))
        session = getattr(self, "session", None)
        if self.appointment_id and session is not None and session.starts_at:
            day = timezone.localtime(session.starts_at).date()
            if not self.appointment.held_on(day):
                raise ValidationError(
                    {
                        "appointment": _("%(appointment)s was not held on %(day)s.")
                        % {"appointment": self.appointment, "day": day.strftime("%d/%m/%Y")}
                    }
                )
