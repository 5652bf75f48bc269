"""Schemathesis against our own OpenAPI schema (property-based): for every endpoint,
generated valid and invalid parameters never give a 5xx, and every response conforms
to the schema (status codes, media types, bodies). Runs on SQLite and on PostgreSQL,
like the whole suite, on the demo's content."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.main import api
from newsroom.wsgi import application

# The schema the API serves (read without a request: collection has no database),
# called through the WSGI application, every middleware included.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application
schema.location = "/api/v1/openapi.json"

#: Examples per endpoint: enough to reach every parameter's edges (cursors, dates,
#: huge ids, strange strings), small enough for CI.
EXAMPLES = 40


@pytest.fixture
def content(demo, settings):
    """The demo's content, read through the whole WSGI application. As Django's test
    client does, the connection is not closed at the end of each request: it holds the
    test's transaction (on PostgreSQL, Django would close it, the transaction with it)."""
    settings.NEWSROOM_PAGE_CACHE = False  # each example reaches the view
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield demo
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_endpoint_conforms_to_its_schema(case, content):
    """Every check but "schema-valid data is accepted": a cursor is any string to the
    schema, but one we did not issue is refused (400), and a slug naming nothing
    public is a 404, as on the website."""
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
