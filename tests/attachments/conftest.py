import pytest
from django.core.files.storage import InMemoryStorage, default_storage


@pytest.fixture(autouse=True)
def empty_media_storage():
    """Each test starts with no stored file, so "nothing stored" can be asserted."""
    previous = default_storage._wrapped
    default_storage._wrapped = InMemoryStorage()
    yield default_storage
    default_storage._wrapped = previous
