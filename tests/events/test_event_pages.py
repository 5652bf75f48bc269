"""An event's page: its programme, speakers, venue, calendar link and metadata."""

from tests.public import DEMO_EVENT, url_in
from tests.test_public_pages import json_ld


def test_event_page_has_programme_speakers_venue_and_calendar_link(client, demo):
    from events.models import Event

    event = Event.objects.get(slug_fr=DEMO_EVENT)
    html = client.get(url_in(event, "fr")).content.decode()
    for text in (
        "Maggie De Block",
        "Neven Mimica",
        "Boulevard du Jardin Botanique 50",
        url_in(demo, "fr"),
        url_in(event, "fr", "events:calendar"),
    ):
        assert text in html


def test_event_metadata(client, demo):
    from events.models import Event

    data = json_ld(client.get(url_in(Event.objects.get(slug_fr=DEMO_EVENT), "en")).content.decode())
    assert data["@type"] == "Event" and data["location"]["@type"] == "Place"
    assert {p["name"] for p in data["performer"]} == {
        "Maggie De Block",
        "Alexander De Croo",
        "Neven Mimica",
    }
    assert data["organizer"][0]["@type"] == "GovernmentOrganization"
