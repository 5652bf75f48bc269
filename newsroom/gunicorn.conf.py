"""Gunicorn settings for the newsroom, read from the environment.

    gunicorn newsroom.wsgi -c newsroom/gunicorn.conf.py

Every value has a production default; the container (Dockerfile, docker-compose.yml)
and a plain server use the same file.

- ``GUNICORN_BIND``: address(es), comma-separated; default ``0.0.0.0:$PORT`` when
  ``PORT`` is set (the container), else ``127.0.0.1:8000``.
- ``GUNICORN_WORKERS`` (or ``WEB_CONCURRENCY``): worker processes; default
  2 × cores + 1, at most ``GUNICORN_MAX_WORKERS`` (default 8).
- ``GUNICORN_THREADS``: threads per worker, default 1 (above 1 gunicorn uses its
  gthread worker).
- ``GUNICORN_TIMEOUT`` (30), ``GUNICORN_GRACEFUL_TIMEOUT`` (30): seconds a request
  may take before its worker is restarted; seconds workers get to finish on a stop.
- ``GUNICORN_KEEPALIVE`` (5): seconds an idle keep-alive connection is held (gthread).
- ``GUNICORN_LIMIT_REQUEST_LINE`` (8190, gunicorn's maximum): the longest request line
  read; Django answers addresses above ``NEWSROOM_MAX_URL_LENGTH`` with a 414 page.
- ``GUNICORN_MAX_REQUESTS`` (0, never): restart a worker after that many requests
  (with 10 % jitter), a guard against slow leaks.
- ``GUNICORN_LOG_LEVEL`` (info), ``GUNICORN_ACCESS_LOG`` (true): gunicorn's messages
  on stderr; one line per request on stdout.
- ``FORWARDED_ALLOW_IPS`` (127.0.0.1,::1): proxies whose ``X-Forwarded-Proto``
  gunicorn believes.
- ``GUNICORN_CONTROL_SOCKET`` (empty, off): path of the control socket for ``gunicornc``.

Database connections, the one thing to size by hand: every worker process has its
own psycopg pool (``DATABASE_POOL_MAX_SIZE``), so one node may hold up to
``workers × DATABASE_POOL_MAX_SIZE`` PostgreSQL connections (``workers × threads``
without the pool), and the sum over every web node, plus a few for ``migrate``, the
admin's shell and monitoring, must stay under PostgreSQL's ``max_connections``
(100 by default). A worker serves at most ``threads`` requests at once, so its pool
never needs more than ``GUNICORN_THREADS`` connections: size the pool to the threads.
The arbiter logs the bound at start (see ``when_ready``); docs/deployment.md has a
worked example.

The app is not preloaded: each worker imports Django and opens its own pool after
the fork, so no database connection is ever shared between processes.
"""

import os

# Gunicorn reads the module-level names below; nothing else in this file is a setting.


def _integer(name, default, minimum=0):
    """An integer from the environment, or a clear message at start (never a traceback)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, not {raw!r}.") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, not {value}.")
    return value


def _flag(name, default):
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SystemExit(f"{name} must be true or false, not {raw!r}.")


def _cores():
    """CPUs this process may run on (a container's cpuset, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(cores, maximum):
    """Gunicorn's rule of thumb, 2 × cores + 1, capped: past a few workers per core
    a node only adds PostgreSQL connections, not throughput."""
    return max(1, min(2 * cores + 1, maximum))


def _bind():
    if os.environ.get("GUNICORN_BIND", "").strip():
        return [part.strip() for part in os.environ["GUNICORN_BIND"].split(",") if part.strip()]
    if os.environ.get("PORT", "").strip():
        return [f"0.0.0.0:{_integer('PORT', 8000, minimum=1)}"]
    return ["127.0.0.1:8000"]


bind = _bind()
workers = _integer(
    "GUNICORN_WORKERS",
    _integer(
        "WEB_CONCURRENCY",
        default_workers(_cores(), _integer("GUNICORN_MAX_WORKERS", 8, minimum=1)),
        minimum=1,
    ),
    minimum=1,
)
threads = _integer("GUNICORN_THREADS", 1, minimum=1)
timeout = _integer("GUNICORN_TIMEOUT", 30, minimum=1)
# A request waits at most this long for the database before it answers 503
# (newsroom/errors.py): it must do so before gunicorn kills its worker.
for _name, _default in (("DATABASE_POOL_TIMEOUT", 10), ("DATABASE_CONNECT_TIMEOUT", 5)):
    if _integer(_name, _default) >= timeout:
        raise SystemExit(
            f"{_name} ({_integer(_name, _default)} s) must be below "
            f"GUNICORN_TIMEOUT ({timeout} s): a request waiting for the "
            f"database would be killed before it could answer 503."
        )
graceful_timeout = _integer("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = _integer("GUNICORN_KEEPALIVE", 5, minimum=1)
# The longest request line gunicorn reads (its maximum, 8190): above
# NEWSROOM_MAX_URL_LENGTH, so that Django answers an over-long address with its own
# 414 page in the reader's language; only longer lines get gunicorn's bare 400.
limit_request_line = _integer("GUNICORN_LIMIT_REQUEST_LINE", 8190, minimum=1)
max_requests = _integer("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
preload_app = False

# Behind the reverse proxy: which peers may say the request came in over HTTPS.
# Gunicorn passes X-Forwarded-Proto to Django either way, and Django trusts it
# (SECURE_PROXY_SSL_HEADER): gunicorn's port must be reachable from the proxy only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1"

# Logs: requests on stdout, gunicorn's own messages on stderr, both unbuffered, so a
# container's log driver or journald collects them. One access line reads:
#   203.0.113.7 "GET /fr/ HTTP/1.1" 200 18234 bytes 41 ms "Mozilla/5.0 …" via 10.0.0.2 [pid 17]
# (the client as the proxy saw it, then the proxy's own address).
accesslog = "-" if _flag("GUNICORN_ACCESS_LOG", True) else None
access_log_format = (
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s bytes %(M)s ms "%(a)s" via %(h)s [pid %(p)s]'
)
# Secret tokens in addresses (embargo, subscription and calendar links) are written
# "[secret]" (newsroom/access_log.py).
logger_class = "newsroom.access_log.AccessLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "").strip().lower() or "info"
capture_output = False  # Django logs to stdout itself (settings.LOGGING)

# Gunicorn 25+ opens a control socket under $HOME by default; two instances on one
# host would take each other's. Off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip() or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()

# Worker heartbeats on a RAM-backed file system where there is one (containers'
# overlay file systems can stall them and get healthy workers killed).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

proc_name = "newsroom"


def database_connections_per_node(workers, threads, pool_max_size):
    """How many PostgreSQL connections one node may open at most."""
    per_worker = pool_max_size if pool_max_size > 0 else threads
    return workers * per_worker


def when_ready(server):
    """Say at start what this node may ask of PostgreSQL, so an operator adding
    nodes can check the sum against max_connections."""
    pool = _integer("DATABASE_POOL_MAX_SIZE", 0)
    total = database_connections_per_node(workers, threads, pool)
    how = f"a pool of {pool}" if pool > 0 else f"{threads} connection(s), no pool"
    server.log.info(
        "newsroom: %s worker(s) × %s thread(s); each worker has %s: up to %s PostgreSQL "
        "connections from this node",
        workers,
        threads,
        how,
        total,
    )
    if pool and pool < threads:
        server.log.warning(
            "DATABASE_POOL_MAX_SIZE (%s) is below GUNICORN_THREADS (%s): threads will wait "
            "for a connection",
            pool,
            threads,
        )
