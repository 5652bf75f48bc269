"""The publication mailing: each release e-mailed once, at its go-live second, to the
subscribers who asked for it and the journalists who follow it, in their language,
read back from a real SMTP server."""

import datetime
import re

import html5lib
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from distribution import publication, tasks
from distribution.models import Delivery, Sending
from newsroom.publishing import Status
from organizations.models import Appointment
from press_lists.models import Journalist, PressList
from releases.models import Correction, Quote, Topic
from subscriptions.models import Subscriber
from tests.conftest import complete, staff_user
from tests.desk.helpers import move
from tests.smtp import parts

pytestmark = pytest.mark.django_db

OURS = re.compile(r'(?:src|href)="(?!https://newsroom\.example\.be/|https://www\.)')


def subscribe(email, language, **choices):
    now = timezone.now()
    organizations = choices.pop("organizations", [])
    topics = choices.pop("topics", [])
    subscriber = Subscriber.objects.create(
        email=email,
        language=language,
        requested_at=now,
        confirmed_at=now,
        source="tests",
        **choices,
    )
    subscriber.organizations.set(organizations)
    subscriber.topics.set(topics)
    return subscriber


@pytest.fixture
def people(organization):
    """A subscriber per language for everything, one for another organization only,
    and a journalist following the issuer."""
    from organizations.models import Organization

    elsewhere = Organization.objects.create(name_fr="Ailleurs", kind="fps")
    for code in ("fr", "nl", "de", "en"):
        subscribe(f"{code}@public.be", code, all_releases=True)
    subscribe("other@public.be", "fr", organizations=[elsewhere])
    journalist = Journalist.objects.create(name="Jo", email="jo@media.be", language="nl")
    journalist.organizations.add(organization)
    return journalist


@pytest.fixture
def officer():
    return staff_user("officer", "Press officers")


@pytest.fixture
def editor_user():
    user = staff_user("ann", "Editors")
    user.email = "ann@example.be"
    user.save()
    return user


@pytest.fixture
def in_review(make_release, officer, demo):
    release = make_release(
        status=Status.DRAFT,
        **complete(title_nl="Nieuwe steun", dateline_place_nl="Brussel"),
        title_fr="Nouveau soutien",
        dateline_place_fr="Bruxelles",
        body_fr=(
            '<p>Texte</p><figure><img src="/media/images/abc/800.jpg" alt="La ministre"></figure>'
        ),
    )
    held = demo.quotes.first().appointment
    today = Appointment.objects.create(
        person=held.person, role=held.role, started_on=datetime.date(2024, 1, 1)
    )
    Quote.objects.create(release=release, appointment=today, text_fr="Bravo", order=0)
    move(release, "submit", officer)
    return release


def schedule(release, editor, at, capture):
    with capture(execute=True):
        move(release, "schedule", editor, publish_at=at)
    release.refresh_from_db()
    return publication.mailing_of(release)


def at_second(seconds=3600):
    return (timezone.now() + datetime.timedelta(seconds=seconds)).replace(microsecond=0)


def test_a_scheduled_release_sends_nothing_a_second_before_and_everything_at_its_second(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    go_live = at_second()
    sending = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)
    assert sending.status == Sending.SCHEDULED and sending.due_at == go_live

    clock.set(go_live - datetime.timedelta(seconds=1))
    assert tasks.start_publication.call_local(sending.pk) == 0
    assert smtp_server.messages == [] and not Delivery.objects.exists()

    clock.set(go_live)
    assert tasks.start_publication.call_local(sending.pk) == 5
    received = sorted(r for m in smtp_server.messages for r in m.recipients)
    assert received == [
        "de@public.be",
        "en@public.be",
        "fr@public.be",
        "jo@media.be",
        "nl@public.be",
    ]  # not the subscriber of another organization
    sending.refresh_from_db()
    assert sending.status == Sending.DONE and sending.started_at == go_live
    assert set(sending.deliveries.values_list("status", flat=True)) == {Delivery.SENT}


