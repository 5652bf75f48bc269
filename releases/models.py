"""Press releases: what the press office publishes."""

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import Case, Func, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from newsroom.languages import (
    MultilingualContent,
    fill_translated_slugs,
    language_name,
    localized,
    slug_in_language,
    validate_unique_translated_slugs,
)
from newsroom.publishing import Publishable, PublishableQuerySet, Status, live_q
from newsroom.richtext import RichTextField
from organizations.models import Appointment, Organization, PressContact

from .dateline import dateline
from .placement import paragraph_count

EMBARGO_SALT = "newsroom.embargo-link"


def require_original_language(item, field, release):
    """A part of a release (a quote, a link) must exist in the release's original language."""
    if not (localized(item, field, release.original_language) or "").strip():
        raise ValidationError(
            {
                build_localized_fieldname(field, release.original_language): _(
                    "Required in the release's original language (%(language)s)."
                )
                % {"language": language_name(release.original_language)}
            }
        )


class StartOfYear(Func):
    """PostgreSQL: the first instant of the year of a datetime, in the current time
    zone (1 January 00:00 in Brussels is 31 December 23:00 UTC)."""

    output_field = models.DateTimeField()

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return (
            f"(DATE_TRUNC('year', {sql} AT TIME ZONE %s) AT TIME ZONE %s)",
            (*params, zone, zone),
        )


def count_of(queryset):
    """``SELECT COUNT(*)`` of ``queryset`` as a subquery expression (no GROUP BY:
    a plain aggregate would group by the outer row)."""
    return Subquery(
        queryset.order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=models.IntegerField()))
        .values("n"),
        output_field=models.IntegerField(),
    )


class TopicQuerySet(models.QuerySet):
    def public(self, now=None):
        """Topics of live releases only."""
        return self.filter(pk__in=Topic.objects.filter(live_q(now, "releases__")).values("pk"))


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_public(self, now=None):
        return Topic.objects.public(now).filter(pk=self.pk).exists()

    def shown_on(self):
        """Releases under this topic (workflow/permissions.py)."""
        return [PressRelease.objects.filter(topics=self)]

    def clean(self):
        super().clean()
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self, source="name")
        super().save(*args, **kwargs)


#: Statuses that count in the numbering: a withdrawn release keeps its number.
NUMBERED_STATUSES = (Status.APPROVED, Status.WITHDRAWN)


def published_q(now=None):
    """Releases that have a number at ``now``: published, whether still live or not."""
    return Q(status__in=NUMBERED_STATUSES, publish_at__lte=now or timezone.now())


def rank_in_year():
    """The number of the release ``OuterRef`` names if it is published (``published_q``):
    1 + the releases published before it in its year (Brussels time), ties on the
    second broken by id. Those are published whenever it is (earlier than it), so
    the count needs no clock."""
    earlier = PressRelease.objects.filter(
        Q(publish_at__lt=OuterRef("publish_at"))
        | Q(publish_at=OuterRef("publish_at"), pk__lt=OuterRef("pk")),
        status__in=NUMBERED_STATUSES,
        publish_at__lte=OuterRef("publish_at"),
    )
    if connection.vendor == "postgresql":
        # From the first instant of the year: a range of the index on
        # (publish_at, status, id), counted without reading the table.
        earlier = earlier.filter(publish_at__gte=StartOfYear(OuterRef("publish_at")))
    else:
        earlier = earlier.filter(publish_at__year=ExtractYear(OuterRef("publish_at")))
    earlier = earlier.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Coalesce(Subquery(earlier), 0) + 1


def release_numbers(pks, now=None):
    """``{pk: (number, year)}`` of releases ``pks`` (``with_numbers``), one query;
    ``(None, None)`` for those without a number."""
    rows = (
        PressRelease.objects.filter(pk__in=pks)
        .with_numbers(now)
        .values_list("pk", "release_number", "release_year")
    )
    return {pk: (number, year) for pk, number, year in rows}


