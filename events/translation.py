from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "description",
        "programme",
        "venue_name",
        "venue_address",
        "registration_note",
        "withdrawal_reason",
    )
