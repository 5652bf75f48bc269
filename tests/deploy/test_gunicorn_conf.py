"""newsroom/gunicorn.conf.py: every value from the environment, with production defaults."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "newsroom" / "gunicorn.conf.py"
VARIABLES = [
    "PORT",
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "WEB_CONCURRENCY",
    "GUNICORN_MAX_WORKERS",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_LOG_LEVEL",
    "GUNICORN_ACCESS_LOG",
    "FORWARDED_ALLOW_IPS",
    "GUNICORN_CONTROL_SOCKET",
    "DATABASE_POOL_MAX_SIZE",
    "DATABASE_POOL_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT",
    "GUNICORN_LIMIT_REQUEST_LINE",
]


@pytest.fixture
def load(monkeypatch):
    """Read the config as gunicorn does, under the given environment only."""

    def load(**env):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return load


def cores():
    return len(os.sched_getaffinity(0))


def test_defaults_suit_a_server_behind_a_local_proxy(load):
    config = load()
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == min(2 * cores() + 1, 8)
    assert config["threads"] == 1
    assert config["timeout"] == 30 and config["graceful_timeout"] == 30
    assert config["max_requests"] == 0
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["preload_app"] is False, "each worker opens its own pool after the fork"


def test_a_container_binds_every_interface_on_port(load):
    assert load(PORT="8000")["bind"] == ["0.0.0.0:8000"]
    assert load(PORT="8000", GUNICORN_BIND="unix:/run/newsroom.sock, 127.0.0.1:9000")["bind"] == [
        "unix:/run/newsroom.sock",
        "127.0.0.1:9000",
    ]


def test_workers_follow_the_cores_capped_or_as_told(load):
    config = load()
    assert config["default_workers"](1, 8) == 3
    assert config["default_workers"](2, 8) == 5
    assert config["default_workers"](16, 8) == 8
    assert load(GUNICORN_MAX_WORKERS="2")["workers"] == 2
    assert load(WEB_CONCURRENCY="3")["workers"] == 3
    assert load(WEB_CONCURRENCY="3", GUNICORN_WORKERS="6")["workers"] == 6
    assert load(GUNICORN_WORKERS="")["workers"] == min(2 * cores() + 1, 8), "empty is unset"


def test_timeouts_threads_and_recycling_come_from_the_environment(load):
    config = load(
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="1000",
        FORWARDED_ALLOW_IPS="10.0.0.0/8",
    )
    assert (config["threads"], config["timeout"], config["graceful_timeout"]) == (4, 60, 20)
    assert config["keepalive"] == 2
    assert (config["max_requests"], config["max_requests_jitter"]) == (1000, 100)
    assert config["forwarded_allow_ips"] == "10.0.0.0/8"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GUNICORN_WORKERS", "many", "GUNICORN_WORKERS must be an integer, not 'many'."),
        ("GUNICORN_THREADS", "0", "GUNICORN_THREADS must be at least 1, not 0."),
        ("GUNICORN_ACCESS_LOG", "maybe", "GUNICORN_ACCESS_LOG must be true or false, not 'maybe'."),
    ],
)
def test_a_wrong_value_stops_it_with_a_message(load, name, value, message):
    with pytest.raises(SystemExit, match=message):
        load(**{name: value})


def test_logs_go_to_stdout_and_stderr_with_the_request_time(load):
    config = load()
    assert config["accesslog"] == "-" and config["errorlog"] == "-"
    assert "%(M)s ms" in config["access_log_format"], "request time in milliseconds"
    assert "%({x-forwarded-for}i)s" in config["access_log_format"], "the client behind the proxy"
    assert load(GUNICORN_ACCESS_LOG="false")["accesslog"] is None


def test_the_control_socket_is_off_unless_a_path_is_given(load):
    """Two instances on one host would otherwise share $HOME/.gunicorn/gunicorn.ctl."""
    assert load()["control_socket_disable"] is True
    config = load(GUNICORN_CONTROL_SOCKET="/run/newsroom/gunicorn.ctl")
    assert config["control_socket_disable"] is False
    assert config["control_socket"] == "/run/newsroom/gunicorn.ctl"


def test_the_connections_a_node_may_open_are_logged_at_start(load, monkeypatch):
    config = load(GUNICORN_WORKERS="5", GUNICORN_THREADS="2", DATABASE_POOL_MAX_SIZE="2")
    assert config["database_connections_per_node"](5, 2, 2) == 10
    assert config["database_connections_per_node"](5, 2, 0) == 10, "no pool: one per thread"
    assert config["database_connections_per_node"](3, 1, 4) == 12

    class Log:
        lines = []

        def info(self, message, *args):
            self.lines.append(("info", message % args))

        def warning(self, message, *args):
            self.lines.append(("warning", message % args))

    server = type("Server", (), {"log": Log()})()
    config["when_ready"](server)
    assert (
        "info",
        "newsroom: 5 worker(s) × 2 thread(s); each worker has a pool of 2: "
        "up to 10 PostgreSQL connections from this node",
    ) in server.log.lines
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "1")
    config["when_ready"](server)
    assert server.log.lines[-1][0] == "warning" and "threads will wait" in server.log.lines[-1][1]


def test_gunicorn_accepts_the_file_as_it_stands():
    """gunicorn's own parser reads it (names and types), without loading Django."""
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(GUNICORN_WORKERS="3", GUNICORN_THREADS="2", PORT="8123")
    completed = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "-c", str(CONFIG), "newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    printed = dict(
        (part.strip() for part in line.split("=", 1))
        for line in completed.stdout.splitlines()
        if " = " in line
    )
    assert printed["bind"] == "['0.0.0.0:8123']"
    assert (printed["workers"], printed["threads"]) == ("3", "2")
    assert printed["accesslog"] == "-" and printed["errorlog"] == "-"
    assert printed["control_socket_disable"] == "True"
    assert printed["when_ready"] == "<when_ready()>"


@pytest.mark.parametrize("name", ["DATABASE_POOL_TIMEOUT", "DATABASE_CONNECT_TIMEOUT"])
def test_a_database_wait_longer_than_the_worker_timeout_is_refused(load, name):
    """A request that waits for the database answers 503 (newsroom/errors.py) before
    gunicorn would kill its worker."""
    with pytest.raises(SystemExit, match=f"{name} \\(30 s\\) must be below GUNICORN_TIMEOUT"):
        load(**{name: "30"})
    assert load(**{name: "29"})["timeout"] == 30
