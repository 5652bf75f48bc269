"""Who speaks in a release: organizations, people, the roles they hold and when."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom.languages import (
    fill_translated_slugs,
    language_codes,
    localized,
    slug_in_language,
    validate_unique_translated_slugs,
)
from newsroom.publishing import live_q


def releases_and_events(release_q, event_q):
    """The releases and the events matching each condition: what a piece of reference
    data is shown on (``shown_on()``, read by workflow/permissions.py)."""
    PressRelease = apps.get_model("releases", "PressRelease")
    Event = apps.get_model("events", "Event")
    return [PressRelease.objects.filter(release_q), Event.objects.filter(event_q)]


def speaking_at(appointments):
    """The events where one of ``appointments`` (a queryset of their pks) speaks or
    moderates, in the event's flat list of speakers or in a session of its programme,
    as a condition on events."""
    Event = apps.get_model("events", "Event")
    SessionParticipant = apps.get_model("events", "SessionParticipant")
    return Q(
        pk__in=Event.speakers.through.objects.filter(appointment__in=appointments).values(
            "event_id"
        )
    ) | Q(
        pk__in=SessionParticipant.objects.filter(appointment__in=appointments).values(
            "session__event_id"
        )
    )


class OrganizationQuerySet(models.QuerySet):
    def public(self, now=None):
        """Organizations named by live releases or events, and their parents (so the
        hierarchy shows), and those of the roles public officials' pages show. An
        organization created for an embargoed announcement stays hidden until the
        announcement is live.

        Each organization is probed (its latest live release on the index of issuer,
        status and publication; EXISTS for the links), rather than joining every
        release, link and event, which at 100,000 releases took seconds."""
        PressRelease = apps.get_model("releases", "PressRelease")
        Event = apps.get_model("events", "Event")
        live_releases = PressRelease.objects.filter(live_q(now))
        live_events = Event.objects.filter(live_q(now))
        named = Organization.objects.annotate(
            latest=Subquery(
                live_releases.filter(issuing_organization=OuterRef("pk"))
                .order_by("-publish_at")
                .values("publish_at")[:1]
            ),
        ).filter(
            Q(latest__isnull=False)
            | Exists(
                PressRelease.related_organizations.through.objects.filter(
                    organization=OuterRef("pk"), pressrelease__in=live_releases
                )
            )
            | Exists(
                Event.organizers.through.objects.filter(
                    organization=OuterRef("pk"), event__in=live_events
                )
            )
        )
        # The organizations of the roles the public sees (officials' pages link them).
        speakers = Appointment.objects.shown(now)
        return self.filter(
            Q(pk__in=named.values("pk"))
            | Q(pk__in=named.values("parent_id"))
            | Q(pk__in=named.values("parent__parent_id"))
            | Q(pk__in=speakers.values("role__organization_id"))
        )

    def issuing(self, now=None):
        """Organizations that issued a live release. Each is probed for its latest
        live release on the index of issuer, status and publication, rather than
        joining every release with DISTINCT (200 ms at 100,000 releases)."""
        PressRelease = apps.get_model("releases", "PressRelease")
        latest = (
            PressRelease.objects.live(now)
            .filter(issuing_organization=OuterRef("pk"))
            .order_by("-publish_at")
            .values("publish_at")[:1]
        )
        return self.annotate(latest_release_at=Subquery(latest)).filter(
            latest_release_at__isnull=False
        )


class Organization(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        FEDERAL_PUBLIC_SERVICE = "fps", _("Federal public service")
        PLATFORM = "platform", _("Platform")
        MINISTERIAL_CABINET = "cabinet", _("Ministerial cabinet")
        AGENCY = "agency", _("Agency")
        EU_INSTITUTION = "eu_institution", _("EU institution")
        EU_PROGRAMME = "eu_programme", _("EU programme")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        blank=True,
        help_text=_("As used in this language, e.g. SPF in French and FOD in Dutch."),
    )
    slug = models.SlugField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("The last part of the page address. Made from the name if left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_(
            "The organization this one belongs to, e.g. a platform is part of the "
            "public service that runs it."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "attachments.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def is_public(self, now=None):
        """The rule of ``public()`` for this organization alone. Its own latest live
        release (one probe on the issuer index) settles it for an issuing
        organization; otherwise the whole rule is asked about this one."""
        PressRelease = apps.get_model("releases", "PressRelease")
        if PressRelease.objects.live(now).filter(issuing_organization=self).exists():
            return True
        return Organization.objects.public(now).filter(pk=self.pk).exists()

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": slug_in_language(self)})

    def shown_on(self):
        """Releases and events that show this organization: as issuer, related
        organization or organizer, as the organization of a role of a quoted or
        speaking official (their pages list all their roles) or of a press contact,
        or as the parent or grandparent of one of those (pages show the hierarchy)."""
        family = Organization.objects.filter(
            Q(pk=self.pk) | Q(parent=self.pk) | Q(parent__parent=self.pk)
        ).values("pk")
        PressRelease = apps.get_model("releases", "PressRelease")
        Quote = apps.get_model("releases", "Quote")
        ReleaseContact = apps.get_model("releases", "ReleaseContact")
        Event = apps.get_model("events", "Event")
        return releases_and_events(
            Q(issuing_organization__in=family)
            | Q(
                pk__in=PressRelease.related_organizations.through.objects.filter(
                    organization__in=family
                ).values("pressrelease_id")
            )
            | Q(
                pk__in=Quote.objects.filter(
                    appointment__person__appointments__role__organization__in=family
                ).values("release_id")
            )
            | Q(
                pk__in=ReleaseContact.objects.filter(contact__organization__in=family).values(
                    "release_id"
                )
            ),
            Q(
                pk__in=Event.organizers.through.objects.filter(organization__in=family).values(
                    "event_id"
                )
            )
            | speaking_at(
                Appointment.objects.filter(
                    person__appointments__role__organization__in=family
                ).values("pk")
            ),
        )

    @property
    def available_languages(self):
        """Languages the organization's name is given in."""
        return [code for code in language_codes() if localized(self, "name", code)]

    def ancestors(self):
        """From the top of the hierarchy down to this organization's parent."""
        chain, node = [], self.parent
        while node is not None and node not in chain:
            chain.insert(0, node)
            node = node.parent
        return chain

    def clean(self):
        super().clean()
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organization cannot be part of itself.")})
            node = node.parent
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self, source="name")
        super().save(*args, **kwargs)


