"""iCalendar (RFC 5545) files for events, made with the icalendar package."""

import datetime

import icalendar
from django.utils.translation import gettext as _

from newsroom.structured_data import plain_text, text_in

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


def participant_line(participant, *languages):
    """ "Maggie De Block, Minister of Social Affairs" or an external speaker's name,
    function and organization, in ``language`` or the first language that has them."""
    if participant.appointment_id:
        appointment = participant.appointment
        return f"{appointment.person}, {text_in(appointment.role, 'title', *languages)}"
    details = [
        text_in(participant, "function", *languages),
        text_in(participant, "organization_name", *languages),
    ]
    return ", ".join([participant.name, *(part for part in details if part)])


def session_component(session, event_uid, absolute_url, domain, *languages):
    """A VEVENT for one session of the programme, a child of its event's (RFC 9253's
    RELATED-TO with RELTYPE=PARENT; calendars that ignore it show a dated entry)."""
    component = icalendar.Event()
    component.add("uid", f"event-session-{session.pk}@{domain}")
    component.add("dtstamp", _utc(session.event.updated_at))
    component.add("dtstart", _utc(session.starts_at))
    component.add("dtend", _utc(session.ends_at))
    component.add("summary", text_in(session, "title", *languages))
    component.add("related-to", event_uid, parameters={"RELTYPE": "PARENT"})
    lines = []
    if description := text_in(session, "description", *languages):
        lines.append(description)
    if session.speakers:
        lines.append(
            _("Speakers: %(names)s")
            % {"names": "; ".join(participant_line(p, *languages) for p in session.speakers)}
        )
    if session.moderators:
        lines.append(
            _("Moderator: %(names)s")
            % {"names": "; ".join(participant_line(p, *languages) for p in session.moderators)}
        )
    lines.append(absolute_url)
    component.add("description", "\n\n".join(lines))
    if location := text_in(session, "location", *languages):
        component.add("location", location)
    component.add("url", absolute_url)
    component.add("categories", [str(session.get_kind_display())])
    return component


def calendar_for(events, absolute_url_of, domain, name, with_sessions=False):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for event in events:
        url = absolute_url_of(event)
        component = event_component(event, url, domain)
        calendar.add_component(component)
        if with_sessions:
            for session in event.sessions.all():
                calendar.add_component(
                    session_component(
                        session,
                        component["uid"],
                        url,
                        domain,
                        event.for_reader.lang,
                        event.original_language,
                    )
                )
    return calendar


def default_calendar_name():
    from identity.models import SiteIdentity

    return _("Events · %(newsroom)s") % {"newsroom": SiteIdentity.current().name}
