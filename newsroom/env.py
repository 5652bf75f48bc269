"""Read settings from the environment, with one helper per type.

Kept apart from ``settings.py`` so the parsing rules are tested on their own.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    """true/false (1/0, yes/no, on/off); unset or empty gives the default, as for the
    other types: an empty ``SECURE_SSL_REDIRECT=`` must not turn a protection off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name, default=()):
    """A comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def read_env_file(path):
    """Load ``KEY=value`` lines from a local ``.env`` file into the environment.

    Variables already set in the environment win. The file is for a developer's
    machine (``make run`` writes one with ``DEBUG=true``); production sets real
    environment variables.
    """
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key.strip(), value)


def proxy_ssl_header(raw):
    """``SECURE_PROXY_SSL_HEADER`` from one header name, which says HTTPS with ``https``.

    Accepts the WSGI name (``HTTP_X_FORWARDED_PROTO``) or the header as the proxy
    writes it (``X-Forwarded-Proto``); empty means no proxy header is trusted.
    """
    name = raw.strip().upper().replace("-", "_")
    if not name:
        return None
    if not name.replace("_", "").isalnum():
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, not {raw!r}."
        )
    if not name.startswith("HTTP_"):
        name = f"HTTP_{name}"
    return (name, "https")


# ---------------------------------------------------------------------------
# The cache behind public fragments (public_cache/), from one environment variable.


def cache_settings(url):
    """``CACHES["default"]`` from ``NEWSROOM_CACHE_URL``.

    Empty: a cache in each process's memory (LocMemCache). ``redis://host:6379/1``
    (or ``rediss://`` for TLS): Redis through Django's own backend, shared by every
    web node. ``dummy://``: no fragment cache at all. Several nodes with their own
    memory never disagree with the database: every key holds the content version
    read from it.
    """
    url = (url or "").strip()
    if not url or url == "locmem://":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if url == "dummy://":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom",
            # A cache that does not answer must not hold a page up: give up quickly
            # and render the fragment (see cached_fragment).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    raise ImproperlyConfigured(
        f"NEWSROOM_CACHE_URL must be empty, locmem://, dummy:// or redis://host:port/db, "
        f"not {url!r}."
    )


def max_age_setting(name, value):
    """A number of seconds from the environment: a negative one is a mistake, not "never"."""
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be 0 or more seconds, not {value}.")
    return value


RATE = re.compile(r"[1-9][0-9]*/[0-9]*(s|sec|m|min|h|hour|d|day)")


def api_rate_limit(value):
    """``NEWSROOM_API_RATE_LIMIT``: "120/min", "10/s", "1000/hour" (requests per period),
    or "off" (None: no limit); anything else stops the start with a message, rather than
    failing every request."""
    value = value.strip()
    if value.lower() == "off":
        return None
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f'NEWSROOM_API_RATE_LIMIT must be like "120/min", "10/s" or "off", not {value!r}.'
        )
    return value
