"""Settings shared by every mode, read from the environment (see README, "Settings").

`production`, `dev` and `test` start from here and change only what their purpose needs.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.web.middleware.ContentSecurityPolicyMiddleware",
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
        conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- uploads: strict limits; uploaded files are never served directly, only through permission checks ---
GONGKAI_MAX_UPLOAD_BYTES = env_int("GONGKAI_MAX_UPLOAD_MB", 20) * 1024 * 1024  # whole request body
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form data, 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files stream to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
MEDIA_ROOT = DATA_DIR / "files"

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
ADMINS = [("", address) for address in env_list("GONGKAI_ADMIN_EMAILS", [])]

# --- REST API -------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["gongkai.orgs.permissions.IsStaffMember"],
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
