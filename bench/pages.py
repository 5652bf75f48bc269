"""Page benchmark: throughput and latency of the public pages, against the framework floor.

    python -m bench.pages        (or: make bench)

1. Makes sure the PostgreSQL database of BENCH_DATABASE_URL exists and holds the
   generated data set (bench/generate_dataset.py, shared with the search
   benchmark): it migrates it, and if it holds fewer generated releases than
   BENCH_RELEASES, loads the demo and generates the data set anew (about 20 min
   for 100,000 releases on 2 cores).
2. Collects the static files into a temporary STATIC_ROOT and serves the site
   with gunicorn as in production (bench/gunicorn.py: DEBUG off, a secret key,
   ALLOWED_HOSTS, newsroom/gunicorn.conf.py when present, one worker per core), under
   bench/settings.py, which adds the framework floor: a view that returns a tiny
   response without touching the database, through the same middleware.
3. From a second process, the load tool wrk drives each page type for the same
   duration with the same number of connections, after a warm-up: home, release
   list, release detail (releases spread over the data set), organization page,
   RSS feed, with a run of the floor before the first and after each one. Home,
   list and feed are requested in the four languages.
   It does so twice: **warm**, with the whole-page cache on (the normal case: a
   page is rendered once per change and then served from the cache), then the 304
   path (release detail revalidated with its ETag) and a **go-live stampede**
   (8 connections on a release's address across its go-live second: the lag of the
   first 200 after the instant, the p95 in the second after it, any 5xx); and
   **cold**, with the page cache off (what the first reader after a change pays:
   every request renders its page, with the fragment cache as usual).
4. Prints a table per mode and writes bench/results/pages.json: requests per
   second, p50 and p95 latency per page type, and each as a ratio to the floor runs
   next to it, which is what stays comparable between a quiet and a busy machine.

Environment (each also a command-line option):

    BENCH_DATABASE_URL  postgres://newsroom@127.0.0.1:5432/newsroom_bench
    BENCH_RELEASES      100000  generated releases the database must hold
    BENCH_DURATION      10      seconds of load per page type
    BENCH_CONNECTIONS   8       open connections (concurrent requests)
    BENCH_WARMUP        2       seconds of warm-up before each measured run
    BENCH_THREADS       1       wrk threads
    BENCH_WORKERS       cores   gunicorn workers
    BENCH_SERVER_CPUS           CPUs to pin gunicorn to (taskset list, e.g. 0)
    BENCH_LOAD_CPUS             CPUs to pin wrk to (e.g. 1)
    BENCH_MODES         warm,cold   page cache on, then off
    BENCH_OUTPUT        bench/results/pages.json

The benchmark ignores the local .env file: set variables in the environment
(a cache, DATABASE_POOL_MAX_SIZE, 2 by default as in docker-compose.yml...) to
benchmark them. See docs/benchmarks.md.
"""

import argparse
import http.client
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.django_setup import ROOT
from bench.gunicorn import GUNICORN_CONFIG, GunicornProcess

DEFAULT_DATABASE_URL = "postgres://newsroom@127.0.0.1:5432/newsroom_bench"
LUA_SCRIPT = ROOT / "bench" / "wrk_paths.lua"
LANGUAGES = ("fr", "nl", "de", "en")
#: The page types measured, in order, between two runs of the floor.
PAGES = ("home", "release list", "release detail", "organization page", "feed (RSS)")
FLOOR = "floor"
REVALIDATED = "304 (detail, ETag)"
#: warm: the whole-page cache on (NEWSROOM_PAGE_CACHE), as in production; cold: off.
MODES = ("warm", "cold")
#: The go-live stampede: connections, and seconds of load before and after the instant.
STAMPEDE_CONNECTIONS = 8
STAMPEDE_BEFORE, STAMPEDE_AFTER = 2.0, 3.0
#: Different releases requested on the release detail page, spread over the data set.
DETAIL_URLS = 60
ORGANIZATION_URLS = 20
#: wrk's default (2 s) would drop slow requests from the latency figures as timeouts.
REQUEST_TIMEOUT = "30s"


class BenchError(Exception):
    """A reason the benchmark cannot run or its figures cannot be trusted."""


