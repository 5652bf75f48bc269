"""The signed links of a subscription: the confirmation (altered or expired), the
preferences with the subscriber's data (export, deletion), and the one-click
unsubscribe of RFC 8058 for subscribers and journalists."""

import json
import re
import time
from datetime import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.publishing import Status
from organizations.models import Organization
from releases.models import Topic
from subscriptions import links
from subscriptions.models import Consent, Subscriber
from tests.conftest import brussels
from tests.subscriptions.helpers import (
    confirmation_path,
    is_private,
    make_subscriber,
    same_origin_post,
    subscribe,
)

pytestmark = pytest.mark.django_db

ONE_CLICK = "List-Unsubscribe=One-Click"
fromisoformat = datetime.fromisoformat


def path_of(url):
    return url.removeprefix("https://newsroom.example.be")


def one_click(client, path):
    """As a mail provider's server posts it (RFC 8058): this body, nothing else, no
    cookie, no Origin, no Sec-Fetch-* header."""
    return client.post(path, ONE_CLICK, content_type="application/x-www-form-urlencoded")


def altered(token):
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


# ---------------------------------------------------------------------------
# Confirmation links.


def test_an_altered_confirmation_link_is_not_found(client, smtp_server, demo):
    subscribe(client, email="ann@example.be", all_releases="on")
    path = confirmation_path(smtp_server.messages[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    bad = reverse("subscriptions:confirm", kwargs={"token": altered(token)})
    assert client.get(bad).status_code == 404
    response = same_origin_post(client, bad)
    assert response.status_code == 404 and is_private(response)
    assert Subscriber.objects.count() == 0


def test_an_expired_confirmation_link_says_so_and_invites_to_subscribe_again(client, demo):
    data = {
        "email": "ann@example.be",
        "language": "nl",
        "all_releases": True,
        "organizations": [],
        "people": [],
        "topics": [],
        "source": "/nl/",
        "requested_at": brussels(2024, 1, 1).isoformat(),
    }
    eight_days_ago = time.time() - 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        path = path_of(links.confirmation_url(data))
    response = client.get(path)
    assert response.status_code == 410 and is_private(response)
    assert reverse("subscriptions:subscribe") in response.text
    assert same_origin_post(client, path).status_code == 410
    assert Subscriber.objects.count() == 0
    six_days_ago = time.time() - 6 * 86400
    with mock.patch("django.core.signing.time.time", return_value=six_days_ago):
        path = path_of(links.confirmation_url(data))
    assert client.get(path).status_code == 200


def test_a_link_of_one_kind_is_not_accepted_as_another(client, demo):
    subscriber = make_subscriber(all_releases=True)
    manage = links.manage_token(subscriber)
    unsubscribe = links.unsubscribe_token(subscriber)
    assert (
        client.get(reverse("subscriptions:unsubscribe", kwargs={"token": manage})).status_code
        == 404
    )
    assert (
        client.get(reverse("subscriptions:manage", kwargs={"token": unsubscribe})).status_code
        == 404
    )
    assert client.get(reverse("subscriptions:confirm", kwargs={"token": manage})).status_code == 404


# ---------------------------------------------------------------------------
# Preferences.


def manage_path(subscriber, name="subscriptions:manage"):
    return reverse(name, kwargs={"token": links.manage_token(subscriber)})


def test_the_preferences_change_the_language_and_the_choices(client, demo, clock):
    spf = demo.issuing_organization
    topic = Topic.objects.get(slug_fr="protection-sociale")
    subscriber = make_subscriber(organizations=[spf])
    page = client.get(manage_path(subscriber))
    assert page.status_code == 200 and is_private(page)
    assert "ann@example.be" in page.text
    assert re.search(rf'name="organizations" value="{spf.pk}"[^>]* checked', page.text)
    now = brussels(2024, 5, 6, 7, 8, 9)
    clock.set(now)
    response = same_origin_post(
        client, manage_path(subscriber), {"language": "de", "topics": [topic.pk]}
    )
    assert response.status_code == 303
    assert response["Location"].endswith("?saved=1")
    subscriber.refresh_from_db()
    assert subscriber.language == "de"
    assert list(subscriber.topics.all()) == [topic]
    assert not subscriber.organizations.exists()
    [consent] = Consent.objects.filter(subscriber=subscriber)
    assert consent.source == "preferences page" and consent.confirmed_at == now
    with translation.override("de"):
        assert consent.choices == {
            "language": "de",
            "all_releases": False,
            "organizations": [],
            "officials": [],
            "topics": [str(topic)],
        }
    assert 'role="status"' in client.get(response["Location"]).text
    # Saving the same again records no new consent.
    same_origin_post(client, manage_path(subscriber), {"language": "de", "topics": [topic.pk]})
    assert Consent.objects.filter(subscriber=subscriber).count() == 1


def test_the_preferences_need_a_choice(client, demo):
    subscriber = make_subscriber(all_releases=True)
    response = same_origin_post(client, manage_path(subscriber), {"language": "fr"})
    assert response.status_code == 400 and 'id="choices-error"' in response.text
    subscriber.refresh_from_db()
    assert subscriber.all_releases


def test_a_choice_no_longer_public_stays_listed_for_its_subscriber_only(client, demo, make_release):
    """Decision: it was public when chosen, and only this subscriber sees it here; it
    may be kept or dropped, never added by anyone else."""
    newcomer = Organization.objects.create(name_fr="ZZNEWCOMER agence", kind="agency")
    release = make_release(issuing_organization=newcomer)
    subscriber = make_subscriber(organizations=[newcomer])
    other = make_subscriber(email="bob@example.be", all_releases=True)
    release.status = Status.WITHDRAWN
    release.withdrawal_reason_fr = "Erreur"
    release.save()
    assert not Organization.objects.public().filter(pk=newcomer.pk).exists()
    assert "ZZNEWCOMER" in client.get(manage_path(subscriber)).text
    assert "ZZNEWCOMER" not in client.get(manage_path(other)).text
    # Kept by its subscriber...
    response = same_origin_post(
        client, manage_path(subscriber), {"language": "fr", "organizations": [newcomer.pk]}
    )
    assert response.status_code == 303
    assert list(subscriber.organizations.all()) == [newcomer]
    # ...refused to anyone else.
    response = same_origin_post(
        client,
        manage_path(other),
        {"language": "fr", "all_releases": "on", "organizations": [newcomer.pk]},
    )
    assert response.status_code == 400 and response.context["form"].errors["organizations"]
    assert not other.organizations.exists()


def test_the_export_is_a_json_file_of_everything_kept(client, smtp_server, demo, clock):
    spf = demo.issuing_organization
    clock.set(brussels(2024, 3, 4, 10, 0, 0))
    subscribe(client, email="ann@example.be", organizations=spf.pk, source="organization")
    clock.set(brussels(2024, 3, 4, 10, 5, 0))
    same_origin_post(client, confirmation_path(smtp_server.messages[0]))
    subscriber = Subscriber.objects.get()
    response = client.get(manage_path(subscriber, "subscriptions:export"))
    assert response.status_code == 200 and is_private(response)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["email"] == "ann@example.be"
    assert data["language"] == "fr" and data["all_releases"] is False
    assert data["organizations"] == [str(spf)]
    asked, given = (fromisoformat(data[key]) for key in ("consent_asked_at", "consent_given_at"))
    assert (asked, given) == (brussels(2024, 3, 4, 10, 0, 0), brussels(2024, 3, 4, 10, 5, 0))
    assert data["source"] == spf.get_absolute_url()
    [consent] = data["consents"]
    assert consent["choices"]["organizations"] == [str(spf)]
    assert data["messages"] == []


def test_delete_forgets_the_subscriber_and_its_links_stop(client, demo):
    subscriber = make_subscriber(all_releases=True)
    manage = manage_path(subscriber)
    delete = manage_path(subscriber, "subscriptions:delete")
    page = client.get(delete)
    assert page.status_code == 200 and Subscriber.objects.exists()  # GET deletes nothing
    response = same_origin_post(client, delete)
    assert response.status_code == 200 and is_private(response)
    assert not Subscriber.objects.exists() and not Consent.objects.exists()
    assert same_origin_post(client, delete).status_code == 410  # twice: gone, not an error
    assert client.get(manage).status_code == 410
    assert client.get(manage_path(subscriber, "subscriptions:export")).status_code == 410


def test_a_bad_preferences_link_is_not_found(client, demo):
    subscriber = make_subscriber(all_releases=True)
    for name in ("subscriptions:manage", "subscriptions:export", "subscriptions:delete"):
        path = reverse(name, kwargs={"token": altered(links.manage_token(subscriber))})
        response = client.get(path)
        assert response.status_code == 404 and is_private(response), name


# ---------------------------------------------------------------------------
# Unsubscribing (RFC 8058).


def test_one_click_unsubscribe_forgets_a_subscriber(client, demo):
    subscriber = make_subscriber(all_releases=True)
    path = path_of(links.unsubscribe_url(subscriber))
    page = client.get(path)
    assert page.status_code == 200 and is_private(page)
    assert 'name="List-Unsubscribe" value="One-Click"' in page.text
    assert Subscriber.objects.exists()  # opening the link changes nothing
    response = one_click(client, path)
    assert response.status_code == 200 and not response.cookies
    assert not Subscriber.objects.exists()
    again = one_click(client, path)
    assert again.status_code == 200
    assert client.get(path).status_code == 200


def test_one_click_unsubscribe_blanks_the_address_in_the_send_log(client, demo, admin_user):
    from distribution.models import Delivery, Sending

    subscriber = make_subscriber(all_releases=True)
    sending = Sending.objects.create(release=demo, created_by=admin_user)
    delivery = Delivery.objects.create(
        sending=sending, subscriber=subscriber, email=subscriber.email, language="fr"
    )
    one_click(client, path_of(links.unsubscribe_url(subscriber)))
    delivery.refresh_from_db()
    assert delivery.email == "" and delivery.subscriber is None


def test_one_click_unsubscribe_marks_a_journalist(client, demo, clock):
    from press_lists.models import Journalist

    journalist = Journalist.objects.create(name="Ann Peeters", email="ann@standaard.be")
    path = path_of(links.unsubscribe_url(journalist))
    assert client.get(path).status_code == 200
    journalist.refresh_from_db()
    assert journalist.unsubscribed_at is None
    first = brussels(2024, 3, 4, 10, 0, 0)
    clock.set(first)
    assert one_click(client, path).status_code == 200
    journalist.refresh_from_db()
    assert journalist.unsubscribed_at == first
    clock.set(brussels(2024, 3, 5, 10, 0, 0))
    assert one_click(client, path).status_code == 200
    journalist.refresh_from_db()
    assert journalist.unsubscribed_at == first  # the first time is kept
    assert Journalist.objects.filter(pk=journalist.pk).exists()  # the press office's list


def test_an_altered_unsubscribe_link_is_not_found(client, demo):
    subscriber = make_subscriber(all_releases=True)
    bad = reverse(
        "subscriptions:unsubscribe", kwargs={"token": altered(links.unsubscribe_token(subscriber))}
    )
    assert one_click(client, bad).status_code == 404
    assert Subscriber.objects.exists()
