from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "events"

urlpatterns = [
    path(pgettext_lazy("URL", "events/"), views.EventListView.as_view(), name="list"),
    path(
        pgettext_lazy("URL", "events/calendar.ics"),
        views.upcoming_calendar,
        name="upcoming_calendar",
    ),
    path(
        pgettext_lazy("URL", "events/<slug:slug>/"), views.EventDetailView.as_view(), name="detail"
    ),
    path(
        pgettext_lazy("URL", "events/<slug:slug>/calendar.ics"),
        views.EventCalendarView.as_view(),
        name="calendar",
    ),
]