def env_number(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BenchError(f"{name} must be a whole number, not {raw!r}.") from None


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    try:
        parser.add_argument(
            "--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
        )
        parser.add_argument("--releases", type=int, default=env_number("BENCH_RELEASES", 100_000))
        parser.add_argument("--duration", type=int, default=env_number("BENCH_DURATION", 10))
        parser.add_argument("--connections", type=int, default=env_number("BENCH_CONNECTIONS", 8))
        parser.add_argument("--warmup", type=int, default=env_number("BENCH_WARMUP", 2))
        parser.add_argument("--threads", type=int, default=env_number("BENCH_THREADS", 1))
        parser.add_argument(
            "--workers", type=int, default=env_number("BENCH_WORKERS", os.cpu_count() or 1)
        )
    except BenchError as error:
        parser.error(str(error))
    parser.add_argument("--server-cpus", default=os.environ.get("BENCH_SERVER_CPUS", ""))
    parser.add_argument("--load-cpus", default=os.environ.get("BENCH_LOAD_CPUS", ""))
    parser.add_argument(
        "--modes",
        default=os.environ.get("BENCH_MODES") or ",".join(MODES),
        help="warm (page cache on) and/or cold (page cache off), comma-separated",
    )
    parser.add_argument(
        "--output",
        default=os.environ.get("BENCH_OUTPUT") or str(ROOT / "bench" / "results" / "pages.json"),
    )
    args = parser.parse_args(argv)
    if args.duration < 1 or args.warmup < 0:
        parser.error("the duration must be at least 1 s and the warm-up not negative")
    if args.connections < 1 or args.threads < 1 or args.connections < args.threads:
        parser.error("need at least one connection per wrk thread")
    if args.workers < 1 or args.releases < 0:
        parser.error("need at least one worker, and a number of releases not below 0")
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    if not args.modes or set(args.modes) - set(MODES):
        parser.error(f"--modes takes {' and/or '.join(MODES)}")
    return args


# --- The load tool ------------------------------------------------------------------------


def wrk_command(base_url, paths_file, duration, connections, threads, cpus=""):
    """The wrk command line for one run over the paths listed in ``paths_file``."""
    command = [
        "wrk",
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        REQUEST_TIMEOUT,
        "--script",
        str(LUA_SCRIPT),
        base_url,
        "--",
        str(paths_file),
    ]
    if cpus:
        command = ["taskset", "--cpu-list", cpus, *command]
    return command


def parse_wrk_output(output):
    """The figures of one wrk run, from the JSON line bench/wrk_paths.lua prints.

    Times are in milliseconds; ``errors`` counts failed requests (connection
    errors, timeouts, and responses other than 2xx/3xx).
    """
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            raw = json.loads(line.removeprefix("BENCH_RESULT "))
            break
    else:
        raise BenchError("wrk printed no result line (BENCH_RESULT); its output:\n" + output)
    seconds = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    requests = raw["requests"]
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "req_per_s": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": round(latency["p50"] / 1000, 2),
        "p90_ms": round(latency["p90"] / 1000, 2),
        "p95_ms": round(latency["p95"] / 1000, 2),
        "p99_ms": round(latency["p99"] / 1000, 2),
        "max_ms": round(latency["max"] / 1000, 2),
        "mean_ms": round(latency["mean"] / 1000, 2),
        "bytes_per_response": round(raw["bytes"] / requests) if requests else 0,
        "errors": sum(raw["errors"].values()),
        "error_kinds": {kind: n for kind, n in raw["errors"].items() if n},
    }


def run_wrk(base_url, paths, duration, connections, threads, cpus="", workdir=None):
    """Drive ``paths`` (requested in turn) with wrk; returns parse_wrk_output's figures."""
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed: apt-get install -y wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=workdir, delete=False) as file:
        file.write("\n".join(paths) + "\n")
    try:
        completed = subprocess.run(
            wrk_command(base_url, file.name, duration, connections, threads, cpus),
            capture_output=True,
            text=True,
            timeout=duration + 120,
        )
    finally:
        os.unlink(file.name)
    if completed.returncode != 0:
        raise BenchError(
            f"wrk failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}"
        )
    return {**parse_wrk_output(completed.stdout), "wrk_output": completed.stdout}


def wrk_version():
    completed = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (completed.stdout + completed.stderr).splitlines()[0].strip()


# --- Figures --------------------------------------------------------------------------------


