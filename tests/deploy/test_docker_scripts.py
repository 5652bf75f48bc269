"""The container's own scripts, run for real: the entrypoint (wait, migrate, exec),
wait_for_db.py (its timeout and its migration lock) and the health check."""

import fnmatch
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.deploy.two_nodes import database_url_for

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
WAIT_FOR_DB = ROOT / "docker" / "wait_for_db.py"


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "docker" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def container_env(**values):
    """A production-like environment, as the container has, whatever this process has."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "SECURE_"))
    }
    env.update(
        {
            "ENV_FILE": os.devnull,
            "DEBUG": "false",
            "SECRET_KEY": "entrypoint-test-" + "k3Y-a9Zq_" * 6,
            "ALLOWED_HOSTS": "localhost",
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        }
    )
    env.update(values)
    return env


def tables(path):
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_the_entrypoint_migrates_a_new_database_then_runs_the_command(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    completed = subprocess.run(
        [str(ENTRYPOINT), "python", "-c", "print('gunicorn would start here')"],
        env=container_env(DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.rstrip().endswith("gunicorn would start here")
    assert {"releases_pressrelease", "django_session", "django_migrations"} <= tables(database)


def test_the_entrypoint_can_leave_migrations_to_someone_else(tmp_path):
    database = tmp_path / "untouched.sqlite3"
    completed = subprocess.run(
        [str(ENTRYPOINT), "python", "-c", "print('started')"],
        env=container_env(DATABASE_URL=f"sqlite:///{database}", MIGRATE_ON_START="false"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "started"
    assert "releases_pressrelease" not in tables(database)


def test_the_entrypoint_stops_when_the_command_would_start_on_a_broken_database(tmp_path):
    """set -e: a failed wait or migration never lets gunicorn start."""
    completed = subprocess.run(
        [str(ENTRYPOINT), "python", "-c", "print('must not run')"],
        env=container_env(
            DATABASE_URL="postgres://newsroom:sekret@127.0.0.1:1/nowhere", DATABASE_WAIT_TIMEOUT="1"
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "must not run" not in completed.stdout
    assert "wait_for_db: database nowhere on 127.0.0.1 still unreachable after 1.0 s" in (
        completed.stderr
    )
    assert "sekret" not in completed.stdout + completed.stderr


def test_a_wrong_wait_timeout_is_a_clear_message():
    completed = subprocess.run(
        [sys.executable, str(WAIT_FOR_DB)],
        cwd=ROOT,
        env=container_env(DATABASE_WAIT_TIMEOUT="soon"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode != 0
    assert completed.stderr.strip() == (
        "DATABASE_WAIT_TIMEOUT must be a number of seconds, not 'soon'."
    )


@pytest.mark.postgresql
def test_nodes_starting_together_migrate_one_after_the_other(db, tmp_path):
    """While one node holds the migration lock, another node's command waits for it."""
    from django.db import connection

    lock = load_script("wait_for_db").MIGRATION_LOCK_ID
    marker = tmp_path / "migrated"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock])
    try:
        other_node = subprocess.Popen(
            [
                sys.executable,
                str(WAIT_FOR_DB),
                "python",
                "-c",
                f"open({str(marker)!r}, 'w').close()",
            ],
            cwd=ROOT,
            env=container_env(DATABASE_URL=database_url_for(connection.settings_dict)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        assert other_node.poll() is None and not marker.exists(), "it must wait for the lock"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock])
    try:
        assert other_node.wait(timeout=30) == 0, other_node.stderr.read()
    finally:
        if other_node.poll() is None:
            other_node.kill()
    assert marker.exists()


# --- docker/healthcheck.py ------------------------------------------------------------------------


def test_the_health_check_speaks_as_an_allowed_host():
    healthcheck = load_script("healthcheck")
    assert healthcheck.host_header("newsroom.example.be,www.example.be") == "newsroom.example.be"
    assert healthcheck.host_header(" .example.be") == "example.be"
    assert healthcheck.host_header("*") == "localhost"
    assert healthcheck.host_header("") == "localhost"


@pytest.mark.django_db(transaction=True)
def test_the_health_check_passes_when_healthz_answers(live_server):
    healthy, detail = load_script("healthcheck").check(f"{live_server.url}/healthz", "localhost")
    assert healthy, detail
    assert detail.startswith("200")


@pytest.mark.django_db(transaction=True)
def test_a_redirect_is_reported_not_followed(live_server):
    healthy, detail = load_script("healthcheck").check(f"{live_server.url}/", "localhost")
    assert not healthy
    assert detail.startswith("302 /fr/")


def test_the_health_check_fails_when_nothing_answers():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    healthcheck = load_script("healthcheck")
    healthy, detail = healthcheck.check(f"http://127.0.0.1:{port}/healthz", "localhost", 2)
    assert not healthy and detail.startswith("unreachable")
    assert healthcheck.main([f"http://127.0.0.1:{port}/healthz"]) == 1


# --- the image's content --------------------------------------------------------------------------


def dockerignored(relative, patterns):
    """Whether Docker leaves ``relative`` (a POSIX path) out of the build context: a
    pattern matches the path or one of its parent folders; ``**/`` is any depth."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatchcase(part, pattern[3:]) for part in parts):
                return True
        elif any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes):
            return True
    return False


def test_the_build_context_holds_what_the_image_runs(tmp_path):
    """What `COPY . .` brings in (the repository less .dockerignore) is enough to pass
    `check --deploy` and collect the static files as the Dockerfile does."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    app = tmp_path / "app"
    for folder, subfolders, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT)
        subfolders[:] = [
            name for name in subfolders if not dockerignored((here / name).as_posix(), patterns)
        ]
        for name in files:
            relative = (here / name).as_posix()
            if not dockerignored(relative, patterns):
                (app / here).mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / relative, app / relative)
    assert not (app / ".env").exists() and not (app / "tests").exists()
    assert (app / "docker" / "entrypoint.sh").is_file()
    assert not (app / ".venv").exists()
    env = container_env(
        STATIC_ROOT=str(app / "staticfiles"),
        MEDIA_ROOT=str(app / "media"),
        SECRET_KEY="build-only-collectstatic-not-a-secret",
    )
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    assert (app / "staticfiles" / "staticfiles.json").is_file(), "WhiteNoise's manifest"
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=app,
        env=container_env(
            SECRET_KEY="runtime-" + "k3Y-a9Zq_" * 6,
            SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
            STATIC_ROOT=str(app / "staticfiles"),
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
