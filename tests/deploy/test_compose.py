"""docker-compose.yml and the Dockerfile, checked without a Docker engine: their
structure, and that what they pass to the web nodes is what the settings read.

CI has no Docker; the same gunicorn + PostgreSQL stack runs there without it
(tests/deploy/test_two_nodes.py). These tests catch the drift a container would
only show at start: a variable the settings no longer read, a path that moved, a
service that starts before its database.
"""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}
#: Read by the container's own scripts and gunicorn's config, not by Django's settings.
SCRIPTS = [
    ROOT / "newsroom" / "gunicorn.conf.py",
    ROOT / "docker" / "entrypoint.sh",
    ROOT / "docker" / "wait_for_db.py",
    ROOT / "docker" / "healthcheck.py",
]
#: Read by boto3 itself for the S3 media option (newsroom/settings.py says so).
BOTO3_CREDENTIALS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
REQUIRED_IN_PRODUCTION = {"SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL"}
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Z0-9_]+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def web(compose):
    return compose["services"]["web"]


def settings_reads():
    """{variable: helper} for every variable newsroom/ reads through newsroom/env.py."""
    reads = {}
    for path in (ROOT / "newsroom").glob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ENV_HELPERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                reads.setdefault(node.args[0].value, node.func.id)
    return reads


def script_reads():
    names = set()
    for path in SCRIPTS:
        text = path.read_text()
        names |= set(re.findall(r"""os\.environ(?:\.get)?[\[(]["']([A-Z0-9_]+)["']""", text))
        names |= set(re.findall(r"""_(?:integer|flag)\(\s*["']([A-Z0-9_]+)["']""", text))
        names |= set(re.findall(r"\$\{([A-Z0-9_]+)", text))
    return names


def interpolate(value, variables):
    """Compose's ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}."""

    def replace(match):
        name, op, arg = match["name"], match["op"], match["arg"]
        value = variables.get(name)
        if op in (":-", ":?") and not value or op in ("-", "?") and value is None:
            if op.endswith("?"):
                raise KeyError(f"{name}: {arg}")
            return arg
        return value or ""

    return INTERPOLATION.sub(replace, str(value))


