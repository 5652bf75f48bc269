"""What translation management costs the desk: a save of the demo release through the
admin's change form (every inline, as a press officer's save) with and without the
recording of translations (translations/tracking.py), and the XLIFF export and import
of that release.

    python -m bench.translations

A scratch SQLite database (or ``BENCH_TRANSLATIONS_DATABASE_URL``), migrated, with the
demo content; ``BENCH_ROUNDS`` saves per variant (default 40), alternated so both see
the same machine. Reports medians in milliseconds, the ratio, and the queries of one
save. Results: the terminal and ``bench/results/translations.json``."""

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    {
        "ENV_FILE": os.devnull,
        "DATABASE_URL": os.environ.get("BENCH_TRANSLATIONS_DATABASE_URL", f"sqlite:///{SCRATCH}"),
        "DEBUG": "true",
        "NEWSROOM_REQUIRE_2FA": "false",
        "LOG_LEVEL": "WARNING",
    }
)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", "bench/results/translations.json"))

from bench.django_setup import setup  # noqa: E402


def main():
    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save, pre_save
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from releases.models import PressRelease
    from tests.conftest import staff_user
    from tests.forms import form_data
    from translations import tracking, xliff

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    release = PressRelease.objects.get(slug_fr="spf-securite-sociale-soutient-socieux")
    editor = staff_user("bench-editor", "Editors")
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])

    def save(n):
        data = form_data(client.get(url).content.decode(), "pressrelease_form")
        data["lead_fr"] = [f"{data['lead_fr'][0].split(' #')[0]} #{n}"]
        started = time.perf_counter()
        response = client.post(url, data)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        return elapsed

    def tracked(on):
        for model in tracking.tracked_models():
            uid = f"translations-{model._meta.label_lower}"
            if on:
                tracking.connect()
            else:
                pre_save.disconnect(sender=model, dispatch_uid=f"{uid}-pre")
                post_save.disconnect(sender=model, dispatch_uid=f"{uid}-post")

    times = {"with": [], "without": []}
    for n in range(ROUNDS * 2):
        on = n % 2 == 0
        tracked(on)
        times["with" if on else "without"].append(save(n))
    tracked(True)
    with CaptureQueriesContext(connection) as with_queries:
        save(-1)
    tracked(False)
    with CaptureQueriesContext(connection) as without_queries:
        save(-2)
    tracked(True)

    release.refresh_from_db()
    exports, imports = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        document = xliff.export([release], "nl")
        exports.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        report = xliff.read(document, "nl", editor, lambda obj: True)
        imports.append((time.perf_counter() - started) * 1000)
        assert not report.errors, report.errors
    result = {
        "database": connection.vendor,
        "rounds": ROUNDS,
        "save_ms_with_tracking": round(statistics.median(times["with"]), 1),
        "save_ms_without_tracking": round(statistics.median(times["without"]), 1),
        "queries_with_tracking": len(with_queries),
        "queries_without_tracking": len(without_queries),
        "xliff_units": document.count(b"<trans-unit"),
        "xliff_bytes": len(document),
        "export_ms": round(statistics.median(exports), 1),
        "import_check_ms": round(statistics.median(imports), 1),
    }
    result["save_ratio"] = round(
        result["save_ms_with_tracking"] / result["save_ms_without_tracking"], 3
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