def with_ratios(pages, floors):
    """Each page's figures with its ratios to the floor measured just before and just
    after it (``floors`` has one run more than ``pages``, around each of them).

    Taking the floor next to each page keeps a machine that gets busier or quieter
    during the benchmark from favouring some pages. ``p95_ratio`` is the page's p95
    over the floor's; ``throughput_ratio`` the floor's requests per second over the
    page's: both read "times the floor", higher is slower.
    """
    if len(floors) != len(pages) + 1:
        raise ValueError("need a floor run before and after each page")
    rows = []
    for page, before, after in zip(pages, floors, floors[1:], strict=False):
        floor_rps = (before["req_per_s"] + after["req_per_s"]) / 2
        floor_p95 = (before["p95_ms"] + after["p95_ms"]) / 2
        rows.append(
            {
                **page,
                "floor_req_per_s": round(floor_rps, 1),
                "floor_p95_ms": round(floor_p95, 2),
                "p95_ratio": round(page["p95_ms"] / floor_p95, 1) if floor_p95 else None,
                "throughput_ratio": (
                    round(floor_rps / page["req_per_s"], 1) if page["req_per_s"] else None
                ),
            }
        )
    return rows


def floor_summary(floors):
    """The floor over all its runs, with how far they spread: a wide spread means the
    machine's load changed during the benchmark."""
    p95s = [run["p95_ms"] for run in floors]
    rates = [run["req_per_s"] for run in floors]
    return {
        "runs": len(floors),
        "req_per_s": round(sum(rates) / len(rates), 1),
        "req_per_s_range": [min(rates), max(rates)],
        "p95_ms": round(sum(p95s) / len(p95s), 2),
        "p95_ms_range": [min(p95s), max(p95s)],
        "errors": sum(run["errors"] for run in floors),
    }


#: Above these spreads between floor runs, the figures come with a warning.
UNSTEADY_P95 = 2.0
UNSTEADY_THROUGHPUT = 1.5


def unsteady(floor):
    """A warning when the floor moved too much between its runs, else None."""
    low_p95, high_p95 = floor["p95_ms_range"]
    low_rps, high_rps = floor["req_per_s_range"]
    if (low_p95 and high_p95 / low_p95 > UNSTEADY_P95) or (
        low_rps and high_rps / low_rps > UNSTEADY_THROUGHPUT
    ):
        return (
            f"the floor moved during the benchmark (p95 {low_p95}–{high_p95} ms, "
            f"{low_rps}–{high_rps} req/s): the machine's load changed; each ratio uses "
            f"the floor next to its page, but rerun on a quieter machine to compare "
            f"pages with each other"
        )
    return None


def table(rows, floor):
    """The figures as a plain-text table: the floor, then one row per page type."""
    lines = [
        f"{'page':<20} {'URLs':>4} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p95 ×floor':>10} {'floor/page req/s':>16} {'errors':>6}",
        f"{'floor (mean)':<20} {1:>4} {floor['req_per_s']:>8.1f} {'':>8} "
        f"{floor['p95_ms']:>8.2f} {1.0:>10.1f} {1.0:>16.1f} {floor['errors']:>6}",
    ]
    for row in rows:
        p95_ratio = "" if row["p95_ratio"] is None else f"{row['p95_ratio']:.1f}"
        rps_ratio = "" if row["throughput_ratio"] is None else f"{row['throughput_ratio']:.1f}"
        lines.append(
            f"{row['page']:<20} {row['urls']:>4} {row['req_per_s']:>8.1f} "
            f"{row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} {p95_ratio:>10} "
            f"{rps_ratio:>16} {row['errors']:>6}"
        )
    return "\n".join(lines)


# --- The data set and the URLs --------------------------------------------------------------


def database_name(url):
    import dj_database_url

    params = dj_database_url.parse(url)
    if params["ENGINE"] != "django.db.backends.postgresql":
        raise BenchError(f"BENCH_DATABASE_URL must point at PostgreSQL, not {url!r}.")
    return params


def ensure_database(url):
    """Create the benchmark database if it does not exist yet."""
    import psycopg
    from psycopg import sql

    params = database_name(url)
    try:
        connection = psycopg.connect(
            host=params["HOST"] or None,
            port=params["PORT"] or None,
            user=params["USER"] or None,
            password=params["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )
    except psycopg.OperationalError as error:
        raise BenchError(f"cannot reach PostgreSQL for {url}: {error}") from None
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [params["NAME"]]
        ).fetchone()
        if not exists:
            print(f"creating database {params['NAME']}", flush=True)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(params["NAME"])))


