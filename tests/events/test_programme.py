"""An event's programme: sessions with times in Brussels, speakers and a moderator, on
the page, in the .ics file, in JSON-LD and on the officials' pages."""

import datetime
import re

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from newsroom.publishing import Status
from tests.conftest import brussels
from tests.public import DEMO_EVENT, LANGUAGES, url_in
from tests.test_public_pages import json_ld

#: The demo programme's sessions (demo/content.py): start, end, and a word of the
#: title in each language (German readers get the English original).
DEMO_SESSIONS = [
    ("09:30", "10:00", {"fr": "Accueil", "nl": "Onthaal", "en": "Welcome"}),
    ("10:00", "10:15", {"fr": "Ouverture", "nl": "Opening", "en": "Opening"}),
    ("10:15", "10:35", {"fr": "pauvreté", "nl": "armoede", "en": "poverty"}),
    ("10:35", "10:55", {"fr": "cloisonné", "nl": "hokjesdenken", "en": "silos"}),
    ("10:55", "11:20", {"fr": "Lancement", "nl": "Lancering", "en": "Launch"}),
    ("11:20", "11:40", {"fr": "Pause-café", "nl": "Koffiepauze", "en": "Coffee break"}),
    ("11:40", "12:45", {"fr": "Table ronde", "nl": "Panelgesprek", "en": "Panel"}),
    ("12:45", "13:00", {"fr": "Clôture", "nl": "Afsluiting", "en": "Closing"}),
]
ROLE_TITLES = {
    "fr": "Ministre des Affaires sociales et de la Santé publique",
    "nl": "Minister van Sociale Zaken en Volksgezondheid",
    "de": "Minister für Soziales und Volksgesundheit",
    "en": "Minister of Social Affairs and Public Health",
}


def demo_event():
    from events.models import Event

    return Event.objects.get(slug_fr=DEMO_EVENT)


def agenda_rows(html):
    """(start, end, text) of each session of the page's agenda, in page order."""
    agenda = html.split('class="programme"', 1)[1].split("</section>", 1)[0]
    rows = []
    for item in re.findall(r'<li class="session.*?</li>', agenda, re.S):
        start, end = re.findall(r"<time [^>]*>([^<]*)</time>", item)[:2]
        rows.append((start, end, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item))))
    return rows


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_conference_shows_its_sessions_with_times_and_speakers(client, demo, language):
    """Each session in order, with its times in Brussels and its speakers in the
    reader's language (the role held that day, the external speaker's function)."""
    html = client.get(url_in(demo_event(), language)).content.decode()
    rows = agenda_rows(html)
    shown = "en" if language == "de" else language
    assert [(start, end) for start, end, _text in rows] == [
        (start, end) for start, end, _words in DEMO_SESSIONS
    ]
    for (_start, _end, text), (_s, _e, words) in zip(rows, DEMO_SESSIONS, strict=True):
        assert words[shown] in text
    assert "Maggie De Block" in rows[2][2] and ROLE_TITLES[language] in rows[2][2]
    assert "Tom Auwers" in rows[1][2]
    panel = rows[6][2]
    assert "Alexander De Croo" in panel and "Neven Mimica" in panel and "Tom Auwers" in panel
    assert panel.index("Neven Mimica") < panel.index("Tom Auwers")  # speakers, then moderator
    # The page says times are Brussels time, with machine-readable instants (+02:00 in May).
    assert 'datetime="2017-05-30T09:30:00+02:00"' in html
    # The session titles carry the language they are in.
    assert f'<h3 lang="{shown}">' in html


def test_the_agenda_names_the_speakers_part_and_links_officials(client, demo):
    html = client.get(url_in(demo_event(), "en")).content.decode()
    panel = agenda_rows(html)[6][2]
    assert "Speakers" in panel and "Moderator" in panel
    assert "Chair of the Board of Directors (FPS Social Security)" in panel
    assert 'href="' + url_in(demo.quotes.first().appointment.person, "en") + '"' in html


