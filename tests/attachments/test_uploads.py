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
    from tests.workflow.test_transitions import change_form

    data = change_form(
        release,
        **{
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-0-release": release.pk,
            "images-0-alt_fr": "Photo",
            "images-0-alt_nl": "Foto",
            "images-0-file": upload,
            "images-0-order": "0",
        },
    )
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
def test_crafted_images_are_refused_in_the_admin_with_a_message(client, editor, make_release, case):
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
    assert all(
        ".." not in path and path.startswith(f"images/{image.key}/") for path in stored_files()
    )


def test_gps_and_camera_data_leave_every_file_and_the_photo_is_upright(make_release):
    release = make_release(status=Status.DRAFT)
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


@pytest.mark.parametrize(
    "name,make,ok",
    [
        ("programme.pdf", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", True),
        ("notes.docx", files.docx, True),
        ("archive.zip", files.zip_archive, False),
        ("page.pdf", lambda: b"<html><script>alert(1)</script></html>", False),
        ("setup.exe", lambda: b"MZ\x90\x00" + b"\x00" * 100, False),
        ("cut.pdf", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n", False),
    ],
)
def test_documents_pass_an_allow_list_checked_on_their_content(make_release, name, make, ok):
    from django.core.exceptions import ValidationError

    document = Document(
        release=make_release(), title_fr="Programme", file=SimpleUploadedFile(name, make())
    )
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

    from workflow import transitions as workflow

    release = make_release(status=Status.IN_REVIEW, **complete())
    Image.objects.create(
        release=release, alt_fr="Photo", file=SimpleUploadedFile("p.jpg", files.jpeg())
    )
    with pytest.raises(ValidationError) as error:
        workflow.perform(release, "publish_now", editor, expected_version=release.version)
    assert "Image 1" in str(error.value)


# --- the editor's image upload -----------------------------------------------------------


def test_ckeditor_upload_needs_the_permission_to_add_images(client, db):
    """Anonymous visitors and staff members without the permission are refused."""
    from django.contrib.auth.models import User

    url = reverse("attachments:ckeditor_upload")
    response = client.post(url, {"upload": SimpleUploadedFile("p.jpg", files.jpeg())})
    assert response.status_code == 403 and Image.objects.count() == 0
    client.force_login(User.objects.create_user("helpdesk", password="x", is_staff=True))
    response = client.post(
        url, {"upload": SimpleUploadedFile("p.jpg", files.jpeg())}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403 and Image.objects.count() == 0
    assert response.json()["error"]["message"] == "You may not upload images."


def test_ckeditor_upload_validates_and_stores_under_a_generated_name(client, editor):
    client.force_login(editor)
    url = reverse("attachments:ckeditor_upload")
    response = client.post(url, {"upload": SimpleUploadedFile("../../évil name.jpg", files.jpeg())})
    assert response.status_code == 200
    image = Image.objects.get()
    urls = response.json()["urls"]
    assert urls["default"] == f"/media/images/{image.key}/1024.jpg"
    assert urls["320"] == f"/media/images/{image.key}/320.jpg" and "1200" in urls
    bomb = client.post(
        url,
        {"upload": SimpleUploadedFile("b.png", files.decompression_bomb())},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bomb.status_code == 400 and "megapixels" in bomb.json()["error"]["message"]
    assert Image.objects.count() == 1


def test_ckeditor_upload_checks_csrf(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        reverse("attachments:ckeditor_upload"),
        {"upload": SimpleUploadedFile("p.jpg", files.jpeg())},
    )
    assert response.status_code == 403 and Image.objects.count() == 0


@pytest.mark.parametrize("megapixels", [48, 100])
def test_our_own_pixel_limit_and_pillows_warning_both_refuse(megapixels, make_release):
    from django.core.exceptions import ValidationError

    data = files.png_of(megapixels)
    image = Image(
        release=make_release(status=Status.DRAFT), file=SimpleUploadedFile("big.png", data)
    )
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "megapixels" in str(error.value) or "mégapixels" in str(error.value)
    assert stored_files() == []


def test_a_multi_picture_phone_jpeg_is_accepted(make_release):
    image = Image(
        release=make_release(status=Status.DRAFT), file=SimpleUploadedFile("phone.jpg", files.mpo())
    )
    image.full_clean()
    image.save()
    assert image.file.name.endswith("original.jpg") and image.renditions


def test_a_too_long_image_is_refused_and_leaves_nothing(make_release):
    from django.core.exceptions import ValidationError

    for size in ((1200, 18000), (30000, 1)):
        image = Image(
            release=make_release(status=Status.DRAFT),
            file=SimpleUploadedFile("strip.png", files.png(*size, mode="L")),
        )
        with pytest.raises(ValidationError):
            image.full_clean()
    assert stored_files() == []


def test_jpeg_comments_do_not_survive(make_release):
    data = files.jpeg_with_comment(b"GPS 50.8467N 4.3525E")
    assert b"50.8467N" in data
    image = Image(release=make_release(status=Status.DRAFT), file=SimpleUploadedFile("c.jpg", data))
    image.save()
    for path in image.paths:
        with default_storage.open(path, "rb") as stored:
            assert b"50.8467N" not in stored.read(), path


def test_sixteen_bit_greyscale_keeps_its_tones_in_renditions(make_release):
    image = Image(
        release=make_release(status=Status.DRAFT),
        file=SimpleUploadedFile("g.png", files.png16(value=30000)),
    )
    image.save()
    with default_storage.open(image.renditions[0]["jpeg"], "rb") as stored:
        pixel = PILImage.open(stored).convert("L").getpixel((5, 5))
    assert 100 < pixel < 140  # 30000/65535 of white, not clipped to 255


@pytest.mark.parametrize(
    "name,make",
    [
        ("bomb.odt", files.odt_zip_bomb),
        ("polyglot.pdf", lambda: b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF\n"),
    ],
)
def test_document_zip_bombs_and_polyglots_are_refused(make_release, name, make):
    from django.core.exceptions import ValidationError

    document = Document(release=make_release(), title_fr="X", file=SimpleUploadedFile(name, make()))
    with pytest.raises(ValidationError):
        document.full_clean()


def test_only_one_lead_picture_and_moving_it_works(client, editor, make_release):
    from tests.workflow.test_transitions import change_form

    release = make_release(status=Status.DRAFT, **complete())
    first = Image.objects.create(
        release=release, is_lead=True, file=SimpleUploadedFile("a.jpg", files.jpeg())
    )
    second = Image.objects.create(release=release, file=SimpleUploadedFile("b.jpg", files.jpeg()))
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])

    def rows(lead_first, lead_second):
        data = {"images-TOTAL_FORMS": "2", "images-INITIAL_FORMS": "2"}
        for i, (image, lead) in enumerate(((first, lead_first), (second, lead_second))):
            data.update(
                {
                    f"images-{i}-id": image.pk,
                    f"images-{i}-release": release.pk,
                    f"images-{i}-order": i,
                }
            )
            if lead:
                data[f"images-{i}-is_lead"] = "on"
        return change_form(release, **data)

    both = client.post(url, rows(True, True), HTTP_ACCEPT_LANGUAGE="en")
    assert "Only one image can be the lead picture." in both.content.decode()
    release.refresh_from_db()
    moved = client.post(url, rows(False, True))
    assert moved.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_lead and not first.is_lead


def test_alt_text_stays_required_after_approval(make_release):
    from django.core.exceptions import ValidationError

    release = make_release(**complete())  # approved and live
    image = Image(release=release, alt_fr="Photo", file=SimpleUploadedFile("p.jpg", files.jpeg()))
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "néerlandais" in str(error.value) or "Dutch" in str(error.value)


def test_files_go_when_their_release_is_deleted_or_replaced(make_release):
    release = make_release(status=Status.DRAFT)
    image = Image.objects.create(release=release, file=SimpleUploadedFile("a.jpg", files.jpeg()))
    old = set(image.paths)
    image.file = SimpleUploadedFile("b.jpg", files.jpeg(color=(0, 0, 0)))
    image.save()
    assert not old & set(stored_files()) and set(image.paths) == set(stored_files())
    release.delete()
    assert stored_files() == []