def ensure_data_set(releases):
    """Migrate; generate the data set if the database holds fewer generated releases."""
    from django.core.management import call_command

    from bench import generate_dataset
    from releases.models import PressRelease

    call_command("migrate", interactive=False, verbosity=0)
    generated = PressRelease.objects.filter(slug_fr__startswith="bench-").count()
    if generated >= releases:
        return
    print(
        f"the database holds {generated} generated releases, fewer than {releases}: "
        f"loading the demo and generating the data set (long for a large one)",
        flush=True,
    )
    call_command("load_demo", verbosity=0)
    generate_dataset.main(["--releases", str(releases), "--reset"])


def spread(items, count):
    """``count`` items taken at even steps over ``items`` (all of them if fewer)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def page_urls():
    """The paths requested for each page type; each language gets its share."""
    from django.urls import reverse
    from django.utils import translation

    from organizations.models import Organization
    from releases.models import PressRelease

    def in_languages(name):
        paths = []
        for code in LANGUAGES:
            with translation.override(code):
                paths.append(reverse(name))
        return paths

    live = list(PressRelease.objects.live().order_by("pk").values_list("pk", flat=True))
    if not live:
        raise BenchError("the database holds no live release")
    chosen = PressRelease.objects.in_bulk(spread(live, DETAIL_URLS))
    details = []
    for n, pk in enumerate(sorted(chosen)):
        release = chosen[pk]
        languages = release.available_languages
        with translation.override(languages[n % len(languages)]):
            details.append(release.get_absolute_url())
    organizations = []
    public = list(Organization.objects.public().order_by("pk"))
    for n, organization in enumerate(spread(public, ORGANIZATION_URLS)):
        with translation.override(LANGUAGES[n % len(LANGUAGES)]):
            organizations.append(organization.get_absolute_url())
    return {
        "home": in_languages("home"),
        "release list": in_languages("releases:list"),
        "release detail": details,
        "organization page": organizations,
        "feed (RSS)": in_languages("releases:feed_rss"),
    }


def data_set_figures():
    from django.db import connection

    from organizations.models import Organization
    from releases.models import PressRelease

    return {
        "database": connection.settings_dict["NAME"],
        "postgresql": connection.pg_version,
        "releases": PressRelease.objects.count(),
        "live_releases": PressRelease.objects.live().count(),
        "organizations": Organization.objects.count(),
    }


# --- The server ------------------------------------------------------------------------------


def get(port, path, timeout=30):
    """One GET request; returns (status, Location header). No redirect is followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


class Server(GunicornProcess):
    """gunicorn serving the site under bench/settings.py, as production would: ``with``
    starts it and waits for the floor view to answer 200."""

    def __init__(self, env, workers, cpus, workdir):
        super().__init__(
            env,
            log_path=Path(workdir) / "gunicorn.log",
            workers=workers,
            cpus=cpus,
            error=BenchError,
        )
        self.workers = workers

    def __enter__(self):
        from bench.urls import FLOOR_PATH

        self.start()
        try:
            status = self.wait_until_up(FLOOR_PATH)
            if status != 200:
                raise BenchError(f"the floor view answered {status}:\n" + self.log_tail())
        except BaseException:
            self.stop()
            raise
        return self

    def drain(self):
        """Wait for the requests of the previous run to be served.

        When wrk stops, requests it sent are still queued in front of the workers; a
        run started then would count their time as its own. A sequence of one request
        more than there are workers ends only after all of them.
        """
        from bench.urls import FLOOR_PATH

        for _ in range(self.workers + 1):
            get(self.port, FLOOR_PATH, timeout=120)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"


def etags(port, paths):
    """``path<TAB>ETag`` lines for the 304 run: each page's current validator."""
    lines = []
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            etag = response.getheader("ETag")
        finally:
            connection.close()
        if response.status != 200 or not etag:
            raise BenchError(f"{path} answered {response.status} without an ETag")
        lines.append(f"{path}\t{etag}")
    return lines


def scheduled_release(go_live):
    """A release of the data set's first issuer, approved to go live at ``go_live``
    (saved as the workflow would: the public sees nothing of it before)."""
    from newsroom.publishing import Status
    from organizations.models import Organization
    from releases.models import PressRelease

    issuer = Organization.objects.issuing().order_by("pk").first()
    stamp = int(go_live.timestamp())
    return PressRelease.objects.create(
        status=Status.APPROVED,
        publish_at=go_live,
        original_language="fr",
        issuing_organization=issuer,
        title_fr=f"Annonce à la seconde {stamp}",
        slug_fr=f"bench-stampede-{stamp}",
        lead_fr="Le communiqué que la presse attend à la seconde.",
        body_fr="<p>" + "Le texte du communiqué. " * 60 + "</p>",
        title_nl=f"Aankondiging op de seconde {stamp}",
        slug_nl=f"bench-stampede-{stamp}-nl",
        lead_nl="Het persbericht waar de pers op wacht.",
        body_nl="<p>" + "De tekst van het persbericht. " * 60 + "</p>",
    )