def test_a_multi_day_programme_is_split_by_day(client, make_event):
    """One heading per day (in Brussels time), each day's sessions in a list of its own."""
    from events.models import Session

    event = make_event(
        starts_at=brussels(2030, 3, 4, 9, 0),
        ends_at=brussels(2030, 3, 5, 17, 0),
        title_fr="Deux jours",
        title_en="Two days",
    )
    for day, hour, title in ((4, 9, "Premier"), (4, 14, "Deuxième"), (5, 23, "Tard")):
        start = brussels(2030, 3, day, hour, 0) if hour < 23 else brussels(2030, 3, 5, 16, 0)
        Session.objects.create(
            event=event,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=45),
            title_fr=title,
        )
    html = client.get(url_in(event, "fr")).content.decode()
    days = re.findall(r'<h3 id="programme-day-\d"><time datetime="([\d-]+)">([^<]+)</time>', html)
    assert [d for d, _label in days] == ["2030-03-04", "2030-03-05"]
    assert days[0][1] == "Lundi 4 mars 2030"
    assert html.count('<ol class="agenda"') == 2
    assert re.search(r"<h4[^>]*>Premier</h4>", html)


def test_the_event_calendar_file_holds_the_sessions(client, demo):
    """The .ics has the event and one VEVENT per session, each its child (RELATED-TO),
    in the reader's language, with its speakers in the description."""
    event = demo_event()
    response = client.get(url_in(event, "nl", "events:calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    parent, *sessions = calendar.walk("VEVENT")
    assert len(sessions) == len(DEMO_SESSIONS)
    for component, (start, end, words) in zip(sessions, DEMO_SESSIONS, strict=True):
        hours, minutes = map(int, start.split(":"))
        assert component.decoded("dtstart") == brussels(2017, 5, 30, hours, minutes)
        hours, minutes = map(int, end.split(":"))
        assert component.decoded("dtend") == brussels(2017, 5, 30, hours, minutes)
        assert words["nl"] in str(component["summary"])
        assert str(component["related-to"]) == str(parent["uid"])
        assert component["related-to"].params["RELTYPE"] == "PARENT"
        assert str(component["uid"]) != str(parent["uid"])
    panel = sessions[6]
    assert "Neven Mimica, Europees commissaris" in str(panel["description"])
    assert "Tom Auwers, Voorzitter van het directiecomité, FOD Sociale Zekerheid" in str(
        panel["description"]
    )
    assert str(sessions[2]["location"]) == "Auditorium"


def test_the_upcoming_calendar_lists_events_not_their_sessions(client, make_event):
    from events.models import Session
    from tests.public import reverse_in

    event = make_event(title_en="Soon")
    Session.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, title_en="Part"
    )
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse_in("events:upcoming_calendar", "en")).content
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Soon"]


#: The schema.org properties (https://schema.org) each type used here may have.
SCHEMA_ORG = {
    "Event": {
        "@context",
        "@type",
        "name",
        "description",
        "inLanguage",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "url",
        "organizer",
        "performer",
        "location",
        "subEvent",
    },
    "Person": {"@type", "name", "jobTitle", "url", "affiliation"},
    "Place": {"@type", "name", "address"},
    "Organization": {"@type", "name", "url", "sameAs"},
    "GovernmentOrganization": {"@type", "name", "url", "sameAs"},
}


