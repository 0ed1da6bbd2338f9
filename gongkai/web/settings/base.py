"""Settings shared by every mode, read from the environment (see README, "Settings").

`production`, `dev` and `test` start from here and change only what their purpose needs.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from gongkai.tasks import config as tasks_config
from gongkai.web.env import data_dir, database_url, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # the `gongkai` package
DATA_DIR = data_dir()

# Later apps add one line here (and nothing else in the project) to be installed, get their URLs
# mounted under their AppConfig.url_prefix and their `api` module's routes registered.
GONGKAI_APPS = [
    "gongkai.web",
    "gongkai.orgs",
    "gongkai.audit",
    "gongkai.dashboard",
    "gongkai.portal",
    "gongkai.publishing",
    "gongkai.appeals",
    "gongkai.annual",
    "gongkai.applications",
    "gongkai.tasks",
    "gongkai.disclosure",
    "gongkai.findings",
    "gongkai.consultations",
    "gongkai.notifications",
    "gongkai.complaints",
    "gongkai.oversight",
]

INSTALLED_APPS = [
    *GONGKAI_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.web.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.web.conditional.PublicPageCacheMiddleware",
    "gongkai.web.middleware.InputGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.web.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"
AUTH_USER_MODEL = "orgs.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.context.site",
            ],
        },
    },
]

# --- database: DATABASE_URL, default an SQLite file in the data directory -----------------------------
DATABASES = {
    "default": dj_database_url.parse(
        database_url(),
        # kept by each server thread between requests (checked before reuse): opening one per request cost a
        # /healthz answer 30 ms instead of 6 at 8 clients; the threads bound how many the database sees
        conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 300),
        conn_health_checks=True,
    )
}
# A read replica for the public pages (PostgreSQL streaming replication): gongkai.web.routers.
if env_str("GONGKAI_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("GONGKAI_REPLICA_DATABASE_URL"), conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 300),
        conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["gongkai.web.routers.PublicReadRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when they begin: no "database is locked" on lock upgrade between threads.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# --- security --------------------------------------------------------------------------------------------
SECRET_KEY = env_str("GONGKAI_SECRET_KEY")  # production reads it (or the data-dir key file) itself
DEBUG = False
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])
GONGKAI_HTTPS = env_bool("GONGKAI_HTTPS", True)  # served over HTTPS (directly or by a reverse proxy)
SESSION_COOKIE_SECURE = GONGKAI_HTTPS
CSRF_COOKIE_SECURE = GONGKAI_HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 0)
X_FRAME_OPTIONS = "DENY"
GONGKAI_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- throttling (gongkai.web.throttle) --------------------------------------------------------------------
# Login: django-axes locks an account, and separately an address, after N wrong passwords.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
GONGKAI_LOGIN_COOLOFF_MINUTES = env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = GONGKAI_LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.web.throttle.locked_out"
AXES_VERBOSE = False
# Anonymous pages: (requests, seconds) per address, counted in the cache.
GONGKAI_RATE_LIMITS = {
    "apply": (env_int("GONGKAI_APPLY_PER_HOUR", 10), 3600),  # online applications submitted
    "track": (env_int("GONGKAI_TRACK_PER_HOUR", 60), 3600),  # tracking-code lookups
    "comment": (env_int("GONGKAI_COMMENT_PER_HOUR", 10), 3600),  # comments on drafts (意见征集)
    "complain": (env_int("GONGKAI_COMPLAIN_PER_HOUR", 5), 3600),  # 投诉举报 submitted online
}
# 投诉举报: periods in working days (local rules differ): reply to the complainant, the agency's explanation
GONGKAI_COMPLAINT_PERIODS = {"reply": env_int("GONGKAI_COMPLAINT_REPLY_DAYS", 20),
                             "explain": env_int("GONGKAI_COMPLAINT_EXPLAIN_DAYS", 5)}
# 督促整改: the usual period given to correct (working days; the supervisor may set another date)
GONGKAI_RECTIFICATION_DAYS = env_int("GONGKAI_RECTIFICATION_DAYS", 20)
# --- cache: local memory in one process; GONGKAI_CACHE_URL=redis://host:6379/1 shares it between processes
# and machines (the public pages, rate limits; gongkai.web.cache) ---------------------------------------------
GONGKAI_CACHE_URL = env_str("GONGKAI_CACHE_URL")
if GONGKAI_CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": GONGKAI_CACHE_URL,
                          "KEY_PREFIX": "gongkai"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai",
                          "OPTIONS": {"MAX_ENTRIES": 3000}}}
# Public pages served from the cache to visitors who are not logged in (gongkai.web.conditional), by URL name.
GONGKAI_PUBLIC_PAGES = frozenset(env_list("GONGKAI_PUBLIC_PAGES", [
    "portal:home", "portal:agency", "publishing:catalogue", "publishing:public_item", "publishing:guide",
    "annual:public_list", "annual:public_agency", "annual:public_report", "applications:apply", "applications:track",
]))
GONGKAI_PUBLIC_CACHE_SECONDS = env_int("GONGKAI_PUBLIC_CACHE_SECONDS", 3600)
# (one waitress process serves every request: its memory is the one place to count)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- uploads: strict limits; uploaded files are never served directly, only through permission checks ---
GONGKAI_MAX_UPLOAD_BYTES = env_int("GONGKAI_MAX_UPLOAD_MB", 20) * 1024 * 1024  # whole request body
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form data, 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files stream to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
GONGKAI_DESCRIPTION_MAX_CHARS = env_int("GONGKAI_DESCRIPTION_MAX_CHARS", 5000)  # an application's description
# what one anonymous application may attach (the public form; staff registration has the request limit only)
GONGKAI_PUBLIC_UPLOADS = {"files": env_int("GONGKAI_PUBLIC_MAX_FILES", 5),
                          "file_mb": env_int("GONGKAI_PUBLIC_MAX_FILE_MB", 5),
                          "total_mb": env_int("GONGKAI_PUBLIC_MAX_TOTAL_MB", 10)}
GONGKAI_MAX_PARAMETER_CHARS = env_int("GONGKAI_MAX_PARAMETER_CHARS", 1000)  # one query parameter, longer: 400
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
MEDIA_ROOT = DATA_DIR / "files"

# --- serving (`gongkai serve`, waitress): slow or idle clients cannot hold every connection -------------------
# waitress' defaults (100 connections, 120 s idle) let one client with 100 half-open connections lock every
# user out. Here: many more connections (poll(), not select()), idle ones closed after 30 s, checked every
# 5 s, a request's header bounded. In production a reverse proxy (nginx, README) limits each address too.
GONGKAI_WAITRESS = {
    "connection_limit": env_int("GONGKAI_CONNECTION_LIMIT", 1000),
    "channel_timeout": env_int("GONGKAI_CHANNEL_TIMEOUT", 30),
    "cleanup_interval": env_int("GONGKAI_CLEANUP_INTERVAL", 5),
    "max_request_header_size": 64 * 1024,
    "asyncore_use_poll": True,
    "backlog": 1024,
}
# Requests running the site at once (`gongkai.web.server.WorkGate`); more wait asleep, /healthz never waits.
GONGKAI_WORKING_REQUESTS = env_int("GONGKAI_WORKING_REQUESTS", 8)
GONGKAI_THREADS = env_int("GONGKAI_THREADS", 256)  # waitress threads: enough that no request waits in its queue
# Web processes of `gongkai serve` on one port (gongkai.web.workers): one per core unless set.
GONGKAI_WEB_WORKERS = env_int("GONGKAI_WEB_WORKERS", 0) or (os.cpu_count() or 1)

# --- static files: collected under the data directory, served by WhiteNoise ------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- language and time: Chinese first, English available --------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- e-mail: SMTP when GONGKAI_EMAIL_HOST is set, else messages are written to files in the data directory
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD")
    EMAIL_USE_SSL = env_bool("GONGKAI_EMAIL_SSL", False)
    EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS", not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# the address in front of links in notification mails, e.g. https://gk.example.gov.cn (empty: paths only)
GONGKAI_SITE_URL = env_str("GONGKAI_SITE_URL", "")
ADMINS = [("", address) for address in env_list("GONGKAI_ADMIN_EMAILS", [])]

# --- REST API -------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["gongkai.orgs.permissions.IsStaffMember"],
    "DEFAULT_PARSER_CLASSES": [
        "gongkai.web.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gongkai API",
    "DESCRIPTION": "政府信息公开工作平台接口。Token authentication: `Authorization: Token <key>`. "
    "Every resource is scoped by organisation exactly as the pages are.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

GONGKAI_SITE_NAME = env_str("GONGKAI_SITE_NAME", "政府信息公开工作平台")
GONGKAI_DATA_DIR = DATA_DIR

# --- audit trail anchoring: the chain head written outside the database (see gongkai/audit/checkpoints.py)
GONGKAI_AUDIT_CHECKPOINT_FILE = DATA_DIR / "audit-checkpoints.jsonl"
GONGKAI_AUDIT_CHECKPOINT_EVERY = env_int("GONGKAI_AUDIT_CHECKPOINT_EVERY", 1000)  # entries; 0 = daily only
GONGKAI_AUDIT_CHECKPOINT_EMAILS = env_list("GONGKAI_AUDIT_CHECKPOINT_EMAILS", [])  # the supervising office

# --- background tasks (Django's Tasks framework): the database by default, Redis/RQ for several machines
GONGKAI_TASKS_REDIS_URL = env_str("GONGKAI_TASKS_REDIS_URL")
TASKS = tasks_config.tasks(GONGKAI_TASKS_REDIS_URL)
RQ_QUEUES = tasks_config.rq_queues(GONGKAI_TASKS_REDIS_URL)

# --- 依申请公开转主动公开 (条例 第四十四条) and the review of withheld information (条例 第十八条)
GONGKAI_CONVERSION_SIMILARITY = float(env_str("GONGKAI_CONVERSION_SIMILARITY", "0.5"))  # bigram overlap 0–1
GONGKAI_CONVERSION_MIN_REQUESTS = env_int("GONGKAI_CONVERSION_MIN_REQUESTS", 2)
GONGKAI_CONVERSION_WINDOW_DAYS = env_int("GONGKAI_CONVERSION_WINDOW_DAYS", 730)
GONGKAI_WITHHELD_REVIEW_MONTHS = env_int("GONGKAI_WITHHELD_REVIEW_MONTHS", 12)
GONGKAI_WITHHELD_REMINDER_DAYS = env_int("GONGKAI_WITHHELD_REMINDER_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
