"""``manage.py check --deploy`` is clean with the production variables.

The production set is what docs/security.md and .env.example list: everything
else is a default of settings.py when DEBUG is off. Run in a fresh interpreter,
with nothing of this machine's environment but PATH, so the test sees what an
operator's server sees.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "newsroom.example.be",
    "CSRF_TRUSTED_ORIGINS": "https://newsroom.example.be",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "DATABASE_URL": "postgres://newsroom:secret@db:5432/newsroom",
    "DATABASE_POOL_MAX_SIZE": "4",
}


def check_deploy(**environ):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ENV_FILE": os.devnull, **environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_variables_pass_check_deploy_without_a_warning():
    result = check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_production_protections_are_turned_off():
    """The same check fails on a weak setup, so the clean result above means something."""
    result = check_deploy(
        **{
            **PRODUCTION,
            "SECRET_KEY": "short",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
        }
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for code in [
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
    ]:
        assert code in output, code


def test_development_settings_are_not_fit_for_production():
    """DEBUG=true (make run's .env) is what check --deploy must refuse."""
    result = check_deploy(DEBUG="true")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for code in ["security.W018", "security.W004", "security.W008", "security.W009"]:
        assert code in output, code
