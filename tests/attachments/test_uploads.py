"""Uploads: refused with a message when they are not what they claim, and cleaned
of their metadata when they are."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from attachments.models import Document, Image
from newsroom.publishing import Status
from tests.attachments import files
from tests.conftest import complete


def stored_files():
    """Every file name in the (in-memory) media storage."""
    found = []

    def walk(path):
        directories, names = default_storage.listdir(path)
        found.extend(f"{path}/{name}".lstrip("/") for name in names)
        for directory in directories:
            walk(f"{path}/{directory}".lstrip("/"))

    for top in ("images", "documents"):
        if default_storage.exists(top):
            walk(top)
    return found


def admin_post(client, release, upload):
    """The release's change form with one new image, as the admin page sends it."""
    from tests.test_workflow import change_form

    data = change_form(release, **{
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
        "images-0-release": release.pk, "images-0-alt_fr": "Photo", "images-0-alt_nl": "Foto",
        "images-0-file": upload, "images-0-order": "0",
    })
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


CRAFTED = {
    "decompression bomb": (files.decompression_bomb, "bomb.png", "megapixels"),
    "PNG header then HTML": (files.png_then_html, "innocent.png", "web page or script"),
    "SVG with script": (files.svg_with_script, "logo.svg", "web page or script"),
    "truncated JPEG": (files.truncated_jpeg, "half.jpg", "truncated or damaged"),
    "JPEG with a ZIP appended": (files.jpeg_with_zip_appended, "gifar.jpg", "extra data"),
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_crafted_images_are_refused_in_the_admin_with_a_message(client, editor, make_release,
                                                                case):
    make, name, message = CRAFTED[case]
    release = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    response = admin_post(client, release, SimpleUploadedFile(name, make()))
    assert response.status_code == 200  # the form again, not a 500
    assert message in response.content.decode()
    assert Image.objects.count() == 0 and stored_files() == []


def test_an_oversized_image_is_refused(client, editor, make_release, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 10_000
    release = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    response = admin_post(client, release, SimpleUploadedFile("big.jpg", files.jpeg()))
    assert "the limit is 9.8" in response.content.decode()
    assert Image.objects.count() == 0 and stored_files() == []


def test_a_client_path_never_becomes_a_stored_path(client, editor, make_release):
    release = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    response = admin_post(client, release, SimpleUploadedFile("../../x.jpg", files.jpeg()))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name == f"images/{image.key}/original.jpg"
    assert all(".." not in path and path.startswith(f"images/{image.key}/")
               for path in stored_files())


def test_gps_and_camera_data_leave_every_file_and_the_photo_is_upright(make_release):
    release = make_release()
    image = Image(release=release, file=SimpleUploadedFile("p.jpg", files.gps_photo()))
    image.full_clean()
    image.save()
    assert (image.width, image.height) == (800, 1200)  # EXIF orientation 6 applied
    assert [r["width"] for r in image.renditions] == [320, 640, 800]  # never upscaled
    for path in image.paths:
        with default_storage.open(path, "rb") as stored:
            data = stored.read()
        decoded = PILImage.open(io.BytesIO(data))
        exif = decoded.getexif()
        assert 0x8825 not in exif and not exif.get_ifd(0x8825), path
        assert 0x010F not in exif and b"SpyCam" not in data, path
        assert decoded.height > decoded.width, path


def test_renditions_have_the_sizes_templates_announce(make_release):
    image = Image(release=make_release(), file=SimpleUploadedFile("p.png", files.png()))
    image.save()
    for rendition in image.renditions:
        for kind, fmt in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with default_storage.open(rendition[kind], "rb") as stored:
                decoded = PILImage.open(stored)
                assert decoded.format == fmt
                assert decoded.size == (rendition["width"], rendition["height"])


@pytest.mark.parametrize("name,make,ok", [
    ("programme.pdf", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", True),
    ("notes.docx", files.docx, True),
    ("archive.zip", files.zip_archive, False),
    ("page.pdf", lambda: b"<html><script>alert(1)</script></html>", False),
    ("setup.exe", lambda: b"MZ\x90\x00" + b"\x00" * 100, False),
    ("cut.pdf", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n", False),
])
def test_documents_pass_an_allow_list_checked_on_their_content(make_release, name, make, ok):
    from django.core.exceptions import ValidationError

    document = Document(release=make_release(), title_fr="Programme",
                        file=SimpleUploadedFile(name, make()))
    if ok:
        document.full_clean()
        document.save()
        assert document.file.name.startswith(f"documents/{document.key}/programme.")
        assert document.size == len(make()) and document.kind in ("PDF", "Word")
    else:
        with pytest.raises(ValidationError):
            document.full_clean()
        assert stored_files() == []


def test_parity_gate_requires_alt_text_in_the_required_languages(make_release, editor):
    from django.core.exceptions import ValidationError

    from newsroom import workflow

    release = make_release(status=Status.IN_REVIEW, **complete())
    Image.objects.create(release=release, alt_fr="Photo",
                         file=SimpleUploadedFile("p.jpg", files.jpeg()))
    with pytest.raises(ValidationError) as error:
        workflow.perform(release, "publish_now", editor)
    assert "Image 1" in str(error.value)


# --- the editor's image upload -----------------------------------------------------------

def test_ckeditor_upload_is_for_staff_only(client, db):
    url = reverse("attachments:ckeditor_upload")
    response = client.post(url, {"upload": SimpleUploadedFile("p.jpg", files.jpeg())})
    assert response.status_code == 302 and Image.objects.count() == 0


def test_ckeditor_upload_validates_and_stores_under_a_generated_name(client, editor):
    client.force_login(editor)
    url = reverse("attachments:ckeditor_upload")
    response = client.post(url, {"upload": SimpleUploadedFile("../../évil name.jpg",
                                                              files.jpeg())})
    assert response.status_code == 200
    image = Image.objects.get()
    assert response.json()["url"] == f"/media/images/{image.key}/1024.jpg"
    bomb = client.post(url, {"upload": SimpleUploadedFile("b.png", files.decompression_bomb())},
                       HTTP_ACCEPT_LANGUAGE="en")
    assert bomb.status_code == 400 and "megapixels" in bomb.json()["error"]["message"]
    assert Image.objects.count() == 1


def test_ckeditor_upload_checks_csrf(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("attachments:ckeditor_upload"),
                           {"upload": SimpleUploadedFile("p.jpg", files.jpeg())})
    assert response.status_code == 403 and Image.objects.count() == 0
