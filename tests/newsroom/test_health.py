"""``/healthz`` says whether this node can serve: 200 when the database answers, 503
when it does not; plain, uncached, cookieless, and logged to standard output."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_healthy_node_answers_ok_in_plain_text_uncached_and_without_cookies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Location" not in response  # no language prefix, no trailing slash


def test_head_works_and_other_methods_are_refused(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_the_database_is_really_asked(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/healthz")


def test_unreachable_database_is_503_not_500(client, monkeypatch, caplog):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "no-store" in response["Cache-Control"]
    assert "Health check failed" in caplog.text and "connection refused" in caplog.text


def test_a_stopped_postgresql_gives_503_and_a_readable_log_line_on_stdout():
    """No mock: a node whose DATABASE_URL points at a port nobody listens on."""
    code = (
        "import django; django.setup(); "
        "from django.test import Client; "
        "r = Client().get('/healthz'); "
        "print('STATUS', r.status_code)"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": "postgres://newsroom@127.0.0.1:1/newsroom",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "STATUS 503" in result.stdout, result.stdout + result.stderr
    # time, level, worker process, logger: message; then the traceback, for the operator
    assert re.search(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR \[\d+\] newsroom.health: "
        r"Health check failed",
        result.stdout,
        re.MULTILINE,
    ), result.stdout
    assert "Connection refused" in result.stdout
    assert re.search(
        r" ERROR \[\d+\] django.request: Service Unavailable: /healthz$",
        result.stdout,
        re.MULTILINE,
    )
