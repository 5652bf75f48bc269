"""Real worker processes (``manage.py run_huey``, as ``make run`` and the compose
``worker`` service start them) for the tests: on PostgreSQL, the worker is another
process that reads the test's database, takes its tasks from the queue's SQLite file
and sends to the test's SMTP server (tests/smtp.py)."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from tests.deploy.two_nodes import database_url_for


@pytest.fixture
def queue():
    """The test process enqueues to the worker's SQLite file instead of running tasks."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    HUEY.flush()
    yield HUEY
    HUEY.flush()
    HUEY.immediate = True


def start_worker(smtp_server, **env):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database_url_for(connection.settings_dict),
        "NEWSROOM_TASKS_URL": "sqlite:///" + settings.HUEY["filename"],
        "EMAIL_URL": smtp_server.url,
        "NEWSROOM_SITE_URL": settings.NEWSROOM_SITE_URL,
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(worker):
    """Stop a worker as the compose service does (SIGINT: running tasks finish); its
    output."""
    worker.send_signal(subprocess.signal.SIGINT)
    try:
        output, _ = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
