"""The history in the reader's language, listing only what changed, and any two
revisions (or one and now) compared field by field and language by language."""

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = staff_user("officer", "Press officers")
    client.force_login(user)
    return user


def save_in_the_admin(client, release, language="fr", **changes):
    """The change form as the admin draws it, with ``changes``, saved."""
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    data = form_data(client.get(url).content.decode(), "pressrelease_form")
    data.update(changes)
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:3000]


def history(client, release, language):
    url = reverse("admin:releases_pressrelease_history", args=[release.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def test_history_names_the_changed_fields_in_the_readers_language_and_only_those(
    client, officer, make_release
):
    release = make_release(status=Status.DRAFT, **complete())
    save_in_the_admin(client, release, title_nl="Nieuwe titel")
    dutch = history(client, release, "nl").content.decode()
    assert "Titel (Nederlands)" in dutch  # the field's label and the language, in Dutch
    assert "[nl]" not in dutch and "Body" not in dutch
    french = history(client, release, "fr").content.decode()
    assert "Titre (néerlandais)" in french
    # Rich text the editor rewrote without a change (empty German, English) is no change.
    assert "Texte" not in french.split("change-history")[1].split("</table>")[0]


def test_two_revisions_compared_by_field_and_language_with_words_marked(
    client, officer, make_release
):
    release = make_release(
        status=Status.DRAFT,
        body_nl="<p>De minister opent de conferentie.</p>",
        **{k: v for k, v in complete().items() if k != "body_nl"},
    )
    save_in_the_admin(client, release, title_nl="Eerste titel")
    save_in_the_admin(
        client,
        release,
        title_nl="Tweede titel",
        body_nl="<p>De minister en de commissaris openen de conferentie.</p>",
    )
    from reversion.models import Version

    newer, older = Version.objects.get_for_object(release)[:2]
    url = reverse("desk:compare", args=["releases", "pressrelease", release.pk])
    response = client.get(url, {"from": older.pk, "to": newer.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = {row["label"]: str(row["diff"]) for row in response.context["rows"]}
    assert set(rows) == {"Title (Dutch)", "Body (Dutch)"}
    assert (
        '<del><span class="visually-hidden">deleted: </span>Eerste</del>' in rows["Title (Dutch)"]
    )
    assert (
        '<ins><span class="visually-hidden">inserted: </span>Tweede</ins>' in rows["Title (Dutch)"]
    )
    # Rich text is compared as text: words, not tags.
    assert rows["Body (Dutch)"] == (
        'De minister <del><span class="visually-hidden">deleted: </span>opent</del>'
        '<ins><span class="visually-hidden">inserted: </span>en de commissaris openen</ins>'
        " de conferentie."
    )
    assert "&lt;p&gt;" not in rows["Body (Dutch)"]
    # The history offers the comparison; "now" compares with the item as it is.
    assert url in history(client, release, "en").content.decode()
    now = client.get(url, {"from": older.pk, "to": "now"}, HTTP_ACCEPT_LANGUAGE="en")
    assert {row["label"] for row in now.context["rows"]} == {"Title (Dutch)", "Body (Dutch)"}


def test_the_comparison_is_refused_to_whoever_may_not_see_the_item(client, make_release):
    from django.contrib.auth.models import User

    release = make_release(status=Status.DRAFT)
    client.force_login(User.objects.create_user("nobody", password="x", is_staff=True))
    url = reverse("desk:compare", args=["releases", "pressrelease", release.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.get(reverse("desk:compare", args=["auth", "user", 1])).status_code in (403, 404)


def test_a_kind_without_revisions_has_nothing_to_compare(client, make_release):
    """The audit trail has an admin page the editors may view, but no revisions."""
    from workflow.models import StateChange

    editor = staff_user("ed", "Editors")
    release = make_release(status=Status.DRAFT)
    change = StateChange.record(release, "submit", "draft", "in_review", editor, timezone.now())
    client.force_login(editor)
    url = reverse("desk:compare", args=["workflow", "statechange", change.pk])
    assert client.get(url).status_code == 404


def test_the_audit_trail_is_filtered_by_user_action_and_date_in_the_readers_language(
    client, make_release
):
    import datetime

    from workflow.models import StateChange

    officer, editor = staff_user("officer", "Press officers"), staff_user("ed", "Editors")
    release = make_release(status=Status.DRAFT)
    long_ago = timezone.now() - datetime.timedelta(days=40)
    StateChange.record(release, "submit", "draft", "in_review", officer, long_ago)
    StateChange.record(release, "submit", "draft", "in_review", officer, timezone.now())
    StateChange.record(release, "approve", "in_review", "approved", editor, timezone.now())
    client.force_login(editor)
    url = reverse("admin:workflow_statechange_changelist")

    def shown(**params):
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200
        return sorted(
            (change.user.username, change.action) for change in response.context["cl"].result_list
        )

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Ter nalezing indienen" in page and ">submit<" not in page  # the label, not the code
    assert shown(action="approve") == [("ed", "approve")]
    assert shown(user__id__exact=officer.pk) == [("officer", "submit"), ("officer", "submit")]
    # The date filter's "Past 7 days", from midnight in Brussels as the admin writes it.
    week = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time()) - datetime.timedelta(6)
    )
    assert shown(at__gte=str(week), action="submit") == [("officer", "submit")]
