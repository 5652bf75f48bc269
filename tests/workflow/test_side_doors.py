"""Approved content changes only through the workflow: every admin side door (an
image's own page, the reference data a page names, deletes, bulk actions, inlines,
revisions) asks workflow/permissions.py, and editors' changes are audited."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from attachments.models import Image
from newsroom.publishing import State, Status
from organizations.models import Appointment, Organization, Person, PressContact, Role
from releases.models import PressRelease, Quote, ReleaseContact, ReleaseLink, Topic
from tests.attachments import files
from tests.conftest import complete
from tests.forms import form_data
from workflow.models import StateChange

STATES = {
    State.DRAFT: (Status.DRAFT, None),
    State.IN_REVIEW: (Status.IN_REVIEW, None),
    State.SCHEDULED: (Status.APPROVED, datetime.timedelta(days=2)),
    State.LIVE: (Status.APPROVED, -datetime.timedelta(days=1)),
}
#: object name: the field its change page edits.
EDITED = {
    "image": "alt_fr",
    "logo": "alt_fr",
    "issuer": "name_fr",
    "related organization": "name_fr",
    "parent organization": "name_fr",
    "person": "first_name",
    "role": "title_fr",
    "appointment": "started_on",
    "press contact": "name",
    "topic": "name_fr",
}
#: Owned by the release: locked from submission on, like the release's own form.
OWNED = {"image"}


@pytest.fixture
def dressed(make_release, db):
    """A release in a given state with every kind of part and reference data, each
    used by this release only."""

    def make(state):
        status, offset = STATES[state]
        parent = Organization.objects.create(name_fr="Parent", kind="government")
        issuer = Organization.objects.create(name_fr="Émetteur", kind="fps", parent=parent)
        logo = Image(alt_fr="Logo", file=SimpleUploadedFile("l.png", files.png()))
        logo.save()
        related = Organization.objects.create(name_fr="Partenaire", kind="agency", logo=logo)
        person = Person.objects.create(first_name="Frank", last_name="Vandenbroucke")
        role = Role.objects.create(title_fr="Ministre", organization=related)
        appointment = Appointment.objects.create(
            person=person, role=role, started_on=datetime.date(2014, 1, 1)
        )
        contact = PressContact.objects.create(
            name="Ann", organization=issuer, email="ann@example.be"
        )
        topic = Topic.objects.create(name_fr="Pensions")
        publish_at = timezone.now() + offset if offset is not None else None
        release = make_release(
            status=status, publish_at=publish_at, issuing_organization=issuer, **complete()
        )
        release.related_organizations.add(related)
        release.topics.add(topic)
        ReleaseContact.objects.create(release=release, contact=contact)
        Quote.objects.create(release=release, appointment=appointment, text_fr="Bien.")
        ReleaseLink.objects.create(release=release, label_fr="Site", url="https://example.be")
        image = Image(
            release=release,
            alt_fr="Photo",
            alt_nl="Foto",
            file=SimpleUploadedFile("p.jpg", files.jpeg()),
        )
        image.save()
        assert release.state == state
        return release, {
            "image": image,
            "logo": logo,
            "issuer": issuer,
            "related organization": related,
            "parent organization": parent,
            "person": person,
            "role": role,
            "appointment": appointment,
            "press contact": contact,
            "topic": topic,
        }

    return make


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def edited_form(client, editor, obj, field):
    """The change form as an editor sees it, with ``field`` changed."""
    client.force_login(editor)
    page = client.get(change_url(obj))
    assert page.status_code == 200
    data = form_data(page.content.decode(), f"{obj._meta.model_name}_form")
    data[field] = ["2015-02-03" if field == "started_on" else "Changé par la porte latérale"]
    return data


def stored(obj, field):
    return type(obj).objects.filter(pk=obj.pk).values_list(field, flat=True).get()


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("name", list(EDITED))
def test_what_a_release_shows_is_changed_by_whoever_may_change_the_release(
    client, dressed, press_officer, editor, state, name
):
    release, objects = dressed(state)
    obj, field = objects[name], EDITED[name]
    data = edited_form(client, editor, obj, field)
    before = stored(obj, field)
    locked = state != State.DRAFT if name in OWNED else state in (State.SCHEDULED, State.LIVE)

    client.force_login(press_officer)
    page = client.get(change_url(obj)).content.decode()
    assert (f'name="{field}"' not in page) == locked, "the form is read-only when locked"
    response = client.post(change_url(obj), data)
    if locked:
        assert response.status_code == 403
        assert stored(obj, field) == before
    else:
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert stored(obj, field) != before

    client.force_login(editor)
    data[field] = ["2015-03-04" if field == "started_on" else "Changé par l'éditeur"]
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    audit = StateChange.objects.filter(
        action="edit", object_id=obj.pk, content_type__model=obj._meta.model_name
    )
    if state in (State.SCHEDULED, State.LIVE):
        entry = audit.get()
        assert entry.user == editor and entry.from_state == entry.to_state == state
        assert json.loads(entry.change_message)[0]["changed"]["fields"]  # what changed
        assert entry.get_change_message()
    else:
        assert not audit.exists()


def test_an_event_shows_its_organizers_too(client, make_event, press_officer, organization):
    """An organization only a live event names is an editor's to change."""
    make_event(status=Status.APPROVED).organizers.add(organization)
    client.force_login(press_officer)
    response = client.post(change_url(organization), {"name_fr": "Renommé", "kind": "fps"})
    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.name_fr != "Renommé"


