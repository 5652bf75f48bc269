"""Measure search latency on the current database (see bench/generate_dataset.py).

    python -m bench.search_latency [--repeat 5] [--output bench/results/search.json]

For a fixed set of queries in each language (common and rare words, phrases,
"or", negations, names, filters), it times

- ``query``: a search page's query: finding the most recent matches of the live
  items and ranking them into the page of 20 best (``search.query.search``);
- ``page``: the whole page (filters, items, excerpts, rendering) through Django's
  test client;

each query once to warm up, then ``--repeat`` times, and reports p50 and p95 per
language and over all queries.
"""

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

from bench.django_setup import ROOT, setup

QUERIES = {
    "fr": [
        "pensions",
        "protections sociales",
        "allocations familiales",
        '"sécurité sociale"',
        "securite sociale chine",
        "fraude -indépendants",
        "Vandenbroucke",
        "banque carrefour",
        "maladies professionnelles Rwanda",
        "artistes or numérisation",
        "vieillissement population 2019",
        "zzzintrouvable",
    ],
    "nl": [
        "pensioenen",
        "kinderbijslag",
        "sociale bescherming",
        '"tijdelijke werkloosheid"',
        "zelfstandigen or kunstenaarsstatuut",
        "Peeters",
        "kruispuntbank",
        "Marokko",
        "beroepsziekten -China",
        "vergrijzing bevolking",
        "digitalisering diensten",
        "onvindbaarxyz",
    ],
    "de": [
        "Renten",
        "Kindergeld",
        "Sozialschutz",
        '"entsandten Arbeitnehmer"',
        "Selbstständige or Künstlerstatus",
        "Müller",
        "Zentrale Datenbank",
        "Tunesien",
        "Berufskrankheiten -China",
        "Alterung Bevölkerung",
        "Langzeitpflege",
        "unauffindbarxyz",
    ],
    "en": [
        "pensions",
        "child benefits",
        "social protection",
        '"posted workers"',
        "self-employed or artists",
        "Janssens",
        "crossroads bank",
        "Morocco",
        "occupational diseases -China",
        "population ageing",
        "long-term care",
        "unfindablexyz",
    ],
}
#: The same words with the filters of the page: kind, year, organization, official
#: (organizations and officials as bench/generate_dataset.py names them).
#: Among them the hard cases: a common word with a current minister quoted in one
#: release in eight, with a former one (2005–2014), with an old year.
FILTERED = [
    ("fr", "pensions", {"type": "event"}),
    ("nl", "pensioenen", {"year": "2019"}),
    ("en", "social protection", {"type": "release", "year": "2024"}),
    ("fr", "sociale", {"organization": "bench-fps-0-fr"}),
    ("de", "Renten", {"official": "bench-3-0"}),
    ("fr", "pensions", {"official": "bench-5-1"}),
    ("nl", "pensioenen", {"topic": "bench-topic-1-nl"}),
    ("en", "social", {"organization": "bench-fps-2-en", "official": "bench-1-1"}),
    ("fr", "sociale", {"year": "2008"}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples):
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "search.json"))
    args = parser.parse_args(argv)
    setup()

    from django.conf import settings
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.urls import reverse
    from django.utils import translation

    from releases.models import PressRelease
    from search.models import SearchDocument
    from search.views import SearchView

    settings.ALLOWED_HOSTS = ["*"]
    # The page as its first reader gets it: the whole-page cache would answer every
    # repetition after the first (the fragment cache stays, as in production).
    settings.NEWSROOM_PAGE_CACHE = False
    client = Client()
    cases = [(language, text, {}) for language, texts in QUERIES.items() for text in texts]
    cases += FILTERED

    def database_work(language, text, params):
        """The search view's query for the first page: matches, ranked, 20 of them."""
        with translation.override(language):
            view = SearchView()
            view.setup(RequestFactory().get("/", {"q": text, **params}))
            list(view.get_queryset()[: SearchView.paginate_by])
            return view.matches.count

    timings = {"query": {}, "page": {}}
    counts, per_query = {}, {}
    for language, text, params in cases:
        with translation.override(language):
            url = reverse("search:results")
        query = {"q": text, **params}
        database_work(language, text, params)  # warm-up
        client.get(url, query)
        name = f"{language}: {text} {params or ''}".strip()
        for _ in range(args.repeat):
            started = time.perf_counter()
            counts[name] = database_work(language, text, params)
            elapsed = (time.perf_counter() - started) * 1000
            timings["query"].setdefault(language, []).append(elapsed)
            per_query.setdefault(name, []).append(elapsed)
            started = time.perf_counter()
            response = client.get(url, query)
            timings["page"].setdefault(language, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, query, response.status_code)

    report = {
        "database": connection.vendor,
        "server_version": getattr(connection, "pg_version", None),
        "python": platform.python_version(),
        "releases": PressRelease.objects.count(),
        "live_releases": PressRelease.objects.live().count(),
        "search_documents": SearchDocument.objects.count(),
        "queries": len(cases),
        "repeat": args.repeat,
        "matches_per_query": counts,
        "query_p50_ms_per_query": {
            name: round(statistics.median(samples), 2) for name, samples in per_query.items()
        },
    }
    for kind, by_language in timings.items():
        report[kind] = {language: summary(samples) for language, samples in by_language.items()}
        report[kind]["all"] = summary([s for samples in by_language.values() for s in samples])
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")

    print(
        f"{report['database']} {report['server_version'] or ''}: {report['releases']} releases "
        f"({report['live_releases']} live), {report['search_documents']} documents, "
        f"{len(cases)} queries × {args.repeat}"
    )
    for kind in ("query", "page"):
        for language, figures in report[kind].items():
            print(
                f"  {kind:5} {language:3} p50 {figures['p50_ms']:7.2f} ms   "
                f"p95 {figures['p95_ms']:7.2f} ms   max {figures['max_ms']:7.2f} ms"
            )
    slowest = sorted(per_query.items(), key=lambda item: -max(item[1]))[:5]
    print("  slowest queries (p50 / max ms):")
    for name, samples in slowest:
        print(f"    {statistics.median(samples):7.2f} / {max(samples):7.2f}  {name}")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
