"""Test settings: the project's own settings, with a test-only secret.

DEBUG stays off so tests see what production serves. DATABASE_URL picks the
database exactly as in production: SQLite by default, PostgreSQL when set.
"""

import os

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