def test_the_mailing_starts_once_however_often_it_is_asked(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    go_live = at_second()
    sending = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)
    clock.set(go_live + datetime.timedelta(seconds=1))
    first = publication.go_live(sending.pk)
    assert len(first) == 5
    assert publication.go_live(sending.pk) is None  # a second worker, a restart
    assert tasks.catch_up() == 0
    # The batches handed twice (a retry, another worker): each message claimed once.
    tasks.send_batch(sending.pk, first)
    tasks.send_batch(sending.pk, first)
    assert len(smtp_server.messages) == 5
    assert Delivery.objects.count() == 5


def test_every_message_is_in_its_readers_language_with_nothing_remote(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    go_live = at_second()
    sending = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)
    clock.set(go_live)
    tasks.start_publication.call_local(sending.pk)
    by_address = {m.recipients[0]: m for m in smtp_server.messages}
    for address, language, content in [
        ("fr@public.be", "fr", "fr"),
        ("nl@public.be", "nl", "nl"),
        ("de@public.be", "de", "fr"),  # no German: the French original, whole
        ("en@public.be", "en", "fr"),
        ("jo@media.be", "nl", "nl"),
    ]:
        message = by_address[address]
        text, html = parts(message)
        html5lib.HTMLParser(strict=True).parse(html)
        assert f'<html lang="{language}">' in html
        assert f'<div lang="{content}">' in html
        assert message["Content-Language"] == language
        assert "<img" not in html and "cid:" not in html and not OURS.search(html)
        if content == "fr":
            # The picture is a link to our own media; no tracking pixel, no embargo token.
            picture = 'href="https://newsroom.example.be/media/images/abc/800.jpg">[La ministre]'
            assert picture in html
        assert "embargo" not in html.lower()
        # The public page in the reader's language, and RFC 8058's one-click unsubscribe.
        [unsubscribe] = re.findall(r"<(https://[^>]+)>", str(message["List-Unsubscribe"]))
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe.startswith(f"https://newsroom.example.be/{language}/")
        assert unsubscribe in text and unsubscribe in html
        assert message["X-Newsroom-Delivery"]
    fr_text, fr_html = parts(by_address["fr@public.be"])
    assert "Bruxelles, le" in fr_text and "«\u00a0Bravo\u00a0»" in fr_text
    assert str(by_address["fr@public.be"]["Subject"]) == "Nouveau soutien"
    assert str(by_address["nl@public.be"]["Subject"]) == "Nieuwe steun"
    assert in_review.get_absolute_url() in fr_text  # /fr/communiques/…
    # Subscribers can change what they receive; journalists only stop.
    assert "/preferences/" in fr_text or "/preferenties/" in fr_text or "préférences" in fr_text
    assert sending.deliveries.filter(status=Delivery.SENT).count() == 5


