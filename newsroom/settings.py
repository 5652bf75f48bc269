"""Settings for the newsroom, read from the environment (see ``.env.example``).

Defaults are safe: ``DEBUG`` is off, and without ``DEBUG`` the project refuses to
start unless a real ``SECRET_KEY`` is given.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.env import env_bool, env_int, env_list, env_str, read_env_file

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

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin (admin autodiscovery needs it).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "reversion",
    "newsroom",
    "organizations",
    "releases",
    "events",
    "attachments",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # DATABASE_POOL_MAX_SIZE > 0 turns on psycopg's native pool (one per worker
    # process). Django refuses a pool together with persistent connections.
    _pool_max = env_int("DATABASE_POOL_MAX_SIZE", 0)
    if _pool_max > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(env_int("DATABASE_POOL_MIN_SIZE", 1), _pool_max),
            "max_size": _pool_max,
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
        }

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
# In production the web server sends media files: set this to the internal
# location that nginx maps to MEDIA_ROOT (X-Accel-Redirect), e.g. /protected-media/.
NEWSROOM_MEDIA_ACCEL_REDIRECT = env_str("NEWSROOM_MEDIA_ACCEL_REDIRECT")

# Releases need these languages complete before they can go out (enforced by
# the workflow; the admin shows what is missing).
NEWSROOM_REQUIRED_LANGUAGES = env_list("NEWSROOM_REQUIRED_LANGUAGES", ["fr", "nl"])

# CKEditor 5. The editor's content language is set per language tab by the
# admin (newsroom/admin.py); whatever it sends is sanitised on save (newsroom/richtext.py).
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"  # any other value lets anonymous users upload
# Our own upload view: the same validation and renditions as every image upload.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "attachments:ckeditor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "insertTable", "|",
                "imageUpload", "|", "undo", "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Heading 2",
                 "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Heading 3",
                 "class": "ck-heading_heading3"},
            ],
        },
        "image": {
            "toolbar": ["imageTextAlternative", "|", "imageStyle:alignLeft",
                        "imageStyle:alignRight", "imageStyle:alignCenter"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
