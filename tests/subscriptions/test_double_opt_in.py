"""Subscribing is a double opt-in: the form sends a confirmation e-mail (read here from
a real SMTP server) and stores nothing; the subscription exists once its owner opens
the link and presses the button; a later request for the same address adds to it."""

import datetime
import re

import html5lib
import pytest
from django.urls import reverse

from organizations.models import Organization, Person
from releases.models import Topic
from subscriptions.models import Consent, RequestMark, Subscriber
from tests.conftest import brussels
from tests.public import reverse_in, url_in
from tests.smtp import parts
from tests.subscriptions.helpers import (
    confirmation_path,
    is_private,
    links_in,
    make_subscriber,
    same_origin_post,
    subscribe,
)

pytestmark = pytest.mark.django_db

ASKED_AT = brussels(2024, 3, 4, 10, 15, 30)
CONFIRMED_AT = brussels(2024, 3, 4, 10, 20, 0)


def test_from_the_form_to_the_subscription_nothing_is_stored_until_the_button(
    client, smtp_server, demo, clock
):
    belincosoc = Organization.objects.get(slug_fr="belincosoc")
    clock.set(ASKED_AT)
    # The small form of the organization's Dutch page.
    response = subscribe(
        client,
        "nl",
        email=" Ann.Peeters@Example.BE ",
        organizations=belincosoc.pk,
        source="organization",
    )
    assert response.status_code == 200
    assert Subscriber.objects.count() == 0 and Consent.objects.count() == 0
    # The rate limiter's marks name neither the address nor the client.
    for mark in RequestMark.objects.all():
        assert len(mark.key) == 64 and "ann" not in mark.key and "192.0.2" not in mark.key

    [message] = smtp_server.messages
    assert message.recipients == ["ann.peeters@example.be"]
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "nl"
    text, html = parts(message)
    assert '<html lang="nl">' in html
    assert "<img" not in html and "src=" not in html and "<link" not in html
    html5lib.HTMLParser(strict=True).parse(html)
    assert "BELINCOSOC" in text and "BELINCOSOC" in html
    path = confirmation_path(message)
    assert path.startswith("/nl/")

    # Opening the link (as a mail scanner would) shows what is asked, stores nothing.
    page = client.get(path)
    assert page.status_code == 200 and is_private(page)
    assert '<meta name="robots" content="noindex' in page.text
    assert "ann.peeters@example.be" in page.text and "BELINCOSOC" in page.text
    assert '<html lang="nl">' in page.text
    assert Subscriber.objects.count() == 0

    # The button stores it, with both consent times and the page it was asked on.
    clock.set(CONFIRMED_AT)
    response = same_origin_post(client, path)
    assert response.status_code == 303 and is_private(response)
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ann.peeters@example.be"
    assert subscriber.language == "nl" and not subscriber.all_releases
    assert list(subscriber.organizations.all()) == [belincosoc]
    assert subscriber.requested_at == ASKED_AT
    assert subscriber.confirmed_at == CONFIRMED_AT
    assert subscriber.source == url_in(belincosoc, "nl")
    [consent] = subscriber.consents.all()
    assert (consent.requested_at, consent.confirmed_at) == (ASKED_AT, CONFIRMED_AT)
    assert consent.choices["organizations"] == [str(belincosoc)]
    # It leads to the preferences, which say it is confirmed.
    preferences = client.get(response["Location"])
    assert preferences.status_code == 200
    assert preferences.resolver_match.view_name == "subscriptions:manage"
    assert 'role="status"' in preferences.text


@pytest.mark.parametrize(
    "source,choice,expected",
    [
        ("home", {"all_releases": "on"}, lambda: reverse_in("home", "fr")),
        (
            "official",
            {"people": lambda: Person.objects.get(slug="maggie-de-block").pk},
            lambda: url_in(Person.objects.get(slug="maggie-de-block"), "fr"),
        ),
        (
            "releases",
            {"topics": lambda: Topic.objects.get(slug_fr="protection-sociale").pk},
            lambda: reverse_in("releases:list", "fr") + "?topic=protection-sociale",
        ),
        ("page", {"all_releases": "on"}, lambda: reverse_in("subscriptions:subscribe", "fr")),
        ("made-up", {"all_releases": "on"}, lambda: reverse_in("subscriptions:subscribe", "fr")),
    ],
)
def test_the_source_is_the_page_the_form_was_on(
    client, smtp_server, demo, source, choice, expected
):
    data = {key: value() if callable(value) else value for key, value in choice.items()}
    subscribe(client, email="ann@example.be", source=source, **data)
    same_origin_post(client, confirmation_path(smtp_server.messages[0]))
    assert Subscriber.objects.get().source == expected()


