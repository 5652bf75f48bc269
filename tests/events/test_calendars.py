"""Calendar files (.ics): one event's, and the upcoming events'."""

import datetime

import icalendar
from django.utils import timezone

from tests.conftest import brussels
from tests.public import DEMO_EVENT, reverse_in, url_in


def test_event_calendar_file_parses(client, demo):
    from events.models import Event

    event = Event.objects.get(slug_fr=DEMO_EVENT)
    response = client.get(url_in(event, "nl", "events:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    vevent, *sessions = calendar.walk("VEVENT")
    assert len(sessions) == 8  # the programme's sessions (see test_programme.py)
    assert vevent.decoded("dtstart") == brussels(2017, 5, 30, 9, 30)
    assert vevent.decoded("dtend") == brussels(2017, 5, 30, 13, 0)
    assert str(vevent["summary"]) == event.title_nl
    assert "Kruidtuinlaan 50" in str(vevent["location"])
    assert str(vevent["url"]).endswith(url_in(event, "nl"))
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_upcoming_events_calendar_lists_only_upcoming_live_events(client, demo, make_event):
    make_event(starts_at=timezone.now() + datetime.timedelta(days=3), title_en="Soon")
    make_event(starts_at=timezone.now() + datetime.timedelta(days=4), title_fr="Seulement FR")
    make_event(
        starts_at=timezone.now() + datetime.timedelta(days=5), status="draft", title_en="Draft"
    )
    response = client.get(reverse_in("events:upcoming_calendar", "en"))
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    # An event without English is listed in its original language.
    assert summaries == ["Soon", "Seulement FR"]
