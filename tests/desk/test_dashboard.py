"""The admin's home page is the desk: what waits for whom, with counts, links, the
state and the Brussels time on every row, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.desk.helpers import move, saved_by

pytestmark = pytest.mark.django_db


def sections(response):
    return {section.key: section for section in response.context["dashboard_sections"]}


def titles(section):
    return [str(row.item) for row in section.rows]


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def test_a_press_officer_sees_their_drafts_what_came_back_and_what_is_in_review(
    client, make_release
):
    officer, other = staff_user("officer", "Press officers"), staff_user("o2", "Press officers")
    editor = staff_user("editor", "Editors")
    mine = saved_by(make_release(status=Status.DRAFT, title_fr="Mon brouillon"), officer)
    saved_by(make_release(status=Status.DRAFT, title_fr="Celui d'un collègue"), other)
    returned = saved_by(
        make_release(status=Status.DRAFT, title_fr="Renvoyé", **complete()), officer
    )
    move(returned, "submit", officer)
    move(returned, "return_to_draft", editor)
    waiting = saved_by(make_release(status=Status.DRAFT, title_fr="En relecture"), officer)
    move(waiting, "submit", officer)

    response = dashboard(client, officer)
    found = sections(response)
    assert titles(found["drafts"]) == [str(mine)]
    assert titles(found["returned"]) == ["Renvoyé"]
    assert titles(found["in_review"]) == ["En relecture"]
    assert found["returned"].count == 1
    assert "awaiting" not in found  # no publish permission: no editor's sections
    page = response.content.decode()
    # A link to the item, its state and a Brussels time on each row.
    assert reverse("admin:releases_pressrelease_change", args=[returned.pk]) in page
    row = found["returned"].rows[0]
    assert row.state == "Draft" and row.at is not None


def test_an_editor_sees_what_awaits_them_but_not_what_four_eyes_keeps_from_them(
    client, make_release
):
    officer = staff_user("officer", "Press officers")
    ann, bob = staff_user("ann", "Editors"), staff_user("bob", "Editors")
    theirs = saved_by(
        make_release(status=Status.DRAFT, title_fr="De l'attaché", **complete()), officer
    )
    move(theirs, "submit", officer)
    edited = saved_by(
        make_release(status=Status.DRAFT, title_fr="Retouché par Ann", **complete()), officer
    )
    move(edited, "submit", officer)
    saved_by(edited, ann)  # Ann edited it since it was submitted: Bob must approve it

    ann_sections = sections(dashboard(client, ann))
    assert titles(ann_sections["awaiting"]) == ["De l'attaché"]
    assert ann_sections["awaiting"].count == 1
    assert any("four eyes" in label for label, _url in ann_sections["awaiting"].links)
    bob_sections = sections(dashboard(client, bob))
    assert sorted(titles(bob_sections["awaiting"])) == ["De l'attaché", "Retouché par Ann"]


def test_an_editor_sees_the_week_ahead_with_time_left_what_went_out_and_withdrawn(
    client, make_release
):
    editor = staff_user("editor", "Editors")
    now = timezone.now()
    make_release(title_fr="Demain", publish_at=now + datetime.timedelta(days=1, hours=2))
    make_release(title_fr="Dans un mois", publish_at=now + datetime.timedelta(days=30))
    make_release(title_fr="Hier", publish_at=now - datetime.timedelta(days=1))
    make_release(
        title_fr="Retiré",
        status=Status.WITHDRAWN,
        publish_at=now - datetime.timedelta(days=3),
        withdrawn_at=now - datetime.timedelta(days=1),
        withdrawal_reason_fr="Erreur",
    )
    found = sections(dashboard(client, editor))
    assert titles(found["soon"]) == ["Demain"]
    assert found["soon"].rows[0].note == "in 1 day 1 h"
    assert found["soon"].rows[0].state == "Scheduled"
    assert titles(found["published"]) == ["Hier"]
    assert titles(found["withdrawn"]) == ["Retiré"]


def test_every_row_says_its_time_in_brussels(client, make_release):
    """22:25:25 UTC on a winter evening is 23:25:25 in Brussels, shown to the second."""
    editor = staff_user("editor", "Editors")
    at = (timezone.now() + datetime.timedelta(days=2)).astimezone(datetime.UTC)
    at = at.replace(hour=22, minute=25, second=25, microsecond=0)
    make_release(title_fr="Le soir", publish_at=at)
    html = dashboard(client, editor).content.decode()
    brussels = timezone.localtime(at)
    assert brussels.utcoffset() in (datetime.timedelta(hours=1), datetime.timedelta(hours=2))
    assert f'<time datetime="{brussels.isoformat()}">' in html
    assert brussels.strftime("%d/%m/%Y %H:%M:%S") in html
    assert "Europe/Brussels" in html


def test_both_see_what_misses_a_required_language(client, make_release):
    officer = staff_user("officer", "Press officers")
    make_release(status=Status.DRAFT, title_fr="Sans néerlandais")
    make_release(status=Status.DRAFT, title_fr="Complet", **complete())
    found = sections(dashboard(client, officer))
    assert titles(found["missing"]) == ["Sans néerlandais"]
    assert found["missing"].rows[0].note == "Dutch"


def test_staff_without_a_role_get_no_desk(client, make_release):
    make_release(status=Status.DRAFT)
    from django.contrib.auth.models import User

    nobody = User.objects.create_user("nobody", password="x", is_staff=True)
    response = dashboard(client, nobody)
    assert response.context["dashboard_sections"] == []


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_the_dashboard_is_read_in_a_fixed_number_of_queries(client, make_release, make_event, who):
    officer = staff_user("officer", "Press officers")
    user = staff_user("root", superuser=True) if who == "superuser" else staff_user("ed", "Editors")
    client.force_login(user)

    def fill(n):
        for i in range(n):
            draft = saved_by(make_release(status=Status.DRAFT, **complete()), officer)
            if i % 2:  # changed by the reader too: four eyes keeps it from them
                saved_by(draft, user)
            move(draft, "submit", officer)
            make_release(publish_at=timezone.now() + datetime.timedelta(days=2))
            make_release(publish_at=timezone.now() - datetime.timedelta(days=2))
            make_event(publish_at=timezone.now() + datetime.timedelta(days=3))
            saved_by(make_release(status=Status.DRAFT), user)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    # Beyond the rows shown (8 per section), a section counts the rest in one query:
    # every section over 8 (half the submitted are kept from the reader by four eyes).
    count()  # the content types' cache, as in a running server
    fill(18)
    few = count()
    fill(10)
    assert count() == few
