"""An editor's private iCalendar feed of the planning: every go-live from 30 days ago
to a year ahead, one event per item at its instant, with its state (icalendar)."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from desk import planning

PAST = datetime.timedelta(days=30)
AHEAD = datetime.timedelta(days=366)


def render(user, request):
    now = timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Newsroom//planning//EN")
    calendar.add("version", "2.0")
    with override(getattr(request, "LANGUAGE_CODE", None)):
        calendar.add("x-wr-calname", _("Newsroom planning"))
        for entry in planning.entries(user, now - PAST, now + AHEAD, now=now):
            event = icalendar.Event()
            info = entry.item._meta.app_label, entry.item._meta.model_name, entry.item.pk
            event.add("uid", "{}.{}.{}@newsroom-planning".format(*info))
            event.add("dtstamp", now)
            event.add("dtstart", entry.at)
            event.add("dtend", entry.at + datetime.timedelta(minutes=15))
            event.add("summary", f"[{entry.state.label}] {entry.item}")
            event.add("description", f"{str(entry.kind).capitalize()} — {entry.state.label}")
            event.add("url", request.build_absolute_uri(entry.url))
            calendar.add_component(event)
    return calendar.to_ical()
