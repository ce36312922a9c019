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

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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
    # The desk before django.contrib.admin: its templates override the admin's.
    "articles.desk",
    "articles.desk.apps.NewsroomAdminConfig",  # django.contrib.admin with the desk's front page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before whitenoise: articles.ops' runserver (which starts without a database) wraps theirs.
    "articles",
    "articles.pictures",  # the picture library (articles/pictures/)
    "articles.site",  # the reader site (articles/site/)
    "articles.search",  # search ranking and highlighting (articles/search/)
    "articles.api",  # the read-only content API (articles/api/; docs/api.md)
    "articles.ops",  # health, backup, logging, hardening; its runserver wraps whitenoise's
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # reader pages: sitemap index templates
    # search: full-text search and trigram lookups on PostgreSQL (harmless on SQLite).
    "django.contrib.postgres",
    # versions of stories, and the body editor's bundled assets.
    "reversion",
    "django_prose_editor",
    # security: Content-Security-Policy, login throttling.
    "csp",
    "articles.ops.apps.LoginThrottlingConfig",  # django-axes, with an Arabic name in the admin
    # the read-only content API (articles/api/; docs/api.md).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "articles.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "articles.ops.middleware.RefuseControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's language and rate limit, decided before the page cache builds its key.
    "articles.api.middleware.ApiMiddleware",
    "articles.caching.PageCacheMiddleware",  # after the language is known; see articles/caching.py
    "articles.desk.middleware.AdminLanguageMiddleware",
    "articles.desk.middleware.DeskTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "articles.ops.middleware.PermissionsPolicyMiddleware",
    "articles.desk.middleware.AdminStylePolicyMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
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

