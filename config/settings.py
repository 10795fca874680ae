"""Django settings for medvirk. Every installation-specific value comes from
:mod:`config.env`, the one module that reads the environment."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, read_environment

ENV = read_environment()

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
VAR_DIR = ENV.var_dir
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, the
# client's address is REMOTE_ADDR). Used for rate limits; see medvirk.core.http.
TRUSTED_PROXIES = ENV.trusted_proxies

INSTALLED_APPS = [
    "medvirk.core.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "django_tasks_db",
    "crontask",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "medvirk.core",
    "medvirk.accounts",
    "medvirk.places",
    "medvirk.bookings",
    "medvirk.localdemocracy",
    "medvirk.budgets",
    "medvirk.participation",
    "medvirk.followup",
    "medvirk.insight",
    "medvirk.volunteering",
    "medvirk.indicators",
    "medvirk.api",
]

MIDDLEWARE = [
    "medvirk.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "medvirk.core.context_processors.site",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    if ENV.database_url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)
        )
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "medvirk.sqlite3",
        "OPTIONS": {
            # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at the
            # start of a transaction so racing writers queue instead of failing midway.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if ENV.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV.redis_url,
            "KEY_PREFIX": "medvirk",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Django's task framework with a database queue (the same database as the
# site: SQLite on a laptop, PostgreSQL in production) worked by `medvirk worker`.
TASKS = {"default": {"BACKEND": ENV.tasks_backend}}
# crontask (recurring work) keeps one scheduler running across machines with a Redis lock.
CRONTASK = {"REDIS_URL": ENV.redis_url}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out account or address before any
    # password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login protection (django-axes) on the site, the admin and the API's token endpoint: after
# AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, further attempts
# are refused for AXES_COOLOFF_TIME. The counts live in the shared cache (Redis) when there
# is one, so every app server sees them; in the database on a single embedded machine.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Every login form (site, admin, API token) names the e-mail field "username", as
# Django's authenticate() does; the user model's USERNAME_FIELD is "email".
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "medvirk.core.http.client_address"
AXES_LOCKOUT_CALLABLE = "medvirk.accounts.views.locked_out"
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if ENV.redis_url
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_VERBOSE = False

# Retention (medvirk.accounts.tasks.privacy_retention, nightly): accounts whose e-mail
# address was never confirmed and that hold nothing are removed after this many days;
# contact details of people without an account are removed this many days after the
# activity or meeting is finished and their input answered. The privacy statement quotes
# both figures.
PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 30
PRIVACY_CONTACT_RETENTION_DAYS = 365
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS: list[str] = []  # each app keeps its own catalogues in <app>/locale/
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
# Dates per language (en, nb, nn), with medvirk's own named formats; read them through
# medvirk.core.dates.format_date or the |datefmt filter.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [("vendor", BASE_DIR / "node_modules")]
STORAGES = {
    # Uploads: a folder below var/ or an S3-compatible store (STORAGE_BACKEND); never
    # served from MEDIA_URL, only by medvirk.core.media after the access checks.
    "default": ENV.storage.django_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Django 6.1's mailers: SMTP options (host, port, username, password, use_tls, use_ssl,
# timeout) go in OPTIONS, and only for the SMTP backend (config.env decides).
MAILERS = {"default": {"BACKEND": ENV.email.backend, "OPTIONS": ENV.email.options}}
DEFAULT_FROM_EMAIL = ENV.email.default_from_email
SERVER_EMAIL = ENV.email.server_email

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A form sent with a missing or expired security token gets the site's own 403 page.
CSRF_FAILURE_VIEW = "medvirk.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS (on with MEDVIRK_ENV=production, see config.env and the README). Behind a proxy that
# terminates TLS, its X-Forwarded-Proto header tells Django the request came over HTTPS;
# the proxy must set (not pass on) that header.
if ENV.https.behind_tls_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.https.ssl_redirect
# Load balancers probe these over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = ENV.https.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.https.hsts_include_subdomains
SECURE_HSTS_PRELOAD = ENV.https.hsts_preload
SESSION_COOKIE_SECURE = ENV.https.enabled
CSRF_COOKIE_SECURE = ENV.https.enabled

# Content-Security-Policy (django-csp 4): only the site's own scripts, styles, fonts and
# images (plus data: images, which Designsystemet's CSS uses for icons); no inline script
# or style, no framing, forms post only to the site. Templates keep scripts and styles in
# static files; a page that needs more says so with csp.decorators, not here.
_CSP_IMAGES = [SELF, "data:"]
if MEDIA_URL.startswith(("https://", "http://")):  # uploads served from another origin
    _CSP_IMAGES.append(MEDIA_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _CSP_IMAGES,
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        **({"upgrade-insecure-requests": True} if ENV.https.enabled else {}),
    }
}

OIDC = ENV.oidc

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "medvirk.api.schema.ApiAutoSchema",
    # Personal tokens (Authorization: Bearer) and the site's session (with CSRF on writes);
    # never HTTP Basic, whose password guesses would bypass django-axes.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "medvirk.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PAGINATION_CLASS": "medvirk.api.pagination.ApiPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "medvirk API",
    "DESCRIPTION": (
        "Open data on municipalities, districts and hubs, and on participation. Reading "
        "needs no login; writing needs a personal token (Authorization: Bearer <token>, "
        "created at /api/tokens/) or the site's session with its CSRF token."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name per choice set where several fields share it (else check --deploy warns).
    "ENUM_NAME_OVERRIDES": {
        "InputKindEnum": "medvirk.participation.models.InputKind",
        "BookingStatusEnum": "medvirk.bookings.models.BookingStatus",
    },
    # Path parameters as Django's converters match them, so the schema names no address
    # that does not resolve (and no id the database cannot hold).
    "PATH_CONVERTER_OVERRIDES": {
        "int": {"type": "integer", "minimum": 0, "maximum": 2147483647},
        "str": {"type": "string", "pattern": "^[^/]+$"},
        "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    },
    # Fields that may be null are declared nullable, read-only ones read-only, in both
    # the request and the response schemas.
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # LOG_FORMAT=json: one JSON object per line, for a log collector.
        "json": {"()": "medvirk.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": ENV.log_format}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes logs every login at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}
