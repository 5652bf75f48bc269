"""Seeing unpublished content needs the model's view permission, not a staff flag: a
staff member with no group gets exactly what an anonymous visitor gets."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attachments.models import Document, Image
from newsroom.publishing import Status
from organizations.models import Appointment, Organization, Person, Role
from releases.models import Quote
from tests.attachments import files
from tests.conftest import complete
from tests.public import url_in

STATES = {
    "draft": (Status.DRAFT, None),
    "in review": (Status.IN_REVIEW, None),
    "scheduled": (Status.APPROVED, datetime.timedelta(days=2)),
}


@pytest.fixture
def unpublished(make_release, make_event):
    """Per state, a release with an image and a document, an event, and an
    organization and an official that only they name."""

    def make(state):
        status, offset = STATES[state]
        publish_at = timezone.now() + offset if offset else None
        secret = Organization.objects.create(name_fr=f"Agence {state}", kind="agency")
        person = Person.objects.create(first_name="Futur", last_name=f"Ministre {state}")
        role = Role.objects.create(title_fr="Ministre", organization=secret)
        appointment = Appointment.objects.create(
            person=person, role=role, started_on=datetime.date(2014, 1, 1)
        )
        release = make_release(
            status=status, publish_at=publish_at, issuing_organization=secret, **complete()
        )
        Quote.objects.create(release=release, appointment=appointment, text_fr="Oui.")
        image = Image(
            release=release,
            alt_fr="Photo",
            alt_nl="Foto",
            file=SimpleUploadedFile("p.jpg", files.jpeg()),
        )
        image.save()
        document = Document(
            release=release,
            title_fr="Programme",
            language="fr",
            file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
        document.save()
        event = make_event(status=status, publish_at=publish_at)
        return {
            "release page": url_in(release, "fr"),
            "press kit": url_in(release, "fr", "releases:press_kit"),
            "image": default_storage.url(image.fallback()["jpeg"]),
            "original image": default_storage.url(image.file.name),
            "document": default_storage.url(document.file.name),
            "event page": url_in(event, "fr"),
            "event calendar": url_in(event, "fr", "events:calendar"),
            "organization page": url_in(secret, "fr"),
            "organization feed": url_in(secret, "fr", "organizations:feed_rss"),
            "official page": url_in(person, "fr"),
        }

    return make


@pytest.fixture
def helpdesk(db):
    """Someone given admin access for another purpose: staff, no group, no permission."""
    return User.objects.create_user("helpdesk", password="x", is_staff=True)


@pytest.mark.parametrize("state", list(STATES))
def test_a_staff_member_without_the_view_permission_sees_what_the_public_sees(
    client, unpublished, helpdesk, press_officer, editor, state
):
    urls = unpublished(state)
    anonymous = {name: client.get(url) for name, url in urls.items()}
    # The organization feed follows public organizations only, for everyone.
    assert {name: r.status_code for name, r in anonymous.items()} == dict.fromkeys(urls, 404)
    client.force_login(helpdesk)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 404, name
        assert response.content == anonymous[name].content, name
    for user in (press_officer, editor):
        client.force_login(user)
        for name, url in urls.items():
            expected = 404 if name == "organization feed" else 200
            response = client.get(url)
            assert response.status_code == expected, (user, name)
            if expected == 200:
                assert "no-store" in response["Cache-Control"], name


def test_the_view_permission_of_the_model_itself_is_what_counts(client, unpublished, helpdesk):
    """Granting a staff member the view permission of releases alone opens release
    previews, not the event's or the file's (images need their own)."""
    from django.contrib.auth.models import Permission

    urls = unpublished("draft")
    helpdesk.user_permissions.add(Permission.objects.get(codename="view_pressrelease"))
    client.force_login(helpdesk)
    assert client.get(urls["release page"]).status_code == 200
    assert client.get(urls["event page"]).status_code == 404
    assert client.get(urls["image"]).status_code == 404
    helpdesk.user_permissions.add(Permission.objects.get(codename="view_image"))
    assert client.get(urls["image"]).status_code == 200
