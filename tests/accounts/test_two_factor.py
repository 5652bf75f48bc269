"""Two-factor authentication for editors and superusers (accounts/two_factor.py)."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import two_factor_required

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
ENROL = reverse("admin:two_factor")

pytestmark = pytest.mark.usefixtures("required")


@pytest.fixture
def required():
    with override_settings(NEWSROOM_REQUIRE_2FA=True):
        yield


def code(device, steps_ahead=0):
    """The code the phone shows now (or ``steps_ahead`` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.drift += steps_ahead
    return f"{totp.token():06d}"


def sign_in(client, username, token=""):
    return client.post(
        LOGIN,
        {"username": username, "password": "x", "otp_token": token, "next": INDEX},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def enrol(client, username):
    """Sign in with the password, land on the enrolment page, confirm the app."""
    response = sign_in(client, username)
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 302  # no admin page before enrolment
    assert client.get(LOGIN).url == ENROL
    page = client.get(ENROL, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    shown_key = page.context["key"].replace(" ", "")
    assert shown_key in device.config_url  # the key to type in by hand is the device's
    done = client.post(ENROL, {"code": code(device)}, HTTP_ACCEPT_LANGUAGE="en")
    device.refresh_from_db()
    assert device.confirmed
    return device, done.context["recovery_codes"]


def test_who_needs_a_second_factor(press_officer, editor, superuser):
    assert two_factor_required(editor) and two_factor_required(superuser)
    assert not two_factor_required(press_officer)
    with override_settings(NEWSROOM_REQUIRE_2FA=False):
        assert not two_factor_required(editor)


def test_an_editor_enrols_then_signs_in_with_a_code(client, editor, clock):
    device, recovery = enrol(client, "editor")
    assert len(recovery) == 10 and len(set(recovery)) == 10
    assert client.get(INDEX).status_code == 200  # verified by the enrolment itself
    client.logout()

    assert sign_in(client, "editor").status_code == 200  # the password alone: refused
    wrong = sign_in(client, "editor", "000000" if code(device, 1) != "000000" else "111111")
    assert wrong.status_code == 200
    assert "correct username, password and code" in wrong.content.decode()
    assert client.get(INDEX).status_code == 302
    # django-otp refuses any code for a second after a wrong one (then two, four...).
    clock.set(timezone.now() + datetime.timedelta(seconds=2))
    assert sign_in(client, "editor", code(device, 1)).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_and_a_wrong_password_get_the_same_answer(client, editor):
    """Otherwise the answer to a wrong code would confirm a guessed password."""
    device, _recovery = enrol(client, "editor")
    client.logout()
    wrong_code = "000000" if code(device, 1) != "000000" else "111111"

    def error(password, token):
        response = client.post(
            LOGIN,
            {"username": "editor", "password": password, "otp_token": token},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert response.status_code == 200
        return response.context["form"].non_field_errors()

    assert error("x", wrong_code) == error("wrong", wrong_code) == error("wrong", "")


def test_a_code_is_used_once_and_a_recovery_code_once(client, editor):
    device, recovery = enrol(client, "editor")
    client.logout()
    assert sign_in(client, "editor", code(device)).status_code == 200  # used at enrolment
    assert sign_in(client, "editor", recovery[0]).status_code == 302
    client.logout()
    assert sign_in(client, "editor", recovery[0]).status_code == 200
    assert sign_in(client, "editor", recovery[1].upper()).status_code in (200, 302)


def test_without_a_code_an_editor_previews_nothing(client, editor, make_release):
    """A session signed in with the password only opens no preview either."""
    from newsroom.publishing import Status
    from tests.public import url_in

    draft = make_release(status=Status.DRAFT)
    sign_in(client, "editor")
    assert client.get(url_in(draft, "fr")).status_code == 404


def test_a_press_officer_may_sign_in_without_but_enrols_if_they_wish(client, press_officer):
    assert sign_in(client, "officer").status_code == 302
    assert client.get(INDEX).status_code == 200
    client.logout()
    device, _codes = enrol_signed_in(client, "officer")
    client.logout()
    assert sign_in(client, "officer").status_code == 200  # from now on with a code
    assert sign_in(client, "officer", code(device, 1)).status_code == 302


def enrol_signed_in(client, username):
    sign_in(client, username)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    done = client.post(ENROL, {"code": code(device)})
    return device, done.context["recovery_codes"]


def test_wrong_codes_count_as_failed_sign_ins(client, editor):
    device, _codes = enrol(client, "editor")
    client.logout()
    for _ in range(5):
        sign_in(client, "editor", "999999" if code(device, 1) != "999999" else "888888")
    assert sign_in(client, "editor", code(device, 1)).status_code == 429
