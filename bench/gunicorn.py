"""gunicorn as a real process, for the scripts that measure or demonstrate the site
as production runs it (bench/pages.py, tests/deploy/two_nodes.py).

``GunicornProcess`` runs ``python -m gunicorn newsroom.wsgi:application --config
newsroom/gunicorn.conf.py`` (the configuration when present) on a free local port,
in a session of its own, with the environment the caller gives it and its output in a
log file; ``wait_until_up(path)`` polls a path until it answers, ``stop()`` ends the
master and its workers (SIGTERM, then SIGKILL), ``log_tail()`` is what to show when
it failed. Errors raise the exception class the caller passes, so each script keeps
its own.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.django_setup import ROOT

GUNICORN_CONFIG = ROOT / "newsroom" / "gunicorn.conf.py"


def free_port():
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GunicornProcess:
    """One gunicorn master and its workers, bound to 127.0.0.1 on ``port``.

    ``workers``: passed to gunicorn (and as GUNICORN_WORKERS, so the configuration's
    start-up line counts them right); None leaves it to the environment. ``cpus``: a
    taskset CPU list to pin the server to. ``error``: the exception class raised when
    gunicorn exits or does not answer; ``label`` names the server in those messages.
    Also a context manager: ``with`` starts it and stops it.
    """

    def __init__(
        self,
        env,
        *,
        log_path,
        port=None,
        workers=None,
        cpus="",
        label="gunicorn",
        error=RuntimeError,
    ):
        self.port = port or free_port()
        self.log_path = Path(log_path)
        self.label = label
        self.error = error
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"]
        if GUNICORN_CONFIG.exists():
            command += ["--config", str(GUNICORN_CONFIG)]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        if workers is not None:
            command += ["--workers", str(workers)]
            self.env["GUNICORN_WORKERS"] = str(workers)
        if cpus:
            command = ["taskset", "--cpu-list", cpus, *command]
        self.command = command
        self.process = None
        self.log = None

    def start(self):
        self.log = open(self.log_path, "wb")
        # A session of its own, so stop() ends the master and its workers, and only them.
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, path, headers=None, timeout=60):
        """Poll ``path`` until the server answers; returns the status of that answer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self.error(
                    f"{self.label} exited ({self.process.returncode}):\n" + self.log_tail()
                )
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                return response.status
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()
        raise self.error(f"{self.label} did not answer within {timeout} s:\n" + self.log_tail())

    def stop(self, timeout=30):
        try:
            if self.process is None or self.process.poll() is not None:
                return
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)
            except ProcessLookupError:
                pass
        finally:
            if self.log is not None:
                self.log.close()

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
