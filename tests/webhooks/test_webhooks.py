"""Signed webhooks for partners: each event once, at its second, to the subscriptions
that want it, signed (the test receiver checks every signature), retried, logged and
managed in the admin. Tasks run in the test's process (HUEY immediate); the real
worker is tests/webhooks/test_worker.py."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from organizations.models import Organization
from releases.models import Correction
from tests.conftest import complete, staff_user
from tests.desk.helpers import move
from tests.public import url_in
from webhooks import signing, tasks
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db

SITE = "https://newsroom.example.be"


@pytest.fixture
def officer():
    return staff_user("officer", "Press officers")


@pytest.fixture
def editor_user():
    return staff_user("ann", "Editors")


@pytest.fixture
def in_review(make_release, officer):
    """In French and Dutch, submitted for review."""
    release = make_release(
        status=Status.DRAFT, **complete(title_nl="Nieuwe steun"), title_fr="Nouveau soutien"
    )
    move(release, "submit", officer)
    return release


def at_second(seconds=60):
    """Near enough to the real clock for the receiver's five-minute tolerance."""
    return (timezone.now() + datetime.timedelta(seconds=seconds)).replace(microsecond=0)


def schedule(release, editor, at, capture):
    with capture(execute=True):
        move(release, "schedule", editor, publish_at=at)
    release.refresh_from_db()
    return release


def publish_now(release, editor, capture):
    with capture(execute=True):
        move(release, "publish_now", editor)
    release.refresh_from_db()
    return release


def test_a_scheduled_release_is_sent_at_its_second_signed_and_once(
    clock, receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe()
    go_live = at_second()
    release = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)

    clock.set(go_live - datetime.timedelta(seconds=1))
    assert tasks.release_live.call_local(release.pk, go_live) == 0
    assert receiver.requests == [] and not Delivery.objects.exists()

    clock.set(go_live)
    assert tasks.release_live.call_local(release.pk, go_live) == 1
    # Asked again (a retry, a second worker, the catch-up): nothing more.
    assert tasks.release_live.call_local(release.pk, go_live) == 0
    clock.set(go_live + datetime.timedelta(minutes=2))
    assert tasks.catch_up() == 0
    assert len(receiver.requests) == 1
    got = receiver.requests[0]
    delivery = Delivery.objects.get()
    assert got.headers["webhook-id"] == str(delivery.pk)
    assert got.headers["webhook-timestamp"] == str(int(go_live.timestamp()))
    assert got.headers["webhook-signature"].startswith("v1,")
    assert got.headers["content-type"] == "application/json"
    agent = got.headers["user-agent"]
    assert agent.startswith("Newsroom-Webhooks/") and SITE in agent
    assert got.payload["type"] == "release.published"
    assert delivery.status == Delivery.DELIVERED and delivery.attempts == 1
    assert delivery.response_status == 200 and delivery.delivered_at is not None


