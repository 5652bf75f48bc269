"""The planning calendar (week and month), the schedule form's warning of another
publication within 30 minutes and its "goes live in" line, and each editor's private
iCalendar feed (signed, revocable)."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from organizations.models import Organization
from tests.conftest import brussels, complete, staff_user
from tests.desk.helpers import later, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = staff_user("editor", "Editors")
    client.force_login(user)
    return user


def calendar(client, **params):
    return client.get(reverse("desk:calendar"), params, HTTP_ACCEPT_LANGUAGE="en")


def test_the_week_shows_each_go_live_on_its_day_to_the_second_with_its_state(
    client, editor, make_release, make_event
):
    make_release(title_fr="Conférence de presse", publish_at=brussels(2027, 3, 10, 9, 30, 15))
    make_release(title_fr="La semaine suivante", publish_at=brussels(2027, 3, 17, 9, 0, 0))
    make_event(title_fr="Colloque", publish_at=brussels(2027, 3, 14, 23, 59, 59))
    page = calendar(client, view="week", date="2027-03-11").content.decode()
    assert "Monday 8 March 2027" in page and "Sunday 14 March" in page
    assert "09:30:15" in page and "Conférence de presse" in page and "Scheduled" in page
    assert "23:59:59" in page and "Colloque" in page  # Sunday night, Brussels time
    assert "La semaine suivante" not in page


def test_the_month_view_and_the_organization_filter(client, editor, make_release):
    other = Organization.objects.create(name_fr="SPF Emploi", slug_fr="spf-emploi")
    make_release(title_fr="Du SPF", publish_at=brussels(2027, 3, 2, 10, 0, 0))
    make_release(
        title_fr="De l'Emploi",
        publish_at=brussels(2027, 3, 30, 10, 0, 0),
        issuing_organization=other,
    )
    make_release(title_fr="En avril", publish_at=brussels(2027, 4, 20, 10, 0, 0))
    page = calendar(client, view="month", date="2027-03-15").content.decode()
    assert "March 2027" in page and "Du SPF" in page and "De l&#x27;Emploi" in page
    assert "En avril" not in page
    filtered = calendar(client, view="month", date="2027-03-15", organization=other.pk)
    assert "Du SPF" not in filtered.content.decode()
    assert "De l&#x27;Emploi" in filtered.content.decode()


def test_drafts_are_not_in_the_calendar_and_bad_input_is_a_clear_error(
    client, editor, make_release
):
    make_release(title_fr="Brouillon", status=Status.DRAFT, publish_at=brussels(2027, 3, 10, 9, 0))
    assert "Brouillon" not in calendar(client, date="2027-03-10").content.decode()
    assert calendar(client, date="2027-13-45").status_code == 400
    assert calendar(client, view="year").status_code == 400
    assert calendar(client, organization=999999).status_code == 404


def test_staff_without_a_role_may_not_open_the_calendar(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("nobody", password="x", is_staff=True))
    assert calendar(client).status_code == 403


def schedule_page(client, release, when=None, **extra):
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "schedule"])
    if when is None:
        return client.get(f"{url}?version={release.version}", HTTP_ACCEPT_LANGUAGE="en")
    local = timezone.localtime(when)
    data = {
        "expected_version": release.version,
        "publish_at_0": local.strftime("%Y-%m-%d"),  # the English admin's format
        "publish_at_1": local.strftime("%H:%M:%S"),
        **extra,
    }
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_the_schedule_form_warns_of_another_release_within_30_minutes(client, editor, make_release):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    make_release(title_fr="Le ministre parle", publish_at=at + datetime.timedelta(minutes=20))
    make_release(title_fr="Plus tard", publish_at=at + datetime.timedelta(minutes=45))
    release = make_release(status=Status.IN_REVIEW, **complete())

    response = schedule_page(client, release, at)
    assert response.status_code == 200  # not scheduled yet: the editor is asked
    clashes = response.context["schedule"]["clashes"]
    assert [str(entry.item) for entry in clashes] == ["Le ministre parle"]
    page = response.content.decode()
    assert "Goes live within 30 minutes of this time:" in page
    assert "Schedule it anyway" in page
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW

    response = schedule_page(client, release, at, despite_clashes="yes")
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Status.APPROVED and release.publish_at == at


def test_no_warning_and_no_extra_step_when_the_half_hour_is_free(client, editor, make_release):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    make_release(title_fr="Une heure après", publish_at=at + datetime.timedelta(minutes=31))
    release = make_release(status=Status.IN_REVIEW, **complete())
    assert schedule_page(client, release, at).status_code == 302


def test_the_schedule_form_says_when_it_goes_live_and_who_receives_it(client, editor, make_release):
    from releases.models import EmbargoLink

    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2, minutes=13, seconds=30)
    release = make_release(publish_at=at, **complete())
    EmbargoLink.objects.create(release=release, journalist_name="Anne Dupont", email="a@le-soir.be")
    page = schedule_page(client, release).content.decode()
    local = timezone.localtime(at)
    assert "goes live in 2 h 13 min" in page
    assert local.strftime("%H:%M:%S") + " (Brussels)" in page
    assert local.strftime("%A") in page
    assert "Anne Dupont &lt;a@le-soir.be&gt;, embargo link" in page
    assert 'id="schedule-data"' in page  # what the script updates the line with


def feed_url(client):
    response = client.post(reverse("desk:feed_key"))
    assert response.status_code == 302
    address = re.search(r'value="(http[^"]+\.ics)"', calendar(client).content.decode())
    return address.group(1)


def test_each_editor_has_a_private_revocable_ical_feed(client, editor, make_release):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    make_release(title_fr="Annonce", publish_at=at)
    url = feed_url(client)
    client.logout()
    response = client.get(url)  # no session: the address is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    # A calendar application sends no language: the site's own, French.
    assert [str(e["summary"]) for e in events] == ["[Programmé] Annonce"]
    assert events[0].decoded("dtstart") == at

    client.force_login(editor)
    renewed = feed_url(client)  # a new address: the old one stops working
    assert renewed != url
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(renewed).status_code == 200
    assert client.get(renewed.replace(".ics", "x.ics")).status_code == 404  # bad signature


def test_the_feed_stops_when_the_editor_loses_their_role(client, editor, make_release):
    url = feed_url(client)
    editor.groups.clear()
    client.logout()
    assert client.get(url).status_code == 404


def test_the_feed_stops_when_the_editor_leaves_the_staff_or_an_admin_deletes_it(
    client, editor, make_release
):
    from desk.models import CalendarFeedKey

    url = feed_url(client)
    editor.is_staff = False
    editor.save()
    client.logout()
    assert client.get(url).status_code == 404
    editor.is_staff = True
    editor.save()
    assert client.get(url).status_code == 200
    CalendarFeedKey.objects.filter(user=editor).delete()  # from its admin page
    assert client.get(url).status_code == 404


def test_the_schedule_script_knows_what_went_live_in_the_last_half_hour(
    client, editor, make_release
):
    """Else choosing "now" after a go-live 10 minutes ago warns on the server and the
    script, seeing nothing near, would take the warning (and its box) away."""
    import json

    just_out = make_release(title_fr="Sorti", publish_at=later(minutes=-10))
    release = make_release(status=Status.DRAFT, **complete())
    move(release, "submit", staff_user("officer", "Press officers"))
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "schedule"])
    response = client.get(url)
    data = json.loads(
        re.search(
            r'<script id="schedule-data" type="application/json">(.*?)</script>',
            response.content.decode(),
            re.S,
        ).group(1)
    )
    assert [entry["title"] for entry in data["upcoming"]] == [str(just_out)]
