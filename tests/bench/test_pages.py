"""The page benchmark's load runs, figures and ratios (bench/pages.py)."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import pages
from bench.urls import FLOOR_PATH

#: The output of a real run: `wrk -s bench/wrk_paths.lua` against gunicorn serving the
#: floor view (bench/settings.py), 8 connections for 3 s, on the 2-core development machine.
WRK_OUTPUT = (Path(__file__).parent / "wrk_floor_output.txt").read_text()

needs_wrk = pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install -y wrk)"
)


def test_figures_are_read_from_a_real_wrk_run():
    figures = pages.parse_wrk_output(WRK_OUTPUT)
    assert figures["requests"] > 0
    assert figures["errors"] == 0
    assert figures["req_per_s"] == pytest.approx(figures["requests"] / figures["seconds"], rel=0.01)
    assert 0 < figures["p50_ms"] <= figures["p90_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    assert figures["p99_ms"] <= figures["max_ms"]
    assert figures["bytes_per_response"] > 0


def test_output_without_the_result_line_is_a_clear_error():
    with pytest.raises(pages.BenchError, match="no result line"):
        pages.parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused\n")


def run(page, req_per_s, p95_ms, errors=0):
    return {
        "page": page,
        "urls": 1,
        "requests": 100,
        "seconds": 10.0,
        "req_per_s": req_per_s,
        "p50_ms": p95_ms / 2,
        "p90_ms": p95_ms,
        "p95_ms": p95_ms,
        "p99_ms": p95_ms,
        "max_ms": p95_ms,
        "mean_ms": p95_ms / 2,
        "bytes_per_response": 10,
        "errors": errors,
        "error_kinds": {},
    }


def test_each_page_is_compared_with_the_floor_measured_around_it():
    floors = [run("floor", 1000.0, 10.0), run("floor", 600.0, 30.0), run("floor", 400.0, 50.0)]
    detail, feed = run("release detail", 200.0, 100.0), run("feed (RSS)", 100.0, 200.0)
    rows = pages.with_ratios([detail, feed], floors)
    assert (rows[0]["floor_req_per_s"], rows[0]["floor_p95_ms"]) == (800.0, 20.0)
    assert rows[0]["p95_ratio"] == 5.0  # 100 ms against the floor's 20 ms
    assert rows[0]["throughput_ratio"] == 4.0  # the floor's 800 req/s against 200
    assert (rows[1]["p95_ratio"], rows[1]["throughput_ratio"]) == (5.0, 5.0)


def test_a_floor_run_is_needed_around_every_page():
    with pytest.raises(ValueError):
        pages.with_ratios([run("home", 10.0, 1.0)], [run("floor", 10.0, 1.0)])


def test_a_floor_that_moves_during_the_benchmark_is_flagged():
    steady = pages.floor_summary([run("floor", 1000.0, 10.0), run("floor", 900.0, 12.0)])
    assert steady["req_per_s"] == 950.0 and steady["p95_ms_range"] == [10.0, 12.0]
    assert pages.unsteady(steady) is None
    moved = pages.floor_summary([run("floor", 1000.0, 10.0), run("floor", 300.0, 90.0)])
    assert "the floor moved" in pages.unsteady(moved)


def test_table_shows_the_floor_and_every_page_with_its_ratios_and_errors():
    floors = [run("floor", 1000.0, 10.0), run("floor", 1000.0, 10.0)]
    rows = pages.with_ratios([run("feed (RSS)", 250.0, 40.0, errors=3)], floors)
    lines = pages.table(rows, pages.floor_summary(floors)).splitlines()
    assert lines[0].split()[:2] == ["page", "URLs"]
    assert lines[1].split()[:4] == ["floor", "(mean)", "1", "1000.0"]
    feed = lines[2].split()
    assert feed[:2] == ["feed", "(RSS)"]
    assert feed[-3:] == ["4.0", "4.0", "3"]


def test_release_details_are_spread_over_the_data_set():
    assert pages.spread(list(range(100)), 4) == [0, 25, 50, 75]
    assert pages.spread([1, 2], 5) == [1, 2]


@pytest.mark.parametrize("name,value", [("BENCH_DURATION", "ten"), ("BENCH_CONNECTIONS", "many")])
def test_bad_settings_are_refused_with_their_name(monkeypatch, capsys, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit):
        pages.parse_args([])
    assert f"{name} must be a whole number, not '{value}'" in capsys.readouterr().err


def test_fewer_connections_than_threads_are_refused(capsys):
    with pytest.raises(SystemExit):
        pages.parse_args(["--connections", "1", "--threads", "2"])
    assert "one connection per wrk thread" in capsys.readouterr().err


def test_only_postgresql_is_benchmarked():
    with pytest.raises(pages.BenchError, match="must point at PostgreSQL"):
        pages.database_name("sqlite:///bench.sqlite3")


def test_every_benchmarked_url_is_a_live_page(client, demo, make_release):
    """The URL lists hold only pages that answer 200, in the four languages."""
    for _ in range(3):
        make_release(title_nl="Bericht", lead_nl="Inleiding", body_nl="<p>Tekst</p>")
    urls = pages.page_urls()
    assert set(urls) == set(pages.PAGES)
    assert len(urls["release detail"]) == 4  # the demo's and the three new ones
    assert {path.split("/")[1] for path in urls["home"]} == {"fr", "nl", "de", "en"}
    for page, paths in urls.items():
        for path in paths:
            assert client.get(path).status_code == 200, (page, path)


@pytest.fixture
def bench_site(settings, live_server):
    settings.ROOT_URLCONF = "bench.urls"
    return live_server


@needs_wrk
def test_wrk_measures_the_floor_of_a_live_server(bench_site):
    """The load tool runs for real; CI installs wrk so this never skips there."""
    figures = pages.run_wrk(bench_site.url, [FLOOR_PATH], duration=1, connections=2, threads=1)
    assert figures["requests"] > 10
    assert figures["errors"] == 0
    assert figures["p95_ms"] > 0


@needs_wrk
def test_wrk_requests_every_listed_path_and_counts_failures(bench_site):
    """A list with a missing page: its 404s show up as errors, not as fast responses."""
    figures = pages.run_wrk(
        bench_site.url, [FLOOR_PATH, "/no-such-page/"], duration=1, connections=2, threads=2
    )
    assert figures["errors"] > 0
    assert figures["error_kinds"].keys() == {"status"}
    assert figures["errors"] < figures["requests"]


def test_a_url_that_does_not_answer_200_stops_the_benchmark(bench_site):
    port = urlsplit(bench_site.url).port
    with pytest.raises(pages.BenchError) as error:
        pages.check_urls(port, {"floor": [FLOOR_PATH], "home": ["/"]})
    assert "home: / answered 302 (to /fr/)" in str(error.value)


def test_every_benchmarked_page_type_has_its_query_count_asserted(demo):
    """tests/test_query_counts.py covers each page type the benchmark measures."""
    from django.urls import resolve
    from django.utils import translation

    from tests.public import demo_urls, feed_urls

    with translation.override("fr"):  # the first URL of each list is the French one
        counted = {
            resolve(url.split("?")[0]).view_name
            for url in {**demo_urls(demo, "fr"), **feed_urls(demo, "fr")}.values()
        }
        benchmarked = {resolve(paths[0]).view_name for paths in pages.page_urls().values()}
    assert benchmarked == {
        "home",
        "releases:list",
        "releases:detail",
        "organizations:detail",
        "releases:feed_rss",
    }
    assert benchmarked <= counted
