"""Which languages an item exists in, and the fallback rule.

All languages of an item live in one row (django-modeltranslation adds a column
per language). An item *exists* in a language when the fields listed in
``translation_required_fields`` are filled in that language.

The fallback rule: when a reader asks for a language the item does not exist
in, the item is shown in its ``original_language`` (the language it was written
in), never in a mix of languages. Code that renders content asks
``item.content_language(requested)`` and renders inside
``translation.override(...)`` of that language, so every translated field
reads the same language; templates mark that block with its ``lang``.
"""

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def translated(field, values):
    """Values per language as modeltranslation's columns: ``translated("name",
    {"fr": "x"})`` is ``{"name_fr": "x"}``."""
    return {build_localized_fieldname(field, code): value for code, value in values.items()}


def translated_columns(*fields):
    """Every language's column of each field: ``name_fr``, ``name_nl``, ..."""
    return [build_localized_fieldname(field, code) for field in fields for code in language_codes()]


def localized(instance, field, language):
    """The raw value of ``field`` in ``language``, without any fallback."""
    return getattr(instance, build_localized_fieldname(field, language))


class MultilingualContent(models.Model):
    """Abstract base for content written in one language and translated into others."""

    original_language = models.CharField(
        _("original language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language this text was written in. Readers of a language without "
            "a translation see this version."
        ),
    )

    #: Fields that must be filled for the item to exist in a language.
    translation_required_fields = ("title",)

    class Meta:
        abstract = True

    def has_language(self, language):
        return all(
            (localized(self, field, language) or "").strip()
            for field in self.translation_required_fields
        )

    @property
    def available_languages(self):
        return [code for code in language_codes() if self.has_language(code)]

    def missing_fields(self, language):
        """Verbose names of the required fields that are empty in ``language``."""
        return [
            str(self._meta.get_field(field).verbose_name)
            for field in self.translation_required_fields
            if not (localized(self, field, language) or "").strip()
        ]

    def content_language(self, language=None):
        """The language to show this item in for a reader of ``language``."""
        language = language or get_language()
        return language if self.has_language(language) else self.original_language

    def in_language(self, language):
        """The item's translated texts in one language, without any mixing."""
        fields = translator.get_options_for_model(type(self)).fields
        return SimpleNamespace(
            lang=language, **{field: localized(self, field, language) or "" for field in fields}
        )

    @property
    def for_reader(self):
        """The texts a reader of the active language sees (for lists and feeds);
        ``.lang`` says which language they are in."""
        return self.in_language(self.content_language())

    def clean(self):
        super().clean()
        missing = self.missing_fields(self.original_language)
        if missing:
            raise ValidationError(
                _("The original language (%(language)s) must have: %(fields)s.")
                % {
                    "language": language_name(self.original_language),
                    "fields": ", ".join(missing),
                }
            )


def _slug_taken(model, instance, value, slug):
    """Is ``value`` another item's slug, in any language?

    Slugs are unique across languages, not only within one: a reader who
    follows a slug into another language must land on the same item.
    """
    q = models.Q()
    for language in language_codes():
        q |= models.Q(**{build_localized_fieldname(slug, language): value})
    return model._default_manager.exclude(pk=instance.pk).filter(q).exists()


def fill_translated_slugs(instance, source="title", slug="slug", max_length=200):
    """Give every language that has a ``source`` text a slug, unique across languages.

    Slugs already set are kept (a published URL must not change when a title is
    corrected); empty ones are made from the source text.
    """
    model = type(instance)
    for language in language_codes():
        slug_field = build_localized_fieldname(slug, language)
        text = localized(instance, source, language)
        current = getattr(instance, slug_field)
        if current or not text:
            continue
        base = slugify(text)[: max_length - 8].strip("-") or "item"
        candidate, n = base, 2
        while _slug_taken(model, instance, candidate, slug):
            candidate, n = f"{base}-{n}", n + 1
        setattr(instance, slug_field, candidate)


def validate_unique_translated_slugs(instance, slug="slug"):
    """Refuse a slug another item already uses, in any language."""
    model = type(instance)
    errors = {}
    for language in language_codes():
        slug_field = build_localized_fieldname(slug, language)
        value = getattr(instance, slug_field)
        if value and _slug_taken(model, instance, value, slug):
            errors[slug_field] = _("This address is already used by another item.")
    if errors:
        raise ValidationError(errors)


def slug_in_language(instance, language=None):
    """The slug for a reader of ``language``: its own if the item exists in that
    language, else the original language's (the version the reader will see)."""
    if isinstance(instance, MultilingualContent):
        return localized(instance, "slug", instance.content_language(language))
    language = language or get_language()
    return localized(instance, "slug", language) or instance.slug


def get_by_translated_slug(queryset, slug, language=None):
    """Find an item by its slug in the reader's language, else in any language.

    One query whatever the language. Returns ``None`` when nothing matches.
    The caller redirects when the slug found is not the item's address in the
    reader's language.
    """
    language = language or get_language()
    own = build_localized_fieldname("slug", language)
    q = models.Q()
    for code in language_codes():
        q |= models.Q(**{build_localized_fieldname("slug", code): slug})
    candidates = list(queryset.filter(q)[: len(language_codes())])
    for item in candidates:
        if getattr(item, own) == slug:
            return item
    return candidates[0] if candidates else None
