"""No side channel about unpublished work: the public validators change only when
something the public sees changes, and no header of a public page reveals when a
hidden release goes live."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from attachments.models import Image
from newsroom.publishing import State, Status
from organizations.models import Appointment
from releases.models import PressRelease, Topic
from tests.attachments import files
from tests.conftest import brussels, complete
from tests.forms import form_data
from tests.public import LANGUAGES, demo_urls, feed_urls, reverse_in, url_in
from workflow import transitions as workflow

NOW = brussels(2019, 3, 4, 10, 17, 23)  # the demo minister is in office
HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary", "Age")


def public_pages(demo):
    urls = []
    for language in LANGUAGES:
        urls += [
            *demo_urls(demo, language).values(),
            *feed_urls(demo, language).values(),
            reverse_in("events:upcoming_calendar", language),
        ]
    return urls + [
        "/sitemap.xml",
        "/sitemap-releases.xml",
        "/sitemap-organizations.xml",
        "/sitemap-officials.xml",
        "/robots.txt",
    ]


def snapshot(client, urls):
    """Every public page's status and cache headers, as an anonymous reader gets them."""
    client.logout()
    seen = {}
    for url in urls:
        response = client.get(url)
        seen[url] = (
            response.status_code,
            {name: response.get(name) for name in HEADERS if name in response},
        )
    return seen


def add_draft(client, press_officer, demo):
    """A press officer writes a draft in the admin's add form, naming public things."""
    client.force_login(press_officer)
    url = reverse("admin:releases_pressrelease_add")
    data = form_data(client.get(url).content.decode(), "pressrelease_form")
    data.update(
        {
            "title_fr": ["Nouvelle réforme"],
            "lead_fr": ["Chapeau"],
            "body_fr": ["<p>Texte</p>"],
            **{key: [value] for key, value in complete().items()},
            "issuing_organization": [str(demo.issuing_organization_id)],
            "related_organizations": [str(o.pk) for o in demo.related_organizations.all()],
            "topics": [str(t.pk) for t in demo.topics.all()],
            "quotes-TOTAL_FORMS": ["1"],
            "quotes-0-appointment": [str(demo.quotes.first().appointment_id)],
            "quotes-0-text_fr": ["Bien."],
            "quotes-0-order": ["0"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return PressRelease.objects.get(title_fr="Nouvelle réforme")


def test_drafts_reviews_and_schedules_leave_every_public_validator_unchanged(
    client, clock, demo, press_officer, editor
):
    clock.set(NOW)
    urls = public_pages(demo)
    before = snapshot(client, urls)
    # A draft, with a new topic and a picture, saved twice; submitted; scheduled.
    release = add_draft(client, press_officer, demo)
    secret = Topic.objects.create(name_fr="Sujet secret")
    release.topics.add(secret)
    secret.name_fr = "Sujet secret renommé"  # only the draft names it
    secret.save()
    Appointment.objects.create(
        person=demo.quotes.first().appointment.person,
        role=demo.quotes.first().appointment.role,
        started_on=datetime.date(2019, 12, 1),
    )  # a future term
    image = Image(
        release=release,
        alt_fr="Photo",
        alt_nl="Foto",
        file=SimpleUploadedFile("p.jpg", files.jpeg()),
    )
    image.save()
    client.force_login(press_officer)
    change = reverse("admin:releases_pressrelease_change", args=[release.pk])
    data = form_data(client.get(change).content.decode(), "pressrelease_form")
    data["lead_fr"] = ["Chapeau revu"]
    data["lead_nl"] = ["Inleiding herzien"]  # translated with it: nothing behind at approval
    assert client.post(change, data).status_code == 302
    release.refresh_from_db()
    workflow.perform(release, "submit", press_officer, expected_version=release.version)
    workflow.perform(
        release,
        "schedule",
        editor,
        expected_version=release.version,
        publish_at=NOW + datetime.timedelta(days=2, seconds=17),
    )
    release.embargo_links.create(journalist_name="Ann", email="ann@example.be")
    assert release.state == State.SCHEDULED
    assert snapshot(client, urls) == before

    # Publishing is something the public sees: every validator moves.
    workflow.perform(release, "publish_now", editor, expected_version=release.version)
    after = snapshot(client, urls)
    assert sum("ETag" in headers for _status, headers in before.values()) > len(urls) / 2
    for url in urls:
        if "ETag" in before[url][1]:
            assert after[url][1]["ETag"] != before[url][1]["ETag"], url


@pytest.mark.parametrize("max_age", [60, 600])
@pytest.mark.parametrize("offset", [0, 29, 537])
def test_no_header_reveals_when_a_hidden_release_goes_live(
    client, clock, settings, demo, make_release, editor, max_age, offset
):
    """A positive max-age follows a fixed grid: the headers are the same with and
    without a release scheduled in a few seconds, and give no instant of it."""
    settings.NEWSROOM_CACHE_MAX_AGE = max_age
    clock.set(NOW + datetime.timedelta(seconds=offset))
    hidden = make_release(status=Status.IN_REVIEW, title_fr="Embargo", **complete())
    urls = [*public_pages(demo), url_in(hidden, "fr")]
    before = snapshot(client, urls)
    go_live = timezone.now() + datetime.timedelta(seconds=7.25)
    workflow.perform(
        hidden, "schedule", editor, expected_version=hidden.version, publish_at=go_live
    )
    after = snapshot(client, urls)
    assert after == before
    expected = max_age - (timezone.now().timestamp() % max_age)
    checked = 0
    for url, (_status, headers) in after.items():
        control = headers.get("Cache-Control", "")
        if "public" in control and "max-age=0" not in control:
            seconds = int(control.split("max-age=")[1].split(",")[0])
            assert seconds == int(expected) - 1, (url, control)
            checked += 1
    assert checked > len(urls) / 2


def test_a_release_scheduled_on_the_grid_is_seen_at_its_second(
    client, clock, settings, demo, make_release, editor
):
    """With max-age 60, a release scheduled at a whole minute: no copy made before the
    minute outlives it."""
    settings.NEWSROOM_CACHE_MAX_AGE = 60
    clock.set(brussels(2019, 3, 4, 10, 17, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    go_live = brussels(2019, 3, 4, 10, 18)
    workflow.perform(
        release, "schedule", editor, expected_version=release.version, publish_at=go_live
    )
    for second in (1, 30, 59):
        clock.set(brussels(2019, 3, 4, 10, 17, second))
        response = client.get(reverse_in("releases:list", "fr"))
        max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
        assert timezone.now().timestamp() + max_age < go_live.timestamp()
