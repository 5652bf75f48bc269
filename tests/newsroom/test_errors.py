"""A database out of reach is a 503 with Retry-After in the reader's language, drawn
without touching the database; any other failure stays a 500 (newsroom/errors.py)."""

import pytest
from django.db import OperationalError
from django.test import Client

from releases.views import HomeView


@pytest.fixture
def failing_home(monkeypatch):
    def fail_with(error):
        def get_context_data(self, **kwargs):
            raise error

        monkeypatch.setattr(HomeView, "get_context_data", get_context_data)

    return fail_with


@pytest.mark.parametrize(
    "language,text",
    [
        ("fr", "Temporairement indisponible"),
        ("nl", "Tijdelijk niet beschikbaar"),
        ("de", "Vorübergehend nicht verfügbar"),
        ("en", "Temporarily unavailable"),
    ],
)
def test_a_database_that_does_not_answer_is_a_503(
    db, failing_home, language, text, django_assert_num_queries
):
    from public_cache.caching import read_public_state

    failing_home(OperationalError("connection refused"))
    client = Client(raise_request_exception=False)
    read_public_state()  # this process knows the clock's instants (as after any request)
    # One query: the public cache's version, read before the view; none for the page.
    with django_assert_num_queries(1):
        response = client.get(f"/{language}/")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert text in html and f'lang="{language}"' in html
    assert "no-store" in response["Cache-Control"] and "ETag" not in response


def test_a_bug_stays_a_500(db, failing_home):
    failing_home(ValueError("a bug"))
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert "Server error" in response.content.decode()
