"""What may be subscribed to: only what the site shows. Nothing unpublished is listed,
and an id of it posted by hand is refused exactly like an unknown one."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.publishing import Status
from organizations.models import Organization, Person
from releases.models import Topic
from tests.subscriptions.helpers import subscribe, subscribe_url

pytestmark = pytest.mark.django_db

MARKER = "ZZSECRETORG"


@pytest.fixture
def secret(demo, make_release):
    """An organization and a topic that only a draft release names."""
    organization = Organization.objects.create(name_fr=f"{MARKER} agence", kind="agency")
    topic = Topic.objects.create(name_fr=f"{MARKER} thème")
    draft = make_release(status=Status.DRAFT, issuing_organization=organization)
    draft.topics.add(topic)
    return organization, topic


def error_for(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_the_page_lists_every_public_choice_and_nothing_unpublished(client, demo, secret):
    html = client.get(subscribe_url()).text
    for organization in Organization.objects.public():
        assert f'value="{organization.pk}"' in html
    for person in Person.objects.public():
        assert str(person) in html
    for topic in Topic.objects.public():
        assert str(topic) in html
    assert MARKER not in html
    organization, topic = secret
    assert f'name="organizations" value="{organization.pk}"' not in html


def test_an_unpublished_choice_is_refused_like_an_unknown_one(client, smtp_server, demo, secret):
    organization, topic = secret
    unknown = 999_999
    for field, value in (("organizations", organization.pk), ("topics", topic.pk)):
        refused = subscribe(client, email="ann@example.be", **{field: value})
        unknown_answer = subscribe(client, email="ann@example.be", **{field: unknown})
        assert refused.status_code == unknown_answer.status_code == 400
        assert error_for(refused, field) == [
            message.replace(str(unknown), str(value))
            for message in error_for(unknown_answer, field)
        ]
        assert error_for(refused, field)  # refused, not ignored
        assert MARKER not in refused.text
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    "value", ["abc", "-1", "99999999999999999999999999", "1e309", "%00", "1 OR 1=1", ""]
)
def test_a_hostile_id_is_refused_with_a_400(client, smtp_server, demo, value):
    response = subscribe(client, email="ann@example.be", organizations=[value, "1"])
    assert response.status_code == 400
    assert smtp_server.messages == []


def test_too_many_ids_are_refused(client, smtp_server, demo):
    response = subscribe(client, email="ann@example.be", topics=[str(n) for n in range(600)])
    assert error_for(response, "topics") and smtp_server.messages == []


def test_nothing_chosen_is_explained_next_to_the_choices(client, smtp_server, demo):
    response = subscribe(client, "nl", email="ann@example.be")
    assert response.status_code == 400 and smtp_server.messages == []
    html = response.text
    assert 'aria-describedby="choices-error"' in html and 'id="choices-error"' in html
    # What was typed stays in the form.
    assert 'value="ann@example.be"' in html and '<html lang="nl">' in html


def test_a_bad_address_is_explained_next_to_its_field(client, smtp_server, demo):
    response = subscribe(client, email="not an address", all_releases="on")
    html = response.text
    assert 'aria-invalid="true"' in html and 'id="id_email_error"' in html
    assert smtp_server.messages == []


def test_the_more_choices_link_preselects_the_pages_choice(client, demo, secret):
    belincosoc = Organization.objects.get(slug_fr="belincosoc")
    html = client.get(subscribe_url() + "?organization=belincosoc").text
    [checked] = re.findall(
        r'<input type="checkbox" name="organizations" value="(\d+)"[^>]* checked', html
    )
    assert checked == str(belincosoc.pk)
    topic = Topic.objects.get(slug_fr="protection-sociale")
    html = client.get(subscribe_url() + "?topic=protection-sociale").text
    assert re.search(rf'name="topics" value="{topic.pk}"[^>]* checked', html)
    # An unpublished or unknown one is a 404, as in the release list.
    organization, _topic = secret
    assert client.get(subscribe_url() + f"?organization={organization.slug_fr}").status_code == 404
    assert client.get(subscribe_url() + "?official=nobody").status_code == 404


def test_the_page_costs_the_same_queries_whatever_the_number_of_choices(client, demo, make_release):
    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(subscribe_url())
        assert response.status_code == 200
        return len(captured), response.text.count('name="organizations"')

    def add(n):
        for i in range(n):
            organization = Organization.objects.create(name_fr=f"Organisation {i}", kind="agency")
            release = make_release(
                issuing_organization=organization,
                publish_at=timezone.now() - datetime.timedelta(hours=1),
            )
            release.topics.add(Topic.objects.create(name_fr=f"Thème {organization.pk}"))

    add(1)
    before, shown_before = count()
    add(5)
    after, shown_after = count()
    assert shown_after == shown_before + 5
    assert after == before
    assert before <= 10
