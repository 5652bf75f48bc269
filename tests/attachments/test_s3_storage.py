"""Media in a private S3-compatible bucket (NEWSROOM_MEDIA_STORAGE=s3).

The environment selects the backend; uploads land in the bucket without a public
ACL; every address the site writes is our own /media/ view, which streams the
file from the bucket only when it may be seen. moto plays S3 in-process: no network.
"""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from tests.public import url_in

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "newsroom-media"
S3_ENV = {
    "NEWSROOM_MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_ENDPOINT_URL": "https://s3.example.be",
    "AWS_S3_REGION_NAME": "eu-west-1",
}


def media_settings(**environ):
    """STORAGES and the media storage's own view of itself, from a fresh interpreter."""
    code = (
        "import json, django; django.setup(); "
        "from django.conf import settings; "
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(json.dumps({'STORAGES': settings.STORAGES, 'class': type(s).__name__, "
        "'url': s.url('images/k/320.jpg'), "
        "'acl': getattr(s, 'default_acl', 'n/a'), "
        "'bucket': getattr(s, 'bucket_name', None), "
        "'endpoint': getattr(s, 'endpoint_url', None)}))"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "x" * 50,
        **environ,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_file_system_is_the_default():
    result = media_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["STORAGES"]["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert values["url"] == "/media/images/k/320.jpg"


def test_the_environment_selects_a_private_bucket():
    result = media_settings(**S3_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["STORAGES"]["default"]["BACKEND"] == "attachments.storage.PrivateS3Storage"
    options = values["STORAGES"]["default"]["OPTIONS"]
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert values["class"] == "PrivateS3Storage"
    assert values["bucket"] == BUCKET and values["endpoint"] == "https://s3.example.be"
    # Links go to our view, which checks the release, never to the bucket.
    assert values["url"] == "/media/images/k/320.jpg"


@pytest.mark.parametrize(
    "environ,message",
    [
        ({"NEWSROOM_MEDIA_STORAGE": "s3"}, "needs AWS_STORAGE_BUCKET_NAME"),
        ({"NEWSROOM_MEDIA_STORAGE": "ftp"}, "must be filesystem or s3"),
        (
            {**S3_ENV, "NEWSROOM_MEDIA_ACCEL_REDIRECT": "/protected-media/"},
            "leave NEWSROOM_MEDIA_ACCEL_REDIRECT empty",
        ),
    ],
)
def test_an_incomplete_or_unknown_storage_is_refused_at_start(environ, message):
    result = media_settings(**environ)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.fixture
def bucket(monkeypatch, empty_media_storage):
    """A private bucket in moto's S3, as the default storage."""
    from moto import mock_aws

    from attachments.storage import PrivateS3Storage

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        storage = PrivateS3Storage(
            bucket_name=BUCKET,
            region_name="eu-west-1",
            default_acl=None,
            querystring_auth=True,
            file_overwrite=False,
            max_memory_size=2_621_440,
        )
        storage.connection.meta.client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        default_storage._wrapped = storage
        yield storage.connection.meta.client


@pytest.fixture
def scheduled(bucket, scheduled):
    """The attachments tests' scheduled release, its files stored in the bucket."""
    return scheduled


def test_uploads_land_in_the_bucket_without_a_public_grant(bucket, scheduled):
    release, image, document = scheduled
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert set(image.paths) | {document.file.name} <= keys
    for key in keys:
        grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert all("URI" not in grant["Grantee"] for grant in grants), key  # no AllUsers


def test_the_media_view_streams_from_the_bucket_only_once_live(client, clock, bucket, scheduled):
    release, image, document = scheduled
    jpeg = image.fallback()["jpeg"]
    stored = bucket.get_object(Bucket=BUCKET, Key=jpeg)["Body"].read()
    clock.set(release.publish_at - datetime.timedelta(seconds=1))
    assert client.get(f"/media/{jpeg}").status_code == 404
    assert client.get(f"/media/{document.file.name}").status_code == 404
    clock.set(release.publish_at)
    response = client.get(f"/media/{jpeg}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]
    response = client.get(f"/media/{document.file.name}")
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"
    # The page links the pictures through our view, not to the bucket.
    html = client.get(url_in(release, "fr")).content.decode()
    assert f"/media/images/{image.key}/" in html
    assert "amazonaws" not in html and "X-Amz" not in html


def test_a_file_missing_from_the_bucket_is_404(client, clock, bucket, scheduled):
    release, image, document = scheduled
    clock.set(release.publish_at)
    bucket.delete_object(Bucket=BUCKET, Key=document.file.name)
    assert client.get(f"/media/{document.file.name}").status_code == 404
