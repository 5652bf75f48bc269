"""Static files in production: collectstatic with WhiteNoise's compressed manifest
storage, pages linking hashed names, and WhiteNoise serving them compressed and
cached for ever. Run with the production settings in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVE = """
import json, django
django.setup()
from django.templatetags.static import static
from django.test import Client
client = Client()
css = static("newsroom/site.css")  # what {% static %} writes into every page
static = client.get(css, headers={"Accept-Encoding": "gzip, br"})
admin_js = client.get("/static/admin/js/core.js")
print(json.dumps({
    "css": css,
    "status": static.status_code,
    "cache": static["Cache-Control"],
    "encoding": static.get("Content-Encoding"),
    "nosniff": static.get("X-Content-Type-Options"),
    "unhashed": admin_js.status_code,
}))
"""


def test_collectstatic_then_whitenoise_serves_hashed_compressed_files(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for name in [
        "newsroom/site.css",
        "vendor/jquery-ui/jquery-ui.min.js",
        "django_ckeditor_5/dist/bundle.js",
        "admin/js/core.js",
    ]:
        assert name in manifest, name
        assert (tmp_path / "static" / (manifest[name] + ".gz")).exists(), name
    served = subprocess.run(
        [sys.executable, "-c", SERVE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served.returncode == 0, served.stderr
    values = json.loads(served.stdout.splitlines()[-1])
    assert values["css"] == "/static/" + manifest["newsroom/site.css"]
    assert values["status"] == 200
    assert "immutable" in values["cache"] and "max-age=315360000" in values["cache"]
    assert values["encoding"] in ("gzip", "br")
    assert values["nosniff"] == "nosniff"
    assert values["unhashed"] == 200  # old links keep working, briefly cached