def schema_errors(node, expected_type, path="$"):
    """What in ``node`` is not schema.org: an unknown type or a property its type lacks."""
    errors = []
    if node.get("@type") not in SCHEMA_ORG:
        return [f"{path}: unknown type {node.get('@type')}"]
    if expected_type and node["@type"] != expected_type and expected_type != "Organization":
        errors.append(f"{path}: {node['@type']} where {expected_type} was expected")
    errors += [
        f"{path}.{key}: not a property of {node['@type']}"
        for key in node
        if key not in SCHEMA_ORG[node["@type"]]
    ]
    nested = {"subEvent": "Event", "performer": "Person", "location": "Place"}
    nested.update(organizer="Organization", affiliation="Organization")
    for key, kind in nested.items():
        values = node.get(key, [])
        for i, value in enumerate(values if isinstance(values, list) else [values]):
            errors += schema_errors(value, kind, f"{path}.{key}[{i}]")
    return errors


@pytest.mark.parametrize("language", ["fr", "en"])
def test_event_json_ld_has_its_sessions_as_sub_events(client, demo, language):
    """The JSON-LD parses, every type and property is schema.org's, and each session
    is a subEvent with its times and its speakers and moderator as performers."""
    data = json_ld(client.get(url_in(demo_event(), language)).content.decode())
    assert schema_errors(data, "Event") == []
    sub_events = data["subEvent"]
    assert len(sub_events) == len(DEMO_SESSIONS)
    for sub_event, (start, end, words) in zip(sub_events, DEMO_SESSIONS, strict=True):
        assert sub_event["@type"] == "Event"
        assert sub_event["startDate"] == f"2017-05-30T{start}:00+02:00"
        assert sub_event["endDate"] == f"2017-05-30T{end}:00+02:00"
        assert words[language] in sub_event["name"]
        assert data["startDate"] <= sub_event["startDate"] <= sub_event["endDate"]
        assert sub_event["endDate"] <= data["endDate"]
    panel = sub_events[6]
    assert [p["name"] for p in panel["performer"]] == [
        "Alexander De Croo",
        "Neven Mimica",
        "Tom Auwers",
    ]
    external = panel["performer"][2]
    assert external["affiliation"]["name"] in ("SPF Sécurité sociale", "FPS Social Security")
    assert "url" not in external  # no page of ours for someone from outside
    assert panel["performer"][0]["url"].endswith("/alexander-de-croo/")


def test_the_schema_check_does_catch_a_wrong_property():
    assert schema_errors({"@type": "Event", "speaker": []}, "Event")
    assert schema_errors({"@type": "Event", "subEvent": [{"@type": "Thing"}]}, "Event")


def test_an_officials_page_lists_the_sessions_they_spoke_at(client, demo):
    from organizations.models import Person

    minister = Person.objects.get(slug="maggie-de-block")
    html = client.get(url_in(minister, "fr")).content.decode()
    section = html.split('id="sessions-heading"', 1)[1].split("</section>", 1)[0]
    assert "Clôture" in section and "pauvreté" in section
    assert url_in(demo_event(), "fr") in section
    assert "Table ronde" not in section  # she is not on the panel
    auwers_free = client.get(url_in(Person.objects.get(slug="neven-mimica"), "en"))
    assert "Panel: the experience of SOCIEUX+" in auwers_free.content.decode()


def test_a_session_of_an_unpublished_event_is_not_on_the_officials_page(client, demo, make_event):
    from events.models import Session, SessionParticipant
    from organizations.models import Person

    minister = Person.objects.get(slug="maggie-de-block")
    for status in (Status.DRAFT, Status.IN_REVIEW):
        event = make_event(status=status, title_fr="Secret")
        session = Session.objects.create(
            event=event, starts_at=event.starts_at, ends_at=event.ends_at, title_fr="Caché"
        )
        SessionParticipant.objects.create(
            session=session, appointment=minister.appointments.first()
        )
    html = client.get(url_in(minister, "fr")).content.decode()
    assert "Caché" not in html and "Secret" not in html


