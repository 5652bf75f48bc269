"""The form's rate limits: per client a 429 page with Retry-After; per address the
usual answer and no e-mail, so that nobody learns anything about an address."""

import datetime

import pytest

from subscriptions import throttle
from subscriptions.models import RequestMark
from tests.conftest import brussels
from tests.subscriptions.helpers import is_private, make_subscriber, subscribe

pytestmark = pytest.mark.django_db

NOW = brussels(2024, 3, 4, 10, 0, 0)


def test_a_client_over_its_limit_gets_a_429_in_its_language_with_retry_after(
    client, smtp_server, demo, settings, clock
):
    settings.NEWSROOM_SUBSCRIBE_PER_CLIENT = 2
    settings.NEWSROOM_SUBSCRIBE_CLIENT_MINUTES = 60
    clock.set(NOW)
    subscribe(client, "nl", email="a@example.be", all_releases="on")
    clock.set(NOW + datetime.timedelta(minutes=10))
    subscribe(client, "nl", email="not an address")  # an invalid request counts too
    clock.set(NOW + datetime.timedelta(minutes=20))
    response = subscribe(client, "nl", email="b@example.be", all_releases="on")
    assert response.status_code == 429
    assert response["Retry-After"] == str(40 * 60)  # when the first request leaves the window
    assert '<html lang="nl">' in response.text and is_private(response)
    assert len(smtp_server.messages) == 1
    # Another client is not concerned; this one may again once the window has passed.
    other = subscribe(
        client, "nl", client_ip="198.51.100.7", email="c@example.be", all_releases="on"
    )
    assert other.status_code == 200
    clock.set(NOW + datetime.timedelta(minutes=60, seconds=1))
    assert subscribe(client, email="b@example.be", all_releases="on").status_code == 200
    assert len(smtp_server.messages) == 3


def test_an_ipv6_client_is_its_64_network(rf):
    first = rf.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    second = rf.get("/", REMOTE_ADDR="2001:db8:1:2:bbbb::2")
    elsewhere = rf.get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert throttle.client(first) == throttle.client(second) != throttle.client(elsewhere)
    assert throttle.client(rf.get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"


def test_behind_proxies_the_client_is_the_proxies_entry(client, smtp_server, demo, settings):
    settings.NEWSROOM_PROXY_COUNT = 1
    settings.NEWSROOM_SUBSCRIBE_PER_CLIENT = 1
    data = {"email": "a@example.be", "all_releases": "on"}
    assert subscribe(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **data).status_code == 200
    assert subscribe(client, HTTP_X_FORWARDED_FOR="203.0.113.1", **data).status_code == 429
    # The same proxy, another reader; a client's own first entries change nothing.
    assert subscribe(client, HTTP_X_FORWARDED_FOR="203.0.113.2", **data).status_code == 200
    forged = "1.2.3.4, 203.0.113.2"
    assert subscribe(client, HTTP_X_FORWARDED_FOR=forged, **data).status_code == 429


def test_an_address_over_its_limit_gets_the_same_answer_and_no_email(
    client, smtp_server, demo, settings
):
    settings.NEWSROOM_SUBSCRIBE_PER_ADDRESS = 2
    answers = [
        subscribe(client, client_ip=f"192.0.2.{n}", email=email, all_releases="on")
        for n, email in enumerate(["ann@example.be", "ANN@example.be", "ann@example.be "], 1)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0].content == answers[1].content == answers[2].content
    assert len(smtp_server.to("ann@example.be")) == 2
    # Another address is not concerned.
    subscribe(client, client_ip="192.0.2.9", email="bob@example.be", all_releases="on")
    assert len(smtp_server.to("bob@example.be")) == 1


def test_the_answer_says_nothing_about_the_address(client, smtp_server, demo, settings):
    """New, subscribed, over its limit, or a robot's: byte for byte the same page."""
    settings.NEWSROOM_SUBSCRIBE_PER_ADDRESS = 1
    make_subscriber(email="subscribed@example.be", all_releases=True)
    subscribe(client, client_ip="192.0.2.1", email="limited@example.be", all_releases="on")
    answers = {
        "new": subscribe(client, client_ip="192.0.2.2", email="new@example.be", all_releases="on"),
        "subscribed": subscribe(
            client, client_ip="192.0.2.3", email="subscribed@example.be", all_releases="on"
        ),
        "over its limit": subscribe(
            client, client_ip="192.0.2.4", email="limited@example.be", all_releases="on"
        ),
        "robot": subscribe(
            client,
            client_ip="192.0.2.5",
            email="robot@example.be",
            all_releases="on",
            website="https://spam.example",
        ),
    }
    contents = {name: response.content for name, response in answers.items()}
    assert len(set(contents.values())) == 1, contents.keys()
    assert all(is_private(response) for response in answers.values())
    assert smtp_server.to("robot@example.be") == []  # the honeypot sends nothing
    assert len(smtp_server.to("limited@example.be")) == 1
    assert len(smtp_server.to("subscribed@example.be")) == 1


def test_old_marks_are_purged_and_none_shows_an_address_or_a_client(
    client, smtp_server, demo, settings, clock
):
    settings.NEWSROOM_SUBSCRIBE_ADDRESS_HOURS = 24
    settings.NEWSROOM_SUBSCRIBE_CLIENT_MINUTES = 60
    clock.set(NOW)
    subscribe(client, client_ip="192.0.2.1", email="ann@example.be", all_releases="on")
    assert RequestMark.objects.count() == 2  # the client's and the address's
    for mark in RequestMark.objects.all():
        assert "ann" not in mark.key and "192" not in mark.key
    clock.set(NOW + datetime.timedelta(hours=24, seconds=1))
    subscribe(client, client_ip="192.0.2.2", email="bob@example.be", all_releases="on")
    assert RequestMark.objects.filter(at=NOW).count() == 0
    assert RequestMark.objects.count() == 2


def test_a_queue_out_of_reach_is_said_and_not_counted(
    client, smtp_server, demo, settings, monkeypatch
):
    from subscriptions import tasks

    def unreachable(data):
        raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "send_confirmation", unreachable)
    settings.NEWSROOM_SUBSCRIBE_PER_ADDRESS = 1
    response = subscribe(client, email="ann@example.be", all_releases="on")
    assert response.status_code == 503 and response["Retry-After"]
    assert not response.cookies
    monkeypatch.undo()
    assert subscribe(client, email="ann@example.be", all_releases="on").status_code == 200
    assert len(smtp_server.to("ann@example.be")) == 1
