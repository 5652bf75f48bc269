"""The approval gate and corrections: a release whose required languages are behind the
original is not approved until each stale field is updated or confirmed as checked, and
a correction of a live release's original makes its translations stale and says so."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from newsroom.publishing import State, Status
from releases.models import PressRelease
from tests.conftest import complete, staff_user
from tests.forms import form_data
from translations import gate, status
from workflow import transitions as workflow
from workflow.models import StateChange

pytestmark = pytest.mark.django_db


def transition_url(release, name):
    return reverse("admin:releases_pressrelease_transition", args=[release.pk, name])


@pytest.fixture
def stale_release(make_release):
    """In review, complete in French and Dutch (the required languages) and English; the
    French lead changed after the translations were written."""
    release = make_release(
        status=Status.IN_REVIEW,
        **complete(title_en="Release", lead_en="Lead", body_en="<p>Text</p>"),
    )
    release.lead_fr = "Un chapeau corrigé"
    release.save()
    return release


def test_approval_refuses_a_stale_required_language(stale_release, editor):
    """Dutch is required and behind; English is behind too but not required."""
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        workflow.perform(
            stale_release, "publish_now", editor, expected_version=stale_release.version
        )
    assert "Dutch: Lead" in " ".join(refused.value.messages)
    assert "English" not in " ".join(refused.value.messages)
    stale_release.refresh_from_db()
    assert stale_release.state == State.IN_REVIEW


def test_approval_accepts_once_each_stale_field_is_confirmed_and_says_so(stale_release, editor):
    keys = [s.key for s in gate.required_stale(stale_release)]
    assert len(keys) == 1
    workflow.perform(
        stale_release,
        "publish_now",
        editor,
        expected_version=stale_release.version,
        checked_translations=keys,
    )
    stale_release.refresh_from_db()
    assert stale_release.state == State.LIVE
    assert gate.required_stale(stale_release) == []
    assert [s.language for s in status.stale(stale_release)] == ["en"]  # not confirmed
    check = StateChange.objects.get(action="check_translation")
    assert check.user == editor
    assert json.loads(check.change_message) == [{"checked": {"names": ["lead_nl"]}}]
    with translation.override("en"):
        assert check.get_change_message() == (
            "Checked Lead (Dutch) against the original: still right."
        )


def test_approval_accepts_once_the_translation_is_updated(stale_release, editor):
    stale_release.lead_nl = "Een verbeterde inleiding"
    stale_release.save()
    workflow.perform(stale_release, "publish_now", editor, expected_version=stale_release.version)
    stale_release.refresh_from_db()
    assert stale_release.state == State.LIVE
    assert not StateChange.objects.filter(action="check_translation").exists()


def test_the_approval_page_lists_each_stale_field_with_its_diff_and_a_box(
    client, stale_release, editor
):
    client.force_login(editor)
    url = transition_url(stale_release, "publish_now")
    page = client.get(url, {"version": stale_release.version}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Translations behind the original" in html
    assert "Dutch: Lead" in html and "English: Lead" not in html
    assert "<ins>" in html and "corrigé" in html
    data = form_data(html)
    assert "checked_translation" not in data  # nothing ticked for the editor
    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert "These translations are behind the original" in refused.content.decode()
    stale_release.refresh_from_db()
    assert stale_release.state == State.IN_REVIEW
    data["checked_translation"] = [s.key for s in gate.required_stale(stale_release)]
    done = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 302
    stale_release.refresh_from_db()
    assert stale_release.state == State.LIVE


def test_a_bulk_approval_is_refused_with_the_stale_fields(client, stale_release, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:releases_pressrelease_changelist"),
        {
            "action": "publish_now_selected",
            "_selected_action": [stale_release.pk],
            "confirmed": "yes",
            f"version_{stale_release.pk}": stale_release.version,
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "Dutch: Lead" in response.content.decode()
    stale_release.refresh_from_db()
    assert stale_release.state == State.IN_REVIEW


def test_a_correction_of_a_live_release_marks_its_translations_stale_and_lists_them(
    client, make_release
):
    release = make_release(**complete(title_en="Release", lead_en="Lead", body_en="<p>T</p>"))
    editor = staff_user("corrector", "Editors")
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    data = form_data(client.get(url).content.decode(), "pressrelease_form")
    assert "corrections-0-note_fr" in data  # the correction form of a live release
    data["body_fr"] = ["<p>Texte 1, avec la date corrigée</p>"]
    data["corrections-0-note_fr"] = ["Date corrigée."]
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    html = response.content.decode()
    assert "Now behind the original" in html and "Dutch: Body" in html and "English: Body" in html
    assert sorted((s.language, s.field) for s in status.stale(release)) == [
        ("en", "body"),
        ("nl", "body"),
    ]
    # The form lists them, with what changed, next to the Dutch body itself.
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="translation-heading"' in page
    assert 'data-stale-languages="de en nl"' not in page  # German has no text
    assert 'data-stale-languages="en nl"' in page
    assert "Behind the French" in page and "<ins>" in page
    # What readers see has not changed in Dutch.
    assert PressRelease.objects.get(pk=release.pk).body_nl == "<p>Tekst</p>"


def test_the_approval_page_names_who_confirmed_a_translation_on_the_draft(client, make_release):
    """A translator's "checked, still right" before submission is no blind spot."""
    release = make_release(status=Status.DRAFT, **complete())
    release.lead_fr = "Un chapeau corrigé"
    release.save()
    officer, editor = staff_user("translator", "Press officers"), staff_user("chief", "Editors")
    client.force_login(officer)
    page = reverse("admin:releases_pressrelease_translations", args=[release.pk])
    [dutch] = status.stale(release)
    assert client.post(page, {"checked_translation": [dutch.key]}).status_code == 302
    release.refresh_from_db()
    workflow.perform(release, "submit", officer, expected_version=release.version)
    client.force_login(editor)
    release.refresh_from_db()
    html = client.get(
        transition_url(release, "publish_now"),
        {"version": release.version},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "confirmed as still right since it was last approved" in html
    assert "translator: Checked Lead (Dutch) against the original: still right." in html
