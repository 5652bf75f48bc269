from django.db.models import Prefetch
from django.views.generic import ListView

from events.models import Event
from newsroom.views import TranslatedSlugDetailView

from .models import PressRelease, Quote


def quotes_with_speakers():
    return Prefetch(
        "quotes",
        queryset=Quote.objects.select_related("appointment__person", "appointment__role"),
    )


class ReleaseListView(ListView):
    template_name = "releases/pressrelease_list.html"
    paginate_by = 20
    context_object_name = "releases"

    def get_queryset(self):
        return PressRelease.objects.live().select_related("issuing_organization")


class ReleaseDetailView(TranslatedSlugDetailView):
    model = PressRelease
    context_object_name = "release"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("issuing_organization__parent")
            .prefetch_related(
                quotes_with_speakers(),
                "links",
                "topics",
                "related_organizations",
                "contact_links__contact__organization",
                Prefetch("events", queryset=Event.objects.live(), to_attr="live_events"),
            )
        )
