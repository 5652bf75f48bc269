"""E-mail notices about the workflow, read from a real SMTP server: editors hear of what
is submitted for review, authors of what became of theirs, each in their language,
once; whoever turns them off hears nothing."""

import html5lib
import pytest
from django.urls import reverse

from newsroom.publishing import Status
from notices.models import NoticePreference, SentNotice
from tests.conftest import complete, staff_user
from tests.desk.helpers import later, move
from tests.smtp import parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    officer = staff_user("officer", "Press officers")
    ann, bob, cas = (staff_user(name, "Editors") for name in ("ann", "bob", "cas"))
    for user in (officer, ann, bob, cas):
        user.email = f"{user.username}@example.be"
        user.save()
    NoticePreference.objects.create(user=bob, language="nl")
    NoticePreference.objects.create(user=cas, enabled=False)
    return officer, ann, bob, cas


def submitted(make_release, officer, django_capture_on_commit_callbacks):
    release = make_release(
        status=Status.DRAFT, title_fr="Le communiqué", **complete(title_nl="Het persbericht")
    )
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "submit", officer)
    return release


def test_the_editors_hear_of_a_submission_in_their_language(
    smtp_server, people, make_release, django_capture_on_commit_callbacks
):
    officer, ann, bob, cas = people
    release = submitted(make_release, officer, django_capture_on_commit_callbacks)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "ann@example.be",
        "bob@example.be",
    ]  # not the officer who submitted it, not Cas who turned them off
    [french] = smtp_server.to("ann@example.be")
    [dutch] = smtp_server.to("bob@example.be")
    assert "« Le communiqué » a été soumis pour relecture par officer." in french["Subject"]
    assert "„Het persbericht” werd ter nalezing ingediend door officer." in dutch["Subject"]
    text, html = parts(dutch)
    change_url = "https://newsroom.example.be" + reverse(
        "admin:releases_pressrelease_change", args=[release.pk]
    )
    assert change_url in text and f'href="{change_url}"' in html
    assert '<html lang="nl">' in html and "<img" not in html
    html5lib.HTMLParser(strict=True).parse(html)  # well-formed HTML
    assert dutch["Auto-Submitted"] == "auto-generated"
    assert dutch["Content-Language"] == "nl"
    assert reverse("notices:preferences") in text


def test_the_author_hears_of_a_return_and_of_the_schedule(
    smtp_server, people, make_release, django_capture_on_commit_callbacks
):
    officer, ann, bob, cas = people
    release = submitted(make_release, officer, django_capture_on_commit_callbacks)
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "return_to_draft", ann)
    [returned] = smtp_server.messages
    assert returned.recipients == ["officer@example.be"]
    assert "vous a été renvoyé par ann" in returned["Subject"]
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "submit", officer)
    smtp_server.messages.clear()
    at = later(days=2).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "schedule", bob, publish_at=at)
    [scheduled] = smtp_server.messages
    assert scheduled.recipients == ["officer@example.be"]
    from django.utils.timezone import localtime

    assert localtime(at).strftime("%d/%m/%Y %H:%M:%S") in scheduled["Subject"]


def test_a_notice_is_sent_once_and_retried_when_the_server_refuses(
    smtp_server, people, make_release, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone
    from huey.contrib.djhuey import HUEY

    from notices.tasks import send_state_notices
    from workflow.models import StateChange

    officer = people[0]
    HUEY.flush()
    smtp_server.refuse = True  # 451: try again later
    submitted(make_release, officer, django_capture_on_commit_callbacks)
    change = StateChange.objects.get(action="submit")
    assert smtp_server.messages == []
    assert SentNotice.objects.filter(change=change, sent_at__isnull=True).count() == 2
    # The queue holds the retry, 30 seconds later, four more to go (then 1, 2, 4 min...).
    [retry] = HUEY.scheduled()
    assert retry.retries == 4 and retry.args == (change.pk,)
    expected = timezone.now().replace(tzinfo=None) + datetime.timedelta(seconds=30)
    assert abs((retry.eta - expected).total_seconds()) < 5
    HUEY.flush()
    smtp_server.refuse = False
    assert send_state_notices.call_local(change.pk) == 2  # what the retry does
    assert send_state_notices.call_local(change.pk) == 0  # once: a second run sends nothing
    assert len(smtp_server.messages) == 2


def test_each_person_turns_the_notices_off_or_chooses_their_language(client, people):
    officer = people[0]
    client.force_login(officer)
    url = reverse("notices:preferences")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200 and "Mes notifications par e-mail" in page.content.decode()
    response = client.post(url, {"language": "de"})  # the box unticked: off
    assert response.status_code == 302
    preference = NoticePreference.objects.get(user=officer)
    assert (preference.enabled, preference.language) == (False, "de")
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_notices_start_in_the_language_the_editor_signs_in_with(client):
    editor = staff_user("ed", "Editors")
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("admin:login"), {"username": "ed", "password": "x", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert NoticePreference.objects.get(user=editor).language == "de"
    client.logout()
    client.cookies["django_language"] = "nl"
    client.post(reverse("admin:login"), {"username": "ed", "password": "x"})
    assert NoticePreference.objects.get(user=editor).language == "de"  # their choice stays