def test_the_published_payload_names_the_release_in_the_subscribers_languages(
    receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe("dutch", languages=["nl", "de"])
    receiver.subscribe("all")
    release = publish_now(in_review, editor_user, django_capture_on_commit_callbacks)
    by_path = {r.path: r.payload for r in receiver.requests}
    assert set(by_path) == {"/dutch", "/all"}
    dutch = by_path["/dutch"]
    published = release.publish_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    api = f"{SITE}/api/v1/releases/{release.pk}"
    assert dutch == {
        "type": "release.published",
        "timestamp": published,
        "data": {
            "id": release.pk,
            "reference": release.reference,
            "languages": ["nl"],
            "title": {"nl": "Nieuwe steun"},
            "url": {"nl": SITE + url_in(release, "nl")},
            "api_url": api,
            "ninjs_url": api + "/ninjs",
            "published_at": published,
        },
    }
    assert release.reference.endswith(f"/{release.publish_at.year}")
    everything = by_path["/all"]["data"]
    assert everything["languages"] == ["fr", "nl"]
    assert everything["title"] == {"fr": "Nouveau soutien", "nl": "Nieuwe steun"}
    assert everything["url"]["fr"] == SITE + url_in(release, "fr")


def test_only_subscriptions_that_want_it_receive_it(
    receiver, in_review, editor_user, organization, django_capture_on_commit_callbacks
):
    elsewhere = Organization.objects.create(name_fr="Ailleurs", kind="fps")
    related = Organization.objects.create(name_fr="Partenaire", kind="fps")
    in_review.related_organizations.add(related)
    receiver.subscribe("issuer", organizations=[organization])
    receiver.subscribe("related", organizations=[related, elsewhere])
    receiver.subscribe("elsewhere", organizations=[elsewhere])
    receiver.subscribe("german", languages=["de"])
    receiver.subscribe("english-or-french", languages=["en", "fr"])
    receiver.subscribe("inactive", active=False)
    receiver.subscribe("not-published", on_published=False)
    publish_now(in_review, editor_user, django_capture_on_commit_callbacks)
    assert sorted(r.path for r in receiver.requests) == [
        "/english-or-french",
        "/issuer",
        "/related",
    ]
    assert receiver.payloads()[0]["data"]["languages"] in (["fr"], ["fr", "nl"])


def test_a_withdrawn_release_says_only_its_notice(
    receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe()
    release = publish_now(in_review, editor_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "withdraw", editor_user, reasons={"fr": "Erreur", "nl": "Fout"})
    release.refresh_from_db()
    (withdrawn,) = receiver.payloads("release.withdrawn")
    assert withdrawn["timestamp"] == withdrawn["data"]["withdrawn_at"]
    assert withdrawn["data"] == {
        "id": release.pk,
        "reference": release.reference,
        "languages": ["fr", "nl"],
        "title": {"fr": "Nouveau soutien", "nl": "Nieuwe steun"},
        "notice": {"fr": "Erreur", "nl": "Fout"},
        "published_at": withdrawn["data"]["published_at"],
        "withdrawn_at": release.withdrawn_at.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
    }
    assert "url" not in json.dumps(withdrawn)  # no address of what is gone


def test_a_published_delivery_retried_after_a_withdrawal_is_not_sent(
    clock, receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe(on_withdrawn=False)
    receiver.answers = [503]
    release = publish_now(in_review, editor_user, django_capture_on_commit_callbacks)
    move(release, "withdraw", editor_user, reasons={"fr": "Erreur"})
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.FAILED
    assert tasks.send(delivery.pk) == Delivery.CANCELLED
    assert len(receiver.requests) == 1


def test_a_correction_of_a_live_release_is_sent_and_of_a_scheduled_one_not(
    receiver, in_review, editor_user, make_release, django_capture_on_commit_callbacks
):
    receiver.subscribe(on_published=False)
    release = publish_now(in_review, editor_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        correction = Correction.objects.create(
            release=release, note_fr="Date corrigée", note_nl="Datum gecorrigeerd"
        )
        scheduled = make_release(
            publish_at=timezone.now() + datetime.timedelta(hours=1), **complete()
        )
        Correction.objects.create(release=scheduled, note_fr="Pas encore en ligne")
    (corrected,) = receiver.payloads()
    assert corrected["type"] == "release.corrected"
    assert corrected["data"]["title"] == {"fr": "Nouveau soutien", "nl": "Nieuwe steun"}
    assert corrected["data"]["correction"] == {
        "note": {"fr": "Date corrigée", "nl": "Datum gecorrigeerd"},
        "corrected_at": correction.corrected_at.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
    }
    assert corrected["timestamp"] == corrected["data"]["correction"]["corrected_at"]


def test_rescheduled_it_is_sent_at_the_new_second_only(
    clock, receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe()
    first, later = at_second(60), at_second(120)
    schedule(in_review, editor_user, first, django_capture_on_commit_callbacks)
    other = staff_user("bob", "Editors")
    release = schedule(in_review, other, later, django_capture_on_commit_callbacks)
    clock.set(first)
    assert tasks.release_live.call_local(release.pk, first) == 0  # the old second
    clock.set(later)
    assert tasks.release_live.call_local(release.pk, first) == 0  # still the old task
    assert receiver.requests == []
    assert tasks.release_live.call_local(release.pk, later) == 1
    assert len(receiver.requests) == 1


def test_unscheduled_nothing_is_sent_at_the_old_second(
    clock, receiver, in_review, editor_user, django_capture_on_commit_callbacks
):
    receiver.subscribe()
    go_live = at_second()
    release = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        move(release, "unschedule", editor_user)
    clock.set(go_live + datetime.timedelta(seconds=1))
    assert tasks.release_live.call_local(release.pk, go_live) == 0
    assert tasks.catch_up() == 0
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_a_worker_down_at_the_instant_catches_up_within_the_longest_delay(
    clock, receiver, in_review, editor_user, make_release, settings, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.NEWSROOM_MAILING_MAX_DELAY_HOURS = 24
    receiver.subscribe()
    go_live = at_second()
    release = schedule(in_review, editor_user, go_live, django_capture_on_commit_callbacks)
    old = make_release(publish_at=timezone.now() - datetime.timedelta(hours=25), **complete())
    clock.set(go_live + datetime.timedelta(minutes=3))
    receiver.subscribe("too-late")  # subscribed after the go-live: not sent
    with caplog.at_level("WARNING", logger="webhooks"):
        assert tasks.catch_up() == 1
    assert "caught up" in caplog.text and f"release {release.pk}" in caplog.text
    assert [r.path for r in receiver.requests] == ["/portal"]
    assert not Delivery.objects.filter(release=old).exists()  # no longer news


def test_a_failure_is_retried_with_back_off_then_delivered(receiver):
    task = tasks.deliver.s(0)  # what Huey retries: after 30 s, 1, 2, 4 and 8 min
    assert (task.retries, task.retry_delay, task.retry_backoff) == (5, 30, 2)
    from webhooks import events

    delivery = events.test_delivery(receiver.subscribe())
    receiver.answers = [500]
    with pytest.raises(tasks.NotDelivered):
        tasks.deliver.call_local(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Delivery.FAILED,
        1,
        500,
    )
    assert "500" in delivery.error
    assert tasks.deliver.call_local(delivery.pk) == Delivery.DELIVERED
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Delivery.DELIVERED,
        2,
        200,
    )
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == str(delivery.pk)
    assert first.body == second.body
    assert tasks.deliver.call_local(delivery.pk) is None  # delivered: never again
    assert len(receiver.requests) == 2


def test_after_the_last_attempt_it_gives_up(receiver):
    from webhooks import events

    delivery = events.test_delivery(receiver.subscribe())
    receiver.answers = [500] * 10
    statuses = [tasks.send(delivery.pk) for _ in range(tasks.MAX_ATTEMPTS + 1)]
    assert statuses == [Delivery.FAILED] * 5 + [Delivery.GAVE_UP, None]
    delivery.refresh_from_db()
    assert delivery.attempts == 6 and delivery.status == Delivery.GAVE_UP
    assert len(receiver.requests) == 6


def test_a_redirect_or_an_unreachable_address_is_a_failure(receiver):
    from tests.smtp import free_port
    from webhooks import events

    receiver.answers = [302]
    redirected = events.test_delivery(receiver.subscribe())
    assert tasks.send(redirected.pk) == Delivery.FAILED
    unreachable = events.test_delivery(
        Subscription.objects.create(name="down", url=f"http://127.0.0.1:{free_port()}/hook")
    )
    assert tasks.send(unreachable.pk) == Delivery.FAILED
    unreachable.refresh_from_db()
    assert unreachable.response_status is None and unreachable.error


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/hook", "http://169.254.169.254/latest/", "http://10.1.2.3/"]
)
def test_an_address_on_this_machine_or_a_private_network_is_refused(receiver, settings, url):
    """A subscription cannot make the newsroom call its own network (the cloud's
    metadata service, an intranet server): the delivery fails and says why."""
    from webhooks import events

    settings.NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES = False
    delivery = events.test_delivery(Subscription.objects.create(name="inside", url=url))
    assert tasks.send(delivery.pk) == Delivery.FAILED
    delivery.refresh_from_db()
    assert "not a public internet address" in delivery.error
    assert receiver.requests == []


def test_a_delivery_is_claimed_once():
    """Two workers holding the same delivery: the second finds it taken."""
    subscription = Subscription.objects.create(name="x", url="http://127.0.0.1:9/")
    from webhooks import events

    delivery = events.test_delivery(subscription)
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.SENDING)
    assert tasks.send(delivery.pk) is None


def test_verify_refuses_a_wrong_secret_an_altered_body_and_an_old_timestamp():
    body = b'{"type":"test"}'
    headers = signing.sign("secret", "42", 1_700_000_000, body)
    assert signing.verify("secret", headers, body, now=1_700_000_010) == {"type": "test"}
    for secret, sent, now in [
        ("other", body, 1_700_000_010),
        ("secret", b'{"type":"tost"}', 1_700_000_010),
        ("secret", body, 1_700_000_000 + 3600),
    ]:
        with pytest.raises(signing.InvalidSignature):
            signing.verify(secret, headers, sent, now=now)
    # Several signatures (a secret being rotated): one that matches is enough.
    rotated = {**headers, "webhook-signature": "v1,AAAA " + headers["webhook-signature"]}
    assert signing.verify("secret", rotated, body, now=1_700_000_000)


def test_each_subscription_has_its_own_secret(editor_user, client):
    client.force_login(editor_user)
    response = client.post(
        reverse("admin:webhooks_subscription_add"),
        {"name": "Portal", "url": "https://portal.example.be/hook", "active": "on",
         "on_published": "on", "languages": ["fr", "nl"]},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    first = Subscription.objects.get()
    assert first.created_by == editor_user and first.languages == ["fr", "nl"]
    second = Subscription.objects.create(name="Agency", url="https://agency.example.be/")
    assert len(first.secret) >= 43 and first.secret != second.secret
    page = client.get(reverse("admin:webhooks_subscription_change", args=[first.pk]))
    assert first.secret in page.content.decode()
    # Posted with the form, the secret changes nothing.
    client.post(
        reverse("admin:webhooks_subscription_change", args=[first.pk]),
        {"name": "Portal", "url": "https://portal.example.be/hook", "secret": "mine"},
    )
    first.refresh_from_db()
    assert first.secret != "mine" and first.name == "Portal"


def test_the_admin_pages_render_with_the_log_and_the_test_button(
    receiver, editor_user, client, django_capture_on_commit_callbacks
):
    subscription = receiver.subscribe()
    client.force_login(editor_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin in English
    change = reverse("admin:webhooks_subscription_change", args=[subscription.pk])
    test_url = reverse("admin:webhooks_subscription_test", args=[subscription.pk])
    page = client.get(change).content.decode()
    assert "Delivery log" in page and "Send a test delivery" in page and test_url in page
    assert "<script>" not in page.split('id="webhook-log-heading"')[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(test_url, follow=True)
    assert "A test delivery" in response.content.decode()
    (test,) = receiver.payloads("test")
    assert test["data"]["subscription"] == "portal"
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.DELIVERED
    page = client.get(change).content.decode()
    assert "delivered" in page and "<caption>" in page
    for url in [
        reverse("admin:webhooks_subscription_changelist"),
        reverse("admin:webhooks_subscription_add"),
        reverse("admin:webhooks_delivery_changelist"),
        reverse("admin:webhooks_delivery_changelist") + "?status__exact=delivered&event__exact=test"
        f"&subscription__id__exact={subscription.pk}",
        reverse("admin:webhooks_delivery_change", args=[delivery.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get(test_url).status_code == 405


def test_the_test_button_of_an_unknown_subscription_is_a_404(editor_user, client, db):
    client.force_login(editor_user)
    for pk in ("abc", "999999"):
        url = reverse("admin:webhooks_subscription_test", args=[pk])
        assert client.post(url).status_code == 404


def test_staff_status_alone_gives_nothing(receiver, client):
    subscription = receiver.subscribe()
    staff = User.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    test_url = reverse("admin:webhooks_subscription_test", args=[subscription.pk])
    assert client.post(test_url).status_code == 403
    assert client.get(reverse("admin:webhooks_subscription_changelist")).status_code == 403
    change = reverse("admin:webhooks_subscription_change", args=[subscription.pk])
    assert client.get(change).status_code == 403
    assert not Delivery.objects.exists() and receiver.requests == []


def test_press_officers_do_not_manage_webhooks(receiver, officer, client):
    subscription = receiver.subscribe()
    client.force_login(officer)
    test_url = reverse("admin:webhooks_subscription_test", args=[subscription.pk])
    assert client.post(test_url).status_code == 403
    assert client.get(reverse("admin:webhooks_subscription_changelist")).status_code == 403
