"""Who receives the releases by e-mail, and what they asked for. Only confirmed
subscriptions are stored (an unconfirmed request lives in its signed confirmation
link, links.py): the address, the language, the choices, when consent was asked and
given, and on which page (each consent: ``Consent``). Nothing else.

The rate limits of the form (throttle.py) keep ``RequestMark`` rows for their longest
window (a day by default) and an hour at most beyond it (the worker's hourly purge):
a keyed hash of an address or of a client, and a time; never the address or the IP."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization, Person
from releases.models import Topic


def new_key():
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def with_address(self, email):
        """The subscriber of ``email``, whatever its case (on the unique index)."""
        return self.filter(Exact(Lower("email"), email.strip().lower()))

    def wanting(self, release):
        """Subscribers who asked for ``release``: all releases, or its issuer or a
        related organization, an official it quotes, or one of its topics."""
        organizations = [release.issuing_organization_id, *release.related_organizations.all()]
        people = release.quotes.values("appointment__person_id")
        return self.filter(
            Q(all_releases=True)
            | Q(organizations__in=organizations)
            | Q(people__in=people)
            | Q(topics__in=release.topics.all())
        ).distinct()


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of the messages (a release not written in it comes in its "
            "original language)."
        ),
    )
    all_releases = models.BooleanField(_("all press releases"), default=False)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("organizations"), blank=True, related_name="+"
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("officials"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    requested_at = models.DateTimeField(
        _("consent asked on"), help_text=_("When the form was sent (the first time).")
    )
    confirmed_at = models.DateTimeField(
        _("consent given on"),
        help_text=_("When the confirmation link was followed (the first time)."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The page the form was on (the first time)."),
    )
    #: Part of every signed link (links.py): a deleted and re-made subscription gets
    #: another, so the old links stop working.
    key = models.CharField(max_length=32, default=new_key, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="one_subscriber_per_address")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Consent(models.Model):
    """One consent, as given: when it was asked and confirmed, from which page, and what
    it was for. The first is also on the subscriber; a later request for the same
    address (more choices) or a change of preferences adds one, so each is shown."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    requested_at = models.DateTimeField(_("asked on"))
    confirmed_at = models.DateTimeField(_("given on"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    #: What was chosen, as the subscriber read it (names in their language):
    #: ``{"language": "fr", "all_releases": False, "organizations": [...], ...}``.
    choices = models.JSONField(_("choices"), default=dict)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["confirmed_at", "pk"]
        default_permissions = ()  # seen on its subscriber's page only

    def __str__(self):
        return f"{self.subscriber} {self.confirmed_at:%Y-%m-%d %H:%M}"


class RequestMark(models.Model):
    """One request of the subscription form, for the rate limits (throttle.py): a keyed
    hash (HMAC with SECRET_KEY) of the address or of the client, and when. Purged once
    older than the longest limit's window."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(fields=["key", "at"], name="subscriptions_mark_key_at"),
            models.Index(fields=["at"], name="subscriptions_mark_at"),
        ]

    def __str__(self):
        return f"{self.key[:8]}… {self.at:%Y-%m-%d %H:%M}"
