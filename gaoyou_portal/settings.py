"""Settings for the Gaoyou development-target portal.

Everything that differs between machines comes from the environment (django-environ).
A missing or malformed value stops start-up with a message naming the variable.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")


def _setting(name, cast, default):
    """Read one variable; a value that does not parse names the variable."""
    try:
        return cast(name, default=default)
    except (ValueError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"Environment variable {name} is malformed: {exc}") from exc


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _strict_bool(name, default):
    """env.bool accepts anything as False; here an unknown word is an error that names the variable."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ValueError(f"{raw!r} is not one of 1/0, true/false, yes/no, on/off")



DEBUG = _setting("DEBUG", _strict_bool, False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is required when DEBUG is off "
            "(set SECRET_KEY to a long random string, or DEBUG=1 for development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = _setting("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _setting("CSRF_TRUSTED_ORIGINS", env.list, [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_htmx",
    "django_celery_beat",
    "csp",
    # ours: org first, the domain apps depend on it
    "gaoyou_portal",
    "org",
    "leaders",
    "notify",
    "projects",
    "projects.sprint",
    "livelihood",
    "safety",
    "cadres",
    "targets",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes must be last
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gaoyou_portal.urls"
WSGI_APPLICATION = "gaoyou_portal.wsgi.application"

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
                "gaoyou_portal.context_processors.portal",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
try:
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
except (ImproperlyConfigured, ValueError, KeyError) as exc:
    raise ImproperlyConfigured(f"Environment variable DATABASE_URL is malformed: {exc}") from exc
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured(
        "Environment variable DATABASE_URL must point to PostgreSQL (postgres://...) or SQLite (sqlite:///...)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's built-in pool (psycopg 3); persistent connections must stay off with it.
    DATABASES["default"].setdefault("OPTIONS", {})
    # The warning lights are many small correlated subqueries; PostgreSQL's JIT, priced on their
    # estimated total, spent more time compiling than running them (docs/performance.md).
    if not _setting("DATABASE_JIT", _strict_bool, False):
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    if _setting("DATABASE_POOL", _strict_bool, False):
        DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 2, "max_size": 10}
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = _setting("CONN_MAX_AGE", env.int, 60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # The embedded default serves a small office: WAL lets pages read while someone writes; IMMEDIATE takes the
    # write lock when a transaction begins, so a second writer waits for the busy timeout instead of failing with
    # "database is locked" when its read upgrades to a write; synchronous=NORMAL is safe with WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, Celery ----------------------------------------------------------------------------
REDIS_URL = _setting("REDIS_URL", env.str, "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("Environment variable REDIS_URL must start with redis://, rediss:// or unix://.")

# Redis is an accelerator: the cache backend turns its failures into misses (gaoyou_portal/cache.py),
# with short socket timeouts so a Redis that hangs costs a page at most a second.
REDIS_TIMEOUT = _setting("REDIS_TIMEOUT", env.float, 1.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "gaoyou_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _setting("CACHE_KEY_PREFIX", env.str, "gaoyou"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gaoyou"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# No broker configured: run tasks in-process so the embedded default needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A message is acknowledged when its task ends, and given back if the worker process dies under it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A write never waits long for a dead broker: its job is already a row (the outbox, gaoyou_portal/jobs.py)
# that the sweeper sends later, so sending is tried briefly (about 2 s in all) and given up.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 5
# An unacknowledged message (acks_late: a worker died holding it) comes back after this long; it matches
# the longest job (a 100,000-row import). Sooner, the sweeper has already restarted the job from its row.
CELERY_VISIBILITY_TIMEOUT = _setting("CELERY_VISIBILITY_TIMEOUT", env.int, 30 * 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    "socket_timeout": 5,
    "max_retries": 1,
}
# A task sent with a result (not the outbox's jobs, which ignore results) subscribes to it first: that
# reconnection was retried 20 times at 1 s, the 19 s a write waited for a dead Redis.
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5},
}
# The outbox: a waiting job is sent again after JOB_REQUEUE_SECONDS; a running job whose heartbeat
# (every JOB_HEARTBEAT_SECONDS) is older than JOB_STALE_SECONDS lost its worker and is restarted.
JOB_REQUEUE_SECONDS = _setting("JOB_REQUEUE_SECONDS", env.int, 120)
JOB_HEARTBEAT_SECONDS = _setting("JOB_HEARTBEAT_SECONDS", env.float, 10)
JOB_STALE_SECONDS = _setting("JOB_STALE_SECONDS", env.int, 60)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Asia/Shanghai"
# Beat schedules: apps add entries in their AppConfig.ready(); seed/migrate syncs them to django-celery-beat.
CELERY_BEAT_SCHEDULE = {}

# --- auth ---------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = _setting("PROXY_COUNT", env.int, 0) or None

# Sessions live in the database, never in the cache: a Redis outage signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions end after 2 hours without a request.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- security -------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = _setting("SECURE_SSL_REDIRECT", _strict_bool, not DEBUG)
SESSION_COOKIE_SECURE = _setting("SESSION_COOKIE_SECURE", _strict_bool, not DEBUG)
CSRF_COOKIE_SECURE = _setting("CSRF_COOKIE_SECURE", _strict_bool, not DEBUG)
SECURE_HSTS_SECONDS = _setting("SECURE_HSTS_SECONDS", env.int, 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SILENCED_SYSTEM_CHECKS = []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # ECharts and Bootstrap set inline styles on elements.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The county government's portal (and any other site listed) may frame the embeddable pages (/embed/...);
# every other page stays unframable. Origins only: scheme, host and port, comma-separated.
PORTAL_EMBED_ORIGINS = _setting("PORTAL_EMBED_ORIGINS", env.list, [])
for _origin in PORTAL_EMBED_ORIGINS:
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", _origin):
        raise ImproperlyConfigured(
            f"Environment variable PORTAL_EMBED_ORIGINS is malformed: {_origin!r} is not an origin "
            "(scheme://host[:port], no path), e.g. https://www.gaoyou.gov.cn"
        )

# --- i18n -----------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
# A filter left empty means all rows: say "全部", not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(_setting("STATIC_ROOT", env.str, str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(_setting("MEDIA_ROOT", env.str, str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploaded files: the portal's own limits (gaoyou_portal/uploads.py checks them).
PORTAL_MAX_IMAGE_BYTES = 5 * 1024 * 1024
PORTAL_MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024
# A month's report may be submitted from this day of the month (never earlier), until its deadline and lock
# (``gaoyou_portal.reporting``): reporting early must not be possible, nor owed before the month's last days.
PORTAL_REPORTING_OPENS_DAY = _setting("PORTAL_REPORTING_OPENS_DAY", env.int, 25)
if not 1 <= PORTAL_REPORTING_OPENS_DAY <= 28:
    raise ImproperlyConfigured("PORTAL_REPORTING_OPENS_DAY must be a day from 1 to 28.")
PORTAL_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # PDF, Word, Excel attached as evidence
PORTAL_MAX_UNZIPPED_BYTES = 250 * 1024 * 1024  # an .xlsx declaring more is refused unread (zip bomb)
# Imports: a spreadsheet up to this size is checked inside the request; a larger one by a Celery job.
PORTAL_IMPORT_INLINE_BYTES = _setting("PORTAL_IMPORT_INLINE_BYTES", env.int, 512 * 1024)

# --- e-mail ----------------------------------------------------------------------------------------------
EMAIL_BACKEND = _setting(
    "EMAIL_BACKEND",
    env.str,
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = _setting("EMAIL_HOST", env.str, "localhost")
EMAIL_PORT = _setting("EMAIL_PORT", env.int, 25)
EMAIL_HOST_USER = _setting("EMAIL_HOST_USER", env.str, "")
EMAIL_HOST_PASSWORD = _setting("EMAIL_HOST_PASSWORD", env.str, "")
EMAIL_USE_TLS = _setting("EMAIL_USE_TLS", _strict_bool, False)
DEFAULT_FROM_EMAIL = _setting("DEFAULT_FROM_EMAIL", env.str, "portal@gaoyou.gov.cn.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- group-robot channels (notify.channels) --------------------------------------------------------------
# The portal's public address: messages in WeCom and DingTalk link back to it.
PORTAL_BASE_URL = _setting("PORTAL_BASE_URL", env.str, "http://127.0.0.1:8000")
# Key that encrypts the robots' addresses at rest; empty: derived from SECRET_KEY.
CHANNEL_SECRET_KEY = _setting("CHANNEL_SECRET_KEY", env.str, "")
# Quiet hours "HH:MM-HH:MM" (local time; empty: none): robot messages wait until the end of them.
NOTIFY_QUIET_HOURS = _setting("NOTIFY_QUIET_HOURS", env.str, "22:00-07:30")
# The portal's own sandbox group robot (/notify/sandbox/<group>/, notify/sandbox.py): development and the demo
# only. Off in production unless set; with it off a sandbox:// address is refused and the page answers 404.
NOTIFY_SANDBOX = _setting("NOTIFY_SANDBOX", _strict_bool, DEBUG)
if NOTIFY_QUIET_HOURS and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d",
                                          NOTIFY_QUIET_HOURS.strip()):
    raise ImproperlyConfigured("Environment variable NOTIFY_QUIET_HOURS must look like 22:00-07:30 (or be empty).")
# The daily digest of the channels that ask for one goes out at this hour (local time).
NOTIFY_DIGEST_HOUR = _setting("NOTIFY_DIGEST_HOUR", env.int, 8)
NOTIFY_MAX_ATTEMPTS = _setting("NOTIFY_MAX_ATTEMPTS", env.int, 5)
# A channel whose deliveries finally failed this many times in a row is marked failing.
NOTIFY_FAILING_AFTER = _setting("NOTIFY_FAILING_AFTER", env.int, 3)
# The issuing office named in exported Word documents (the office's own template may name it itself).
PORTAL_DOCUMENT_ISSUER = _setting("PORTAL_DOCUMENT_ISSUER", env.str, "高邮市高质量发展考核办公室")

# --- REST API ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first so an anonymous API call answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "gaoyou_portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "gaoyou_portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "gaoyou_portal.api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "高邮市高质量发展目标管理平台 API",
    "DESCRIPTION": "Gaoyou development-target portal, REST API v1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # /api/schema/ and /api/docs/ describe what the caller may use: the public endpoints anonymously,
    # the staff API to signed-in staff, the cadre endpoints to the organisation department.
    "SERVE_PUBLIC": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gaoyou_portal.api.schema.add_error_answers",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name across apps get stable names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "FirmDispositionEnum": "safety.choices.FirmDisposition",
        "WorkshopDispositionEnum": "safety.choices.WorkshopDisposition",
        "CaseStateEnum": "safety.choices.CaseState",
        "LivelihoodTaskStatusEnum": "livelihood.choices.TaskStatus",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Tests that need PostgreSQL or Redis fail instead of skipping when this is set (CI sets it).
REQUIRE_SERVICES = _setting("REQUIRE_SERVICES", _strict_bool, False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # apprise's debug lines carry the robots' secret addresses: never past WARNING, never to root.
        "apprise": {"class": "logging.StreamHandler", "formatter": "plain", "level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": _setting("LOG_LEVEL", env.str, "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "apprise": {"handlers": ["apprise"], "level": "WARNING", "propagate": False},
        # urllib3 logs every request line, the robots' keys included.
        "urllib3": {"level": "WARNING"},
    },
}

# Uploaded files are always checked by Django (gaoyou_portal/media.py). SERVE_MEDIA=1: Django also sends
# the bytes (small intranet deployments); 0: the answer names the file in X-Accel-Redirect under the
# proxy's internal location MEDIA_ACCEL_REDIRECT and the proxy sends it (README, "Uploaded files").
SERVE_MEDIA = _setting("SERVE_MEDIA", _strict_bool, True)
MEDIA_ACCEL_REDIRECT = _setting("MEDIA_ACCEL_REDIRECT", env.str, "/protected-media/")
