"""psycopg's pool with Django's health checks, on a real PostgreSQL: a pooled
connection that the server closed (restart, failover, idle timeout) is replaced
before a request gets it, instead of failing that request."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def pooled(alias, health_checks):
    """A second connection to the test database, through a pool of one, as settings.py
    builds it with DATABASE_POOL_MAX_SIZE=1."""
    settings_dict = {
        **connection.settings_dict,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": health_checks,
        "OPTIONS": {**connection.settings_dict.get("OPTIONS", {}),
                    "pool": {"min_size": 1, "max_size": 1, "timeout": 5}},
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
    wrapper = pooled(f"pool_check_{health_checks}", health_checks)
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
