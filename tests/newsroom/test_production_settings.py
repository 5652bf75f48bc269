"""Production settings from the environment: HTTPS, proxies, database health checks,
sessions and logs. Each case imports the settings in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import proxy_ssl_header

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "newsroom.example.be"}
PG = "postgres://newsroom:secret@db.example:5432/newsroom"


def settings_of(*names, code="", **environ):
    """The named settings (JSON-friendly) of newsroom.settings under ``environ`` only."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"{code}"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
]


def test_without_debug_every_https_protection_is_on():
    values = settings_of(*HTTPS_SETTINGS, **PRODUCTION)
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,  # trusted only when the operator names it
    }


def test_an_empty_variable_keeps_the_protection_on():
    """Compose passes ``${VAR:-}``: empty means "the default", never "off"."""
    values = settings_of(
        *HTTPS_SETTINGS,
        **PRODUCTION,
        SECURE_SSL_REDIRECT="",
        SECURE_HSTS_SECONDS="",
        SESSION_COOKIE_SECURE=" ",
    )
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SESSION_COOKIE_SECURE"] is True


def test_development_over_plain_http_works_with_debug():
    values = settings_of(*HTTPS_SETTINGS, DEBUG="true")
    assert values["SECURE_SSL_REDIRECT"] is False and values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False


def test_each_protection_can_be_set_from_the_environment():
    values = settings_of(
        *HTTPS_SETTINGS,
        **PRODUCTION,
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="false",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("", None),
        ("  ", None),
        ("HTTP_X_FORWARDED_PROTO", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("X-Forwarded-Proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-proto", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("X-Forwarded-Ssl", ("HTTP_X_FORWARDED_SSL", "https")),
    ],
)
def test_the_proxy_header_is_named_as_the_proxy_writes_it_or_as_wsgi_does(raw, expected):
    assert proxy_ssl_header(raw) == expected


@pytest.mark.parametrize("raw", ["X-Forwarded-Proto: https", "X_FORWARDED_PROTO,https", "a b"])
def test_a_malformed_proxy_header_is_refused(raw):
    with pytest.raises(ImproperlyConfigured):
        proxy_ssl_header(raw)


DATABASE_CASES = {
    "sqlite": (
        {},
        {
            "ENGINE": "django.db.backends.sqlite3",
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": True,
            "pool": None,
        },
    ),
    "postgresql, a connection per request": (
        {"DATABASE_URL": PG},
        {
            "ENGINE": "django.db.backends.postgresql",
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": True,
            "pool": None,
        },
    ),
    "postgresql, persistent connections": (
        {"DATABASE_URL": PG, "DATABASE_CONN_MAX_AGE": "60"},
        {
            "ENGINE": "django.db.backends.postgresql",
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "pool": None,
        },
    ),
    "postgresql, psycopg's pool (persistent connections ignored)": (
        {
            "DATABASE_URL": PG,
            "DATABASE_POOL_MAX_SIZE": "4",
            "DATABASE_POOL_MIN_SIZE": "2",
            "DATABASE_POOL_TIMEOUT": "5",
            "DATABASE_CONN_MAX_AGE": "60",
        },
        {
            "ENGINE": "django.db.backends.postgresql",
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": True,
            "pool": {"min_size": 2, "max_size": 4, "timeout": 5},
        },
    ),
}


@pytest.mark.parametrize("case", list(DATABASE_CASES))
def test_database_settings_for_each_combination(case):
    environ, expected = DATABASE_CASES[case]
    values = settings_of("DATABASES", **PRODUCTION, **environ)["DATABASES"]["default"]
    got = {key: values[key] for key in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    got["pool"] = values.get("OPTIONS", {}).get("pool")
    if got["pool"]:  # connections are reset when they come back (newsroom/database.py)
        assert "reset_pooled_connection" in got["pool"].pop("reset")
    assert got == expected


def test_the_pool_checks_each_connection_before_handing_it_out():
    """Django gives psycopg ConnectionPool.check_connection when CONN_HEALTH_CHECKS is on:
    a connection the server closed (restart, failover, idle timeout) is replaced, not
    used. The pool is built without opening it: no database needed."""
    values = settings_of(
        "DEBUG",
        **PRODUCTION,
        DATABASE_URL=PG,
        DATABASE_POOL_MAX_SIZE="4",
        code=(
            "from django.db import connection; from psycopg_pool import ConnectionPool; "
            "assert connection.pool._check == ConnectionPool.check_connection; "
            "assert connection.pool.max_size == 4; "
        ),
    )
    assert values == {"DEBUG": False}


def test_sessions_live_in_the_database_even_with_a_shared_cache():
    for environ in ({}, {"NEWSROOM_CACHE_URL": "redis://cache.example:6379/1"}):
        values = settings_of(
            "SESSION_ENGINE",
            "SESSION_COOKIE_HTTPONLY",
            "SESSION_COOKIE_SAMESITE",
            **PRODUCTION,
            **environ,
        )
        assert values == {
            "SESSION_ENGINE": "django.contrib.sessions.backends.db",
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
        }


def test_logs_go_to_standard_output_at_the_chosen_level():
    values = settings_of("LOGGING", **PRODUCTION, LOG_LEVEL="warning")["LOGGING"]
    assert values["handlers"]["console"]["stream"] == "ext://sys.stdout"
    assert values["root"]["level"] == "WARNING"
    assert values["loggers"]["django"]["level"] == "WARNING"


def test_a_misspelt_log_level_is_refused_at_start():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "ENV_FILE": os.devnull,
        **PRODUCTION,
        "LOG_LEVEL": "verbose",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import newsroom.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "LOG_LEVEL must be" in result.stderr


def test_security_and_request_errors_reach_standard_output_once(tmp_path):
    """A refused host (django.security) and a 500 (django.request, with its traceback):
    one line each on stdout, none on stderr."""
    code = (
        "from django.test import Client; from django.urls import path; "
        "import newsroom.urls as u; "
        "u.urlpatterns.append(path('boom', lambda r: 1 / 0)); "
        "Client(raise_request_exception=False).get('/boom'); "
        "Client().get('/fr/', HTTP_HOST='attacker.example'); "
    )
    script = f"import django; django.setup(); {code}"
    # The test settings: the project's logging, static files without collectstatic.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        sum(
            " ERROR " in line and "django.request: Internal Server Error: /boom" in line
            for line in lines
        )
        == 1
    ), result.stdout
    assert "ZeroDivisionError" in result.stdout
    assert (
        sum(" ERROR " in line and "django.security.DisallowedHost" in line for line in lines) == 1
    ), result.stdout
    assert result.stderr == ""
