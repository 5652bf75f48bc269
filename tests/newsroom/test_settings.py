"""Settings come from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom import env

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**environ):
    """Import newsroom.settings in a fresh interpreter with only ``environ`` set."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DATABASE_POOL_MAX_SIZE"}
    }
    code = (
        "import json, newsroom.settings as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
        "'DB': {k: str(v) for k, v in s.DATABASES['default'].items()}, "
        "'TZ': s.TIME_ZONE, 'USE_TZ': s.USE_TZ, 'LANGUAGES': [c for c, n in s.LANGUAGES]}))"
    )
    environ = {"ENV_FILE": os.devnull, **environ}  # not the developer's .env
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **environ},
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_secret_key_when_not_debugging():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_defaults_with_debug():
    import json

    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert values["DB"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB"]["NAME"].endswith("db.sqlite3")
    assert values["TZ"] == "Europe/Brussels" and values["USE_TZ"] is True
    assert values["LANGUAGES"] == ["fr", "nl", "de", "en"]


def test_production_values_from_the_environment():
    import json

    result = load_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="newsroom.example.be, www.newsroom.example.be",
        DATABASE_URL="postgres://newsroom:secret@db.example:5432/newsroom",
        DATABASE_POOL_MAX_SIZE="4",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["newsroom.example.be", "www.newsroom.example.be"]
    assert values["DB"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["DB"]["HOST"] == "db.example" and values["DB"]["NAME"] == "newsroom"
    assert "'max_size': 4" in values["DB"]["OPTIONS"]
    assert values["DB"]["CONN_MAX_AGE"] == "0"


def test_a_local_env_file_fills_in_but_never_overrides(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("# development\nDEBUG=true\nALLOWED_HOSTS='a.example'\n")
    monkeypatch.setenv("ALLOWED_HOSTS", "set.example")
    monkeypatch.delenv("DEBUG", raising=False)
    env.read_env_file(env_file)
    assert os.environ["DEBUG"] == "true" and os.environ["ALLOWED_HOSTS"] == "set.example"


def test_a_malformed_boolean_is_an_error_not_a_guess(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env.env_bool("DEBUG")
    monkeypatch.setenv("DEBUG", "On")
    assert env.env_bool("DEBUG") is True


def test_the_api_rate_limit_is_read_or_refused_at_start():
    from newsroom.env import api_rate_limit

    assert api_rate_limit("120/min") == "120/min"
    assert api_rate_limit(" 10/s ") == "10/s"
    assert api_rate_limit("OFF") is None
    for wrong in ("120", "0/min", "120/fortnight", "lots"):
        with pytest.raises(ImproperlyConfigured, match="NEWSROOM_API_RATE_LIMIT"):
            api_rate_limit(wrong)
