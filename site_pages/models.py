"""The pages a public body's website must have, one of each kind: the accessibility
statement (EU Web Accessibility Directive), the privacy notice (GDPR), the legal
notice and the contact page. Written in the admin in four languages, linked from
every page's footer, listed in the sitemap.

A page is public once it has a title and a body in its original language; a reader
of a language it lacks reads that original, marked as such (newsroom/languages.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from newsroom.languages import (
    MultilingualContent,
    fill_translated_slugs,
    language_codes,
    localized,
    slug_in_language,
    validate_unique_translated_slugs,
)
from newsroom.richtext import RichTextField


class SitePageQuerySet(models.QuerySet):
    def public(self, now=None):
        """Pages with a title and a body in their original language (a page saved
        without a body, e.g. by a script, is a 404 and in no footer or sitemap)."""
        q = Q()
        for code in language_codes():
            q |= Q(
                original_language=code,
                **{
                    f"{build_localized_fieldname(field, code)}__gt": ""
                    for field in SitePage.translation_required_fields
                },
            )
        return self.filter(q)

    def in_footer_order(self):
        """The public pages in the order of ``SitePage.Kind`` (four rows at most)."""
        order = list(SitePage.Kind.values)
        return sorted(self.public(), key=lambda page: order.index(page.kind))


class SitePage(MultilingualContent):
    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")
        LEGAL = "legal", _("Legal notice")
        CONTACT = "contact", _("Contact")

    class Conformance(models.TextChoices):
        # The three statuses of the EU model accessibility statement (Commission
        # Implementing Decision (EU) 2018/1523), against EN 301 549 (WCAG 2.1 AA).
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Assessment(models.TextChoices):
        SELF = "self", _("a self-assessment")
        THIRD_PARTY = "third_party", _("an assessment by a third party")

    kind = models.CharField(
        _("kind of page"),
        max_length=20,
        choices=Kind.choices,
        unique=True,
        help_text=_("One page of each kind; the footer of every page links to it."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("The last part of the page address. Made from the title if left empty."),
    )
    body = RichTextField(
        _("text"),
        blank=True,
        help_text=_(
            "The page's text. For the accessibility statement: the content that is not "
            "accessible, and why (the other parts of the statement come from the fields "
            "below, in the order of the EU model statement)."
        ),
    )
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Shown at the bottom of the page."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The accessibility statement's own parts (EU model statement).
    conformance = models.CharField(
        _("compliance status"),
        max_length=20,
        choices=Conformance.choices,
        blank=True,
        help_text=_("With EN 301 549 (WCAG 2.1 level AA). Accessibility statement only."),
    )
    prepared_on = models.DateField(
        _("statement prepared on"),
        null=True,
        blank=True,
        help_text=_("Accessibility statement only."),
    )
    assessment = models.CharField(
        _("method of evaluation"),
        max_length=20,
        choices=Assessment.choices,
        blank=True,
        help_text=_("Accessibility statement only."),
    )
    feedback = RichTextField(
        _("feedback and contact information"),
        blank=True,
        help_text=_(
            "How to report an accessibility problem or ask for content in another "
            "format, and how soon an answer comes. Accessibility statement only."
        ),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_(
            "Where to turn when the answer is not satisfactory (for a federal body: "
            "the Federal Ombudsman). Accessibility statement only."
        ),
    )

    translation_required_fields = ("title", "body")

    objects = SitePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["kind"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("site_pages:detail", kwargs={"slug": slug_in_language(self)})

    def is_public(self, now=None):
        """The rule of ``SitePageQuerySet.public()`` for this page (the public cache's
        version follows it)."""
        return self.has_language(self.original_language)

    @property
    def is_accessibility_statement(self):
        return self.kind == self.Kind.ACCESSIBILITY

    def clean(self):
        super().clean()
        if self.is_accessibility_statement:
            errors = {}
            if not self.conformance:
                errors["conformance"] = _("An accessibility statement gives its status.")
            if not self.prepared_on:
                errors["prepared_on"] = _("An accessibility statement gives its date.")
            for field in ("feedback", "enforcement"):
                if not (localized(self, field, self.original_language) or "").strip():
                    name = build_localized_fieldname(field, self.original_language)
                    errors[name] = _("An accessibility statement has this part.")
            if errors:
                raise ValidationError(errors)
        validate_unique_translated_slugs(self)

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)
