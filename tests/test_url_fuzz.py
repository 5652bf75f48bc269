"""Bad input never gives a 5xx: every URL pattern of the project (public pages in
every language, feeds, calendars, media, embargo links, the admin) with hostile
segments, and the public pages with hostile query values, as a visitor and as an
editor. Control characters never reach a view (newsroom/limits.py); on PostgreSQL a
NUL would otherwise be a 500."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from tests.public import LANGUAGES

#: Path segments, percent-encoded as a client would send them.
SEGMENTS = [
    "%00",
    "%01",
    "a%00b",
    "%0a",
    "%0d%0a",
    "%7f",
    "%c2%85",
    "%ff",
    "%ed%a0%80",
    "%c0%af",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e",
    "%22%3e%3cscript%3e",
    "%27%20OR%201=1--",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "%e2%80%ae",
    "%f0%9f%98%80",
    "%20",
    "x" * 300,
]
#: The few the admin's many patterns are also tried with.
ADMIN_SEGMENTS = ["%00", "%ff", "-1", "99999999999999999999999999", "%22%3e%3cscript%3e"]
QUERY_VALUES = [
    "%00",
    "x%00",
    "%01",
    "%c2%85",
    "%ff",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "%27%3B--%22%3e%3cscript%3e",
    "x" * 2000,
]
#: Every query parameter a view reads, and one none does.
PARAMETERS = [
    "page",
    "q",
    "type",
    "organization",
    "official",
    "topic",
    "year",
    "embargo",
    "version",
    "next",
    "lang",
    "unknown",
]
PLACEHOLDER = "\x00PLACEHOLDER\x00"


def pattern_text(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?\w+>", PLACEHOLDER, str(pattern._route))
    if isinstance(pattern, RegexPattern):
        text = str(pattern._regex).lstrip("^").rstrip("$").replace("\\Z", "")
        text = re.sub(r"\(\?P<\w+>[^)]*\)", PLACEHOLDER, text)
        return re.sub(r"[\\?*+()\[\]|]", "", text)
    raise TypeError(pattern)


def routes(patterns=None, prefix=""):
    """Every pattern as a path with placeholders for its arguments."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + pattern_text(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, text)
        elif isinstance(entry, URLPattern):
            yield text


def all_routes():
    found = set()
    for language in LANGUAGES:
        with translation.override(language):
            found.update(routes())
    return sorted(found)


def hostile_paths():
    for route in all_routes():
        segments = ADMIN_SEGMENTS if route.startswith("admin/") else SEGMENTS
        if PLACEHOLDER not in route:
            yield "/" + route
            # A hostile segment after an argument-less page, and inside its name.
            yield "/" + route + SEGMENTS[0]
            continue
        for segment in segments:
            yield "/" + route.replace(PLACEHOLDER, segment)


def test_every_url_pattern_is_walked():
    paths = all_routes()
    for expected in (
        "media/" + PLACEHOLDER,
        "fr/communiques/",
        "nl/persberichten/",
        "admin/releases/pressrelease/" + PLACEHOLDER + "/change/",
        "fr/embargo/" + PLACEHOLDER + "/",
        "sitemap-" + PLACEHOLDER + ".xml",
    ):
        assert any(expected in path for path in paths), expected


@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_no_hostile_path_gives_a_server_error(client, demo, editor, who):
    if who == "editor":
        client.force_login(editor)
    failures = []
    for path in hostile_paths():
        response = client.get(path)
        if response.status_code >= 500:
            failures.append((path, response.status_code))
    assert failures == []


