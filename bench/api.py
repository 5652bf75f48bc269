"""API benchmark: throughput of the public JSON API (/api/v1/), against the framework floor.

    python -m bench.api        (or: make bench-api)

The page benchmark's method (bench/pages.py, docs/benchmarks.md), with its helpers:
the same PostgreSQL data set (created and generated if needed), the same gunicorn
under production settings, the same wrk runs with the floor before and after each
URL type, warm (page cache on) and cold (off). What it measures instead of pages:

* **list**: ``/api/v1/releases?limit=20`` (every language of each release);
* **list lang=nl**: ``/api/v1/releases?limit=20&lang=nl``;
* **detail**: ``/api/v1/releases/<id>`` on DETAIL_URLS live releases spread over the
  data set, as the page benchmark's release detail;
* **detail ninjs**: ``/api/v1/releases/<id>/ninjs`` on the same releases;
* warm only, **304**: every URL above asked again with the ETag it answered
  (If-None-Match).

Each throughput is reported as a share of the floor's (page req/s over floor req/s,
the figure docs/benchmarks.md tabulates) against the targets of the matching pages:
list as the release list, detail and ninjs as the release detail, 304 as the
release page's 304.

The server runs with ``NEWSROOM_API_RATE_LIMIT=off``: wrk is one client, and the
rate limit would answer it 429 after the first 120 requests.

Environment and options: those of bench/pages.py (``--help``), except that
BENCH_OUTPUT defaults to bench/results/api.json and there is no go-live stampede.
"""

import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import pages
from bench.django_setup import ROOT
from bench.pages import (
    DETAIL_URLS,
    FLOOR,
    BenchError,
    Server,
    check_urls,
    etags,
    floor_summary,
    measure,
    spread,
    table,
    unsteady,
    with_ratios,
)

LIST = "list"
LIST_NL = "list lang=nl"
DETAIL = "detail"
NINJS = "detail ninjs"
REVALIDATED = "304 (ETag)"
#: The URL types measured, in order, between two runs of the floor.
TYPES = (LIST, LIST_NL, DETAIL, NINJS)
#: Targets as a share of the floor's throughput (warm, cold): those of the pages
#: they stand for (docs/benchmarks.md): the release list, the release detail, its 304.
TARGETS = {
    LIST: (0.50, 0.10),
    LIST_NL: (0.50, 0.10),
    DETAIL: (0.50, 0.10),
    NINJS: (0.50, 0.10),
    REVALIDATED: (0.60, None),
}
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "api.json"


def parse_args(argv):
    args = pages.parse_args(argv)
    if not os.environ.get("BENCH_OUTPUT") and args.output == str(
        ROOT / "bench" / "results" / "pages.json"
    ):
        args.output = str(DEFAULT_OUTPUT)
    return args


def api_urls():
    """The paths requested for each URL type (Django set up, the data set in place)."""
    from django.urls import reverse

    from releases.models import PressRelease

    live = list(PressRelease.objects.live().order_by("pk").values_list("pk", flat=True))
    if not live:
        raise BenchError("the database holds no live release")
    chosen = spread(live, DETAIL_URLS)
    releases = reverse("api:releases")
    return {
        LIST: [f"{releases}?limit=20"],
        LIST_NL: [f"{releases}?limit=20&lang=nl"],
        DETAIL: [reverse("api:release", kwargs={"release_id": pk}) for pk in chosen],
        NINJS: [reverse("api:release_ninjs", kwargs={"release_id": pk}) for pk in chosen],
    }


def server_environment(database_url, static_root):
    """The page benchmark's production-like settings, without the API's rate limit."""
    env = pages.server_environment(database_url, static_root)
    env["NEWSROOM_API_RATE_LIMIT"] = "off"
    return env


def with_targets(rows, mode):
    """Each row with its share of the floor (page req/s over floor req/s), its target
    in this mode and whether it is met."""
    index = 0 if mode == "warm" else 1
    result = []
    for row in rows:
        share = (
            round(row["req_per_s"] / row["floor_req_per_s"], 3) if row["floor_req_per_s"] else None
        )
        target = TARGETS.get(row["page"], (None, None))[index]
        met = None if target is None or share is None else share >= target
        result.append({**row, "share_of_floor": share, "target": target, "target_met": met})
    return result


