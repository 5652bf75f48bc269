"""The task queue's settings: Huey (docs/task-queue.md), from one environment variable.

``NEWSROOM_TASKS_URL`` unset: Huey keeps its queue in a SQLite file beside the database
(``tasks.sqlite3``), so ``make run`` needs no server; ``redis://host:6379/0``: Redis, for
production and several worker processes (``manage.py run_huey``, its ``worker`` service
in docker-compose.yml). ``NEWSROOM_TASK_WORKERS`` threads per worker process."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

#: How often the worker's scheduler looks for tasks whose time has come (seconds):
#: a release's mailing starts at most this long after its go-live second.
SCHEDULER_INTERVAL = 1


def huey_settings(url, default_file, workers=2, immediate=False):
    consumer = {
        "workers": workers,
        "worker_type": "thread",
        "scheduler_interval": SCHEDULER_INTERVAL,
        # An idle worker looks at the queue at least every second (Huey's default
        # backs off to 10 s): the scheduler's go-live task is taken at once.
        "max_delay": SCHEDULER_INTERVAL,
        "check_worker_health": True,
        "health_check_interval": 10,
        "periodic": True,
    }
    # No results kept: the tasks record what they did in the database (a result nobody
    # reads would stay in the queue's storage for ever).
    common = {
        "name": "newsroom",
        "immediate": immediate,
        "utc": True,
        "results": False,
        "consumer": consumer,
    }
    scheme = urlsplit(url).scheme if url else ""
    if not url:
        return {**common, "huey_class": "huey.SqliteHuey", "filename": str(default_file)}
    if scheme == "sqlite":
        return {**common, "huey_class": "huey.SqliteHuey", "filename": urlsplit(url).path}
    if scheme in ("redis", "rediss", "unix"):
        return {**common, "huey_class": "huey.PriorityRedisHuey", "url": url}
    raise ImproperlyConfigured(
        f"NEWSROOM_TASKS_URL must be redis://..., rediss://... or sqlite:///path, not {url!r}."
    )


def email_settings(url, debug):
    """Django's EMAIL_* settings: from ``EMAIL_URL`` (dj-email-url:
    ``smtp://user:password@host:587/?tls=True``, ``console://``), else the console in
    development (a newcomer sees the messages in the terminal), else SMTP on localhost."""
    import dj_email_url

    if not url:
        url = "console://" if debug else "smtp://localhost:25"
    config = dj_email_url.parse(url)
    return {
        "EMAIL_BACKEND": config["EMAIL_BACKEND"],
        "EMAIL_HOST": config["EMAIL_HOST"] or "localhost",
        "EMAIL_PORT": config["EMAIL_PORT"] or 25,
        "EMAIL_HOST_USER": config["EMAIL_HOST_USER"] or "",
        "EMAIL_HOST_PASSWORD": config["EMAIL_HOST_PASSWORD"] or "",
        "EMAIL_USE_TLS": config["EMAIL_USE_TLS"],
        "EMAIL_USE_SSL": config["EMAIL_USE_SSL"],
        "EMAIL_TIMEOUT": config["EMAIL_TIMEOUT"] or 30,
    }