def test_the_message_is_in_the_language_asked_for_not_the_pages(client, smtp_server, demo):
    subscribe(client, "fr", email="ann@example.be", all_releases="on", language="de")
    [message] = smtp_server.messages
    text, html = parts(message)
    assert '<html lang="de">' in html and message["Content-Language"] == "de"
    assert confirmation_path(message).startswith("/de/")
    assert "Deutsch" in text


def test_a_second_request_adds_its_choices_and_keeps_the_first_consent(
    client, smtp_server, demo, clock
):
    spf = demo.issuing_organization
    topic = Topic.objects.get(slug_fr="protection-sociale")
    clock.set(ASKED_AT)
    subscribe(client, email="ann@example.be", organizations=spf.pk, source="organization")
    clock.set(CONFIRMED_AT)
    first = confirmation_path(smtp_server.messages[0])
    same_origin_post(client, first)
    later = CONFIRMED_AT + datetime.timedelta(days=3)
    clock.set(later)
    subscribe(client, "nl", email="ANN@example.be", topics=topic.pk, source="releases")
    second_message = smtp_server.messages[1]
    # The address is subscribed: the message also gives its preferences link.
    assert len(links_in(second_message, "subscriptions:manage")) == 1
    same_origin_post(client, confirmation_path(second_message))
    subscriber = Subscriber.objects.get()
    assert list(subscriber.organizations.all()) == [spf]
    assert list(subscriber.topics.all()) == [topic]
    assert subscriber.language == "nl"  # the latest request says the language
    assert (subscriber.requested_at, subscriber.confirmed_at) == (ASKED_AT, CONFIRMED_AT)
    assert [c.confirmed_at for c in subscriber.consents.all()] == [CONFIRMED_AT, later]
    # The same link pressed again adds nothing.
    same_origin_post(client, first)
    assert subscriber.consents.count() == 2


def test_all_releases_stays_on_once_chosen(client, smtp_server, demo):
    subscribe(client, email="ann@example.be", all_releases="on")
    same_origin_post(client, confirmation_path(smtp_server.messages[0]))
    subscribe(client, email="ann@example.be", topics=Topic.objects.public().first().pk)
    same_origin_post(client, confirmation_path(smtp_server.messages[1]))
    subscriber = Subscriber.objects.get()
    assert subscriber.all_releases and subscriber.topics.count() == 1


def test_a_confirmation_for_a_deleted_subscription_makes_a_new_one_with_new_links(
    client, smtp_server, demo
):
    from subscriptions import gdpr, links

    old = make_subscriber(all_releases=True)
    old_manage = links.manage_token(old)
    gdpr.forget(old)
    subscribe(client, email="ann@example.be", all_releases="on")
    same_origin_post(client, confirmation_path(smtp_server.messages[0]))
    new = Subscriber.objects.get()
    assert (
        client.get(reverse("subscriptions:manage", kwargs={"token": old_manage})).status_code == 410
    )
    assert links.read_manage_token(old_manage) is None
    assert links.read_manage_token(links.manage_token(new)) == new


def test_what_is_no_longer_public_is_not_subscribed_on_confirmation(
    client, smtp_server, demo, clock
):
    from newsroom.publishing import Status

    belincosoc = Organization.objects.get(slug_fr="belincosoc")
    subscribe(client, email="ann@example.be", organizations=belincosoc.pk)
    path = confirmation_path(smtp_server.messages[0])
    demo.status = Status.WITHDRAWN
    demo.withdrawal_reason_fr = "Erreur"
    demo.save()
    assert not Organization.objects.public().filter(pk=belincosoc.pk).exists()
    response = client.get(path)
    assert response.status_code == 410
    assert same_origin_post(client, path).status_code == 410
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_confirmation_is_in_each_language_with_its_lang_and_nothing_remote(
    client, smtp_server, demo, language
):
    subscribe(client, language, email="ann@example.be", all_releases="on")
    [message] = smtp_server.messages
    text, html = parts(message)
    html5lib.HTMLParser(strict=True).parse(html)
    assert f'<html lang="{language}">' in html and message["Content-Language"] == language
    assert "<img" not in html and "src=" not in html and "<link" not in html
    assert not re.search(r'href="(?!https://newsroom\.example\.be/)', html)
    assert confirmation_path(message).startswith(f"/{language}/")