def targets_table(rows):
    lines = [f"{'URL type':<20} {'req/s':>8} {'share of floor':>14} {'target':>7} {'met':>5}"]
    for row in rows:
        share = "" if row["share_of_floor"] is None else f"{row['share_of_floor']:.3f}"
        target = "–" if row["target"] is None else f"{row['target']:.2f}"
        met = "–" if row["target_met"] is None else ("yes" if row["target_met"] else "NO")
        lines.append(f"{row['page']:<20} {row['req_per_s']:>8.1f} {share:>14} {target:>7} {met:>5}")
    return "\n".join(lines)


def measure_mode(mode, env, urls, args, workdir):
    """Every URL type between floor runs, with the page cache on (warm: then the 304
    path) or off (cold)."""
    from bench.urls import FLOOR_PATH

    env = {**env, "NEWSROOM_PAGE_CACHE": "true" if mode == "warm" else "false"}
    with Server(env, args.workers, args.server_cpus, workdir) as server:
        check_urls(server.port, urls)
        floors = [measure(server, FLOOR, [FLOOR_PATH], args, workdir)]
        rows = []
        runs = [(kind, urls[kind]) for kind in TYPES]
        if mode == "warm":
            every = [path for kind in TYPES for path in urls[kind]]
            runs.append((REVALIDATED, etags(server.port, every)))
        for kind, paths in runs:
            rows.append(measure(server, kind, paths, args, workdir))
            floors.append(measure(server, FLOOR, [FLOOR_PATH], args, workdir))
    results = with_targets(with_ratios(rows, floors), mode)
    return {"results": results, "floor": {**floor_summary(floors), "figures": floors}}


def run(args):
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed: apt-get install -y wrk (Debian package)")
    if (args.server_cpus or args.load_cpus) and shutil.which("taskset") is None:
        raise BenchError("BENCH_SERVER_CPUS/BENCH_LOAD_CPUS need taskset (util-linux)")
    pages.database_name(args.database_url)
    pages.ensure_database(args.database_url)
    workdir = tempfile.mkdtemp(prefix="newsroom-bench-api-")
    try:
        env = server_environment(args.database_url, Path(workdir) / "static")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        _page_urls, data, stack = pages.prepare(args, env)
        from django.db import connections

        urls = api_urls()
        connections.close_all()  # the server's workers open their own
        print(
            f"{data['releases']} releases ({data['live_releases']} live) in "
            f"{data['database']}; gunicorn with {args.workers} workers; wrk with "
            f"{args.connections} connections, {args.warmup:g} s warm-up + "
            f"{args.duration:g} s per URL type; API rate limit off",
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
        "commit": pages.git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "wrk": pages.wrk_version(),
        },
        "data_set": data,
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "gunicorn_workers": args.workers,
            "server_cpus": args.server_cpus or None,
            "load_cpus": args.load_cpus or None,
            "api_rate_limit": None,
            **stack,
        },
        "targets": {kind: {"warm": warm, "cold": cold} for kind, (warm, cold) in TARGETS.items()},
        "modes": modes,
        "urls": urls,
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for mode, figures in modes.items():
        print(f"\n{mode} (page cache {'on' if mode == 'warm' else 'off'})")
        print(table(figures["results"], figures["floor"]))
        print()
        print(targets_table(figures["results"]))
        warning = unsteady(figures["floor"])
        if warning:
            print(f"bench: warning ({mode}): {warning}", file=sys.stderr)
    print(f"ratios to the floor measured just before and after each URL type; written to {output}")
    return report


def main(argv=None):
    args = parse_args(argv)
    try:
        report = run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    failed = any(
        mode["floor"]["errors"] or any(row["errors"] for row in mode["results"])
        for mode in report["modes"].values()
    )
    if failed:
        print(
            "bench: some requests failed (see the errors column): the figures are not reliable",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
