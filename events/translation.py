from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session, SessionParticipant


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


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "location")


@register(SessionParticipant)
class SessionParticipantTranslationOptions(TranslationOptions):
    fields = ("function", "organization_name")
