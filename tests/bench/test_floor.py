"""The framework floor of the page benchmark exists under the benchmark's settings only."""

import importlib

import pytest
from django.urls import NoReverseMatch, reverse

from bench.urls import FLOOR_PATH

#: Headers set by middleware on every response: the floor must carry them like a page.
MIDDLEWARE_HEADERS = {
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "content-security-policy",
    "vary",
    "content-language",
}


def test_production_site_does_not_serve_the_floor_view(client, db):
    """The production URLconf knows nothing of it: a 404, and no URL name to reverse."""
    response = client.get(FLOOR_PATH)
    assert response.status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


def test_production_settings_keep_the_production_urls():
    production = importlib.import_module("newsroom.settings")
    assert production.ROOT_URLCONF == "newsroom.urls"


def test_bench_settings_differ_from_production_only_by_the_urls():
    """Same middleware, database, caches...: the floor measures the production stack."""
    production = importlib.import_module("newsroom.settings")
    bench = importlib.import_module("bench.settings")

    def settings_names(module):
        return {name for name in dir(module) if name.isupper() and not name.startswith("_")}

    names = settings_names(production)
    assert settings_names(bench) == names
    assert {name for name in names if getattr(bench, name) != getattr(production, name)} == {
        "ROOT_URLCONF"
    }
    assert bench.ROOT_URLCONF == "bench.urls"


def test_floor_view_answers_without_touching_the_database(client, settings):
    """No ``db`` fixture here: any query would fail the test."""
    settings.ROOT_URLCONF = "bench.urls"
    response = client.get(FLOOR_PATH)
    assert response.status_code == 200
    assert response.content == b"floor\n"


def test_floor_goes_through_the_same_middleware_as_the_pages(client, settings, demo):
    """Whatever headers the middleware puts on the home page, the floor has them too."""
    settings.ROOT_URLCONF = "bench.urls"
    home = client.get("/fr/")
    floor = client.get(FLOOR_PATH)
    assert home.status_code == 200 and floor.status_code == 200

    def middleware_headers(response):
        return {name.lower() for name in response.headers} & MIDDLEWARE_HEADERS

    assert middleware_headers(home) <= middleware_headers(floor)
    assert "x-frame-options" in middleware_headers(floor)


def test_site_pages_still_answer_under_the_bench_urls(client, settings, demo):
    settings.ROOT_URLCONF = "bench.urls"
    assert client.get("/fr/").status_code == 200
    assert client.get(demo.get_absolute_url()).status_code == 200