class PressReleaseQuerySet(PublishableQuerySet):
    def about(self, organization):
        """Releases issued by ``organization`` or naming it as related.

        The related ones through a subquery, not a join: each release comes once, so
        no DISTINCT is needed (DISTINCT over every column and the release numbers
        made the organization page take seconds at 100,000 releases)."""
        naming = PressRelease.related_organizations.through.objects.filter(
            organization=organization
        )
        return self.filter(
            Q(issuing_organization=organization) | Q(pk__in=naming.values("pressrelease_id"))
        )

    def latest_about(self, organization, count):
        """The latest ``count`` (or fewer) of these releases ``about(organization)``,
        unordered and unsliced: callers order them newest first and take up to ``count``.

        The newest of two sets are among the newest of each: the ``count`` latest it
        issued (on the issuer index) united with the ``count`` latest naming it (on the
        link table's organization index). ``about()`` ordered and sliced walks every
        release backwards until ``count`` match, which for an organization named by
        a few old releases read the whole table (a quarter of a second at 100,000)."""
        if not connection.features.supports_slicing_ordering_in_compound:
            return self.about(organization)  # SQLite: no LIMIT inside a UNION
        order = ("-publish_at", "-pk")
        issued = self.filter(issuing_organization=organization).order_by(*order)
        naming = self.filter(related_organizations=organization).order_by(*order)
        return self.filter(pk__in=issued.values("pk")[:count].union(naming.values("pk")[:count]))

    def count_about(self, organization):
        """How many of these releases are ``about(organization)``, as an expression
        (``organization`` may be an ``OuterRef``): those it issued plus those naming
        it that another issued. Two counts on indexes, where counting ``about()``
        reads the whole table (the OR with a subquery defeats the indexes)."""
        issued = self.filter(issuing_organization=organization)
        # A join is safe here: a release names an organization at most once.
        naming = self.filter(related_organizations=organization).exclude(
            issuing_organization=organization
        )
        return count_of(issued) + count_of(naming)

    def with_numbers(self, now=None):
        """Annotate ``release_number`` and ``release_year``: the rank of each release
        among the releases published (live, expired or withdrawn) in the same year, in
        order of publication. Unpublished releases get None. Computed in the query
        (a correlated count), so a page of releases costs no extra query."""
        published = published_q(now)
        return self.annotate(
            release_year=Case(When(published, then=ExtractYear("publish_at")), default=None),
        ).annotate(
            release_number=Case(
                When(published, then=rank_in_year()),
                default=None,
                output_field=models.IntegerField(),
            ),
        )

    def quoting(self, person):
        """Releases with a quote of ``person``, whatever role they held (a subquery:
        a release quoting them twice comes once, without DISTINCT)."""
        return self.filter(
            pk__in=Quote.objects.filter(appointment__person=person).values("release_id")
        )

    def numbered(self, *related):
        """The releases of this queryset, sliced to one page, with their numbers
        (``with_numbers``) counted for these rows only, and ``related`` read with them
        (``select_related``).

        Annotated on a whole list, the numbers are counted for every row the
        database reads, including those an OFFSET skips (page 50 of the list took
        1.6 s at 100,000 releases): here the page is chosen first, in a subquery,
        and only its rows are numbered. Same rows, same order, one query."""
        page = self.model.objects.filter(pk__in=self.values("pk")).with_numbers()
        if related:
            page = page.select_related(*related)
        return page.order_by(*(self.query.order_by or self.model._meta.ordering))


