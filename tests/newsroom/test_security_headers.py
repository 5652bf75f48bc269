"""Security headers on public pages, the admin, media files and static files.

The test settings keep every production default except the HTTPS redirect (the
test client speaks plain HTTP); the redirect is turned back on here to test it.
"""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.public import url_in

pytestmark = pytest.mark.django_db

HSTS = "max-age=31536000; includeSubDomains; preload"


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_hardened(response):
    """The headers every response carries, whatever produced it."""
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    return csp


def test_public_pages_carry_the_strict_policy(client, demo):
    for url in ["/fr/", url_in(demo, "fr"), url_in(demo, "nl")]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = assert_hardened(response)
        assert "style-src-attr" not in csp  # style attributes: the admin's editor only
        assert response["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in response  # plain HTTP: never
    # JSON-LD is a data block the policy leaves alone: no nonce or hash needed.
    assert b'<script type="application/ld+json">' in client.get(url_in(demo, "fr")).content


def test_error_pages_carry_the_policy_too(client, db):
    response = client.get("/fr/nope/")
    assert response.status_code == 404
    assert_hardened(response)


def test_admin_pages_carry_the_policy_with_style_attributes_for_the_editor(client, demo, superuser):
    response = client.get(reverse("admin:login"))
    assert_hardened(response)
    client.force_login(superuser)
    response = client.get(reverse("admin:releases_pressrelease_change", args=[demo.pk]))
    assert response.status_code == 200
    csp = assert_hardened(response)
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert response["X-Frame-Options"] == "DENY"
    assert b"django_ckeditor_5/dist/bundle.js" in response.content


def test_media_files_carry_the_headers(client, demo):
    image = demo.images.get()
    document = demo.documents.get()
    for path, content_type in [
        (image.fallback()["jpeg"], "image/jpeg"),
        (document.file.name, "application/pdf"),
    ]:
        response = client.get(default_storage.url(path))
        assert response.status_code == 200, path
        assert response["Content-Type"] == content_type
        assert_hardened(response)
        assert response["X-Frame-Options"] == "DENY"


def test_static_files_served_by_whitenoise_carry_the_headers(client):
    response = client.get("/static/newsroom/site.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Set-Cookie" not in response


def test_hsts_on_https_responses(client, demo):
    for url in ["/fr/", reverse("admin:login"), default_storage.url(demo.images.get().paths[0])]:
        response = client.get(url, secure=True)
        assert response["Strict-Transport-Security"] == HSTS, url


def test_https_is_recognised_behind_the_proxy_header(client, settings, db):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert "Strict-Transport-Security" not in client.get("/fr/")
    response = client.get("/fr/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == HSTS


def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True  # production's value; off in the test settings
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/fr/communiques/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/communiques/"
    assert client.get("/fr/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200 and health.content == b"ok\n"


def test_staff_cookies_are_secure_http_only_and_same_site(client, superuser):
    login = reverse("admin:login")
    page = client.get(login)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        login,
        {
            "username": "root",
            "password": "x",
            "csrfmiddlewaretoken": csrf.value,
            "next": reverse("admin:index"),
        },
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
