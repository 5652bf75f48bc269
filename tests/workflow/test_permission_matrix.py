"""The permission matrix: role × transition × path; only the allowed cells succeed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import State, Status
from releases.models import PressRelease
from tests.conftest import complete

ROLES = ["anonymous", "press officer", "editor", "superuser"]
ALLOWED = {
    "anonymous": set(),
    "press officer": {"submit", "return_to_draft"},
    "editor": {
        "submit",
        "return_to_draft",
        "schedule",
        "publish_now",
        "unschedule",
        "withdraw",
        "set_expiry",
    },
    "superuser": {
        "submit",
        "return_to_draft",
        "schedule",
        "publish_now",
        "unschedule",
        "withdraw",
        "set_expiry",
    },
}
# transition: (state before, state after)
TRANSITIONS = {
    "submit": (State.DRAFT, State.IN_REVIEW),
    "return_to_draft": (State.IN_REVIEW, State.DRAFT),
    "schedule": (State.IN_REVIEW, State.SCHEDULED),
    "publish_now": (State.IN_REVIEW, State.LIVE),
    "unschedule": (State.SCHEDULED, State.IN_REVIEW),
    "withdraw": (State.LIVE, State.WITHDRAWN),
    "set_expiry": (State.LIVE, State.LIVE),
}
BULK_ACTIONS = {
    "submit": "submit_selected",
    "return_to_draft": "return_to_draft_selected",
    "publish_now": "publish_now_selected",
    "unschedule": "unschedule_selected",
}


def release_in(state, make_release):
    now = timezone.now()
    status, publish_at = {
        State.DRAFT: (Status.DRAFT, None),
        State.IN_REVIEW: (Status.IN_REVIEW, None),
        State.SCHEDULED: (Status.APPROVED, now + datetime.timedelta(days=2)),
        State.LIVE: (Status.APPROVED, now - datetime.timedelta(days=1)),
    }[state]
    release = make_release(status=status, publish_at=publish_at, **complete())
    assert release.state == state
    return release


def transition_data(name, release):
    data = {"expected_version": release.version}
    if name == "schedule":
        when = timezone.localtime(timezone.now() + datetime.timedelta(days=3))
        data.update({"publish_at_0": when.strftime("%Y-%m-%d"), "publish_at_1": "10:00:00"})
    if name == "withdraw":
        data.update({"reason_fr": "Erreur de date.", "reason_nl": "Fout in de datum."})
    if name == "set_expiry":
        when = timezone.localtime(timezone.now() + datetime.timedelta(days=30))
        data.update({"unpublish_at_0": when.strftime("%Y-%m-%d"), "unpublish_at_1": "10:00:00"})
    return data


def succeeded(release, name, after):
    if name == "set_expiry":
        return release.unpublish_at is not None
    return release.state == after


@pytest.fixture
def login(client, press_officer, editor, superuser):
    users = {"press officer": press_officer, "editor": editor, "superuser": superuser}

    def as_role(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return as_role


# Scheduling needs a date and withdrawing a reason: they have no bulk action by design.
CELLS = [
    (role, name, path)
    for role in ROLES
    for name in TRANSITIONS
    for path in ("button", "direct POST", "bulk action")
    if path != "bulk action" or name in BULK_ACTIONS
]


@pytest.mark.parametrize("role,name,path", CELLS)
def test_permission_matrix(login, make_release, role, name, path):
    before, after = TRANSITIONS[name]
    release = release_in(before, make_release)
    client = login(role)
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, name])
    allowed = name in ALLOWED[role]
    if path == "button":
        page = client.get(url)
        assert page.status_code == (200 if allowed else 302 if role == "anonymous" else 403)
        if allowed:
            assert 'name="expected_version"' in page.content.decode()  # a confirmation form
        response = client.post(url, transition_data(name, release))
    elif path == "direct POST":
        response = client.post(url, transition_data(name, release))
    else:
        changelist = reverse("admin:releases_pressrelease_changelist")
        response = client.post(
            changelist,
            {
                "action": BULK_ACTIONS[name],
                "confirmed": "yes",
                "_selected_action": [release.pk],
                f"version_{release.pk}": release.version,
            },
        )
    release.refresh_from_db()
    assert succeeded(release, name, after) == allowed, (role, name, path, response.status_code)
    if not allowed:
        assert release.state == before and release.unpublish_at is None


@pytest.mark.parametrize("role", ROLES)
def test_the_change_form_never_changes_the_state(login, make_release, role):
    """Status and dates are not form fields: posting them changes nothing, for anyone."""
    release = release_in(State.DRAFT, make_release)
    client = login(role)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    form = {
        "title_fr": "Titre",
        "lead_fr": "Chapeau",
        "body_fr": "<p>x</p>",
        "original_language": "fr",
        "issuing_organization": release.issuing_organization_id,
        "expected_version": release.version,
        "status": "approved",
        "publish_at_0": "2020-01-01",
        "publish_at_1": "10:00:00",
        "publish_at": "2020-01-01T10:00:00Z",
    }
    for prefix in (
        "quotes",
        "links",
        "contact_links",
        "images",
        "documents",
        "workflow-statechange-content_type-object_id",
    ):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    client.post(url, form)
    release.refresh_from_db()
    assert release.status == Status.DRAFT and release.publish_at is None
    # The changelist has no list editing either: a crafted list edit is ignored.
    client.post(
        reverse("admin:releases_pressrelease_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": release.pk,
            "form-0-status": "approved",
            "_save": "Save",
        },
    )
    release.refresh_from_db()
    assert release.status == Status.DRAFT


@pytest.mark.parametrize("state", [State.IN_REVIEW, State.SCHEDULED, State.LIVE])
def test_press_officers_edit_drafts_only(client, press_officer, make_release, state):
    client.force_login(press_officer)
    draft = release_in(State.DRAFT, make_release)
    locked = release_in(state, make_release)
    page = client.get(reverse("admin:releases_pressrelease_change", args=[draft.pk]))
    assert 'name="title_fr"' in page.content.decode()
    page = client.get(reverse("admin:releases_pressrelease_change", args=[locked.pk]))
    assert page.status_code == 200 and 'name="title_fr"' not in page.content.decode()
    response = client.post(
        reverse("admin:releases_pressrelease_change", args=[locked.pk]),
        {"title_fr": "Changé en douce", "expected_version": locked.version},
    )
    assert response.status_code == 403
    locked.refresh_from_db()
    assert locked.title_fr != "Changé en douce"


def test_press_officers_see_only_their_buttons(client, press_officer, editor, make_release):
    release = release_in(State.IN_REVIEW, make_release)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    client.force_login(press_officer)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Return to draft" in html and "Approve and publish now" not in html
    client.force_login(editor)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Approve and publish now" in html and "Approve and schedule" in html


def test_approved_items_cannot_be_deleted_by_editors(client, editor, make_release):
    client.force_login(editor)
    live = release_in(State.LIVE, make_release)
    response = client.post(
        reverse("admin:releases_pressrelease_delete", args=[live.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PressRelease.objects.filter(pk=live.pk).exists()


def test_a_press_officer_writes_a_draft_and_submits_it(client, press_officer, organization):
    client.force_login(press_officer)
    assert client.get(reverse("admin:releases_pressrelease_add")).status_code == 200
    data = {
        "title_fr": "Nouveau communiqué",
        "lead_fr": "Chapeau",
        "body_fr": "<p>Texte</p>",
        "original_language": "fr",
        "issuing_organization": organization.pk,
    }
    for prefix in ("quotes", "links", "contact_links", "images", "documents"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(reverse("admin:releases_pressrelease_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get(title_fr="Nouveau communiqué")
    assert release.state == State.DRAFT
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "submit"])
    client.post(url, {"expected_version": release.version})
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW
    for page in (
        "admin:releases_pressrelease_changelist",
        "admin:events_event_add",
        "admin:organizations_organization_add",
        "admin:attachments_image_add",
    ):
        assert client.get(reverse(page)).status_code == 200, page
