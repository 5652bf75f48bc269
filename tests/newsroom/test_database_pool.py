"""psycopg's pool with Django's health checks, on a real PostgreSQL: a pooled
connection that the server closed (restart, failover, idle timeout) is replaced
before a request gets it, instead of failing that request; a connection handed
back is reset, so nothing one request set reaches the next, except the statements
psycopg prepared for the release page, which is what makes preparing them pay."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper

from newsroom.database import pool_options, prepared_cursor
from releases import parts

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def pooled(alias, health_checks=True, reset=True, prepare_threshold=5):
    """A second connection to the test database, through a pool of one, as settings.py
    builds it with DATABASE_POOL_MAX_SIZE=1 (``health_checks`` and ``reset`` off: as
    it would be without them)."""
    options = pool_options(max_size=1, min_size=1, timeout=5)
    if not reset:
        del options["reset"]
    settings_dict = {
        **connection.settings_dict,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": health_checks,
        "OPTIONS": {
            **connection.settings_dict.get("OPTIONS", {}),
            "pool": options,
            "prepare_threshold": prepare_threshold,
        },
    }
    return DatabaseWrapper(settings_dict, alias=alias)


def backend_pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def kill(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.parametrize("health_checks", [True, False])
def test_a_pooled_connection_closed_by_the_server_is_replaced(health_checks):
    # Without the reset too: a reset (in the pool's own thread) could meet the dead
    # connection first and discard it, and the failure this shows would not show.
    wrapper = pooled(f"pool_check_{health_checks}", health_checks, reset=health_checks)
    try:
        first = backend_pid(wrapper)
        wrapper.close()  # back to the pool, as at the end of a request
        kill(first)
        if health_checks:  # the project's setting
            second = backend_pid(wrapper)
            assert second != first
        else:  # without it the next request would fail: the check is what saves it
            with pytest.raises(OperationalError):
                backend_pid(wrapper)
    finally:
        wrapper.close()
        wrapper.close_pool()


def session_state(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute(
            "SELECT pg_backend_pid(), current_setting('work_mem'), "
            "current_setting('TimeZone'), current_setting('application_name'), "
            "(SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid()), "
            "(SELECT count(*) FROM pg_prepared_statements)"
        )
        return cursor.fetchone()


def test_a_connection_handed_back_to_the_pool_is_reset():
    wrapper = pooled("pool_reset")
    try:
        pid, work_mem, zone, name, locks, prepared = session_state(wrapper)
        assert zone == "UTC" and locks == 0 and prepared == 0  # Django's own setting
        with wrapper.cursor() as cursor:  # what one request might leave behind
            cursor.execute("SET work_mem = '7MB'")
            cursor.execute("SET application_name = 'left-over'")
            cursor.execute("SET TIME ZONE 'Asia/Tokyo'")
            cursor.execute("SELECT pg_advisory_lock(4242)")
            cursor.execute("PREPARE left_over AS SELECT 1")
            cursor.execute("CREATE TEMPORARY TABLE left_over (x int)")
        wrapper.close()  # the end of the request: back to the pool
        assert session_state(wrapper) == (pid, work_mem, "UTC", name, 0, 0)  # same connection
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT to_regclass('pg_temp.left_over')")
            assert cursor.fetchone()[0] is None
    finally:
        wrapper.close()
        wrapper.close_pool()


def prepared_statements(wrapper):
    """The connection's prepared statements: (made with SQL PREPARE, its text)."""
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT from_sql, statement FROM pg_prepared_statements ORDER BY name")
        return cursor.fetchall()


def release_page_query(wrapper, slug):
    """The release page's query (releases/parts.py) on ``wrapper``, as a request runs it."""
    query = parts.ReleasePageQuery("default", "fr", "slug", parts.PAGE_PARTS)
    with prepared_cursor(wrapper) as cursor:
        cursor.execute(query.sql, [*query.fixed_params, *[slug] * query.repeat])
        return cursor.fetchall(), query.sql


def test_the_release_page_query_is_prepared_once_per_connection_and_kept_by_the_reset():
    wrapper = pooled("pool_prepared")
    try:
        pid = backend_pid(wrapper)
        for request in range(7):  # seven requests for a page, each through the pool
            rows, sql = release_page_query(wrapper, f"no-such-release-{request}")
            assert rows == []
            wrapper.close()
        kept = prepared_statements(wrapper)
        assert backend_pid(wrapper) == pid  # the same connection all along
        # Prepared by psycopg (not SQL PREPARE) once, after its fifth run, and kept.
        assert len(kept) == 1 and kept[0][0] is False
        assert kept[0][1].startswith("SELECT ") and "releases_pressrelease" in kept[0][1]
        with wrapper.cursor() as cursor:  # what a request might prepare itself
            cursor.execute("PREPARE left_over AS SELECT 1")
        wrapper.close()
        assert prepared_statements(wrapper) == kept  # its own statement went, ours stayed
        release_page_query(wrapper, "no-such-release")  # and still answers
    finally:
        wrapper.close()
        wrapper.close_pool()


def test_without_prepared_statements_the_release_page_query_is_never_prepared():
    """DATABASE_PREPARED_STATEMENTS=false (behind a pooler that loses them)."""
    wrapper = pooled("pool_unprepared", prepare_threshold=None)
    try:
        for request in range(7):
            release_page_query(wrapper, f"no-such-release-{request}")
            wrapper.close()
        assert prepared_statements(wrapper) == []
    finally:
        wrapper.close()
        wrapper.close_pool()


def jit(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit')")
        return cursor.fetchone()[0]


def test_the_jit_compiler_is_off_for_our_connections_and_stays_off_after_a_reset():
    """settings.py turns PostgreSQL's JIT off (DATABASE_JIT): it compiled the public
    rule's queries for 150-450 ms each on small tables. The server's default is on."""
    assert jit(connection) == "off"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reset_val FROM pg_settings WHERE name = 'jit'")
        assert cursor.fetchone()[0] == "off"  # the session's own default, not a SET
    wrapper = pooled("pool_jit")
    try:
        with wrapper.cursor() as cursor:  # a request that turned it on
            cursor.execute("SET jit = on")
        wrapper.close()
        assert jit(wrapper) == "off"  # the reset puts back the session's default
    finally:
        wrapper.close()
        wrapper.close_pool()
