"""Sign-in throttling (django-axes, accounts/login_throttle.py): per account and per
address, the same answer for unknown users, an unlock for superusers, logs."""

import logging
import re

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

LOGIN = reverse("admin:login")


def sign_in(client, username, password, address="192.0.2.10", language="en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(response):
    return response.status_code == 302


def test_an_account_is_locked_after_five_wrong_passwords_even_for_the_right_one(
    client, editor, caplog
):
    for _ in range(4):
        assert sign_in(client, "editor", "wrong").status_code == 200  # the form again
    caplog.set_level(logging.WARNING)
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 15 * 60
    assert "Too many failed sign-ins" in locked.content.decode()
    right = sign_in(client, "editor", "x")
    assert right.status_code == 429 and not signed_in(right)
    assert "_auth_user_id" not in client.session
    # Another address does not help: the account itself is locked.
    assert sign_in(client, "editor", "x", address="198.51.100.7").status_code == 429
    assert any("locked out" in record.getMessage().lower() for record in caplog.records)


def test_the_answer_is_the_same_for_an_unknown_user(client, editor):
    def answers(username, address):
        responses = [sign_in(client, username, "wrong", address=address) for _ in range(6)]
        return [
            (
                r.status_code,
                re.sub(
                    r'name="csrfmiddlewaretoken" value="[^"]*"',
                    "",
                    r.content.decode().replace(username, "NAME"),
                ),
            )
            for r in responses
        ]

    assert answers("editor", "192.0.2.1") == answers("nobody", "192.0.2.2")


def test_an_address_is_locked_after_twenty_failures_over_any_accounts(client, editor):
    for number in range(20):
        sign_in(client, f"guess{number}", "wrong", address="203.0.113.9")
    assert sign_in(client, "editor", "x", address="203.0.113.9").status_code == 429
    # The editor, from their own office, still signs in.
    assert signed_in(sign_in(client, "editor", "x", address="192.0.2.50"))


def test_signing_in_to_ones_own_account_does_not_wipe_the_address_guesses(
    client, editor, press_officer
):
    """A success forgets that account's failures only: an insider cannot reset the
    count of their guesses at other people's passwords by signing in as themselves."""
    for round_ in range(3):
        for number in range(6):
            sign_in(client, f"guess{number}", "wrong", address="203.0.113.9")
        sign_in(client, "editor", "wrong", address="203.0.113.9")  # 7 failures a round
        if round_ < 2:
            assert signed_in(sign_in(client, "officer", "x", address="203.0.113.9"))
            client.logout()
    # 21 failures from the address in all, whatever the successes in between.
    assert sign_in(client, "officer", "x", address="203.0.113.9").status_code == 429
    # The editor's three failures were kept too: two more lock the account anywhere.
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 3
    sign_in(client, "editor", "wrong", address="198.51.100.7")
    sign_in(client, "editor", "wrong", address="198.51.100.7")
    assert sign_in(client, "editor", "x", address="198.51.100.7").status_code == 429
    # The officer's own failures are forgotten at their success.
    sign_in(client, "officer", "wrong", address="192.0.2.60")
    assert signed_in(sign_in(client, "officer", "x", address="192.0.2.60"))
    assert not AccessAttempt.objects.filter(username="officer").exists()


@override_settings(NEWSROOM_PROXY_COUNT=1)
def test_behind_a_proxy_the_reader_address_counts(client, editor):
    """Behind nginx every request comes from the proxy: the address it forwards counts."""
    for number in range(20):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").count() == 20
    office = client.post(
        LOGIN,
        {"username": "editor", "password": "x"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.50",
    )
    assert signed_in(office)


@pytest.mark.parametrize(
    "language,text",
    [("fr", "Trop de tentatives"), ("nl", "Te veel mislukte"), ("de", "Zu viele fehlgeschlagene")],
)
def test_the_lockout_page_speaks_the_reader_language(client, editor, language, text):
    for _ in range(5):
        response = sign_in(client, "editor", "wrong", language=language)
    assert response.status_code == 429 and text in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


def test_a_superuser_unlocks_an_account(client, editor, superuser):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "x").status_code == 429
    client.force_login(superuser)
    attempts = reverse("admin:axes_accessattempt_changelist")
    assert client.get(attempts).status_code == 200
    client.post(
        attempts,
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
    )
    client.logout()
    assert signed_in(sign_in(client, "editor", "x"))


def test_editors_cannot_unlock(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
