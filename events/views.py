from django.db.models import Prefetch
from django.views.generic import ListView

from newsroom.views import TranslatedSlugDetailView
from organizations.models import Appointment
from releases.models import PressRelease

from .models import Event


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        return Event.objects.live().upcoming()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["past_events"] = Event.objects.live().past()[:20]
        return context


class EventDetailView(TranslatedSlugDetailView):
    model = Event
    context_object_name = "event"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "organizers",
                Prefetch(
                    "speakers",
                    queryset=Appointment.objects.select_related("person", "role__organization"),
                ),
                Prefetch(
                    "related_releases",
                    queryset=PressRelease.objects.live(),
                    to_attr="live_releases",
                ),
            )
        )