class PressRelease(MultilingualContent, Publishable):
    #: The organizations a release is "of", for the editors' planning filter.
    organization_fields = ("issuing_organization", "related_organizations")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_(
            "The last part of the page address in this language. Made from the title "
            "if left empty, and kept when the title changes so links keep working."
        ),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences that sum up the release; shown in lists and feeds."),
    )
    body = RichTextField(_("body"), blank=True)
    dateline_place = models.CharField(
        _("place of the dateline"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where the release is issued from, in each language (Bruxelles, Brussel, "
            "Brüssel, Brussels); the publication date follows in the reader's language."
        ),
    )

    issuing_organization = models.ForeignKey(
        Organization,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="issued_releases",
    )
    related_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("related organizations"),
        blank=True,
        related_name="related_releases",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="releases"
    )
    press_contacts = models.ManyToManyField(
        PressContact,
        verbose_name=_("press contacts"),
        blank=True,
        through="ReleaseContact",
        related_name="releases",
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    objects = PressReleaseQuerySet.as_manager()

    translation_required_fields = ("title", "lead", "body")

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            # Release numbers (with_numbers) count the releases published earlier in
            # the year from this index alone (an index-only scan); with the expiry,
            # so do the live releases (the list's count).
            models.Index(
                fields=["publish_at", "status", "id", "unpublish_at"],
                name="release_publication_idx",
            ),
            # An issuer's latest live release (the filters' choices, the home page)
            # without a scan, and its live releases counted on the index alone (the
            # organization page).
            models.Index(
                fields=["issuing_organization", "status", "publish_at", "unpublish_at"],
                name="release_issuer_idx",
            ),
        ]
        permissions = [
            ("submit_pressrelease", _("Can submit a press release for review")),
            (
                "publish_pressrelease",
                _("Can approve, schedule, publish, unschedule and withdraw press releases"),
            ),
        ]

    def __str__(self):
        return self.title or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("releases:detail", kwargs={"slug": slug_in_language(self)})

    def in_language(self, language):
        """The texts in one language, with the dateline written in it (dateline.py)."""
        shown = super().in_language(language)
        shown.dateline = dateline(self, language)
        return shown

    def schedule_recipients(self, now=None):
        """Who reads this release before its go-live: the journalists whose embargo
        link is valid (the schedule form lists them)."""
        links = self.embargo_links.filter(revoked_at__isnull=True).order_by("journalist_name")
        return [
            _("%(name)s <%(email)s>, embargo link")
            % {"name": link.journalist_name, "email": link.email}
            for link in links
            if link.is_valid(now)
        ]

    def approval_problems(self, publish_at=None):
        """Beyond the texts (read by the workflow's gate): every image needs its
        alternative text in the required languages, and, for a publication at
        ``publish_at``, every quoted official must hold the quoted role that day."""
        from workflow.transitions import required_languages

        problems = []
        for number, image in enumerate(self.images.all(), start=1):
            missing = [
                language_name(code)
                for code in required_languages()
                if not localized(image, "alt", code)
            ]
            if missing:
                problems.append(
                    _("Image %(number)s: alternative text in %(languages)s")
                    % {"number": number, "languages": ", ".join(missing)}
                )
        if publish_at is not None:
            day = timezone.localtime(publish_at).date()
            quotes = self.quotes.select_related("appointment__person", "appointment__role")
            for number, quote in enumerate(quotes, start=1):
                if not quote.appointment.held_on(day):
                    problems.append(
                        _(
                            "Quote %(number)s: %(appointment)s was not held on %(day)s, the "
                            "publication date."
                        )
                        % {
                            "number": number,
                            "appointment": quote.appointment,
                            "day": day.strftime("%d/%m/%Y"),
                        }
                    )
        return problems

    @property
    def last_corrected_at(self):
        """When the latest public correction was made (uses prefetched corrections)."""
        corrections = list(self.corrections.all())
        return max((c.corrected_at for c in corrections), default=None)

    def is_numbered(self, now=None):
        """The rule of ``published_q`` for this release: has it a number at ``now``?"""
        now = now or timezone.now()
        return (
            self.status in NUMBERED_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
        )

    @property
    def reference(self):
        """The release number as the press office writes it, e.g. "12/2017": the n-th
        release published in its year (Brussels time), counted when it goes live, so
        a scheduled release leaves no visible gap. Lists annotate it with
        ``with_numbers()``; otherwise it costs one query."""
        if not hasattr(self, "release_number"):
            numbers = release_numbers([self.pk])
            self.release_number, self.release_year = numbers.get(self.pk, (None, None))
        if self.release_number is None:
            return ""
        return f"{self.release_number}/{self.release_year}"

    def clean(self):
        super().clean()
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)
        for name in ("release_number", "release_year"):
            self.__dict__.pop(name, None)  # recounted on next read


class Quote(models.Model):
    release = models.ForeignKey(
        PressRelease, verbose_name=_("release"), on_delete=models.CASCADE, related_name="quotes"
    )
    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text=_("The person and the role they held on the day of the release."),
    )
    text = models.TextField(_("quoted text"))
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Shown after this paragraph of the body (1 for the first); empty: after the "
            "body. Paragraphs are counted in the body in the release's original language; "
            "headings, lists, tables, pictures, block quotations and empty paragraphs are "
            "not counted. A translation with fewer paragraphs shows the quote after its body."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Quotes at the same place are shown in this order."),
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(after_paragraph__isnull=True) | Q(after_paragraph__gte=1),
                name="quote_after_a_paragraph",
            ),
        ]

    def __str__(self):
        return f"{self.appointment.person}: {self.text[:60]}"

    @property
    def workflow_owner(self):
        """The release this is part of: it is changed by whoever may change the release."""
        return self.release

    def is_public(self, now=None):
        return self.release.is_live(now)

    def clean(self):
        super().clean()
        release = getattr(self, "release", None)
        if release is None:
            return
        require_original_language(self, "text", release)
        self.validate_place(release)
        if release.publish_at is None or self.appointment_id is None:
            return
        day = timezone.localtime(release.publish_at).date()
        if not self.appointment.held_on(day):
            raise ValidationError(
                {
                    "appointment": _("%(appointment)s was not held on %(day)s, the release date.")
                    % {"appointment": self.appointment, "day": day.strftime("%d/%m/%Y")}
                }
            )

    def validate_place(self, release):
        """A quote is placed after a paragraph the body has in the release's original
        language (a translation with fewer shows it after its body: placement.py)."""
        if not self.after_paragraph:
            return
        language = release.original_language
        count = paragraph_count(localized(release, "body", language))
        if self.after_paragraph <= count:
            return
        if count:
            message = ngettext(
                "The body in %(language)s has %(count)d paragraph: choose 1, or leave this "
                "empty to show the quote after the body.",
                "The body in %(language)s has %(count)d paragraphs: choose a number from 1 "
                "to %(count)d, or leave this empty to show the quote after the body.",
                count,
            )
        else:
            message = _(
                "The body in %(language)s has no paragraph: leave this empty to show the "
                "quote after the body."
            )
        raise ValidationError(
            {"after_paragraph": message % {"language": language_name(language), "count": count}}
        )


