from modeltranslation.translator import TranslationOptions, register

from .models import FooterLink, SiteIdentity


@register(SiteIdentity)
class SiteIdentityTranslationOptions(TranslationOptions):
    fields = ("name", "publisher", "publisher_url", "description", "contact")


@register(FooterLink)
class FooterLinkTranslationOptions(TranslationOptions):
    fields = ("label", "url")
