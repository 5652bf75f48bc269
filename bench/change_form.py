"""How long the release change form takes to become usable in a real browser, and
what the server spends on it (docs/benchmarks.md, *The change form*).

Run by hand: ``python -m bench.change_form`` (``make bench-admin``). It builds a
fresh SQLite database with the demo content, serves it with gunicorn under
production settings (``DEBUG=false``, static files collected and served by
WhiteNoise), signs in as an editor in Debian's Chromium and opens the demo
release's change form ``BENCH_ROUNDS`` times (default 7, first one dropped as the
cold start), then reports the medians of:

* **server**: the time to the first byte of the page (Navigation Timing);
* **DOMContentLoaded** and **load**;
* **usable**: every rich-text editor created, the language switch in place and the
  main thread quiet for 100 ms (no long task pending), measured from the
  navigation start: what the press officer waits for before typing;
* **long tasks**: the sum of the main thread's tasks over 50 ms (blocking time).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.django_setup import ROOT
from bench.gunicorn import GunicornProcess

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))

USABLE = """
async () => {
  const quiet = () => new Promise(resolve => {
    let last = performance.now();
    new PerformanceObserver(list => { last = performance.now(); })
      .observe({type: 'longtask', buffered: false});
    const check = () => performance.now() - last > 100 ? resolve() : setTimeout(check, 20);
    check();
  });
  const expected = document.querySelectorAll('textarea.django_ckeditor_5').length;
  while (document.querySelectorAll('.ck-editor__editable').length < expected
         || !document.querySelector('.ui-tabs, .language-switch')) {
    await new Promise(r => setTimeout(r, 10));
  }
  await quiet();
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    server_ms: nav.responseStart - nav.requestStart,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    usable_ms: performance.now() - 100,
    editors: expected,
  };
}
"""

LONG_TASKS = """
() => performance.getEntriesByType('longtask')
  .reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0)
"""


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(workdir):
    env = dict(os.environ)
    env.update(
        {
            "ENV_FILE": os.devnull,
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            "DEBUG": "false",
            "NEWSROOM_DEMO": "true",
            "NEWSROOM_REQUIRE_2FA": "false",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    manage(env, "migrate", "--verbosity=0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "--verbosity=0")
    script = (
        "from django.contrib.auth.models import User;"
        "User.objects.create_superuser('bench', 'bench@example.org', 'bench-password');"
        "from releases.models import PressRelease;"
        "print(PressRelease.objects.order_by('pk').first().pk)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return env, int(out.stdout.strip().splitlines()[-1])


def measure(base_url, release_pk):
    from playwright.sync_api import sync_playwright

    rounds = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(locale="fr-BE", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "bench")
        page.fill("#id_password", "bench-password")
        with page.expect_navigation():
            page.click("input[type=submit]")
        url = f"{base_url}/admin/releases/pressrelease/{release_pk}/change/"
        for _ in range(ROUNDS):
            page.goto(url, wait_until="commit")
            page.evaluate(
                "() => { window.__long = [];"
                " new PerformanceObserver(l => window.__long.push(...l.getEntries()))"
                ".observe({type: 'longtask', buffered: true}); }"
            )
            figures = page.evaluate(USABLE)
            figures["long_tasks_ms"] = page.evaluate(
                "() => window.__long.reduce((s, t) => s + Math.max(0, t.duration - 50), 0)"
            )
            rounds.append(figures)
        browser.close()
    return rounds


def main():
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env, release_pk = prepare(workdir)
        with GunicornProcess(env, log_path=workdir / "gunicorn.log", workers=1) as server:
            server.wait_until_up("/healthz")
            rounds = measure(f"http://127.0.0.1:{server.port}", release_pk)
    kept = rounds[1:] or rounds
    report = {
        key: round(statistics.median(r[key] for r in kept), 1)
        for key in ("server_ms", "dom_content_loaded_ms", "load_ms", "usable_ms", "long_tasks_ms")
    }
    report["editors"] = kept[0]["editors"]
    report["rounds"] = len(kept)
    report["at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    from bench.django_setup import setup  # noqa: F401  (sys.path for newsroom/)

    sys.exit(main())