def test_a_control_character_is_refused_before_any_view(client, demo, django_assert_num_queries):
    for path in (
        "/media/images/%00/original.png",
        "/media/documents/%00/%00",
        "/fr/communiques/a%00b/",
        "/nl/persberichten/%01/",
    ):
        with django_assert_num_queries(0):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 404, path
    with django_assert_num_queries(0):
        response = client.get("/fr/recherche/?q=pensions%00", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400 and 'lang="fr"' in response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_no_hostile_query_value_gives_a_server_error(client, demo, editor, who):
    from tests.public import demo_urls, feed_urls

    if who == "editor":
        client.force_login(editor)
    pages = [
        *demo_urls(demo, "fr").values(),
        *feed_urls(demo, "nl").values(),
        "/sitemap.xml",
        "/healthz",
        "/media/images/x/original.png",
        "/admin/login/",
    ]
    failures = []
    for page in pages:
        base = page.split("?")[0]
        for name in PARAMETERS:
            for value in QUERY_VALUES:
                response = client.get(f"{base}?{name}={value}")
                if response.status_code >= 500:
                    failures.append((f"{base}?{name}={value[:30]}", response.status_code))
        # Repeated and nameless parameters too.
        for query in ("page=1&page=%00", "=%00", "%00=1", "&&&", "q"):
            if client.get(f"{base}?{query}").status_code >= 500:
                failures.append((f"{base}?{query}", 500))
    assert failures == []


def test_an_over_long_address_gets_the_translated_414_page(client, db):
    response = client.get("/nl/persberichten/?q=" + "x" * 5000)
    assert response.status_code == 414
    assert 'lang="nl"' in response.content.decode()
    assert client.get("/fr/communiques/?q=" + "x" * 3000).status_code == 200


#: Django admin list parameters: sorting, paging, search, date drill-down and
#: lookups typed into the address (the admin passes unknown ones to the queryset).
ADMIN_QUERIES = [
    "o=-1",
    "o=0",
    "o=99",
    "o=1.-2.x",
    "o=%00",
    "p=-1",
    "p=99999999999999999999",
    "p=x",
    "q=%00",
    "q=%27%3B--",
    "all=",
    "_popup=1",
    "_to_field=password",
    "e=1",
    "id__in=" + ",".join(["99999999999999999999"] * 3),
    "id__in=" + ",".join(map(str, range(3000))),
    "id__gt=x",
    "id=1e309",
    "pk__exact=-99999999999999999999",
    "status__exact=%ff",
    "__year=-1",
    "publish_at__year=-1",
    "publish_at__year=99999999999",
    "publish_at__month=13",
    "publish_at__day=0",
    "started_on__year=0",
    "at__year=-5",
    "created_at__year=99999",
    "date_created__year=-1",
    "starts_at__year=10000",
]


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_no_hostile_admin_list_parameter_gives_a_server_error(client, demo, editor, superuser, who):
    from django.contrib import admin
    from django.urls import reverse

    client.force_login(superuser if who == "superuser" else editor)
    client.raise_request_exception = False
    failures = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for query in ADMIN_QUERIES:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append((f"{url}?{query[:40]}", response.status_code))
    assert failures == [], "\n".join(f"{u} {c}" for u, c in failures)


def test_a_cookie_with_a_control_character_is_ignored(client, demo, editor):
    """As if the browser had not sent it: on PostgreSQL a session key with a NUL was
    a 500 on every page."""
    from tests.public import demo_urls

    for name in ("sessionid", "csrftoken", "django_language"):
        client.cookies.clear()
        client.cookies[name] = "abc\x00def"
        for url in (demo_urls(demo, "fr")["home"], "/admin/", "/admin/login/"):
            response = client.get(url)
            assert response.status_code in (200, 302), (name, url, response.status_code)
    client.force_login(editor)
    client.cookies["csrftoken"] = "x\x01"
    assert client.get("/admin/").status_code == 200  # the session cookie still counts


def test_an_impossible_year_in_an_admin_list_is_a_clear_400(client, demo, editor):
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.get(
        "/admin/releases/pressrelease/?publish_at__year=99999999999", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "cannot be shown with the filters or the order in its address" in response.text
    # An ordinary filter still works, and a mistyped one is Django's own "?e=1".
    assert client.get("/admin/releases/pressrelease/?publish_at__year=2017").status_code == 200
    assert client.get("/admin/releases/pressrelease/?nonsense=1").status_code == 302
