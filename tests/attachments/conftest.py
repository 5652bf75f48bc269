import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Document, Image
from tests.attachments import files
from tests.conftest import brussels, complete


@pytest.fixture(autouse=True)
def empty_media_storage():
    """Each test starts with no stored file, so "nothing stored" can be asserted."""
    previous = default_storage._wrapped
    default_storage._wrapped = InMemoryStorage()
    yield default_storage
    default_storage._wrapped = previous


@pytest.fixture
def scheduled(make_release):
    """A release scheduled for 2030 with a lead image and a PDF, stored in the
    default storage."""
    release = make_release(publish_at=brussels(2030, 5, 30, 9), **complete())
    image = Image(
        release=release,
        alt_fr="Photo",
        alt_nl="Foto",
        is_lead=True,
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
    return release, image, document
