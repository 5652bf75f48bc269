#!/bin/sh
# Start a newsroom container: wait for the database, bring its schema up to date,
# then run the command (gunicorn by default, or e.g. `python manage.py create_admin`).
#
# MIGRATE_ON_START=false skips the migrations (when a release process runs them
# itself); DATABASE_WAIT_TIMEOUT (seconds, default 60) bounds the wait.
set -eu
cd "$(dirname "$0")/.."

if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
    # Under a PostgreSQL advisory lock: nodes starting together migrate one after
    # the other, and the later ones find nothing left to do.
    python docker/wait_for_db.py python manage.py migrate --noinput
else
    python docker/wait_for_db.py
fi

exec "$@"