# An optional read replica for anonymous readers' pages (articles/replica.py). Pages rendered
# within NEWSROOM_REPLICA_LAG_SECONDS of a change come from the primary, so a lagging replica
# never puts an old page in the cache under the new content version.
if os.environ.get("NEWSROOM_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["NEWSROOM_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["articles.replica.PublicReadsRouter"]
NEWSROOM_REPLICA_LAG_SECONDS = float(os.environ.get("NEWSROOM_REPLICA_LAG_SECONDS", "5"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads or processes write at once (runserver's threads, gunicorn's workers, a
    # page's autosave beacon beside its save): take the write lock at BEGIN and wait for it,
    # rather than fail with "database is locked" when a reading transaction starts to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    # The test database is a file, not Django's shared-cache memory database: in that mode
    # SQLite answers a second thread with "table is locked" at once instead of waiting, and
    # the browser tests run the site in threads beside the test.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME",
        os.path.join(
            "/dev/shm" if os.path.isdir("/dev/shm") else os.environ.get("TMPDIR", "/tmp"),
            f"newsroom-test-{os.getpid()}.sqlite3",
        ),
    )

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

# Media on S3-compatible storage (AWS S3, MinIO, Cloudflare R2, …) when a bucket is named:
# uploads and their renditions go there through Django's storage API (django-storages), so
# every app server sees the same pictures. Credentials come from boto3's own environment
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's role. See docs/deployment.md.
S3_BUCKET = os.environ.get("NEWSROOM_S3_BUCKET", "")
S3_ENDPOINT = os.environ.get("NEWSROOM_S3_ENDPOINT", "")  # empty: AWS itself
S3_DOMAIN = os.environ.get("NEWSROOM_S3_DOMAIN", "")  # a CDN or public host in front of the bucket
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT or None,
            "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
            "custom_domain": S3_DOMAIN or None,
            # Other S3 services than AWS are reached as endpoint/bucket/name.
            "addressing_style": "path" if S3_ENDPOINT else None,
            # Published pictures are public: plain, stable URLs that browsers and CDNs can keep.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if PRODUCTION:
    # HTTPS everywhere, unless NEWSROOM_HTTPS=false: only for trying the production stack on
    # this machine's loopback (`make serve` sets it when it serves 127.0.0.1/localhost).
    HTTPS = env_bool("NEWSROOM_HTTPS", True)
    SESSION_COOKIE_SECURE = HTTPS
    CSRF_COOKIE_SECURE = HTTPS
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (nginx in deploy/); turn off
    # with NEWSROOM_TLS_PROXY=false when the app itself faces the network.
    if env_bool("NEWSROOM_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: plain HTTP is redirected (SECURE_SSL_REDIRECT=false when the proxy already
    # does it), and browsers are told to remember that for a year (HSTS).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]  # the load balancer probes over HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# The newsroom's own settings.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "نيوزروم")
NEWSROOM_SITE_NAME_EN = os.environ.get("NEWSROOM_SITE_NAME_EN", "Newsroom")
# Section a story lands in when the importer is not told one (created on first use).
NEWSROOM_DEFAULT_SECTION = {"ar": "محليات", "en": "Local"}
FORMAT_MODULE_PATH = ["newsroom.formats"]

# The desk (roles, workflow, locks, previews).
# The desk sees and enters times in Riyadh time, whatever TIME_ZONE the server runs in.
NEWSROOM_DESK_TIME_ZONE = os.environ.get("NEWSROOM_DESK_TIME_ZONE", "Asia/Riyadh")
# The desk's address, for links in notification emails (…/admin/articles/article/<id>/change/).
# Default: the first allowed host (https in production), http://127.0.0.1:8000 in development.
_FIRST_HOST = next((host for host in ALLOWED_HOSTS if host not in ("*", "testserver")), "")
NEWSROOM_DESK_URL = os.environ.get("NEWSROOM_DESK_URL") or (
    f"{'https' if PRODUCTION and HTTPS else 'http'}://{_FIRST_HOST.lstrip('.')}"
    if PRODUCTION and _FIRST_HOST
    else "http://127.0.0.1:8000"
)
# An edit lock lapses this many seconds after the editor's page stops sending its heartbeat.
NEWSROOM_EDIT_LOCK_SECONDS = int(os.environ.get("NEWSROOM_EDIT_LOCK_SECONDS", "120"))
# How long a shared preview link works (seconds; default 48 hours).
NEWSROOM_PREVIEW_MAX_AGE = int(os.environ.get("NEWSROOM_PREVIEW_MAX_AGE", str(48 * 3600)))
# Copy-check rules the desk has turned off (ids from articles/copycheck.py RULES), comma-separated.
NEWSROOM_COPY_CHECK_DISABLED = env_list("NEWSROOM_COPY_CHECK_DISABLED", [])

# Image uploads are capped in bytes and in pixels (decoded size).
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))

# How many proxies in front of the app append the address they saw to X-Forwarded-For (the
# production stack's nginx is one). The client is that many entries from the header's right
# end; what a client writes further left is ignored, so it cannot pose as another address.
# 0: no proxy, the connection's own address. Used by login throttling and the API's rate limit.
NEWSROOM_PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", "1" if PRODUCTION else "0"))

# The read-only content API under /api/v1/ (articles/api/; docs/api.md).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "articles.api.errors.exception_handler",
    # Clients are told apart (rate limits) by the address the trusted proxies saw.
    "NUM_PROXIES": NEWSROOM_PROXY_COUNT,
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
# Searches a client may make on the search page (per address; pages the cache answers do
# not count): an uncached search costs the database, and one client must not slow it for all.
NEWSROOM_SEARCH_RATE = os.environ.get("NEWSROOM_SEARCH_RATE", "30/minute")
# How long browsers and shared caches may keep an answer (seconds).
NEWSROOM_API_MAX_AGE = int(os.environ.get("NEWSROOM_API_MAX_AGE", "60"))
# The change feed holds back changes younger than this (seconds), so a change whose
# transaction commits a moment late is not skipped by a partner's cursor.
NEWSROOM_API_CHANGES_DELAY = int(os.environ.get("NEWSROOM_API_CHANGES_DELAY", "5"))
# Page cache (articles/caching.py): Redis when REDIS_URL is set, otherwise a file cache that
# every process on this machine shares (a per-process cache would keep stale pages after a
# story is published from the command line or another worker).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            # Redis down must mean "uncached", quickly, not a worker stuck waiting.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(LOCAL_DIR / "cache")),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)  # off: every request renders (benchmarks)
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "600"))
# The article page's object cache (caching.kept); off: a page-cache miss runs every query (benchmarks)
NEWSROOM_OBJECT_CACHE = env_bool("NEWSROOM_OBJECT_CACHE", True)
NEWSROOM_CACHE_MAX_AGE = int(os.environ.get("NEWSROOM_CACHE_MAX_AGE", "4"))  # browsers
# Shared caches (s-maxage): their copy plus one refresh under load stays within the 5 s promise.
NEWSROOM_EDGE_MAX_AGE = int(os.environ.get("NEWSROOM_EDGE_MAX_AGE", "3"))
NEWSROOM_CACHE_STALE_SECONDS = int(os.environ.get("NEWSROOM_CACHE_STALE_SECONDS", "30"))
# Count page-cache hits and misses in the cache (bench/newsroom_day.sh reads them); off by default.
NEWSROOM_CACHE_STATS = env_bool("NEWSROOM_CACHE_STATS", False)
# A CDN in front of nginx: purge by key on every change (docs/deployment.md). "fastly" or
# "cloudflare" picks a purger from articles/cdn.py (or give a dotted path to your own); the
# responses then carry their keys in NEWSROOM_CDN_KEY_HEADER (Surrogate-Key, or Cache-Tag).
_CDN_PURGERS = {"fastly": "articles.cdn.FastlyPurger", "cloudflare": "articles.cdn.CloudflarePurger"}
NEWSROOM_CDN = os.environ.get("NEWSROOM_CDN", "")
NEWSROOM_CDN_PURGE = _CDN_PURGERS.get(NEWSROOM_CDN, NEWSROOM_CDN)
NEWSROOM_CDN_KEY_HEADER = "Cache-Tag" if NEWSROOM_CDN == "cloudflare" else "Surrogate-Key"
NEWSROOM_CDN_API = os.environ.get("NEWSROOM_CDN_API", "")  # the purge API's base URL (tests: a local fake)
NEWSROOM_CDN_SERVICE = os.environ.get("NEWSROOM_CDN_SERVICE", "")  # Fastly service id / Cloudflare zone id
NEWSROOM_CDN_TOKEN = os.environ.get("NEWSROOM_CDN_TOKEN", "")

