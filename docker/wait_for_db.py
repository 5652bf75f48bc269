"""Wait until the database accepts connections, then optionally run a command
while holding a PostgreSQL advisory lock.

    python docker/wait_for_db.py                                   # wait only
    python docker/wait_for_db.py python manage.py migrate --noinput

The container's entrypoint runs it before gunicorn: PostgreSQL may still be
starting (compose's health check narrows that window, a restarted database or
another orchestrator does not), and several web nodes that start together must
not run ``migrate`` at the same time, or one of them fails half-way through
creating the same table. The lock is a session-level advisory lock held on this
process's connection while the command runs in a child process; on SQLite there
is nothing to share and the command just runs.

Gives up after ``DATABASE_WAIT_TIMEOUT`` seconds (default 60) with a message that
names the database, never its password.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: An arbitrary constant shared by every node: "newsroom migrate" as a bigint.
MIGRATION_LOCK_ID = 0x6E657773726F6F6D


def connect(timeout, interval=1.0, log=print):
    """The default connection, open, or SystemExit after ``timeout`` seconds."""
    from django.db import connection
    from django.db.utils import OperationalError

    deadline = time.monotonic() + timeout
    settings = connection.settings_dict
    where = f"{settings.get('NAME')} on {settings.get('HOST') or 'localhost'}"
    attempts = 0
    while True:
        attempts += 1
        try:
            connection.ensure_connection()
            if attempts > 1:
                log(f"wait_for_db: database {where} is up", flush=True)
            return connection
        except OperationalError as error:
            if time.monotonic() >= deadline:
                raise SystemExit(
                    f"wait_for_db: database {where} still unreachable after {timeout} s: "
                    f"{str(error).strip()}"
                ) from None
            if attempts == 1:
                log(f"wait_for_db: waiting for database {where} …", flush=True)
            connection.close()
            time.sleep(interval)


def run_locked(connection, command):
    """Run ``command`` while this connection holds the migration lock (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return subprocess.call(command, cwd=ROOT)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_ID])
    try:
        return subprocess.call(command, cwd=ROOT)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_ID])


def main(argv):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # One plain connection is all this process needs (not a pool), and a database
    # host that does not answer must not hang it past the timeout (libpq reads this).
    os.environ["DATABASE_POOL_MAX_SIZE"] = "0"
    os.environ.setdefault("PGCONNECT_TIMEOUT", "5")
    raw = os.environ.get("DATABASE_WAIT_TIMEOUT", "").strip() or "60"
    try:
        timeout = float(raw)
    except ValueError:
        raise SystemExit(
            f"DATABASE_WAIT_TIMEOUT must be a number of seconds, not {raw!r}."
        ) from None
    import django

    django.setup()
    connection = connect(timeout)
    if not argv:
        return 0
    return run_locked(connection, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
