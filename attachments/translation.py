from modeltranslation.translator import TranslationOptions, register

from .models import Document, Image


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
