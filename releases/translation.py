from modeltranslation.translator import TranslationOptions, register

from .models import Correction, PressRelease, Quote, ReleaseLink, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    required_languages = ("fr",)


@register(PressRelease)
class PressReleaseTranslationOptions(TranslationOptions):
    # Only the original language is required, and that depends on the release:
    # MultilingualContent.clean() checks it.
    fields = ("title", "slug", "lead", "body", "dateline_place", "withdrawal_reason")


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ReleaseLink)
class ReleaseLinkTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("note",)