def test_a_session_makes_its_speaker_public_once_the_event_is_live(client, make_event):
    """Someone who only speaks in a session is public with the event, and not before."""
    from events.models import Session, SessionParticipant
    from organizations.models import Appointment, Organization, Person, Role

    organization = Organization.objects.create(name_fr="Agence", kind="agency")
    role = Role.objects.create(title_fr="Directrice", organization=organization)
    person = Person.objects.create(first_name="Ada", last_name="Session")
    appointment = Appointment.objects.create(
        person=person, role=role, started_on=datetime.date(2020, 1, 1)
    )
    event = make_event(status=Status.DRAFT)
    session = Session.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, title_fr="Atelier"
    )
    SessionParticipant.objects.create(session=session, appointment=appointment)
    assert client.get(url_in(person, "fr")).status_code == 404
    event.status, event.publish_at = Status.APPROVED, event.starts_at - datetime.timedelta(days=9)
    event.save()
    html = client.get(url_in(person, "fr")).content.decode()
    assert "Atelier" in html and "Directrice" in html


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_a_session_outside_its_event_is_refused(make_event, english):
    from events.models import Session

    event = make_event(title_en="Event", original_language="en")
    session = Session(
        event=event,
        starts_at=event.ends_at,
        ends_at=event.ends_at + datetime.timedelta(hours=1),
        title_en="Too late",
    )
    with pytest.raises(ValidationError, match="during its event"):
        session.full_clean()
    session.ends_at = session.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        session.full_clean()


def test_a_session_needs_a_title_in_the_events_original_language(make_event):
    from events.models import Session

    event = make_event(title_en="Event", original_language="en")
    session = Session(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    session.title_fr = "Seulement en français"
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "title_en" in refused.value.message_dict


def test_a_participant_is_an_official_or_a_named_person_not_both(demo, english):
    from events.models import SessionParticipant

    session = demo_event().sessions.first()
    appointment = demo.quotes.first().appointment
    for fields in ({}, {"appointment": appointment, "name": "Someone"}):
        participant = SessionParticipant(session=session, **fields)
        with pytest.raises(ValidationError, match="official or give a name"):
            participant.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            participant.save()


def test_an_official_speaks_in_the_role_held_that_day(demo):
    """De Croo was Prime Minister from 2020, not on 30 May 2017."""
    from events.models import SessionParticipant
    from organizations.models import Appointment

    prime_minister = Appointment.objects.get(
        person__slug="alexander-de-croo", role__title_en="Prime Minister"
    )
    participant = SessionParticipant(
        session=demo_event().sessions.first(), appointment=prime_minister
    )
    with pytest.raises(ValidationError, match="30/05/2017"):
        participant.full_clean()


def test_an_editor_adds_a_session_with_an_external_speaker_in_the_admin(client, editor, demo):
    """The session's form, with its speakers and moderator inline, saves them."""
    from django.urls import reverse

    from events.models import Session

    client.force_login(editor)
    event = demo_event()
    data = {
        "event": event.pk,
        "kind": "workshop",
        "starts_at_0": "30/05/2017",
        "starts_at_1": "12:00:00",
        "ends_at_0": "30/05/2017",
        "ends_at_1": "12:30:00",
        "title_en": "Workshop",
        "title_fr": "Atelier",
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-0-part": "speaker",
        "participants-0-name": "Jane Expert",
        "participants-0-function_en": "Professor",
        "participants-0-organization_name_en": "A university",
        "participants-0-order": "0",
    }
    response = client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 302
    session = Session.objects.get(title_en="Workshop")
    assert session.starts_at == brussels(2017, 5, 30, 12, 0)
    [participant] = session.participants.all()
    assert participant.name == "Jane Expert" and participant.function_en == "Professor"


def test_a_press_officer_may_not_change_the_programme_of_a_live_event(client, press_officer, demo):
    """The programme is part of the event: once it is live, only an editor changes it."""
    from django.urls import reverse

    client.force_login(press_officer)
    session = demo_event().sessions.first()
    url = reverse("admin:events_session_change", args=[session.pk])
    response = client.post(url, {"event": session.event_id, "title_en": "Changed"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.title_en != "Changed"