# The importer: relative source paths start at this folder (default: the working folder);
# caps that keep one file from making a thousand author pages or a 50 MB story.
NEWSROOM_IMPORT_ROOT = os.environ.get("NEWSROOM_IMPORT_ROOT", "")
NEWSROOM_IMPORT_MAX_AUTHORS = int(os.environ.get("NEWSROOM_IMPORT_MAX_AUTHORS", "12"))
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", str(1024 * 1024)))

# Errors are heard: every log line goes to stdout (the process manager or container keeps
# it) with the request id, the user id and the path; a 500 writes its traceback. With ADMINS
# set, each 500 is also mailed (EMAIL_* settings below).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "articles.ops.logcontext.RequestContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s request=%(request_id)s "
            "user=%(user_id)s path=%(path)s %(message)s",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_context"],
            "formatter": "line",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"handlers": ["stdout", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stdout", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
# ADMINS="Name <a@example.org>, b@example.org": who is mailed a 500's traceback.
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env_list("ADMINS", [])
]
# Mail (500s to ADMINS, the desk's notifications): the console in development (printed on
# stdout), SMTP in production; tests use Django's in-memory outbox whatever is set here.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "newsroom@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[Newsroom] ")

# Where pictures come from when they are not on this site (media on S3: the CDN's host, the
# S3 service's, or AWS's bucket hosts).
MEDIA_ORIGINS = []
if S3_BUCKET:
    if S3_DOMAIN:
        MEDIA_ORIGINS = [f"https://{S3_DOMAIN.split('/')[0]}"]
    elif S3_ENDPOINT:
        MEDIA_ORIGINS = ["/".join(S3_ENDPOINT.split("/")[:3])]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]

# Content-Security-Policy (django-csp): scripts and styles only from our own static files,
# no inline script (JSON-LD is data, not script; the admin's one import map carries a
# per-request nonce), no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE appears only on pages that use it: the admin's import map (articles/desk/admin/csp.py).
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # style="" attributes (the admin's widgets and the body editor set them) cannot run
        # code; <style> elements and stylesheets still come only from our static files.
        "style-src-attr": ["'unsafe-inline'"],
        "style-src-elem": [SELF],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses, switched off for every page.
NEWSROOM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

# Login throttling (django-axes): after NEWSROOM_LOGIN_FAILURES wrong passwords for one user
# name from one address, that pair is locked (after NEWSROOM_LOGIN_FAILURES_PER_ADDRESS over
# any names, that address) for NEWSROOM_LOGIN_COOLOFF_MINUTES (the page says so in Arabic);
# `manage.py unlock USERNAME` lifts it early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying (one guess for each of many user names) is counted per address too: this
# many failures from one address, whatever the names, lock that address for the cool-off.
NEWSROOM_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("NEWSROOM_LOGIN_FAILURES_PER_ADDRESS", "20"))
AXES_HANDLER = "articles.ops.lockout.LoginAttemptsHandler"
AXES_USERNAME_CALLABLE = "articles.ops.lockout.client_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "articles.ops.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "articles.ratelimits.client_address"
AXES_VERBOSE = False