@pytest.mark.parametrize("state", [State.SCHEDULED, State.LIVE])
def test_what_a_quoted_officials_page_lists_is_an_editors_too(
    client, dressed, press_officer, editor, state
):
    """A quoted minister's page lists all their appointments, not only the quoted one:
    an earlier appointment, its role and that role's organization are guarded too,
    and a new appointment for the minister (or one moved to them) is an editor's."""
    release, objects = dressed(state)
    person = objects["person"]
    elsewhere = Organization.objects.create(name_fr="Ancien cabinet", kind="government")
    old_role = Role.objects.create(title_fr="Secrétaire d'État", organization=elsewhere)
    earlier = Appointment.objects.create(
        person=person,
        role=old_role,
        started_on=datetime.date(2008, 1, 1),
        ended_on=datetime.date(2011, 1, 1),
    )
    for obj, field in ((earlier, "started_on"), (old_role, "title_fr"), (elsewhere, "name_fr")):
        data = edited_form(client, editor, obj, field)
        client.force_login(press_officer)
        assert client.post(change_url(obj), data).status_code == 403, obj

    client.force_login(press_officer)
    someone = Person.objects.create(first_name="Nouvelle", last_name="Personne")
    add = reverse("admin:organizations_appointment_add")
    for who in (person, someone):
        response = client.post(
            add,
            {"person": who.pk, "role": old_role.pk, "started_on": "2012-01-01", "ended_on": ""},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        if who == person:
            assert response.status_code == 200  # the form again, the input kept
            assert "only an editor may do it" in response.content.decode()
            assert not Appointment.objects.filter(started_on="2012-01-01").exists()
        else:
            assert response.status_code == 302
    # Moving the unquoted person's appointment to the quoted minister: refused too.
    moved = Appointment.objects.get(person=someone)
    data = edited_form(client, editor, moved, "started_on")
    data["person"] = [str(person.pk)]
    client.force_login(press_officer)
    assert (
        "only an editor may do it"
        in client.post(change_url(moved), data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert Appointment.objects.get(pk=moved.pk).person == someone
    client.force_login(editor)
    assert client.post(change_url(moved), data).status_code == 302
    assert Appointment.objects.get(pk=moved.pk).person == person


def test_press_officers_create_reference_data(client, press_officer):
    client.force_login(press_officer)
    response = client.post(reverse("admin:releases_topic_add"), {"name_fr": "Emploi"})
    assert response.status_code == 302 and Topic.objects.filter(name_fr="Emploi").exists()


@pytest.mark.parametrize("state,allowed", [(State.DRAFT, True), (State.LIVE, False)])
def test_deleting_what_a_live_release_shows_is_an_editors_decision(
    client, dressed, press_officer, editor, state, allowed
):
    from django.contrib.auth.models import Permission

    release, objects = dressed(state)
    topic, logo = objects["topic"], objects["logo"]
    # A press officer trusted with deleting topics and images, but not with publishing.
    press_officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_topic", "delete_image"])
    )
    client.force_login(press_officer)
    url = reverse("admin:releases_topic_delete", args=[topic.pk])
    assert client.post(url, {"post": "yes"}).status_code == (302 if allowed else 403)
    assert Topic.objects.filter(pk=topic.pk).exists() != allowed
    # The bulk action asks the same question of every selected row.
    client.post(
        reverse("admin:attachments_image_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [logo.pk]},
    )
    assert Image.objects.filter(pk=logo.pk).exists() != allowed
    if not allowed:
        client.force_login(editor)
        assert client.post(url, {"post": "yes"}).status_code == 302
        entry = StateChange.objects.get(action="delete", object_id=topic.pk)
        assert entry.to_state == State.LIVE and entry.user == editor


def test_reverting_a_revision_is_a_change(client, dressed, press_officer, editor):
    """django-reversion's revert is refused to whoever may not change the object."""
    from reversion.models import Version

    release, objects = dressed(State.DRAFT)
    related = objects["related organization"]
    data = edited_form(client, editor, related, "name_fr")
    client.post(change_url(related), data)  # a first revision, while only a draft names it
    data["name_fr"] = ["Deuxième nom"]
    client.post(change_url(related), data)
    from workflow import transitions as workflow

    workflow.perform(release, "submit", press_officer, expected_version=release.version)
    workflow.perform(release, "publish_now", editor, expected_version=release.version)
    first = Version.objects.get_for_object(related).order_by("pk").first()
    url = reverse("admin:organizations_organization_revision", args=[related.pk, first.pk])
    client.force_login(press_officer)
    assert client.post(url, data).status_code == 403
    assert stored(related, "name_fr") == "Deuxième nom"


def test_a_live_release_is_reverted_by_an_editor_only(client, dressed, press_officer, editor):
    """The revert happens before the form's save: it is refused first, so a press
    officer's refused revert deletes nothing (not the quotes the revision lacks)."""
    from reversion.models import Version

    release, _objects = dressed(State.LIVE)
    for title in ("Premier titre", "Second titre"):
        data = edited_form(client, editor, release, "title_fr")
        data["title_fr"] = [title]
        assert client.post(change_url(release), data).status_code == 302
    first = Version.objects.get_for_object(release).order_by("pk").first()
    url = reverse("admin:releases_pressrelease_revision", args=[release.pk, first.pk])
    Quote.objects.create(
        release=release,
        appointment=Quote.objects.get().appointment,
        text_fr="Ajoutée sans révision.",
    )

    client.force_login(press_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert stored(release, "title_fr") == "Second titre"
    assert Quote.objects.filter(release=release).count() == 2

    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    reverted = form_data(page.content.decode(), "pressrelease_form")
    assert reverted["title_fr"] == ["Premier titre"]
    response = client.post(url, reverted)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(release, "title_fr") == "Premier titre"
    release.refresh_from_db()
    assert release.state == State.LIVE
    assert StateChange.objects.filter(action="edit", object_id=release.pk).count() == 3


def test_an_inline_row_is_checked_on_its_own(rf, dressed, press_officer):
    """A row the user may not change is refused even inside a form they may change
    (defence in depth: the parent's own rule covers today's inlines)."""
    from django.contrib import admin

    release, objects = dressed(State.LIVE)
    appointment = objects["appointment"]
    person_admin = admin.site._registry[Person]
    request = rf.post("/")
    request.user = press_officer
    inline = next(i for i in person_admin.get_inline_instances(request, appointment.person))
    FormSet = inline.get_formset(request, appointment.person)
    prefix = FormSet.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": str(appointment.pk),
        f"{prefix}-0-person": str(appointment.person.pk),
        f"{prefix}-0-role": str(appointment.role_id),
        f"{prefix}-0-started_on": "2016-01-01",
    }
    formset = FormSet(data, instance=appointment.person, prefix=prefix)
    with translation.override("en"):
        assert not formset.is_valid()
        assert "only an editor may change it" in " ".join(formset.non_form_errors())


@pytest.mark.parametrize("path", ["button", "bulk action"])
def test_a_transition_without_the_version_seen_is_refused(client, editor, make_release, path):
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    if path == "button":
        url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "publish_now"])
        page = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="en")
        assert "changed by someone else after you opened it" in page.content.decode()
    else:
        client.post(
            reverse("admin:releases_pressrelease_changelist"),
            {
                "action": "publish_now_selected",
                "confirmed": "yes",
                "_selected_action": [release.pk],
            },
        )
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW
    assert not PressRelease.objects.live().filter(pk=release.pk).exists()
