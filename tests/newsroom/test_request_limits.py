"""Too big or too full requests get a clear answer (413/400 with a message), never a 500;
uploads within the limits still work, including those spooled to a temporary file."""

import io
import logging
import os

import pytest
from django.conf import settings as project_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from attachments.models import Image
from newsroom.publishing import Status
from tests.attachments import files
from tests.attachments.test_uploads import admin_post
from tests.conftest import complete

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def noisy_png(side):
    """A PNG that does not compress: about 3 bytes a pixel."""
    image = PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_default_limits_fit_the_upload_limits():
    """A document of the maximum size, with its form around it, fits in a request."""
    largest = max(
        project_settings.NEWSROOM_MAX_IMAGE_BYTES, project_settings.NEWSROOM_MAX_DOCUMENT_BYTES
    )
    assert project_settings.NEWSROOM_MAX_REQUEST_BYTES >= largest + 5 * MiB
    assert project_settings.FILE_UPLOAD_MAX_MEMORY_SIZE < project_settings.NEWSROOM_MAX_IMAGE_BYTES


def test_a_public_post_with_too_much_text_is_413_with_a_message(client):
    """Form text above DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB), sent to a public URL."""
    response = client.post(
        reverse("set_language"),
        {"language": "nl", "next": "/", "padding": "x" * (6 * MiB)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "This request is too large: at most 5.0" in text and "Request refused" in text
    assert "Content-Security-Policy" in response


def test_the_message_is_in_the_readers_language(client):
    response = client.post(
        reverse("set_language"), {"padding": "x" * (6 * MiB)}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 413
    assert "Dit verzoek is te groot" in response.content.decode()


def test_an_oversized_body_is_refused_before_it_is_read(
    client, editor, make_release, settings, caplog
):
    """Above NEWSROOM_MAX_REQUEST_BYTES the admin answers 413 from Content-Length, and
    the operator sees why in the log."""
    settings.NEWSROOM_MAX_REQUEST_BYTES = 1 * MiB
    release = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = admin_post(
            client, release, SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * MiB))
        )
    assert response.status_code == 413
    assert "at most 1.0" in response.content.decode()
    assert Image.objects.count() == 0
    assert "NEWSROOM_MAX_REQUEST_BYTES" in caplog.text


def test_the_editors_image_button_gets_a_json_message(client, editor, settings):
    """CKEditor shows the "error.message" of a JSON answer under the editor."""
    settings.NEWSROOM_MAX_REQUEST_BYTES = 1 * MiB
    client.force_login(editor)
    response = client.post(
        reverse("attachments:ckeditor_upload"),
        {"upload": SimpleUploadedFile("big.jpg", b"0" * (2 * MiB))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert "too large" in response.json()["error"]["message"]


def test_too_many_fields_is_400_with_a_message(client, editor):
    client.force_login(editor)
    data = {f"field{n}": "x" for n in range(project_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(
        reverse("admin:releases_pressrelease_add"), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "too many fields" in response.content.decode()


def test_other_bad_requests_stay_djangos(client):
    response = client.get("/fr/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "Bad Request" in response.content.decode()


def test_an_upload_within_the_limits_works_even_through_a_temporary_file(client, editor):
    """A 4 MB picture is above FILE_UPLOAD_MAX_MEMORY_SIZE (written to a temporary file
    while it arrives) and below every limit: it is accepted and processed."""
    photo = noisy_png(1200)
    assert project_settings.FILE_UPLOAD_MAX_MEMORY_SIZE < len(photo) < 6 * MiB
    client.force_login(editor)
    response = client.post(
        reverse("attachments:ckeditor_upload"), {"upload": SimpleUploadedFile("photo.png", photo)}
    )
    assert response.status_code == 200, response.content
    assert "/media/images/" in response.json()["urls"]["default"]


def test_an_admin_upload_just_below_the_request_limit_works(client, editor, make_release, settings):
    photo = files.jpeg()
    settings.NEWSROOM_MAX_REQUEST_BYTES = len(photo) + 64 * 1024  # the file plus its form
    release = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    response = admin_post(client, release, SimpleUploadedFile("photo.jpg", photo))
    assert response.status_code == 302
    assert Image.objects.filter(release=release).count() == 1
