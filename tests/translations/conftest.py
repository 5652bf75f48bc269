import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages asserted here are the English ones, whatever a request before left active."""
    with translation.override("en"):
        yield