def stampede_figures(samples, go_live):
    """From (start, end, status) of every request: the first 200 after the instant,
    the p95 of the requests answered in the second after it, and failures."""
    instant = go_live.timestamp()
    ok = sorted(end for start, end, status in samples if status == 200 and start >= instant)
    early = [sample for sample in samples if sample[2] == 200 and sample[0] < instant]
    second = sorted(end - start for start, end, _status in samples if instant <= end < instant + 1)
    p95 = second[max(0, math.ceil(len(second) * 0.95) - 1)] if second else None
    return {
        "requests": len(samples),
        "first_200_after_instant_s": round(ok[0] - instant, 3) if ok else None,
        "p95_in_the_second_after_ms": round(p95 * 1000, 1) if p95 is not None else None,
        "requests_in_that_second": len(second),
        "served_before_the_instant": len(early),
        "status_5xx": sum(1 for _start, _end, status in samples if status >= 500),
        "errors": sum(1 for _start, _end, status in samples if status == 0),
    }


def go_live_stampede(server, connections=STAMPEDE_CONNECTIONS):
    """``connections`` readers hammering a release's address from STAMPEDE_BEFORE
    seconds before its go-live to STAMPEDE_AFTER after: 404 until the instant, then
    the page. Python threads, one request at a time each (a new connection per
    request, as gunicorn's sync workers close them)."""
    import threading

    from django.utils import translation

    go_live = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=4)
    release = scheduled_release(go_live)
    with translation.override("fr"):
        path = release.get_absolute_url()
    samples, lock = [], threading.Lock()
    stop_at = go_live.timestamp() + STAMPEDE_AFTER

    def reader():
        while time.time() < stop_at:
            start = time.time()
            try:
                status, _location = get(server.port, path, timeout=30)
            except OSError:
                status = 0
            with lock:
                samples.append((start, time.time(), status))

    time.sleep(max(0, go_live.timestamp() - STAMPEDE_BEFORE - time.time()))
    threads = [threading.Thread(target=reader) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    release.delete()
    figures = {"path": path, "go_live": go_live.isoformat(), **stampede_figures(samples, go_live)}
    print(
        f"  go-live stampede      first 200 {figures['first_200_after_instant_s']} s after "
        f"the instant; p95 {figures['p95_in_the_second_after_ms']} ms in the second after; "
        f"{figures['status_5xx']} 5xx",
        flush=True,
    )
    return figures


def check_urls(port, urls):
    """Every URL must answer 200 before it is measured: a benchmark of 404s or of
    redirects would measure the wrong thing."""
    problems = []
    for page, paths in urls.items():
        for path in paths:
            status, location = get(port, path)
            if status != 200:
                problems.append(
                    f"  {page}: {path} answered {status}"
                    + (f" (to {location})" if location else "")
                )
    if problems:
        raise BenchError("some URLs do not answer 200:\n" + "\n".join(problems))


# --- Main --------------------------------------------------------------------------------------


def server_environment(database_url, static_root):
    """Production-like settings for the benchmark, whatever a local .env says."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "ENV_FILE": os.devnull,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            # Gunicorn's access log as in production, into the benchmark's log file.
            "GUNICORN_ACCESS_LOG": "true",
            # The benchmark speaks plain HTTP to gunicorn, as a TLS-terminating proxy would.
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(static_root),
        }
    )
    # The pool of docker-compose.yml unless the environment says otherwise: without
    # it every request would open a PostgreSQL connection, which the floor never does.
    env.setdefault("DATABASE_POOL_MAX_SIZE", "2")
    return env


def git_commit():
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except OSError:
        return None
    return completed.stdout.strip() or None


def measure(server, page, paths, args, workdir):
    server.drain()
    if args.warmup:
        run_wrk(
            server.base_url,
            paths,
            args.warmup,
            args.connections,
            args.threads,
            args.load_cpus,
            workdir,
        )
    figures = run_wrk(
        server.base_url,
        paths,
        args.duration,
        args.connections,
        args.threads,
        args.load_cpus,
        workdir,
    )
    row = {"page": page, "urls": len(paths), **figures}
    print(
        f"  {page:<20} {row['req_per_s']:8.1f} req/s   p50 {row['p50_ms']:7.2f} ms   "
        f"p95 {row['p95_ms']:7.2f} ms",
        flush=True,
    )
    return row


def main(argv=None):
    args = parse_args(argv)
    try:
        report = run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    failed = any(
        mode["floor"]["errors"]
        or any(row["errors"] for row in mode["results"])
        or (mode["stampede"] and (mode["stampede"]["status_5xx"] or mode["stampede"]["errors"]))
        for mode in report["modes"].values()
    )
    if failed:
        print(
            "bench: some requests failed (see the errors column): the figures are not reliable",
            file=sys.stderr,
        )
        return 1
    return 0


def prepare(args, env):
    """In this process, under the server's settings: the data set, the URLs to
    request, and the static files. Returns (urls, data set figures, stack settings)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    ensure_data_set(args.releases)
    urls = page_urls()
    data = data_set_figures()
    stack = {
        "cache_backend": settings.CACHES["default"]["BACKEND"],
        "database_pool_max_size": int(env["DATABASE_POOL_MAX_SIZE"] or 0),
    }
    started = time.monotonic()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"collected static files in {time.monotonic() - started:.0f} s", flush=True)
    connections.close_all()  # the server's workers open their own
    return urls, data, stack


