from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Person, PressContact, Role


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "slug", "description")
    # Reference data always exists in the default language, the last fallback.
    required_languages = ("fr",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("bio",)


@register(Role)
class RoleTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)


@register(PressContact)
class PressContactTranslationOptions(TranslationOptions):
    fields = ("function",)
