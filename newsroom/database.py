"""PostgreSQL connections: psycopg's pool as settings.py configures it, and the
one query run on every release page, prepared once per connection.

Every connection handed back to the pool is reset before the next request gets
it: session settings, the role, cursors, temporary tables, advisory locks,
listeners and the statements a request prepared itself are gone, so nothing one
request set survives into the next; Django's own session settings (the time zone,
the role) are then put back, as for a new connection. This is ``DISCARD ALL``
less two of its parts: the statements psycopg prepared for us (``prepared_cursor``)
and their plans are kept, which is what makes them worth preparing. Django leaves
``reset`` to the project and configures a pooled connection only once, when the
pool opens it.
"""

import functools

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql

#: ``DISCARD ALL`` without ``DEALLOCATE ALL`` and ``DISCARD PLANS`` (PostgreSQL's
#: documentation of DISCARD lists what it runs), after listing the statements a
#: request prepared itself with SQL ``PREPARE`` (``from_sql``), to deallocate them.
RESET = (
    "SELECT name FROM pg_prepared_statements WHERE from_sql",
    "CLOSE ALL",
    "SET SESSION AUTHORIZATION DEFAULT",
    "RESET ALL",
    "UNLISTEN *",
    "SELECT pg_advisory_unlock_all()",
    "DISCARD TEMP",
    "DISCARD SEQUENCES",
)


def reset_pooled_connection(connection):
    """psycopg_pool's ``reset``: runs in a pool worker when a connection comes back.
    One round trip, one string of statements (the simple query protocol: half the
    time of a pipeline of them), unless a request prepared statements of its own.
    Django's time zone is put back with the reset, so ``_configure_connection``
    finds it set. Every public request pays this, the page cache's hits included."""
    connection.autocommit = True  # as DISCARD ALL, outside any transaction
    time_zone = connections[DEFAULT_DB_ALIAS].timezone_name
    # Django's cursors bind in the client: without parameters, the simple protocol.
    cursor = connection.execute(_reset_statements(time_zone))
    for (name,) in cursor.fetchall():  # the first statement's rows
        connection.execute(sql.SQL("DEALLOCATE {}").format(sql.Identifier(name)))
    # Django's configuration of a new pooled connection (time zone, assume_role): a
    # private method, the one Django hands the pool as ``configure`` itself (Django
    # is pinned to 5.2; tests/newsroom/test_database_pool.py breaks if it changes).
    connections[DEFAULT_DB_ALIAS]._configure_connection(connection)


@functools.cache
def _reset_statements(time_zone):
    """``RESET`` and Django's time zone, as one string, written once per zone."""
    statements = [sql.SQL(statement) for statement in RESET]
    if time_zone:
        statements.append(sql.SQL("SET TIME ZONE {}").format(sql.Literal(time_zone)))
    return sql.SQL("; ").join(statements).as_string()


def pool_options(max_size, min_size, timeout):
    """``OPTIONS["pool"]`` of a PostgreSQL database (see settings.py)."""
    return {
        "min_size": min(min_size, max_size),
        "max_size": max_size,
        "timeout": timeout,
        "reset": reset_pooled_connection,
    }


def prepared_cursor(connection):
    """A cursor of ``connection`` (Django's, ``connections[alias]``) whose queries
    PostgreSQL prepares once the connection has run them ``prepare_threshold`` times
    (psycopg's rule; settings.py, ``DATABASE_PREPARED_STATEMENTS``), then plans no
    more: for the few queries written once per process and run on every request (the
    release page's, whose planning cost more than its execution). Django's own
    cursors bind parameters in the client and never prepare; this one binds them on
    the server. Other databases, and PostgreSQL with prepared statements off:
    Django's cursor.

    Wrapped as Django wraps its cursors, so query counts and logging see it."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    # As Django's ``cursor()``: a kept connection that fails its check is replaced.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)
