"""Journalists and the press office's lists of them."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from releases.models import Topic


def new_key():
    return secrets.token_urlsafe(16)


class JournalistQuerySet(models.QuerySet):
    def reachable(self):
        """Those who have not unsubscribed."""
        return self.filter(unsubscribed_at__isnull=True)


class Journalist(models.Model):
    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("media outlet"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the releases this journalist receives."),
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organizations followed"),
        blank=True,
        related_name="journalists",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics followed"), blank=True, related_name="journalists"
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the address comes from (typed in, an imported file): kept for data protection."
        ),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    unsubscribed_at = models.DateTimeField(
        _("unsubscribed on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the journalist unsubscribed through the link of a message: nothing "
            "more is sent to them. Clear it only at their request."
        ),
    )
    #: Part of their signed unsubscribe link (subscriptions/links.py).
    key = models.CharField(max_length=32, default=new_key, editable=False)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(Lower("email"), name="one_journalist_per_address")]

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class PressList(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    journalists = models.ManyToManyField(
        Journalist, verbose_name=_("journalists"), blank=True, related_name="press_lists"
    )

    class Meta:
        verbose_name = _("press list")
        verbose_name_plural = _("press lists")
        ordering = ["name"]

    def __str__(self):
        return self.name
