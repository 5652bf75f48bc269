"""PostgreSQL connections: psycopg's pool as settings.py configures it.

Every connection handed back to the pool is reset before the next request gets
it (``DISCARD ALL``: session settings, temporary tables, advisory locks, prepared
statements, ``SET ROLE``...), so nothing one request set survives into the next;
Django's own session settings (the time zone, the role) are then put back, as for
a new connection. Django leaves ``reset`` to the project and configures a pooled
connection only once, when the pool opens it.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql


def reset_pooled_connection(connection):
    """psycopg_pool's ``reset``: runs in a pool worker when a connection comes back.
    One round trip: Django's time zone is put back with the reset (in one
    pipeline), so ``_configure_connection`` finds it set.
    Every public request pays this, the page cache's hits included."""
    connection.autocommit = True  # DISCARD ALL refuses to run in a transaction
    time_zone = connections[DEFAULT_DB_ALIAS].timezone_name
    with connection.pipeline():
        connection.execute("DISCARD ALL")
        if time_zone:
            connection.execute(sql.SQL("SET TIME ZONE {}").format(sql.Literal(time_zone)))
    # Django's configuration of a new pooled connection (time zone, assume_role): a
    # private method, the one Django hands the pool as ``configure`` itself (Django
    # is pinned to 5.2; tests/newsroom/test_database_pool.py breaks if it changes).
    connections[DEFAULT_DB_ALIAS]._configure_connection(connection)


def pool_options(max_size, min_size, timeout):
    """``OPTIONS["pool"]`` of a PostgreSQL database (see settings.py)."""
    return {
        "min_size": min(min_size, max_size),
        "max_size": max_size,
        "timeout": timeout,
        "reset": reset_pooled_connection,
    }