class OrganizationRelationQuerySet(models.QuerySet):
    def public(self, now=None):
        """Relations whose organizations are all public (``Organization.objects.public()``:
        both sides and the one it goes through). A relation never makes an organization
        public: one only unpublished content names stays unnamed everywhere."""
        public = Organization.objects.public(now).values("pk")
        return self.filter(organization__in=public, related__in=public).filter(
            Q(through__isnull=True) | Q(through__in=public)
        )

    def involving(self, organization):
        """Relations naming ``organization``, on either side or as the go-between."""
        return self.filter(
            Q(organization=organization) | Q(related=organization) | Q(through=organization)
        )

    def current(self, day=None):
        """Relations in force on ``day`` (today): begun (or undated) and not ended."""
        day = day or timezone.localdate()
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        )


class OrganizationRelation(models.Model):
    """A dated relation between two organizations other than "part of": that one is
    ``Organization.parent``, which draws the hierarchy and makes parents public, and
    is not said a second time here. Shown on the pages of both organizations (and of
    the one it goes through) when all of them are public."""

    class Kind(models.TextChoices):
        HOSTED_BY = "hosted_by", _("hosted by")
        FUNDED_BY = "funded_by", _("funded by")
        CO_FUNDED_BY = "co_funded_by", _("co-funded by")
        PARTNER_OF = "partner_of", _("partner of")
        MEMBER_OF = "member_of", _("member of")

    #: How each kind reads from the related organization's side ("hosts", ...).
    INVERSE_LABELS = {
        Kind.HOSTED_BY: _("hosts"),
        Kind.FUNDED_BY: _("funds"),
        Kind.CO_FUNDED_BY: _("co-funds"),
        Kind.PARTNER_OF: _("partner of"),
        Kind.MEMBER_OF: _("has as member"),
    }

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="relations",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    related = models.ForeignKey(
        Organization,
        verbose_name=_("related organization"),
        on_delete=models.PROTECT,
        related_name="inverse_relations",
    )
    through = models.ForeignKey(
        Organization,
        verbose_name=_("through"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relations_through",
        help_text=_(
            "Optional: the organization the relation goes through, e.g. the platform "
            "of a public service that hosts a programme."
        ),
    )
    started_on = models.DateField(
        _("since"), null=True, blank=True, help_text=_("Pages show the year.")
    )
    ended_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while it lasts.")
    )

    objects = OrganizationRelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation with another organization")
        verbose_name_plural = _("relations with other organizations")
        ordering = ["kind", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="organization_relation_ends_after_it_starts",
                violation_error_message=_("A relation cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(organization=models.F("related")),
                name="organization_relation_between_two",
                violation_error_message=_("An organization cannot be in a relation with itself."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_kind_display()} – {self.related}"

    def label_from(self, organization):
        """What the relation is called on ``organization``'s page: "hosted by" on
        the subject's, "hosts" on the related organization's."""
        if organization.pk == self.organization_id:
            return self.get_kind_display()
        return self.INVERSE_LABELS[self.kind]

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or self.ended_on >= day
        )

    def is_public(self, now=None):
        return OrganizationRelation.objects.public(now).filter(pk=self.pk).exists()

    @property
    def workflow_owner(self):
        """The organization it is edited on: the relation is shown only while that
        one is public too, so whoever may change the organization may change it
        (workflow/permissions.py)."""
        return self.organization if self.organization_id else None

    def clean(self):
        super().clean()
        errors = {}
        if self.organization_id and self.organization_id == self.related_id:
            errors["related"] = _("An organization cannot be in a relation with itself.")
        if self.through_id and self.through_id in (self.organization_id, self.related_id):
            errors["through"] = _(
                "The relation goes through a third organization, not one of its two sides."
            )
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("A relation cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class PersonQuerySet(models.QuerySet):
    def public(self, now=None):
        """People quoted in a live release or speaking at a live event; nobody else
        (a future minister must not show before the announcement)."""
        return self.filter(pk__in=Appointment.objects.public(now).values("person_id"))


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The last part of the page address. Made from the name if left empty."),
    )
    portrait = models.ForeignKey(
        "attachments.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("organizations:person", kwargs={"slug": self.slug})

    def is_public(self, now=None):
        return Person.objects.public(now).filter(pk=self.pk).exists()

    def shown_on(self):
        """Releases quoting this person and events where they speak, in any role."""
        return releases_and_events(
            Q(quotes__appointment__person=self),
            speaking_at(Appointment.objects.filter(person=self).values("pk")),
        )

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.full_name) or "person"
            candidate, n = base, 2
            while Person.objects.exclude(pk=self.pk).filter(slug=candidate).exists():
                candidate, n = f"{base}-{n}", n + 1
            self.slug = candidate
        super().save(*args, **kwargs)


class Role(models.Model):
    """A position, e.g. "Minister of Social Affairs", whoever holds it."""

    title = models.CharField(_("title"), max_length=250)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="roles",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def is_public(self, now=None):
        return Appointment.objects.shown(now).filter(role=self).exists()

    def shown_on(self):
        """Releases quoting, and events with, someone who holds or held this role
        (their page lists it, whatever role they are quoted in)."""
        return releases_and_events(
            Q(quotes__appointment__person__appointments__role=self),
            speaking_at(Appointment.objects.filter(person__appointments__role=self).values("pk")),
        )


class AppointmentQuerySet(models.QuerySet):
    def on(self, day):
        """Appointments held on ``day``."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day)

    def current(self):
        return self.on(timezone.localdate())

    def _with_live_quote(self, now=None):
        """Annotated with one of their quotes in a live release (``live_quote``), or
        None. Ordered by the indexed column, so the probe walks that index rather
        than scanning every quote until one turns up."""
        Quote = apps.get_model("releases", "Quote")
        quoted = (
            Quote.objects.filter(live_q(now, "release__"), appointment=OuterRef("pk"))
            .order_by("appointment_id")
            .values("pk")[:1]
        )
        return self.annotate(live_quote=Subquery(quoted))

    def quoted(self, now=None):
        """Appointments quoted in a live release. Probed per appointment."""
        return self._with_live_quote(now).filter(live_quote__isnull=False)

    def public(self, now=None):
        """Appointments the public sees: quoted in a live release, speaking at a live
        event or in a session of its programme. Probed per appointment (there are
        few), not joined."""
        Event = apps.get_model("events", "Event")
        SessionParticipant = apps.get_model("events", "SessionParticipant")
        speaking = Event.speakers.through.objects.filter(
            live_q(now, "event__"), appointment=OuterRef("pk")
        )
        in_programme = SessionParticipant.objects.filter(
            live_q(now, "session__event__"), appointment=OuterRef("pk")
        )
        return self._with_live_quote(now).filter(
            Q(live_quote__isnull=False) | Exists(speaking) | Exists(in_programme)
        )

    def started(self):
        """Appointments that have begun: a future appointment is not public yet."""
        return self.filter(started_on__lte=timezone.localdate())

    def shown(self, now=None):
        """Every appointment a public page shows: those of ``public()``, and those that
        have begun of the officials the public sees (their pages list them)."""
        public = Appointment.objects.public(now)
        return self.filter(
            Q(pk__in=public.values("pk"))
            | Q(
                pk__in=Appointment.objects.started()
                .filter(person__in=public.values("person_id"))
                .values("pk")
            )
        )


class Appointment(models.Model):
    """A person holding a role for a period. Quotes point here, so the role
    shown next to a quote stays the one held that day, whatever reshuffle follows."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="appointments"
    )
    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="appointments"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("Leave empty while in office.")
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="appointment_ends_after_it_starts",
                violation_error_message=_("An appointment cannot end before it starts."),
            ),
        ]

    def __str__(self):
        period = (
            f"{self.started_on:%Y}–{self.ended_on:%Y}"
            if self.ended_on
            else (f"{self.started_on:%Y}–")
        )
        return f"{self.person}, {self.role} ({period})"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)

    def is_public(self, now=None):
        return Appointment.objects.shown(now).filter(pk=self.pk).exists()

    #: An appointment added to a person is shown where the person is (workflow/permissions.py).
    shown_before_saved = True

    def shown_on(self):
        """Releases and events that show this appointment: those quoting or hearing
        its person in any role (the person's page lists all their appointments)."""
        if self.person_id is None:
            return []
        return releases_and_events(
            Q(quotes__appointment__person=self.person_id),
            speaking_at(Appointment.objects.filter(person=self.person_id).values("pk")),
        )

    def held_on(self, day):
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    def overlapping(self):
        """Other appointments to the same role whose period meets this one."""
        if self.role_id is None or self.started_on is None:
            return Appointment.objects.none()
        others = Appointment.objects.filter(role_id=self.role_id).exclude(pk=self.pk)
        others = others.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=self.started_on))
        if self.ended_on is not None:
            others = others.filter(started_on__lte=self.ended_on)
        return others

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("An appointment cannot end before it starts.")})
        clash = self.overlapping().select_related("person").first()
        if clash is None:
            return
        values = {
            "role": self.role,
            "person": clash.person,
            "start": clash.started_on.strftime("%d/%m/%Y"),
            "end": clash.ended_on.strftime("%d/%m/%Y") if clash.ended_on else "",
        }
        if clash.ended_on:
            message = _(
                "%(role)s is held by %(person)s from %(start)s to %(end)s: "
                "a role has one holder at a time."
            )
        else:
            message = _(
                "%(role)s is held by %(person)s since %(start)s: a role has one holder at a time."
            )
        raise ValidationError(message % values)


class PressContact(models.Model):
    """Someone journalists can call about a release."""

    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="press_contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=50, blank=True, help_text=_("e.g. FR, NL, EN")
    )

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organization.acronym or self.organization.name})"

    def is_public(self, now=None):
        return self.releases.filter(live_q(now)).exists()

    def shown_on(self):
        """Releases that give this press contact."""
        return releases_and_events(Q(contact_links__contact=self), Q(pk__in=[]))

    def clean(self):
        super().clean()
        if not self.email and not self.phone:
            raise ValidationError(_("Give at least an e-mail address or a telephone number."))
