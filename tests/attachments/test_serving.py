"""Files are private until their release is live, and served without processing."""

import datetime
import io
import zipfile

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attachments.models import Image
from releases.models import EmbargoLink
from tests.attachments import files
from tests.conftest import brussels, complete
from tests.public import url_in


def urls_of(image, document):
    return [default_storage.url(path) for path in image.paths] + [
        default_storage.url(document.file.name)
    ]


def test_files_of_a_scheduled_release_are_404_before_go_live_and_200_after(
    client, clock, scheduled
):
    release, image, document = scheduled
    before = {path: default_storage.open(path).read() for path in image.paths}
    clock.set(release.publish_at - datetime.timedelta(seconds=1))
    for url in urls_of(image, document):
        assert client.get(url).status_code == 404, url
    clock.set(release.publish_at)
    for url in urls_of(image, document):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "public" in response["Cache-Control"]
    # Nothing about the files changed: only the clock did.
    assert {path: default_storage.open(path).read() for path in image.paths} == before


def test_staff_and_embargo_holders_see_the_files_before_go_live(client, clock, scheduled, editor):
    release, image, document = scheduled
    clock.set(brussels(2030, 1, 1))
    link = EmbargoLink.objects.create(
        release=release, journalist_name="Ann", email="ann@example.be"
    )
    url = default_storage.url(image.fallback()["jpeg"])
    assert client.get(f"{url}?embargo={link.token}").status_code == 200
    assert client.get(f"{url}?embargo={link.token}x").status_code == 404
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(f"{url}?embargo={link.token}").status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_embargo_page_links_its_files_with_the_token(client, clock, scheduled):
    release, image, document = scheduled
    clock.set(brussels(2030, 1, 1))
    link = EmbargoLink.objects.create(
        release=release, journalist_name="Ann", email="ann@example.be"
    )
    from django.urls import reverse

    html = client.get(reverse("releases:embargo", kwargs={"token": link.token})).content.decode()
    from urllib.parse import urlencode

    assert f"/1024.jpg?{urlencode({'embargo': link.token})}" in html
    assert (
        client.get(default_storage.url(document.file.name) + f"?embargo={link.token}").status_code
        == 200
    )


def test_withdrawn_release_files_disappear(client, scheduled, editor, clock):
    from workflow import transitions as workflow

    release, image, document = scheduled
    clock.set(release.publish_at + datetime.timedelta(days=1))
    workflow.perform(
        release, "withdraw", editor, expected_version=release.version, reasons={"fr": "Erreur."}
    )
    client.logout()
    for url in urls_of(image, document):
        assert client.get(url).status_code == 404


def test_unknown_or_guessed_paths_are_404(client, scheduled, clock):
    release, image, document = scheduled
    clock.set(release.publish_at)
    for path in (
        f"/media/images/{image.key}/original.png",
        f"/media/images/{image.key}/x",
        "/media/images/nokey/320.jpg",
        f"/media/other/{image.key}/320.jpg",
        f"/media/images/{image.key}/..%2F..%2Fsettings.py",
    ):
        assert client.get(path).status_code == 404, path


def test_release_page_uses_srcset_with_known_dimensions(client, clock, scheduled):
    release, image, document = scheduled
    clock.set(release.publish_at)
    html = client.get(url_in(release, "nl")).content.decode()
    assert 'type="image/webp" srcset="/media/images/' in html and "320w" in html
    assert 'width="1024" height="683"' in html and 'alt="Foto"' in html
    assert 'sizes="(max-width: 60rem) 100vw, 60rem"' in html
    assert "(PDF, 15" in html and "Programme" in html


def test_no_public_request_processes_an_image(client, clock, scheduled, monkeypatch):
    """Renditions exist since the upload; serving pages and files never opens Pillow."""
    from PIL import Image as PILImage

    release, image, document = scheduled
    clock.set(release.publish_at)

    def refuse(*args, **kwargs):
        raise AssertionError("image processing during a public request")

    monkeypatch.setattr(PILImage, "open", refuse)
    monkeypatch.setattr(PILImage.Image, "save", refuse)
    assert client.get(url_in(release, "fr")).status_code == 200
    for url in urls_of(image, document):
        assert client.get(url).status_code == 200


def test_press_kit_zip_is_named_after_the_release(client, clock, scheduled):
    release, image, document = scheduled
    kit = url_in(release, "fr", "releases:press_kit")
    clock.set(release.publish_at - datetime.timedelta(seconds=1))
    assert client.get(kit).status_code == 404
    clock.set(release.publish_at)
    response = client.get(kit)
    assert response.status_code == 200
    name = f"{release.reference.replace('/', '-')}-{release.slug_fr}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["documents/01-programme.pdf", "images/01.jpg"]
    assert archive.read("documents/01-programme.pdf").startswith(b"%PDF")


def test_media_setting_for_the_web_server(client, clock, scheduled, settings):
    settings.NEWSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    release, image, document = scheduled
    clock.set(release.publish_at)
    response = client.get(default_storage.url(image.file.name))
    assert response["X-Accel-Redirect"] == f"/protected-media/{image.file.name}"
    assert response.content == b""


def test_images_placed_in_the_text_follow_their_release(client, clock, make_release):
    from urllib.parse import urlencode

    from django.urls import reverse

    clock.set(brussels(2030, 1, 1))
    embedded = Image(file=SimpleUploadedFile("e.jpg", files.jpeg()))
    embedded.save()
    src = default_storage.url(embedded.fallback()["jpeg"])
    small = default_storage.url(embedded.renditions[0]["jpeg"])
    release = make_release(
        publish_at=brussels(2030, 5, 30, 9),
        body_fr=f'<p>Texte</p><img src="{src}" srcset="{small} 320w" alt="Graphique">',
        **complete(),
    )
    assert client.get(src).status_code == 404
    link = EmbargoLink.objects.create(
        release=release, journalist_name="Ann", email="ann@example.be"
    )
    query = urlencode({"embargo": link.token})
    html = client.get(
        reverse("releases:embargo", kwargs={"token": link.token}) + "", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert f'src="{src}?{query}"' in html and f'srcset="{small}?{query} 320w"' in html
    assert client.get(f"{src}?{query}").status_code == 200
    clock.set(release.publish_at)
    assert client.get(src).status_code == 200


def test_the_packages_own_upload_view_is_not_reachable(client, editor):
    client.force_login(editor)
    response = client.post(
        "/ckeditor5/image_upload/", {"upload": SimpleUploadedFile("p.jpg", files.jpeg())}
    )
    assert response.status_code == 404 and Image.objects.count() == 0


def test_head_requests_and_revalidation_of_public_files(client, clock, scheduled):
    release, image, document = scheduled
    clock.set(release.publish_at)
    url = default_storage.url(image.file.name)
    assert client.head(url).status_code == 200
    response = client.get(url)
    assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]
