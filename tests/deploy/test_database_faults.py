"""Database faults end in a fast, honest answer, on the real stack (gunicorn and
PostgreSQL): with the server down, or every pooled connection busy, a public page
is a 503 with Retry-After in the reader's language after at most one pool timeout,
never a 500 and never a worker killed; /healthz says 503 meanwhile; service resumes
by itself."""

import http.client
import threading
import time

import psycopg
import pytest

from bench.gunicorn import GunicornProcess
from tests.deploy.two_nodes import PROXY_HEADERS, collect_static, database_url_for, node_environment
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgresql
POOL_TIMEOUT = 3


def get(port, path, language="fr", timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.monotonic()
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, "Accept-Language": language})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, dict(response.getheaders()), body, time.monotonic() - started
    finally:
        connection.close()


@pytest.fixture(scope="module")
def static_root(tmp_path_factory, django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    root = tmp_path_factory.mktemp("static")

    with django_db_blocker.unblock():
        env = node_environment(
            database_url_for(connection.settings_dict), root, root.parent / "media"
        )
    collect_static(env, log=lambda *args: None)
    return root


def server(tmp_path, static_root, database_url, **environ):
    env = node_environment(database_url, static_root, tmp_path / "media")
    env.update(
        {
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_TIMEOUT": "20",
            "DATABASE_POOL_TIMEOUT": str(POOL_TIMEOUT),
            "LOG_LEVEL": "WARNING",
            **environ,
        }
    )
    return GunicornProcess(env, log_path=tmp_path / "gunicorn.log", label="newsroom")


def assert_unavailable(status, headers, body, elapsed, language_text, limit):
    assert status == 503, body[:500]
    assert int(headers["Retry-After"]) > 0
    assert language_text in body
    assert elapsed < limit, f"answered after {elapsed:.1f} s"
    assert "no-store" in headers.get("Cache-Control", "") or "private" in headers.get(
        "Cache-Control", ""
    )


@pytest.mark.parametrize("pool", ["2", "0"])
def test_with_postgresql_down_pages_are_a_quick_503_and_come_back(
    transactional_db, tmp_path, static_root, pool
):
    from django.db import connection

    upstream = int(connection.settings_dict.get("PORT") or 5432)
    with TcpProxy(upstream) as proxy:
        url = database_url_for(
            {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": str(proxy.port)}
        )
        with server(tmp_path, static_root, url, DATABASE_POOL_MAX_SIZE=pool) as node:
            assert node.wait_until_up("/healthz", headers=PROXY_HEADERS) == 200
            assert get(node.port, "/fr/")[0] == 200
            proxy.cut()  # PostgreSQL "goes down": connections end, new ones are refused
            # One pool timeout at most (without a pool, a refused connection is at once).
            limit = POOL_TIMEOUT * 1.5 + 1
            assert_unavailable(*get(node.port, "/nl/"), "Tijdelijk niet beschikbaar", limit)
            assert_unavailable(
                *get(node.port, "/fr/communiques/"), "Temporairement indisponible", limit
            )
            assert get(node.port, "/healthz")[0] == 503
            proxy.restore()
            deadline, statuses = time.monotonic() + 60, []
            while time.monotonic() < deadline:
                status = get(node.port, "/fr/")[0]
                statuses.append(status)
                if status == 200:
                    break
                time.sleep(0.5)  # the pool reconnects with a back-off of its own
            assert statuses[-1] == 200 and set(statuses) <= {200, 503}, statuses
            assert get(node.port, "/healthz")[0] == 200
            assert "WORKER TIMEOUT" not in node.log_tail(400)


def test_with_every_pooled_connection_busy_a_page_is_a_503_after_one_pool_timeout(
    transactional_db, tmp_path, static_root
):
    """A pool of one held by a lock: a request waits on a locked table with the only
    connection, the next one waits for the pool."""
    from django.db import connection

    url = database_url_for(connection.settings_dict)
    dsn = url.replace("postgres://", "postgresql://", 1)
    with server(
        tmp_path, static_root, url, DATABASE_POOL_MAX_SIZE="1", DATABASE_POOL_MIN_SIZE="1"
    ) as node:
        assert node.wait_until_up("/healthz", headers=PROXY_HEADERS) == 200
        with psycopg.connect(dsn) as holder:
            holder.execute("LOCK TABLE newsroom_publicversion IN ACCESS EXCLUSIVE MODE")
            first = {}
            waiting = threading.Thread(
                target=lambda: first.update(answer=get(node.port, "/fr/", timeout=60))
            )
            waiting.start()
            with psycopg.connect(dsn, autocommit=True) as observer:
                deadline = time.monotonic() + 20
                while (
                    time.monotonic() < deadline
                    and not observer.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE '%%newsroom_publicversion%%'"
                    ).fetchone()
                ):
                    time.sleep(0.05)
            status, headers, body, elapsed = get(node.port, "/de/")
            assert_unavailable(
                status,
                headers,
                body,
                elapsed,
                "Vorübergehend nicht verfügbar",
                POOL_TIMEOUT * 1.5 + 1,
            )
            assert elapsed >= POOL_TIMEOUT * 0.9  # it did wait for the pool, once
            holder.rollback()  # the lock ends: the first request is answered
        waiting.join(30)
        assert first["answer"][0] == 200
        assert get(node.port, "/fr/")[0] == 200
        assert "WORKER TIMEOUT" not in node.log_tail(400)
