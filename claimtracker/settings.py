"""claimtracker settings: everything that differs between machines comes from the environment.

Variables (see README "Configuration"):
    DEBUG                    true/false or 1/0 (default false)
    SECRET_KEY               required when DEBUG is off
    DATABASE_URL             e.g. postgres://user@host:5432/db (unset: SQLite file db.sqlite3)
    DATABASE_REPLICA_URL     optional read replica for API reads (claimtracker/routers.py)
    REPLICA_PIN_SECONDS      reads stay on the primary this long after a client's write (5)
    REPLICA_MAX_LAG_SECONDS  a replica further behind than this is not read (3)
    REPLICA_CHECK_SECONDS    how often each process re-checks the replica (1)
    ALLOWED_HOSTS            comma-separated
    CSRF_TRUSTED_ORIGINS     comma-separated, with scheme
    CORS_ALLOWED_ORIGINS     comma-separated dashboard origins
    CLAIMTRACKER_DB_PROBE    1: responses name the database that answered (replica drill)
    CLAIMTRACKER_PUBLIC_READ true/false (default true): anonymous API reads
    CLAIMTRACKER_*           further knobs, each declared below with its default
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false or 1/0, got {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only ever used with DEBUG on, so it can never sign a production session.
    SECRET_KEY = "django-insecure-dev-only-claimtracker"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # its sitemap.xml template (claims.public.feeds)
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "claimtracker.urls"
WSGI_APPLICATION = "claimtracker.wsgi.application"
ASGI_APPLICATION = "claimtracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Only an input to DATABASES, so lower case: Django would keep an upper-case name as a setting.
conn_max_age = env_int("CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=conn_max_age,
        conn_health_checks=conn_max_age > 0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Editors and an import may write at once; wait for the lock instead of failing at once.
    # IMMEDIATE: a transaction takes the write lock when it begins, where the timeout makes
    # a second writer wait. A DEFERRED one that reads first (as every write here does) must
    # upgrade its lock later, which SQLite refuses at once ("database is locked", a 500)
    # when another writer holds it (tests/test_sqlite_writers.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

# Optional read replica: API reads may go there (claimtracker/routers.py says which, and how
# an editor still reads their own writes despite replication lag).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=conn_max_age,
        conn_health_checks=conn_max_age > 0,
    )
    # Tests use the primary's test database for it, as Django advises for replicas.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica host that is down must not hold a request for the OS's connect timeout
        # (minutes): after this many seconds its reads go to the primary. ?connect_timeout=
        # in the URL overrides it.
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASE_ROUTERS = ["claimtracker.routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "claimtracker.routers.ReplicaMiddleware")
# How long a client's reads stay on the primary after its write (read only with a replica).
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 5)
# A replica further behind the primary than this serves no reads (they go to the primary),
# checked by each process at most every REPLICA_CHECK_SECONDS (claimtracker/replica_health.py).
# Their sum at most REPLICA_PIN_SECONDS: a client whose pin expired finds its write there.
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 3)
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 1)
if os.environ.get("CLAIMTRACKER_DB_PROBE") == "1":
    # The replica drill (.ci/replica.sh): a response header names the database server that
    # answered (claims/devtools/db_probe.py). Never set in production or benchmarks.
    MIDDLEWARE.append("claims.devtools.db_probe.DatabaseProbeMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# `manage.py loaddata demo` finds fixtures/demo.json (the demo data) by name.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# --- Production hardening (defaults follow DEBUG; each can be overridden) -------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy the app sees plain HTTP; trust the proxy's header.
if env_bool("SECURE_PROXY_SSL_HEADER", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- REST API -------------------------------------------------------------------------------
CLAIMTRACKER_PUBLIC_READ = env_bool("CLAIMTRACKER_PUBLIC_READ", True)
# The organisation named as author of exported ClaimReview records.
CLAIMTRACKER_ORGANIZATION = {
    "name": os.environ.get("CLAIMTRACKER_ORG_NAME", "claimtracker"),
    "url": os.environ.get("CLAIMTRACKER_ORG_URL", "https://example.org/"),
}
# The admin claim list's "most used" article/speaker/actor/event filters (claims/admin/filters.py).
CLAIMTRACKER_FACET_CACHE_SECONDS = env_int("CLAIMTRACKER_FACET_CACHE_SECONDS", 600)
# Filtered /api/stats/ answers may be cached this long; 0 (the default) keeps counts exact.
CLAIMTRACKER_STATS_CACHE_SECONDS = env_int("CLAIMTRACKER_STATS_CACHE_SECONDS", 0)
# Imports larger than this are rejected before parsing.
CLAIMTRACKER_MAX_IMPORT_BYTES = env_int("CLAIMTRACKER_MAX_IMPORT_BYTES", 5 * 1024 * 1024)
# Importing from URLs and feeds (claims/importer/fetch.py): hosts resolving to private,
# loopback, link-local or other non-global addresses are refused unless this is on.
CLAIMTRACKER_ALLOW_PRIVATE_URLS = env_bool("CLAIMTRACKER_ALLOW_PRIVATE_URLS", False)
# Seconds to connect, and for a whole fetch (redirects and body included).
CLAIMTRACKER_FETCH_CONNECT_TIMEOUT = env_int("CLAIMTRACKER_FETCH_CONNECT_TIMEOUT", 10)
CLAIMTRACKER_FETCH_TIMEOUT = env_int("CLAIMTRACKER_FETCH_TIMEOUT", 30)

# The one source of the API's defaults: views override a key only where they differ.
REST_FRAMEWORK = {
    # Token first: DRF takes the WWW-Authenticate challenge from the first class, and
    # without one (SessionAuthentication has none) an anonymous write would get 403, not 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadOrEditor"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["claims.api.filters.FilterBackend"],
    # Reads are never throttled; unsafe methods share the view's throttle_scope ("writes").
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.WriteRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "writes": os.environ.get("THROTTLE_WRITES", "120/min"),
        "token_auth": os.environ.get("THROTTLE_TOKEN_AUTH", "10/min"),
    },
    "EXCEPTION_HANDLER": "claims.api.exceptions.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "claims.api.negotiation.ContentNegotiation",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "claimtracker API",
    "DESCRIPTION": "Claims, verdicts, actors and events extracted from news articles.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set: the API uses the same choices under several field names
    # (verdict/previous_verdict, Claim.kind/Actor.kind), which otherwise warns.
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "claims.models.Claim.Verdict",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "ActorKindEnum": "claims.models.Actor.Kind",
        "DatePrecisionEnum": "claims.models.Event.Precision",
        "RelationEnum": "claims.models.ClaimRelation.Relation",  # also suggested_relation
        "StanceEnum": "claims.models.Evidence.Stance",  # also a fact-check's suggested_stance
    },
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