def measure_mode(mode, env, urls, args, workdir):
    """Every page type between floor runs, with the page cache on (warm: then the 304
    path and the go-live stampede) or off (cold)."""
    from bench.urls import FLOOR_PATH

    env = {**env, "NEWSROOM_PAGE_CACHE": "true" if mode == "warm" else "false"}
    stampede = None
    with Server(env, args.workers, args.server_cpus, workdir) as server:
        check_urls(server.port, urls)
        # The floor before and after each page type: each ratio uses its neighbours.
        floors = [measure(server, FLOOR, [FLOOR_PATH], args, workdir)]
        pages = []
        runs = [(page, urls[page]) for page in PAGES]
        if mode == "warm":
            runs.append((REVALIDATED, etags(server.port, urls["release detail"])))
        for page, paths in runs:
            pages.append(measure(server, page, paths, args, workdir))
            floors.append(measure(server, FLOOR, [FLOOR_PATH], args, workdir))
        if mode == "warm":
            server.drain()
            stampede = go_live_stampede(server)
    rows = with_ratios(pages, floors)
    floor = {**floor_summary(floors), "figures": floors}
    return {"results": rows, "floor": floor, "stampede": stampede}


def run(args):
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed: apt-get install -y wrk (Debian package)")
    if (args.server_cpus or args.load_cpus) and shutil.which("taskset") is None:
        raise BenchError("BENCH_SERVER_CPUS/BENCH_LOAD_CPUS need taskset (util-linux)")
    database_name(args.database_url)
    ensure_database(args.database_url)
    workdir = tempfile.mkdtemp(prefix="newsroom-bench-")
    try:
        env = server_environment(args.database_url, Path(workdir) / "static")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        urls, data, stack = prepare(args, env)
        print(
            f"{data['releases']} releases ({data['live_releases']} live) in "
            f"{data['database']}; gunicorn with {args.workers} workers; wrk with "
            f"{args.connections} connections, {args.warmup:g} s warm-up + "
            f"{args.duration:g} s per page type",
            flush=True,
        )
        modes = {}
        for mode in args.modes:
            print(f"{mode}: the page cache {'on' if mode == 'warm' else 'off'}", flush=True)
            modes[mode] = measure_mode(mode, env, urls, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "wrk": wrk_version(),
        },
        "data_set": data,
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "gunicorn_workers": args.workers,
            "gunicorn_config": str(GUNICORN_CONFIG.relative_to(ROOT))
            if GUNICORN_CONFIG.exists()
            else None,
            "server_cpus": args.server_cpus or None,
            "load_cpus": args.load_cpus or None,
            **stack,
        },
        "modes": modes,
        "urls": urls,
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for mode, figures in modes.items():
        print(f"\n{mode} (page cache {'on' if mode == 'warm' else 'off'})")
        print(table(figures["results"], figures["floor"]))
        warning = unsteady(figures["floor"])
        if warning:
            print(f"bench: warning ({mode}): {warning}", file=sys.stderr)
    print(f"ratios to the floor measured just before and after each page; written to {output}")
    return report


if __name__ == "__main__":
    sys.exit(main())
