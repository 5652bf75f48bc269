"""Test settings: the project's own settings, with a test-only secret.

DEBUG stays off so tests see what production serves. DATABASE_URL picks the
database exactly as in production: SQLite by default, PostgreSQL when set.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# Tests see what production serves, whatever a developer's .env says.
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the browser tests' live server speak plain HTTP; every
# other production security setting stays on (tests/newsroom/test_security_headers.py
# turns the redirect back on to test it).
os.environ["SECURE_SSL_REDIRECT"] = "false"
# Tests sign staff in with force_login, which no second factor can follow: the
# two-factor tests (tests/accounts/test_two_factor.py) turn it on.
os.environ["NEWSROOM_REQUIRE_2FA"] = "false"
# The demo (demo/) is what most tests read.
os.environ["NEWSROOM_DEMO"] = "true"

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves static files from the apps' folders, as in development:
# tests run without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The task queue runs each task at once, in the test's own process; the worker tests
# (tests/notices/test_worker.py) turn this off and start a real worker on this file.
HUEY = {
    **HUEY,  # noqa: F405
    "immediate": True,
    "filename": f"{tempfile.gettempdir()}/newsroom-tests-{os.getpid()}-tasks.sqlite3",
}
# Whole pages are not kept between the requests of a test (tests read the views'
# context and count their queries); tests/public_cache/test_page_cache.py and the leak
# tests turn the page cache on, with a cache of their own.
NEWSROOM_PAGE_CACHE = False
# Tests change the database behind the process's back (fixtures, other processes):
# the version row is read on every request (tests/public_cache/test_page_cache.py
# tests the reuse).
NEWSROOM_VERSION_RECHECK_MS = 0
# Mail goes to Django's test outbox unless a test starts its SMTP server (tests/smtp.py).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NEWSROOM_SITE_URL = "https://newsroom.example.be"
NEWSROOM_API_RATE_LIMIT = None  # "off"; tests/api/test_api.py sets one
# The tests' webhook receiver listens on 127.0.0.1 (tests/webhooks/).
NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES = True
