"""The change forms press officers open all day: their queries do not grow with the
quotes, links, contacts and appointments they hold (the server's time is measured in
bench/change_form.py, docs/benchmarks.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import staff_user

# The demo release's change form: the session and user, the permissions, the release,
# each inline's rows, the chosen organizations, topics and officials, the audit trail,
# whether a translation is behind the original.
RELEASE_CHANGE_FORM_QUERIES = 23


def queries(client, url):
    client.get(url)  # caches warmed as in a running server (content types, identity)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured]


@pytest.fixture
def editor_client(client, db):
    client.force_login(staff_user("ed", "Editors"))
    return client


def test_the_release_change_form_reads_the_same_queries_for_2_or_10_quotes(editor_client, demo):
    from organizations.models import PressContact
    from releases.models import Quote, ReleaseContact, ReleaseLink
    from workflow.models import StateChange

    url = reverse("admin:releases_pressrelease_change", args=[demo.pk])
    before = queries(editor_client, url)
    assert len(before) == RELEASE_CHANGE_FORM_QUERIES, "\n".join(before)
    appointment = demo.quotes.first().appointment
    contact = PressContact.objects.first()
    for i in range(8):
        Quote.objects.create(release=demo, appointment=appointment, text_fr=f"Citation {i}")
        ReleaseLink.objects.create(release=demo, label_fr=f"Lien {i}", url="https://e.be/")
        other = PressContact.objects.create(
            name=f"Contact {i}", organization=contact.organization, email=f"c{i}@e.be"
        )
        ReleaseContact.objects.create(release=demo, contact=other, order=i + 1)
        # The audit trail's rows, each with who did it and what changed.
        StateChange.record_edit(
            demo,
            "edit",
            "live",
            staff_user(f"editor{i}", "Editors"),
            [{"changed": {"fields": ["title_nl"]}}],
        )
    after = queries(editor_client, url)
    assert len(after) == len(before), "\n".join(after)
    html = editor_client.get(url).content.decode()
    # Each row still shows its own choice, named as in the list of choices.
    chosen = f'<option value="{appointment.pk}" selected>{appointment}</option>'
    assert html.count(chosen) == demo.quotes.filter(appointment=appointment).count() == 9
    assert f"selected>{other}</option>" in html


def test_a_persons_change_form_reads_the_same_queries_for_any_number_of_roles(editor_client, demo):
    import datetime

    from organizations.models import Appointment, Person, Role

    person = Person.objects.get(last_name="De Block")
    role = person.appointments.first().role
    url = reverse("admin:organizations_person_change", args=[person.pk])
    before = len(queries(editor_client, url))
    for year in range(1990, 1996):
        Appointment.objects.create(
            person=person,
            role=Role.objects.create(title_fr=f"Fonction {year}", organization=role.organization),
            started_on=datetime.date(year, 1, 1),
            ended_on=datetime.date(year, 12, 31),
        )
    assert len(queries(editor_client, url)) == before


def test_the_release_list_with_its_translation_column_reads_the_same_queries_for_more_rows(
    editor_client, demo, make_release
):
    """The translation column (translations/admin_list.py) is read with the rows."""
    from tests.conftest import complete

    def stale_release(n):
        release = make_release(title_fr=f"Communiqué {n}", **complete())
        release.lead_fr = f"Chapeau corrigé {n}"
        release.save()

    url = reverse("admin:releases_pressrelease_changelist")
    stale_release(0)
    before = queries(editor_client, url)
    for n in range(1, 8):
        stale_release(n)
    after = queries(editor_client, url)
    assert len(after) == len(before), "\n".join(after)
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count("NL behind") >= 8
