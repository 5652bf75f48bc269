"""Settings for the newsroom, read from the environment (see ``.env.example``).

Defaults are safe: ``DEBUG`` is off, and without ``DEBUG`` the project refuses to
start unless a real ``SECRET_KEY`` is given.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.database import pool_options
from newsroom.env import (
    api_rate_limit,
    cache_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    max_age_setting,
    proxy_ssl_header,
    read_env_file,
)
from newsroom.task_queue import email_settings, huey_settings

BASE_DIR = Path(__file__).resolve().parent.parent
read_env_file(env_str("ENV_FILE") or BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)

_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true for development."
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS and security headers (docs/security.md). Without DEBUG the defaults are
# production's: HTTPS only, secure cookies, a year of HSTS. Behind a reverse proxy
# that terminates TLS, SECURE_PROXY_SSL_HEADER must name the header it sets
# (e.g. HTTP_X_FORWARDED_PROTO), or every request looks like plain HTTP and the
# redirect to HTTPS never ends. Only set it when the proxy always sets or
# overwrites that header: a client could send it otherwise.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
# How many reverse proxies stand in front of Django, each appending to
# X-Forwarded-For (nginx alone: 1; a load balancer, then nginx: 2). The embargo
# access log records the reader's address from it (newsroom/proxies.py); 0 takes
# the connection's address. Never more than there really are: a client can write
# anything into the header's first entries.
NEWSROOM_PROXY_COUNT = env_int("NEWSROOM_PROXY_COUNT", 0)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# "preload" only has an effect once the registered domain is submitted to the
# browsers' preload list; SECURE_HSTS_PRELOAD=false leaves the word out.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # nothing about a journalist's reading leaves the site
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# CSRF_COOKIE_HTTPONLY stays off: CKEditor's upload adapter reads the token from the cookie.

# Content-Security-Policy (django-csp): only our own scripts, styles and images, on
# every page, the admin included (CKEditor 5 and the language tabs run under it;
# newsroom/security.py allows style attributes under /admin/ for the editor).
# JSON-LD and the editor's JSON configuration are data blocks, not scripts: the
# policy does not apply to them. data: images are the editor's upload previews.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

INSTALLED_APPS = [
    # modeltranslation must come before the admin (admin autodiscovery needs it).
    "modeltranslation",
    # django.contrib.admin, with two-factor sign-in (accounts/admin_site.py).
    "accounts.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_ckeditor_5",
    # Before django-reversion: its history page shows our revision comparison.
    "desk",
    "reversion",
    "newsroom",
    "accounts",
    "workflow",
    "public_cache",
    "identity",
    "organizations",
    "releases",
    "events",
    "attachments",
    "search",
    "notices",
    "press_lists",
    "subscriptions",
    "distribution",
    "webhooks",
    "translations",
    "api",
    "site_pages",
    "csp",
    # The task queue's worker (``manage.py run_huey``) and task registry.
    "huey.contrib.djhuey",
]
# The demo content and ``load_demo`` (demo/): on for development (``make run``), left
# out of a production site unless asked for.
if env_bool("NEWSROOM_DEMO", DEBUG):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answered here, before sessions or languages are looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the others, so every response (errors included) carries the policy.
    "newsroom.security.ContentSecurityPolicyMiddleware",
    # Cache headers, 304s and whole pages for anonymous readers (public_cache/middleware.py,
    # docs/caching.md). Outside the session, language, CSRF and message middleware: it
    # answers a stored page before they run, and sees every cookie they set (a response
    # with a cookie is never public); a reader with a session cookie goes through them
    # all, and staff are never served a cached page.
    # The API's rate limit, CORS and problem details (api/middleware.py): before the
    # page cache, so a cached answer counts against the limit too.
    "api.middleware.ApiMiddleware",
    "public_cache.middleware.PublicCacheMiddleware",
    # A cookie with a control character is ignored (newsroom/limits.py).
    "newsroom.limits.CookieCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # No view sees a control character or an over-long address (newsroom/limits.py).
    "newsroom.limits.RequestAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the body (CSRF reads request.POST): refuses what is too big.
    "newsroom.limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (accounts/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in: throttled and locked out per account and per address (django-axes,
# accounts/login_throttle.py), with a second factor for editors (accounts/two_factor.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = env_int("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT", 5)
NEWSROOM_LOGIN_FAILURES_PER_ADDRESS = env_int("NEWSROOM_LOGIN_FAILURES_PER_ADDRESS", 20)
NEWSROOM_LOGIN_LOCKOUT_MINUTES = env_int("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15)
for _name in (
    "NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT",
    "NEWSROOM_LOGIN_FAILURES_PER_ADDRESS",
    "NEWSROOM_LOGIN_LOCKOUT_MINUTES",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
# The public's subscription form (subscriptions/throttle.py, docs/subscriptions.md):
# confirmation e-mails sent to one address per NEWSROOM_SUBSCRIBE_ADDRESS_HOURS (more
# requests get the same answer, and nothing is sent), and requests accepted from one
# client address (behind NEWSROOM_PROXY_COUNT proxies) per
# NEWSROOM_SUBSCRIBE_CLIENT_MINUTES (more get a 429 page with Retry-After).
NEWSROOM_SUBSCRIBE_PER_ADDRESS = env_int("NEWSROOM_SUBSCRIBE_PER_ADDRESS", 3)
NEWSROOM_SUBSCRIBE_ADDRESS_HOURS = env_int("NEWSROOM_SUBSCRIBE_ADDRESS_HOURS", 24)
NEWSROOM_SUBSCRIBE_PER_CLIENT = env_int("NEWSROOM_SUBSCRIBE_PER_CLIENT", 20)
NEWSROOM_SUBSCRIBE_CLIENT_MINUTES = env_int("NEWSROOM_SUBSCRIBE_CLIENT_MINUTES", 60)
for _name in (
    "NEWSROOM_SUBSCRIBE_PER_ADDRESS",
    "NEWSROOM_SUBSCRIBE_ADDRESS_HOURS",
    "NEWSROOM_SUBSCRIBE_PER_CLIENT",
    "NEWSROOM_SUBSCRIBE_CLIENT_MINUTES",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
AXES_HANDLER = "accounts.login_throttle.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # this order: see LoginThrottle
AXES_FAILURE_LIMIT = NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=NEWSROOM_LOGIN_LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.proxies.client_ip"  # behind NEWSROOM_PROXY_COUNT proxies
AXES_LOCKOUT_CALLABLE = "accounts.login_throttle.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# Editors and superusers sign in with a code from an authenticator app (TOTP);
# off for local development (make run sets DEBUG).
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = env_str("NEWSROOM_2FA_ISSUER", "Newsroom")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.page_meta",
                "identity.context_processors.identity",
            ],
        },
    },
]

# Database: SQLite in the project by default (nothing to install); PostgreSQL
# through psycopg 3 when DATABASE_URL says so, e.g.
# postgres://newsroom:secret@127.0.0.1:5432/newsroom
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A connection kept from an earlier request (CONN_MAX_AGE) is tested before
        # it is reused; with the pool, Django hands psycopg ConnectionPool.check_connection,
        # so a connection the server or a failover closed is replaced, not used.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # A server that does not answer (a host down, packets dropped) fails a new
    # connection after this many seconds instead of holding the request.
    _options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
    # The release page's query is prepared once a connection has run it 5 times, then
    # never planned again (newsroom/database.py prepared_cursor; Django's own queries
    # are never prepared). Off (false) behind a pooler that loses prepared statements,
    # such as PgBouncer in transaction mode before 1.21.
    _options.setdefault(
        "prepare_threshold", 5 if env_bool("DATABASE_PREPARED_STATEMENTS", True) else None
    )
    # PostgreSQL's JIT compiler is off: it compiles any query whose estimated cost
    # passes jit_above_cost, and the public rule's nested subqueries pass it on small
    # tables, where compiling took 150-450 ms for a query that runs in 1 ms (measured
    # on PostgreSQL 15: EXPLAIN ANALYZE of Organization.objects.public()). A session
    # default from the connection's startup, so the pool's RESET ALL keeps it.
    # DATABASE_JIT=true leaves the server's own setting.
    if not env_bool("DATABASE_JIT", False):
        _options["options"] = " ".join(filter(None, [_options.get("options"), "-c jit=off"]))
    # DATABASE_POOL_MAX_SIZE > 0 turns on psycopg's native pool (one per worker
    # process), whose connections are reset when they come back (newsroom/database.py).
    # Django refuses a pool together with persistent connections. A request that
    # waits DATABASE_POOL_TIMEOUT seconds for a connection gets a 503
    # (newsroom/errors.py): keep it well under GUNICORN_TIMEOUT.
    _pool_max = env_int("DATABASE_POOL_MAX_SIZE", 0)
    if _pool_max > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        _options["pool"] = pool_options(
            max_size=_pool_max,
            min_size=env_int("DATABASE_POOL_MIN_SIZE", 1),
            timeout=env_int("DATABASE_POOL_TIMEOUT", 10),
        )

# Caching (docs/caching.md). Public pages may be kept by browsers and proxies for
# NEWSROOM_CACHE_MAX_AGE seconds at most, and never up to the next scheduled go-live,
# expiry or event end, whatever this says. An edit or a withdrawal reaches a cache
# that kept a page within this time: it is the longest a withdrawn release could
# linger in a reader's browser or a proxy. Hence the default, 0: every cache
# revalidates every time (ETags answer 304 with one small query, no page rendered),
# and a withdrawal is gone everywhere at once. A ministry that accepts that lag
# for an edit may raise it. Our own fragment cache never lags: its keys carry
# the content version. NEWSROOM_CACHE_URL=redis://host:6379/1 shares fragments
# between web nodes; empty keeps them in each process's memory.
# Background work (e-mail) on the task queue (newsroom/task_queue.py, docs/task-queue.md):
# a SQLite file by default (``make run``), Redis in production.
HUEY = huey_settings(
    env_str("NEWSROOM_TASKS_URL"),
    default_file=BASE_DIR / "tasks.sqlite3",
    workers=env_int("NEWSROOM_TASK_WORKERS", 2),
)

# E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True), else the console in
# development and SMTP on localhost in production.
_email = email_settings(env_str("EMAIL_URL"), DEBUG)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# A release's mailing starts at its go-live second; a worker that was down then
# catches up when it comes back, unless the release went live longer ago than this
# (distribution/publication.py).
NEWSROOM_MAILING_MAX_DELAY_HOURS = env_int("NEWSROOM_MAILING_MAX_DELAY_HOURS", 24)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

CACHES = {"default": cache_settings(env_str("NEWSROOM_CACHE_URL"))}
NEWSROOM_CACHE_MAX_AGE = max_age_setting(
    "NEWSROOM_CACHE_MAX_AGE", env_int("NEWSROOM_CACHE_MAX_AGE", 0)
)
NEWSROOM_FRAGMENT_CACHE = "default"
# Whole public pages for anonymous readers, in the same cache (public_cache/caching.py):
# on unless NEWSROOM_PAGE_CACHE=false; kept at most NEWSROOM_PAGE_CACHE_TIMEOUT seconds
# and never past the next go-live, expiry, event end or midnight.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_TIMEOUT = max_age_setting(
    "NEWSROOM_PAGE_CACHE_TIMEOUT", env_int("NEWSROOM_PAGE_CACHE_TIMEOUT", 600)
)
# Each process reads the public version row (one row by its key) at most once per this
# many milliseconds and reuses it in between: an edit made on another process or node
# reaches the page cache at most this late (one made by the same process at once; the
# clock's go-lives are exact whatever it says). 0: read on every public request.
NEWSROOM_VERSION_RECHECK_MS = env_int("NEWSROOM_VERSION_RECHECK_MS", 50)
# What a deployment calls its build (the image tag): part of every ETag and cache key,
# so that a new version of the code never serves a page of the old one. Empty: a digest
# of the code, templates and translations, computed once per process.
NEWSROOM_BUILD_ID = env_str("NEWSROOM_BUILD_ID")
NEWSROOM_FRAGMENT_CACHE_TIMEOUT = max_age_setting(
    "NEWSROOM_FRAGMENT_CACHE_TIMEOUT", env_int("NEWSROOM_FRAGMENT_CACHE_TIMEOUT", 600)
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the newsroom publishes in Belgium's three official
# languages and in English. French is the default: the ministry writes most
# originals in French.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

# django-modeltranslation. Content that misses a translation falls back to the
# item's own original language (see newsroom/languages.py); this chain is only
# the last resort for reference data such as organization names and topics.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "nl", "en", "de")
MODELTRANSLATION_CUSTOM_FIELDS = ("RichTextField",)
# The package loads jQuery UI from a public CDN by default: serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")

# Uploads: images are decoded and re-encoded (attachments/validation.py).
NEWSROOM_MAX_IMAGE_PIXELS = env_int("NEWSROOM_MAX_IMAGE_PIXELS", 40_000_000)
NEWSROOM_MAX_IMAGE_BYTES = env_int("NEWSROOM_MAX_IMAGE_BYTES", 20 * 1024 * 1024)
NEWSROOM_MAX_DOCUMENT_BYTES = env_int("NEWSROOM_MAX_DOCUMENT_BYTES", 50 * 1024 * 1024)
# A whole request body (newsroom/limits.py answers 413 above it, before reading it):
# the largest file plus room for the form around it. The reverse proxy's own limit
# (nginx client_max_body_size) should be a little higher, so Django says what is wrong.
NEWSROOM_MAX_REQUEST_BYTES = env_int(
    "NEWSROOM_MAX_REQUEST_BYTES",
    max(NEWSROOM_MAX_IMAGE_BYTES, NEWSROOM_MAX_DOCUMENT_BYTES) + 10 * 1024 * 1024,
)
# The longest address (path and query) read: a longer one gets a 414 page. Below
# gunicorn's request-line limit (GUNICORN_LIMIT_REQUEST_LINE, 8190) and nginx's
# (large_client_header_buffers 8k), so that the project answers, in the reader's language.
# The address of this newsroom, for the links in e-mails (no request to read it from).
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
NEWSROOM_MAX_URL_LENGTH = env_int("NEWSROOM_MAX_URL_LENGTH", 4096)
# The form fields of a request, files excluded (answered 413 above it, see
# newsroom/limits.py): the four language versions of a long release fit many times over.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# A release's change form sends about 200 fields (the demo release, with its inlines).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 100)
# Uploaded files above this size go to a temporary file instead of the worker's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# Static files: WhiteNoise serves them from STATIC_ROOT (after collectstatic) with
# hashed names, compressed, cached for ever. Media: the file system at MEDIA_ROOT
# (shared by every web node), or a private S3-compatible bucket with
# NEWSROOM_MEDIA_STORAGE=s3. Either way files are only reached through the
# /media/ view (attachments/views.py), which checks that they may be seen.
NEWSROOM_MEDIA_STORAGE = env_str("NEWSROOM_MEDIA_STORAGE", "filesystem").strip().lower()
if NEWSROOM_MEDIA_STORAGE == "filesystem":
    _MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif NEWSROOM_MEDIA_STORAGE == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("NEWSROOM_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    if env_str("NEWSROOM_MEDIA_ACCEL_REDIRECT"):
        # X-Accel-Redirect hands nginx a path under MEDIA_ROOT: with a bucket there is
        # no such file, every picture would be a 404. The view streams from the bucket.
        raise ImproperlyConfigured(
            "NEWSROOM_MEDIA_STORAGE=s3 streams media from the bucket: leave "
            "NEWSROOM_MEDIA_ACCEL_REDIRECT empty."
        )
    # Credentials are not copied here: boto3 reads AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY (or an instance role) itself.
    _MEDIA_STORAGE = {
        "BACKEND": "attachments.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "location": env_str("AWS_LOCATION"),
            "default_acl": None,  # objects stay private: the bucket's own (private) ACL
            "querystring_auth": True,  # any URL S3 makes itself is signed and expires
            "file_overwrite": False,  # like the file system: a new name, never a replaced file
            # Files read for the /media/ view spill to disk above this, not to memory.
            "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
        },
    }
else:
    raise ImproperlyConfigured(
        f"NEWSROOM_MEDIA_STORAGE must be filesystem or s3, not {NEWSROOM_MEDIA_STORAGE!r}."
    )
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# In production the web server sends media files: set this to the internal
# location that nginx maps to MEDIA_ROOT (X-Accel-Redirect), e.g. /protected-media/.
NEWSROOM_MEDIA_ACCEL_REDIRECT = env_str("NEWSROOM_MEDIA_ACCEL_REDIRECT")

# Releases need these languages complete before they can go out (enforced by
# the workflow; the admin shows what is missing).
NEWSROOM_REQUIRED_LANGUAGES = env_list("NEWSROOM_REQUIRED_LANGUAGES", ["fr", "nl"])

# The public API (docs/api.md): requests per client address, e.g. "120/min" or "5/s";
# "off": no limit (unset or empty: the default). Counted in the default cache (shared by
# every process with Redis).
NEWSROOM_API_RATE_LIMIT = api_rate_limit(env_str("NEWSROOM_API_RATE_LIMIT") or "120/min")
# Webhooks (docs/webhooks.md) go to public internet addresses only, unless this allows
# loopback and private networks too (a partner on the intranet).
NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES = env_bool("NEWSROOM_WEBHOOK_PRIVATE_ADDRESSES", False)

# CKEditor 5. The editor's content language is set per language tab by the
# admin (newsroom/admin_mixins.py); whatever it sends is sanitised on save (newsroom/richtext.py).
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"  # any other value lets anonymous users upload
# Our own upload view: the same validation and renditions as every image upload.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "attachments:ckeditor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "|",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Heading 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Heading 3",
                    "class": "ck-heading_heading3",
                },
            ],
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignRight",
                "imageStyle:alignCenter",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}

# Sessions (staff only: the public site sets no cookie) live in the database, so
# any web node serves any request, with or without a shared cache. Not cached_db:
# it would save one primary-key query per staff request, but Django's cached_db
# lets cache errors through when it loads, checks or deletes a session, so a Redis
# outage would turn into admin errors.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Logs go to standard output, one line each: time, level, process (one per
# gunicorn worker), logger, message. Errors of django.request (500s, with their
# traceback) and django.security (bad hosts, oversized requests) propagate here.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "format": "{asctime} {levelname} [{process}] {name}: {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Replaces Django's default handlers (stderr while debugging, mail to ADMINS):
    # its records reach standard output through the root logger, once.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # django-axes: failures and lockouts are warnings; its notes on every start
        # and successful sign-in (kept in its access log table anyway) are left out.
        "axes": {"level": "WARNING"},
    },
}
