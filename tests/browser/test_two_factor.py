"""Two-factor sign-in in a real browser: an editor enrols an authenticator app, signs
in with a code, and a wrong code is refused."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from tests.conftest import staff_user

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(key, steps_ahead=0):
    """What an authenticator app fed with ``key`` (the base32 text the page shows) says."""
    import base64

    key = key.replace(" ", "").upper()
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    totp = TOTP(secret)
    totp.drift = steps_ahead
    return f"{totp.token():06d}"


def sign_in(page, site, token=None):
    page.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", "ed")
    page.fill("#id_password", "x")
    if token is not None:
        page.fill("#id_otp_token", token)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_an_editor_enrols_and_signs_in_with_a_code(site, browser, clock):
    staff_user("ed", "Editors")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    with override_settings(NEWSROOM_REQUIRE_2FA=True):
        sign_in(page, site)  # the password: straight to the enrolment page
        assert page.url.endswith(reverse("admin:two_factor"))
        assert page.locator("figure.qr-code svg[role=img]").count() == 1
        key = page.locator("code.otp-key").inner_text()
        page.fill("#id_code", code_for(key))
        with page.expect_navigation():
            page.click("input[type=submit]")
        codes = page.locator("ul.recovery-codes li").all_inner_texts()
        assert len(codes) == 10
        page.click("text=Continue to the administration")
        assert page.locator("#site-name").count() == 1 and "login" not in page.url
        with page.expect_navigation():
            page.click("#logout-form button")

        sign_in(page, site, token="000000" if code_for(key, 1) != "000000" else "111111")
        assert "correct username, password and code" in page.locator(".errornote").inner_text()
        assert page.url.endswith(reverse("admin:login"))
        # django-otp waits a second after a wrong code before it accepts any.
        clock.set(timezone.now() + datetime.timedelta(seconds=2))
        sign_in(page, site, token=code_for(key, 1))
        assert page.url.endswith(reverse("admin:index"))
        assert page.locator("#content-main").count() == 1
    assert errors == []
    context.close()
