"""iCalendar (RFC 5545) files for events, made with the icalendar package."""

import datetime

import icalendar
from django.utils.translation import gettext as _

from newsroom.structured_data import plain_text

PRODID = "-//Newsroom//Newsroom//EN"  # the product, the same for every installation


def _utc(value):
    return value.astimezone(datetime.UTC)


def event_component(event, absolute_url, domain):
    """One VEVENT, in the language the reader sees the event in."""
    shown = event.for_reader
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{domain}")
    component.add("dtstamp", _utc(event.updated_at))
    component.add("last-modified", _utc(event.updated_at))
    component.add("dtstart", _utc(event.starts_at))
    component.add("dtend", _utc(event.ends_at))
    component.add("summary", shown.title)
    description = plain_text(shown.description)
    if description:
        component.add("description", f"{description}\n\n{absolute_url}")
    else:
        component.add("description", absolute_url)
    location = ", ".join(
        part for part in (shown.venue_name, shown.venue_address.replace("\n", ", ")) if part
    )
    if location:
        component.add("location", location)
    component.add("url", absolute_url)
    component["summary"].params["language"] = shown.lang
    return component


def calendar_for(events, absolute_url_of, domain, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for event in events:
        calendar.add_component(event_component(event, absolute_url_of(event), domain))
    return calendar


def default_calendar_name():
    from identity.models import SiteIdentity

    return _("Events · %(newsroom)s") % {"newsroom": SiteIdentity.current().name}