def test_pictures_and_the_press_kit_are_links_to_our_media(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from attachments.models import Image
    from tests.attachments import files

    Image.objects.create(
        release=in_review,
        alt_fr="La ministre à la tribune",
        alt_nl="De minister op het spreekgestoelte",
        credit="SPF",
        file=SimpleUploadedFile("p.jpg", files.jpeg()),
    )
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    for address, alt in [
        ("fr@public.be", "La ministre à la tribune"),
        ("nl@public.be", "De minister op het spreekgestoelte"),
    ]:
        text, html = parts(next(m for m in smtp_server.messages if address in m.recipients))
        assert "<img" not in html
        [link] = re.findall(r'<a href="([^"]+)" lang="\w\w">' + alt + "</a> [(]© SPF[)]", html)
        assert re.fullmatch(r"https://newsroom\.example\.be/media/images/[^?]+\.jpg", link)
        assert link in text
        kit = re.search(r"https://newsroom\.example\.be/\w\w/[^/\s]+/[^/\s]+/[^\s]+\.zip", text)
        assert kit and kit.group(0) in html


def test_a_correction_sends_nothing(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    assert len(smtp_server.messages) == 5
    clock.set(sending.due_at + datetime.timedelta(hours=2))
    in_review.refresh_from_db()
    in_review.title_fr = "Nouveau soutien (corrigé)"
    in_review.save()
    Correction.objects.create(release=in_review, note_fr="Titre corrigé")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.catch_up()
        assert tasks.start_publication.call_local(sending.pk) == 0
    assert len(smtp_server.messages) == 5
    assert Sending.objects.filter(kind=Sending.PUBLICATION).count() == 1


def test_unscheduled_before_its_second_nothing_is_sent(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        move(in_review, "unschedule", editor_user)
    sending.refresh_from_db()
    assert sending.status == Sending.CANCELLED and sending.reason == Sending.UNSCHEDULED
    clock.set(sending.due_at)
    assert tasks.start_publication.call_local(sending.pk) == 0
    assert tasks.catch_up() == 0
    assert smtp_server.messages == []


def test_rescheduled_it_waits_for_the_new_second(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    first = at_second()
    sending = schedule(in_review, editor_user, first, django_capture_on_commit_callbacks)
    later = first + datetime.timedelta(hours=1)
    other = staff_user("bob", "Editors")
    in_review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        move(in_review, "schedule", other, publish_at=later)
    clock.set(first)
    assert tasks.start_publication.call_local(sending.pk) == 0  # the old second
    assert smtp_server.messages == []
    clock.set(later)
    assert tasks.start_publication.call_local(sending.pk) == 5


def test_withdrawn_during_its_mailing_the_rest_is_not_sent(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    ids = publication.go_live(sending.pk)
    tasks.send_batch(sending.pk, ids[:2])
    in_review.refresh_from_db()
    move(in_review, "withdraw", editor_user, reasons={"fr": "Erreur"})
    tasks.send_batch(sending.pk, ids[2:])
    assert len(smtp_server.messages) == 2
    statuses = list(sending.deliveries.order_by("pk").values_list("status", flat=True))
    assert statuses == [Delivery.SENT] * 2 + [Delivery.CANCELLED] * 3
    sending.refresh_from_db()
    assert sending.status == Sending.DONE


def test_published_now_it_goes_at_once(
    smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        move(in_review, "publish_now", editor_user)
    assert len(smtp_server.messages) == 5
    assert publication.mailing_of(in_review).status == Sending.DONE


def test_an_unscheduled_release_and_a_draft_send_nothing(
    smtp_server, people, make_release, officer, editor_user, django_capture_on_commit_callbacks
):
    draft = make_release(status=Status.DRAFT, **complete())
    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "submit", officer)
        tasks.catch_up()
    assert not Sending.objects.exists()
    assert [m.recipients for m in smtp_server.messages] == [["ann@example.be"]]  # the notice


def test_a_worker_down_at_the_instant_catches_up_and_logs_it(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks, caplog
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at + datetime.timedelta(minutes=7))
    with caplog.at_level("WARNING", logger="distribution"):
        assert tasks.catch_up() == 1
    assert len(smtp_server.messages) == 5
    assert "caught up" in caplog.text
    sending.refresh_from_db()
    assert sending.delay == datetime.timedelta(minutes=7)


def test_past_the_longest_delay_it_is_not_news_any_more(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks, settings
):
    settings.NEWSROOM_MAILING_MAX_DELAY_HOURS = 24
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at + datetime.timedelta(hours=25))
    tasks.catch_up()
    assert smtp_server.messages == []
    sending.refresh_from_db()
    assert sending.status == Sending.CANCELLED and sending.reason == Sending.TOO_LATE


def test_each_address_once_and_nobody_who_had_it_under_embargo_or_left(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    from distribution import sending as embargo

    topic = Topic.objects.create(name_fr="Europe")
    in_review.topics.add(topic)
    # The same address as a journalist (on a list) and a subscriber (by topic).
    both = Journalist.objects.create(name="Both", email="fr@public.be", language="fr")
    listed = PressList.objects.create(name="Social")
    early = Journalist.objects.create(name="Early", email="early@media.be", language="fr")
    gone = Journalist.objects.create(
        name="Gone", email="gone@media.be", language="fr", unsubscribed_at=timezone.now()
    )
    listed.journalists.add(both, early, gone)
    subscribe("topic@public.be", "nl", topics=[topic])
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    sending.press_lists.set([listed])
    early_list = PressList.objects.create(name="Early")
    early_list.journalists.add(early)
    with django_capture_on_commit_callbacks(execute=True):
        embargo.start(in_review, [early_list], editor_user)  # early@ has it under embargo
    assert [m.recipients for m in smtp_server.messages] == [["early@media.be"]]
    smtp_server.messages.clear()
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    received = sorted(r for m in smtp_server.messages for r in m.recipients)
    assert received == [
        "de@public.be",
        "en@public.be",
        "fr@public.be",
        "jo@media.be",
        "nl@public.be",
        "topic@public.be",
    ]
    # fr@public.be once, as the journalist of the list (the press office's own).
    assert sending.deliveries.get(email="fr@public.be").journalist == both


def test_a_permanent_refusal_is_a_bounce_not_retried(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    smtp_server.unknown = {"nl@public.be"}
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    ids = publication.go_live(sending.pk)
    assert tasks.send_batch(sending.pk, ids) == (4, 0)  # nothing left to retry
    bounced = sending.deliveries.get(email="nl@public.be")
    assert bounced.status == Delivery.BOUNCED and "550" in bounced.error
    sending.refresh_from_db()
    assert sending.status == Sending.DONE


def test_a_temporary_failure_is_retried_without_sending_twice(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    ids = publication.go_live(sending.pk)
    tasks.send_batch(sending.pk, ids[:2])
    smtp_server.refuse = True
    assert tasks.send_batch(sending.pk, ids) == (0, 3)
    sending.refresh_from_db()
    assert sending.status == Sending.SENDING  # not done: three wait for their retry
    smtp_server.refuse = False
    assert tasks.send_batch(sending.pk, ids) == (3, 0)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == sorted(
        sending.deliveries.values_list("email", flat=True)
    )
    assert set(sending.deliveries.values_list("attempts", flat=True)) <= {1, 2}
    sending.refresh_from_db()
    assert sending.status == Sending.DONE


def test_a_bounce_report_marks_its_message_and_removes_the_subscriber(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks, tmp_path
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    original = next(m for m in smtp_server.messages if "en@public.be" in m.recipients)
    headers = "".join(f"{name}: {value}\r\n" for name, value in original.items())
    report = (
        "From: MAILER-DAEMON@mx.public.be\r\n"
        "To: newsroom@localhost\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
        "\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.public.be\r\n\r\n"
        "Final-Recipient: rfc822; en@public.be\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n" + headers + "\r\n--b--\r\n"
    )
    path = tmp_path / "bounce.eml"
    path.write_text(report)
    call_command("record_bounces", str(path), stdout=open("/dev/null", "w"))
    delivery = sending.deliveries.get(status=Delivery.BOUNCED)
    assert "5.1.1" in delivery.error
    assert delivery.email == "" and delivery.subscriber is None  # forgotten
    assert not Subscriber.objects.filter(email="en@public.be").exists()
    # A delay report changes nothing.
    path.write_text(report.replace("Action: failed", "Action: delayed").replace("5.1.1", "4.4.1"))
    call_command("record_bounces", str(path), stdout=open("/dev/null", "w"))
    assert sending.deliveries.filter(status=Delivery.BOUNCED).count() == 1


def test_the_author_hears_when_it_goes_live(
    clock, smtp_server, in_review, editor_user, django_capture_on_commit_callbacks
):
    from notices.tasks import send_live_notice
    from workflow.models import StateChange

    author = StateChange.objects.get(action="submit").user
    author.email = "officer@example.be"
    author.save()
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    change = StateChange.objects.get(action="schedule")
    smtp_server.messages.clear()
    clock.set(sending.due_at - datetime.timedelta(seconds=1))
    assert send_live_notice.call_local(change.pk) == 0
    clock.set(sending.due_at)
    assert send_live_notice.call_local(change.pk) == 1
    assert send_live_notice.call_local(change.pk) == 0  # once
    [notice] = smtp_server.messages
    assert notice.recipients == ["officer@example.be"]
    assert "est en ligne depuis" in str(notice["Subject"]) or "live" in str(notice["Subject"])


def test_the_approval_page_says_who_receives_it_and_adds_press_lists(
    client, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    listed = PressList.objects.create(name="Santé")
    listed.journalists.add(Journalist.objects.create(name="Li", email="li@media.be"))
    client.force_login(editor_user)
    url = reverse("admin:releases_pressrelease_transition", args=[in_review.pk, "schedule"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 subscribers of the public" in page
    assert "1 journalist" in page and "Santé" in page
    go_live = timezone.localtime(at_second())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "expected_version": in_review.version,
                "publish_at_0": go_live.strftime("%d/%m/%Y"),
                "publish_at_1": go_live.strftime("%H:%M:%S"),
                "mailing-press_lists": [listed.pk],
            },
        )
    assert response.status_code == 302, response.content.decode()[-2000:]
    sending = publication.mailing_of(in_review)
    assert list(sending.press_lists.all()) == [listed]
    assert {j.email for j in publication.journalists_for(in_review, [listed])} == {
        "jo@media.be",
        "li@media.be",
    }


def test_the_send_log_lists_both_kinds_with_their_counts(
    client, clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    smtp_server.unknown = {"de@public.be"}
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    client.force_login(editor_user)
    listing = client.get(
        reverse("admin:distribution_sending_changelist") + f"?release__id__exact={in_review.pk}",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "at go-live" in listing and ">4<" in listing and ">1<" in listing
    page = client.get(
        reverse("admin:distribution_sending_change", args=[sending.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "bounced" in page and "jo@media.be" in page and "subscriber" in page
    assert mail.outbox == []


def test_a_large_mailing_lists_its_messages_a_page_at_a_time(
    client,
    clock,
    smtp_server,
    people,
    in_review,
    editor_user,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from distribution import admin as send_log

    monkeypatch.setattr(send_log, "INLINE_LIMIT", 3)
    smtp_server.unknown = {"de@public.be"}
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    client.force_login(editor_user)
    page = client.get(
        reverse("admin:distribution_sending_change", args=[sending.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "jo@media.be" not in page  # no inline of 5 rows over the limit of 3
    [bounced] = re.findall(r'href="([^"]+status__exact=bounced)">bounced: 1</a>', page)
    assert "sent: 4" in page
    listing = client.get(bounced.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert "de@public.be" in listing.content.decode()
    assert "fr@public.be" not in listing.content.decode()


def test_the_one_click_unsubscribe_of_a_message_stops_the_next_ones(
    client,
    clock,
    smtp_server,
    people,
    in_review,
    make_release,
    officer,
    editor_user,
    django_capture_on_commit_callbacks,
):
    """RFC 8058: the mail provider POSTs ``List-Unsubscribe=One-Click`` to the address of
    the header, with no cookie and no token; the next release does not reach them."""
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    message = next(m for m in smtp_server.messages if "nl@public.be" in m.recipients)
    journalist = next(m for m in smtp_server.messages if "jo@media.be" in m.recipients)
    for received in (message, journalist):
        [url] = re.findall(r"<(https://[^>]+)>", str(received["List-Unsubscribe"]))
        response = client.post(
            url.replace("https://newsroom.example.be", ""),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200 and not response.cookies
    assert not Subscriber.objects.filter(email="nl@public.be").exists()
    assert Journalist.objects.get(email="jo@media.be").unsubscribed_at is not None
    smtp_server.messages.clear()
    second = make_release(status=Status.DRAFT, **complete(), title_fr="Le suivant")
    move(second, "submit", officer)
    mailing = schedule(second, editor_user, at_second(7200), django_capture_on_commit_callbacks)
    clock.set(mailing.due_at)
    tasks.start_publication.call_local(mailing.pk)
    received = sorted(r for m in smtp_server.messages for r in m.recipients)
    assert received == ["de@public.be", "en@public.be", "fr@public.be"]


def test_a_report_without_our_signature_removes_nobody(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks, tmp_path
):
    """Anyone can mail us a report naming an address: it marks the message, but only a
    report quoting our signed header (which only the recipient's server has) removes
    the subscriber."""
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    tasks.start_publication.call_local(sending.pk)
    report = (
        "From: someone@elsewhere.example\r\nTo: newsroom@localhost\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
        "\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; elsewhere.example\r\n\r\n"
        "Final-Recipient: rfc822; fr@public.be\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        "X-Newsroom-Delivery: 1:forged\r\n\r\n--b--\r\n"
    )
    path = tmp_path / "forged.eml"
    path.write_text(report)
    call_command("record_bounces", str(path), stdout=open("/dev/null", "w"))
    assert sending.deliveries.get(email="fr@public.be").status == Delivery.BOUNCED
    assert Subscriber.objects.filter(email="fr@public.be").exists()


@pytest.fixture
def hooked(smtp_server, settings):
    """The worker's SMTP connection, with a hook before each message."""
    from tests.distribution.backends import HookedBackend

    settings.EMAIL_BACKEND = "tests.distribution.backends.HookedBackend"
    yield HookedBackend
    HookedBackend.before_each = None


def test_who_leaves_during_a_batch_is_not_mailed(
    clock, hooked, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    """A one-click unsubscribe, a journalist's unsubscribe or a withdrawal while the
    worker is sending the batch: the messages it has not sent yet are not sent."""
    from subscriptions.gdpr import forget

    later = Journalist.objects.create(name="Zoé", email="zoe@media.be", language="fr")
    later.organizations.add(in_review.issuing_organization)
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    ids = publication.go_live(sending.pk)  # journalists first (jo@, zoe@), then subscribers

    def leave(message):
        if message.to == ["jo@media.be"]:
            forget(Subscriber.objects.get(email="nl@public.be"))
            Journalist.objects.filter(pk=later.pk).update(unsubscribed_at=timezone.now())

    hooked.before_each = leave
    assert tasks.send_batch(sending.pk, ids) == (4, 0)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "de@public.be",
        "en@public.be",
        "fr@public.be",
        "jo@media.be",
    ]
    assert sending.deliveries.filter(status=Delivery.CANCELLED).count() == 2


def test_withdrawn_during_a_batch_the_rest_is_not_sent(
    clock, hooked, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    ids = publication.go_live(sending.pk)

    def withdraw(message):
        if message.to == ["jo@media.be"]:
            move(in_review, "withdraw", editor_user, reasons={"fr": "Erreur"})

    hooked.before_each = withdraw
    tasks.send_batch(sending.pk, ids)
    assert [m.recipients for m in smtp_server.messages] == [["jo@media.be"]]
    assert sending.deliveries.filter(status=Delivery.CANCELLED).count() == 4


def test_a_late_mark_of_a_dead_claim_changes_nothing(
    clock, smtp_server, people, in_review, editor_user, django_capture_on_commit_callbacks
):
    """A message whose worker was taken for dead (its claim older than STALE_CLAIM) and
    sent by another: the first worker's late mark does not overwrite what became of it."""
    sending = schedule(in_review, editor_user, at_second(), django_capture_on_commit_callbacks)
    clock.set(sending.due_at)
    [first, *_rest] = publication.go_live(sending.pk)
    delivery = Delivery.objects.get(pk=first)
    old_claim = sending.due_at
    assert tasks.claim(delivery, old_claim)
    clock.set(sending.due_at + tasks.STALE_CLAIM + datetime.timedelta(minutes=1))
    tasks.catch_up()  # taken for dead, sent again by "another worker"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SENT
    tasks._mark(delivery, old_claim, Delivery.FAILED, "late")
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SENT and delivery.error == ""
    assert len([m for m in smtp_server.messages if m.recipients == [delivery.email]]) == 1