class ReleaseLink(models.Model):
    """A "more information" link."""

    release = models.ForeignKey(
        PressRelease, verbose_name=_("release"), on_delete=models.CASCADE, related_name="links"
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("more-information link")
        verbose_name_plural = _("more-information links")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    @property
    def workflow_owner(self):
        """The release this is part of: it is changed by whoever may change the release."""
        return self.release

    def is_public(self, now=None):
        return self.release.is_live(now)

    def clean(self):
        super().clean()
        if getattr(self, "release", None) is not None:
            require_original_language(self, "label", self.release)


class ReleaseContact(models.Model):
    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="contact_links",
    )
    contact = models.ForeignKey(
        PressContact, verbose_name=_("press contact"), on_delete=models.PROTECT
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "contact"], name="release_contact_once"),
        ]

    def __str__(self):
        return str(self.contact)

    @property
    def workflow_owner(self):
        """The release this is part of: it is changed by whoever may change the release."""
        return self.release

    def is_public(self, now=None):
        return self.release.is_live(now)


class Correction(models.Model):
    """A public change note on a live release: "Updated on …: note"."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    note = models.TextField(
        _("public change note"),
        help_text=_("What changed, for readers, e.g. “Corrected the date of the conference.”"),
    )
    corrected_at = models.DateTimeField(_("corrected on"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["corrected_at", "pk"]

    def __str__(self):
        return self.note[:80]

    @property
    def workflow_owner(self):
        """The release this is part of: it is changed by whoever may change the release."""
        return self.release

    def is_public(self, now=None):
        return self.release.is_live(now)

    def clean(self):
        super().clean()
        if getattr(self, "release", None) is not None:
            require_original_language(self, "note", self.release)


class EmbargoLink(models.Model):
    """A private link that shows one release to one named journalist before it goes live."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    journalist_name = models.CharField(_("journalist"), max_length=200)
    email = models.EmailField(_("e-mail"))
    expires_at = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Europe/Brussels time; at the latest the publication date. Empty: until "
            "the publication date."
        ),
    )
    secret = models.CharField(max_length=64, editable=False, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.journalist_name} <{self.email}>"

    @property
    def workflow_owner(self):
        """The release this is part of: it is changed by whoever may change the release."""
        return self.release

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        release = getattr(self, "release", None)
        if (
            self.expires_at
            and release
            and release.publish_at
            and (self.expires_at > release.publish_at)
        ):
            raise ValidationError(
                {"expires_at": _("An embargo link ends at the publication date at the latest.")}
            )

    @property
    def token(self):
        # No timestamp: the same link always has the same address.
        return signing.Signer(salt=EMBARGO_SALT).sign_object({"l": self.pk, "s": self.secret})

    def ends_at(self):
        """The embargo ends at the expiry given, and at the latest at go-live."""
        go_live = self.release.publish_at if self.release.status == Status.APPROVED else None
        candidates = [t for t in (self.expires_at, go_live) if t is not None]
        return min(candidates) if candidates else None

    def is_valid(self, now=None):
        """Until revoked or expired, while the release is in review or scheduled."""
        now = now or timezone.now()
        ends_at = self.ends_at()
        return (
            self.revoked_at is None
            and self.release.status in (Status.IN_REVIEW, Status.APPROVED)
            and (ends_at is None or now < ends_at)
        )

    @classmethod
    def from_token(cls, token):
        """The link a token names, or None for a tampered or unknown token."""
        try:
            data = signing.Signer(salt=EMBARGO_SALT).unsign_object(token)
            link = cls.objects.select_related("release").get(pk=data["l"])
        except (signing.BadSignature, cls.DoesNotExist, KeyError, TypeError, ValueError):
            return None
        if not constant_time_compare(link.secret, str(data.get("s", ""))):
            return None
        return link


class EmbargoAccess(models.Model):
    """One opening of an embargo link: who (the link's journalist) and when."""

    link = models.ForeignKey(
        EmbargoLink,
        verbose_name=_("embargo link"),
        on_delete=models.CASCADE,
        related_name="accesses",
    )
    accessed_at = models.DateTimeField(_("opened on"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("embargo link access")
        verbose_name_plural = _("embargo link accesses")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.link} @ {timezone.localtime(self.accessed_at):%d/%m/%Y %H:%M:%S %Z}"
