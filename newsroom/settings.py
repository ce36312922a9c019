"""Newsroom settings. Everything that differs between machines comes from the environment.

Variables (see README, "Configuration"):
  NEWSROOM_ENV    "development" (default) or "production"
  DATABASE_URL    default: SQLite file db.sqlite3 in the project folder
  SECRET_KEY      required in production; in development generated once into .local/
  DEBUG           default true in development, false in production
  ALLOWED_HOSTS   comma-separated; default localhost names in development
  TIME_ZONE       default Asia/Riyadh
  MEDIA_ROOT      default media/ in the project folder
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = BASE_DIR / ".local"  # untracked per-machine state (generated secret, demo login)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


NEWSROOM_ENV = os.environ.get("NEWSROOM_ENV", "development").strip().lower()
PRODUCTION = NEWSROOM_ENV == "production"


def _secret_key():
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when NEWSROOM_ENV=production.")
    # Outside production, make one key per checkout and keep it, so sessions survive restarts.
    path = LOCAL_DIR / "secret_key"
    if not path.exists():
        LOCAL_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # reader pages: sitemap index templates
    # search: full-text search and trigram lookups on PostgreSQL (harmless on SQLite).
    "django.contrib.postgres",
    "articles",
    # versions of stories, and the body editor's bundled assets.
    "reversion",
    "django_prose_editor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "articles.caching.PageCacheMiddleware",  # after the language is known; see articles/caching.py
    "articles.middleware.AdminLanguageMiddleware",
    "articles.middleware.DeskTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic is the first language; English is the second edition.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("العربية")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Riyadh")
USE_I18N = True
USE_TZ = True

# Per-language fields follow LANGUAGES; an untranslated field falls back to the first language.
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": (LANGUAGE_CODE,)}
# modeltranslation's admin tabs would fetch jQuery UI from a CDN; serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The newsroom's own settings.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "نيوزروم")
NEWSROOM_SITE_NAME_EN = os.environ.get("NEWSROOM_SITE_NAME_EN", "Newsroom")
# Section a story lands in when the importer is not told one (created on first use).
NEWSROOM_DEFAULT_SECTION = {"ar": "محليات", "en": "Local"}
FORMAT_MODULE_PATH = ["newsroom.formats"]

# The desk (roles, workflow, locks, previews).
# The desk sees and enters times in Riyadh time, whatever TIME_ZONE the server runs in.
NEWSROOM_DESK_TIME_ZONE = os.environ.get("NEWSROOM_DESK_TIME_ZONE", "Asia/Riyadh")
# An edit lock lapses this many seconds after the editor's page stops sending its heartbeat.
NEWSROOM_EDIT_LOCK_SECONDS = int(os.environ.get("NEWSROOM_EDIT_LOCK_SECONDS", "120"))
# How long a shared preview link works (seconds; default 48 hours).
NEWSROOM_PREVIEW_MAX_AGE = int(os.environ.get("NEWSROOM_PREVIEW_MAX_AGE", str(48 * 3600)))

# Image uploads are capped in bytes and in pixels (decoded size).
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))

# The read-only content API under /api/v1/ (articles/api/; docs/api.md).
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
                  "articles.api.middleware.ApiMiddleware")  # language and rate limit, before any page cache
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "articles.api.errors.exception_handler",
    # Behind a proxy, how many X-Forwarded-For hops to trust when telling clients apart.
    "NUM_PROXIES": int(os.environ["NEWSROOM_API_PROXIES"]) if os.environ.get("NEWSROOM_API_PROXIES") else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom content API",
    "DESCRIPTION": "Read-only access to the stories readers can see, in Arabic and English. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
}
# Requests a client may make (per address), e.g. "600/minute"; counted in the default cache.
NEWSROOM_API_RATE = os.environ.get("NEWSROOM_API_RATE", "600/minute")
# How long browsers and shared caches may keep an answer (seconds).
NEWSROOM_API_MAX_AGE = int(os.environ.get("NEWSROOM_API_MAX_AGE", "60"))
# The change feed holds back changes younger than this (seconds), so a change whose
# transaction commits a moment late is not skipped by a partner's cursor.
NEWSROOM_API_CHANGES_DELAY = int(os.environ.get("NEWSROOM_API_CHANGES_DELAY", "5"))
# Page cache (articles/caching.py): Redis when REDIS_URL is set, otherwise a file cache that
# every process on this machine shares (a per-process cache would keep stale pages after a
# story is published from the command line or another worker).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        # Redis down must mean "uncached", quickly, not a worker stuck waiting.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(LOCAL_DIR / "cache")),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }}
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)  # off: every request renders (benchmarks)
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "600"))
NEWSROOM_CACHE_MAX_AGE = int(os.environ.get("NEWSROOM_CACHE_MAX_AGE", "5"))  # browsers and the edge
NEWSROOM_CACHE_STALE_SECONDS = int(os.environ.get("NEWSROOM_CACHE_STALE_SECONDS", "30"))