def env_example(commented=False):
    """The assignments of .env.example; with ``commented``, also the documented ones
    left commented out (``# SECURE_HSTS_SECONDS=31536000``)."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if commented:
            line = line.lstrip("# ")
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(\S*)", line)
        if match:
            values[match[1]] = match[2]
    return values


def operator_environment(web, **changes):
    """What a web container gets from an operator who copied .env.example and set the
    two secrets it asks for (and ``changes``)."""
    variables = {
        **env_example(),
        "SECRET_KEY": "k3Y-a9Zq_" * 7,
        "POSTGRES_PASSWORD": "Pg-pass_42",
        # The container's queue file is on its tasks volume (/app/tasks), which this
        # machine has not: the settings open the file, so it is one of ours here
        # (test_the_worker_shares_the_image_the_environment_and_the_queue checks the real one).
        "NEWSROOM_TASKS_URL": f"sqlite:///{tempfile.gettempdir()}/newsroom-compose-tasks.sqlite3",
        **changes,
    }
    return {name: interpolate(value, variables) for name, value in web["environment"].items()}


def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def dockerfile_env():
    """ENV name=value pairs of the Dockerfile (continuation lines joined)."""
    text = dockerfile().replace("\\\n", " ")
    values = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            values.update(dict(re.findall(r"([A-Z_]+)=(\S+)", line)))
    return values


# --- services and their wiring ------------------------------------------------------------------


def test_the_stack_has_web_nodes_postgresql_a_proxy_and_an_optional_redis(compose):
    services = compose["services"]
    assert {"web", "db", "proxy", "redis"} <= set(services)
    assert services["web"]["build"] == "."
    assert re.fullmatch(r"postgres:1[56](-[a-z]+)?", services["db"]["image"])
    assert services["redis"]["profiles"] == ["redis"], "Redis is optional"
    assert "profiles" not in services["web"] and "profiles" not in services["db"]


def test_web_nodes_publish_no_port_only_the_proxy_does(compose):
    """gunicorn trusts X-Forwarded-Proto: only the proxy may reach it, and
    `--scale web=N` must not fight over one host port."""
    assert "ports" not in compose["services"]["web"]
    assert compose["services"]["web"]["expose"] == ["8000"]
    assert compose["services"]["proxy"]["ports"]


def test_every_service_waits_for_what_it_needs_to_be_healthy(compose):
    services = compose["services"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["redis"] == {
        "condition": "service_healthy",
        "required": False,
    }
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_health_checks_ask_postgresql_redis_and_the_web_nodes_healthz(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    web_check = services["web"]["healthcheck"]["test"]
    # Python's urllib: the slim image has no curl.
    assert web_check == ["CMD", "python", "docker/healthcheck.py"]
    assert "curl" not in str(services["web"]["healthcheck"])
    assert "/healthz" in (ROOT / "docker" / "healthcheck.py").read_text()
    for service in ("web", "db", "redis"):
        assert services[service]["healthcheck"]["retries"] >= 3


def test_media_live_on_one_named_volume_shared_by_the_web_nodes_and_the_proxy(compose, web):
    assert {"media", "postgres-data"} <= set(compose["volumes"])
    media_root = web["environment"]["MEDIA_ROOT"]
    assert f"media:{media_root}" in web["volumes"]
    assert f"media:{media_root}:ro" in compose["services"]["proxy"]["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    # nginx serves /protected-media/ from the same folder, after Django's check.
    nginx = (ROOT / "docker" / "nginx.conf").read_text()
    assert re.search(
        r"location /protected-media/ \{\s*internal;\s*alias "
        + re.escape(media_root.rstrip("/"))
        + "/;",
        nginx,
    )
    assert (
        interpolate(web["environment"]["NEWSROOM_MEDIA_ACCEL_REDIRECT"], env_example())
        == "/protected-media/"
    )
    assert (
        "./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro"
        in (compose["services"]["proxy"]["volumes"])
    )


# --- environment: names and values ----------------------------------------------------------------


def test_every_variable_passed_to_the_web_nodes_is_read_by_the_project(web):
    read = set(settings_reads()) | script_reads() | BOTO3_CREDENTIALS
    unknown = sorted(set(web["environment"]) - read)
    assert not unknown, f"docker-compose.yml passes variables nothing reads: {unknown}"


def test_the_settings_this_test_relies_on_are_found():
    """Guards the test above against an AST walk that finds nothing."""
    reads = settings_reads()
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "DATABASE_POOL_MAX_SIZE",
        "MEDIA_ROOT",
        "STATIC_ROOT",
        "SECURE_PROXY_SSL_HEADER",
    } <= set(reads)
    assert {
        "GUNICORN_WORKERS",
        "FORWARDED_ALLOW_IPS",
        "MIGRATE_ON_START",
        "DATABASE_WAIT_TIMEOUT",
    } <= script_reads()


#: In .env.example, deliberately not passed to the containers.
NOT_FOR_CONTAINERS = {"DATABASE_CONN_MAX_AGE"}  # the web nodes use the pool instead


def interpolated(compose_text):
    """The variables compose fills in from .env."""
    return {match["name"] for match in INTERPOLATION.finditer(compose_text)}


def test_what_env_example_offers_reaches_the_containers(web):
    """A value an operator sets in .env (copied from .env.example) is used, not
    silently dropped because docker-compose.yml does not pass it."""
    used = set(web["environment"]) | interpolated((ROOT / "docker-compose.yml").read_text())
    dropped = sorted(set(env_example()) - used - NOT_FOR_CONTAINERS)
    assert not dropped, f".env.example offers what docker-compose.yml ignores: {dropped}"


def test_every_value_compose_asks_for_is_explained_in_env_example():
    undocumented = sorted(
        interpolated((ROOT / "docker-compose.yml").read_text()) - set(env_example(commented=True))
    )
    assert not undocumented, f"add these to .env.example, with a comment: {undocumented}"


def test_production_variables_are_required_and_debug_is_off(web):
    environment = web["environment"]
    assert REQUIRED_IN_PRODUCTION <= set(environment)
    assert environment["DEBUG"] == "false"
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"):
        assert re.fullmatch(r"\$\{" + name + r":\?[^}]+\}", environment[name]), (
            f"{name} must stop compose with a message when it is missing"
        )
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    assert "@db:5432/" in environment["DATABASE_URL"]


def test_a_missing_secret_stops_compose_with_a_message(web):
    variables = {**env_example(), "POSTGRES_PASSWORD": "x"}
    variables.pop("SECRET_KEY", None)
    with pytest.raises(KeyError, match="SECRET_KEY"):
        interpolate(web["environment"]["SECRET_KEY"], variables)


def test_an_empty_default_is_only_given_where_empty_means_unset(web):
    """``${X:-}`` passes an empty string. env_str and env_int read that as "not set";
    env_list and env_bool would not (an empty language list, a security flag off)."""
    reads = settings_reads()
    for name, value in web["environment"].items():
        if re.fullmatch(r"\$\{" + name + r":-\}", str(value)) and name in reads:
            assert reads[name] in ("env_str", "env_int"), (
                f"{name} is read with {reads[name]}: give it a real default"
            )


def test_the_database_and_the_web_nodes_agree_on_the_password(compose, web):
    db = compose["services"]["db"]["environment"]
    assert db["POSTGRES_USER"] == "newsroom" and db["POSTGRES_DB"] == "newsroom"
    variables = {"POSTGRES_PASSWORD": "Pg-pass_42"}
    assert interpolate(web["environment"]["DATABASE_URL"], variables) == (
        "postgres://newsroom:Pg-pass_42@db:5432/newsroom"
    )
    assert interpolate(db["POSTGRES_PASSWORD"], variables) == "Pg-pass_42"


def run_settings(environment, code):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_web_nodes_environment_gives_the_settings_production_needs(web):
    """The environment a container gets, read by the real settings in a fresh process:
    `check --deploy` is clean and the paths match the image and the volume."""
    environment = operator_environment(web)
    completed = run_settings(
        environment,
        (
            "import django, json; django.setup()\n"
            "from django.core.management import call_command\n"
            "call_command('check', deploy=True, fail_level='WARNING')\n"
            "from django.conf import settings as s\n"
            "db = s.DATABASES['default']\n"
            "print(json.dumps({'debug': s.DEBUG, 'media': str(s.MEDIA_ROOT),\n"
            "  'static': str(s.STATIC_ROOT), 'engine': db['ENGINE'], 'host': db['HOST'],\n"
            "  'pool': db.get('OPTIONS', {}).get('pool'), 'proxy': s.SECURE_PROXY_SSL_HEADER,\n"
            "  'ssl_redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,\n"
            "  'languages': s.NEWSROOM_REQUIRED_LANGUAGES, 'hosts': s.ALLOWED_HOSTS,\n"
            "  'accel': s.NEWSROOM_MEDIA_ACCEL_REDIRECT}, default=str))\n"
        ),
    )
    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout
    seen = json.loads(completed.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    assert seen["engine"] == "django.db.backends.postgresql" and seen["host"] == "db"
    assert seen["pool"]["max_size"] >= 1
    assert seen["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["ssl_redirect"] is True and seen["hsts"] >= 31_536_000
    assert seen["languages"] == ["fr", "nl"]
    assert seen["hosts"] == [env_example()["ALLOWED_HOSTS"]]
    assert seen["media"] == web["environment"]["MEDIA_ROOT"]
    assert seen["static"] == dockerfile_env()["STATIC_ROOT"] == web["environment"]["STATIC_ROOT"]
    assert seen["accel"] == "/protected-media/"


def test_the_redis_profile_gives_a_shared_cache_the_image_can_use(compose, web):
    """`--profile redis` with NEWSROOM_CACHE_URL pointing at it: Django's Redis backend,
    with its client library installed from the lock file (no connection is made here)."""
    assert "6379" not in str(compose["services"]["redis"].get("ports", "")), "private"
    environment = operator_environment(web, NEWSROOM_CACHE_URL="redis://redis:6379/0")
    completed = run_settings(
        environment,
        (
            "import django; django.setup()\n"
            "from django.conf import settings as s\n"
            "from django.core.cache import caches\n"
            "caches['default']._cache  # builds the client: imports the redis library\n"
            "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)\n"
        ),
    )
    assert completed.returncode == 0, completed.stderr
    backend, sessions = completed.stdout.split()
    assert backend == "django.core.cache.backends.redis.RedisCache"
    # Whatever the cache, sessions are written to the database every node reads.
    assert sessions in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )


def test_media_in_a_bucket_turn_nginxs_media_sending_off(web):
    """With NEWSROOM_MEDIA_STORAGE=s3, .env empties NEWSROOM_MEDIA_ACCEL_REDIRECT (the
    settings refuse the two together) and the containers start."""
    environment = operator_environment(
        web,
        NEWSROOM_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        NEWSROOM_MEDIA_ACCEL_REDIRECT="",
    )
    completed = run_settings(
        environment,
        (
            "import django; django.setup()\n"
            "from django.conf import settings as s\n"
            "print(repr(s.NEWSROOM_MEDIA_ACCEL_REDIRECT), s.STORAGES['default']['BACKEND'])\n"
        ),
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["''", "attachments.storage.PrivateS3Storage"]


# --- the image ------------------------------------------------------------------------------------


def test_the_image_runs_unprivileged_from_the_slim_python_image():
    text = dockerfile()
    assert text.count("\nFROM ") + text.startswith("FROM ") == 1
    assert re.search(r"^FROM python:3\.11-slim-bookworm$", text, re.M)
    user = re.findall(r"^USER (\S+)$", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert re.search(
        r"^RUN pip install --require-hashes -r requirements/production\.txt$", text, re.M
    ), "installs the locked versions, checked against their hashes"


def test_static_files_are_collected_at_build_with_a_build_only_secret():
    text = dockerfile().replace("\\\n", " ")
    collect = next(
        line for line in text.splitlines() if line.startswith("RUN ") and "collectstatic" in line
    )
    assert re.search(r"SECRET_KEY=\S+ ", collect), "the settings refuse to start without one"
    assert "--noinput" in collect
    assert not re.search(r"^ENV .*SECRET_KEY", text, re.M), "the secret must not stay in the image"


def test_the_container_migrates_then_runs_gunicorn_with_the_projects_config():
    text = dockerfile()
    entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", text, re.M)[1])
    command = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M)[1])
    assert entrypoint == ["/app/docker/entrypoint.sh"]
    assert command[:2] == ["gunicorn", "newsroom.wsgi"]
    config = command[command.index("-c") + 1]
    assert (ROOT / config).is_file()
    assert re.search(r"^WORKDIR /app$", text, re.M)
    script = ROOT / entrypoint[0].removeprefix("/app/")
    assert script.is_file() and os.access(script, os.X_OK)
    shell = script.read_text()
    assert "manage.py migrate --noinput" in shell
    assert shell.rstrip().endswith('exec "$@"'), "gunicorn must replace the shell (signals)"
    assert dockerfile_env()["PORT"] == "8000" and re.search(r"^EXPOSE 8000$", text, re.M)


def test_the_image_leaves_out_secrets_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "db.sqlite3", "media/", "staticfiles/"} <= set(ignored)
    for path in re.findall(r"^COPY (\S+)", dockerfile(), re.M):
        assert path == "." or (ROOT / path).exists()


def test_nginx_passes_the_scheme_and_allows_uploads_a_little_above_djangos_limit():
    from django.conf import settings

    nginx = (ROOT / "docker" / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto" in nginx
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", nginx)[1])
    assert megabytes * 1024 * 1024 > settings.NEWSROOM_MAX_REQUEST_BYTES


def test_the_worker_shares_the_image_the_environment_and_the_queue(compose, web):
    """The task queue's worker runs `manage.py run_huey` from the web nodes' image, with
    their environment, once they are healthy (migrated); both mount the tasks volume
    the queue's SQLite file lives on."""
    services = compose["services"]
    worker = services["worker"]
    assert worker["command"] == ["python", "manage.py", "run_huey"]
    assert worker["image"] == web["image"] and worker["build"] == web["build"]
    assert worker["environment"] == web["environment"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert "ports" not in worker and "profiles" not in worker
    assert worker["stop_signal"] == "SIGINT"  # Huey lets running tasks finish
    queue = interpolate(web["environment"]["NEWSROOM_TASKS_URL"], env_example())
    assert queue == "sqlite:////app/tasks/tasks.sqlite3"
    for service in (web, worker):
        assert "tasks:/app/tasks" in service["volumes"]
    assert "tasks" in compose["volumes"]
    assert 'mkdir -p "$MEDIA_ROOT" /app/tasks' in dockerfile()
    assert 'chown newsroom:newsroom "$MEDIA_ROOT" /app/tasks' in dockerfile()
