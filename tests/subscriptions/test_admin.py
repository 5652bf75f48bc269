"""The subscribers in the admin: a read-only list for editors, their data exported and
deleted at their request (the deletion blanks their address in the send log too);
being staff alone opens nothing."""

import json

import pytest
from django.urls import reverse

from organizations.models import Person
from releases.models import Topic
from subscriptions.models import Subscriber
from tests.conftest import brussels, staff_user
from tests.subscriptions.helpers import make_subscriber

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:subscriptions_subscriber_changelist"


@pytest.fixture
def subscribers(demo):
    ann = make_subscriber("ann@example.be", "nl", organizations=[demo.issuing_organization])
    bob = make_subscriber("bob@example.be", "fr", all_releases=True)
    ann.confirmed_at = brussels(2024, 7, 1, 9, 30, 0)
    ann.save()
    return ann, bob


def test_editors_see_the_subscribers_with_their_consent_in_brussels_time(
    client, subscribers, editor
):
    client.force_login(editor)
    response = client.get(reverse(CHANGELIST), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.text
    assert "ann@example.be" in html and "bob@example.be" in html
    assert "01/07/2024 09:30 CEST" in html
    assert "/fr/" in html  # the source
    assert str(subscribers[0].organizations.get()) in html
    # Read only: no add, no change form to save.
    assert client.get(reverse("admin:subscriptions_subscriber_add")).status_code == 403
    change = reverse("admin:subscriptions_subscriber_change", args=[subscribers[0].pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.post(change, {"email": "x@example.be"}).status_code == 403
    # Search and filters.
    found = client.get(reverse(CHANGELIST) + "?q=ann").context["cl"].result_list
    assert list(found) == [subscribers[0]]
    filtered = client.get(reverse(CHANGELIST) + "?language__exact=fr").context["cl"].result_list
    assert list(filtered) == [subscribers[1]]


def test_the_list_costs_the_same_queries_for_more_subscribers(client, subscribers, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        return len(captured)

    before = count()
    for n in range(5):
        make_subscriber(
            f"more{n}@example.be", topics=Topic.objects.all()[:2], people=Person.objects.all()[:1]
        )
    assert count() == before


def test_editors_export_the_selected_subscribers_data(client, subscribers, editor):
    client.force_login(editor)
    ann, bob = subscribers
    response = client.post(
        reverse(CHANGELIST),
        {"action": "export_selected", "_selected_action": [ann.pk, bob.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert sorted(item["email"] for item in data) == ["ann@example.be", "bob@example.be"]
    assert all("consent_given_at" in item and "messages" in item for item in data)


def test_editors_delete_through_the_right_to_be_forgotten(client, subscribers, editor, admin_user):
    from distribution.models import Delivery, Sending
    from releases.models import PressRelease

    ann, bob = subscribers
    sending = Sending.objects.create(release=PressRelease.objects.get(), created_by=admin_user)
    delivery = Delivery.objects.create(
        sending=sending, subscriber=ann, email=ann.email, language="nl"
    )
    client.force_login(editor)
    response = client.post(
        reverse("admin:subscriptions_subscriber_delete", args=[ann.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.email == "" and delivery.subscriber is None
    response = client.post(
        reverse(CHANGELIST),
        {"action": "delete_selected", "_selected_action": [bob.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    # The admin's own log of the deletions names nobody.
    from django.contrib.admin.models import DELETION, LogEntry

    logged = LogEntry.objects.filter(action_flag=DELETION)
    assert sorted(logged.values_list("object_repr", flat=True)) == sorted(
        [f"#{ann.pk}", f"#{bob.pk}"]
    )
    assert not LogEntry.objects.filter(object_repr__contains="@").exists()


def test_staff_without_the_permission_open_nothing(client, subscribers):
    staff = staff_user("officer", "Press officers")
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    change = reverse("admin:subscriptions_subscriber_change", args=[subscribers[0].pk])
    assert client.get(change).status_code == 403
    response = client.post(
        reverse(CHANGELIST),
        {"action": "export_selected", "_selected_action": [subscribers[0].pk]},
    )
    assert response.status_code == 403
    delete = reverse("admin:subscriptions_subscriber_delete", args=[subscribers[0].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Subscriber.objects.count() == 2
    assert "ann@example.be" not in client.get(reverse("admin:index")).text


def test_a_staff_flag_alone_opens_nothing(client, subscribers):
    from django.contrib.auth.models import User

    flagged = User.objects.create_user("flag", password="x", is_staff=True)
    client.force_login(flagged)
    assert client.get(reverse(CHANGELIST)).status_code == 403
