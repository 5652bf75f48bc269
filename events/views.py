from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.views.generic import ListView

from newsroom.languages import slug_in_language
from newsroom.structured_data import event_data, json_ld_script, plain_text
from workflow.public_views import TranslatedSlugDetailView

from .calendar import calendar_for, default_calendar_name
from .models import Event

UPCOMING_IN_CALENDAR = 100


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
        return super().get_queryset().with_page_parts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = context["shown"]
        context.update(
            page_title=shown.title,
            page_description=Truncator(plain_text(shown.description)).words(40),
            structured_data=None
            if context["is_preview"]
            else json_ld_script(
                event_data(
                    self.object, shown, self.request.build_absolute_uri, context["canonical_url"]
                )
            ),
        )
        return context


def calendar_response(request, events, name, filename=None, with_sessions=False):
    calendar = calendar_for(
        events,
        lambda event: request.build_absolute_uri(event.get_absolute_url()),
        request.get_host().split(":")[0],
        name,
        with_sessions=with_sessions,
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def upcoming_calendar(request):
    """A calendar feed of upcoming live events, to subscribe to."""
    events = Event.objects.live().upcoming()[:UPCOMING_IN_CALENDAR]
    return calendar_response(request, events, default_calendar_name())


class EventCalendarView(TranslatedSlugDetailView):
    """One event as an .ics file ("add to calendar"), with the sessions of its programme."""

    model = Event

    def get_queryset(self):
        return super().get_queryset().with_page_parts()

    def canonical_path(self, item):
        return reverse("events:calendar", kwargs={"slug": slug_in_language(item)})

    def render_to_response(self, context, **kwargs):
        event = self.object
        return calendar_response(
            self.request,
            [event],
            default_calendar_name(),
            filename=f"{slug_in_language(event)}.ics",
            with_sessions=True,
        )
