"""The newsroom's identity: one row, edited in the admin, read by every page, feed,
calendar and the structured data (``SiteIdentity.current()``). A new installation
starts with neutral values; the demo fills in its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteIdentity(models.Model):
    name = models.CharField(
        _("name of the newsroom"),
        max_length=120,
        default="Newsroom",
        help_text=_(
            "Shown in the header, in every page title and in the feeds, e.g. "
            "“FPS Mobility newsroom”."
        ),
    )
    publisher = models.CharField(
        _("publishing organization"),
        max_length=200,
        blank=True,
        help_text=_(
            "Its full name, e.g. “Belgian Federal Public Service Mobility "
            "and Transport”: the publisher of every release for search engines."
        ),
    )
    publisher_url = models.URLField(_("website of the publishing organization"), blank=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the newsroom publishes, in a sentence: the description of pages "
            "and feeds that have none of their own."
        ),
    )
    contact = models.CharField(
        _("contact line"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown at the bottom of every page, e.g. the press office's telephone and address."
        ),
    )
    logo = models.ForeignKey(
        "attachments.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="site_logo_of",
        # Not a release's or an event's picture: those are public only while it is.
        limit_choices_to={"release__isnull": True, "event__isnull": True},
        help_text=_("Shown in the header of every page, and to search engines."),
    )

    class Meta:
        verbose_name = _("newsroom identity")
        verbose_name_plural = _("newsroom identity")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls, with_links=False):
        """The one row (made by the migration; a neutral one if it was deleted). Pages
        read it through ``identity.current.site_identity(request)``, which keeps it."""
        rows = cls.objects.select_related("logo").filter(pk=1)
        if with_links:
            rows = rows.prefetch_related("footer_links")
        return rows.first() or cls(pk=1)

    def save(self, *args, **kwargs):
        self.pk = 1  # one identity
        super().save(*args, **kwargs)

    def is_public(self, now=None):
        return True  # on every page (the public cache's version follows its edits)

    def structured_data(self, absolute):
        """schema.org's publisher of every release: the publishing organization (None
        while none is named: the release's issuer is then its publisher too)."""
        if not self.publisher:
            return None
        data = {"@type": "GovernmentOrganization", "name": self.publisher}
        if self.publisher_url:
            data["url"] = self.publisher_url
        if self.logo_id and self.logo.renditions:
            from django.core.files.storage import default_storage

            data["logo"] = absolute(default_storage.url(self.logo.renditions[0]["jpeg"]))
        return data

    def links(self):
        return [] if self._state.adding else self.footer_links.all()


class FooterLink(models.Model):
    identity = models.ForeignKey(
        SiteIdentity, on_delete=models.CASCADE, related_name="footer_links"
    )
    label = models.CharField(_("label"), max_length=120)
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def is_public(self, now=None):
        return True
