"""Settings for Bilateral, read from the environment.

DATABASE_URL  default: an SQLite file beside manage.py; postgres://… selects PostgreSQL.
SECRET_KEY    required when DEBUG is off.
DEBUG         "1"/"0", default on for local use. DEBUG=0 is production: HTTPS only (redirect,
              HSTS, secure cookies), static files collected with hashed, compressed names.
ALLOWED_HOSTS comma-separated.
CSRF_TRUSTED_ORIGINS  comma-separated origins (https://kb.example.org), when needed.
SECURE_SSL_REDIRECT   "0" turns the HTTPS redirect off (`make serve-prod` on 127.0.0.1 over
              plain HTTP); default on in production.
TLS_PROXY     "1" when a reverse proxy in front terminates TLS and sets X-Forwarded-Proto
              and X-Forwarded-For (never set it without such a proxy: clients could forge them).
STATIC_ROOT   where `collectstatic` puts static files for production (default staticfiles/).
FACET_CACHE_URL  where facet counts are kept between requests: unset (each process its own,
              in memory), db://TABLE, file:///PATH or redis://… (shared by every worker);
              see relations/cache_settings.py.
FACET_REFRESH "background" (default): after another process's write, pages show the counts
              kept for the previous version while one process counts them again off the
              request; "inline": the first request after any write counts them itself.
KEPT_PAGES    "0": render every visit of a list page (default: kept whole per data version,
              in the facet counts' store; relations.kept_pages).
HSTS_SECONDS  Strict-Transport-Security max-age in production (default one year);
              HSTS_PRELOAD "0" leaves out its "preload" directive.

docs/operations.md says how to run it in production.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from relations.cache_settings import FACET_CACHE, cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or ("insecure-local-development-key" if DEBUG else None)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "relations",
    "documents",
    "bench",  # benchmarks: generate_kb, bench_pages, bench_ingest, bench_scaling, bench_queue
    "django_tasks_db",  # the queue's table, for TASKS_BACKEND=database (below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers the request a lockout refused
]

ROOT_URLCONF = "relations.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",  # csp_nonce, for the admin
            ],
        },
    },
]

WSGI_APPLICATION = "relations.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Facet counts and totals under the data version (relations.facet_cache).
    FACET_CACHE: cache_from_url(os.environ.get("FACET_CACHE_URL")),
}
FACET_REFRESH = os.environ.get("FACET_REFRESH", "background")
# Public list pages kept whole per data version (relations.kept_pages); KEPT_PAGES=0 renders
# every visit.
KEPT_PAGES = os.environ.get("KEPT_PAGES", "1") != "0"
if FACET_REFRESH not in {"background", "inline"}:
    raise ValueError(f"FACET_REFRESH={FACET_REFRESH!r}: use background or inline")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time: a transaction takes the write lock when it begins (IMMEDIATE)
    # and waits up to 30 s for it, so an editor saving while `ingest` stores a document
    # waits a moment instead of failing with "database is locked" (a deferred transaction
    # that read first is refused the lock at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long reports, not for pages: it added 60 ms to a 100 ms
    # name search on 200,000 meetings (docs/performance.md).
    # A word is "spelled like" a word of a name from a word similarity of 0.5 (pg_trgm's
    # default 0.6 misses one letter dropped from a 6-letter name: relations.search).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c pg_trgm.word_similarity_threshold=0.5"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# While developing, whitenoise serves straight from static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG:
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# ------------------------------------------------------------------ security
# In every mode (so the test suite and the browser tests see what production does):
# Content-Security-Policy: scripts, styles, images and fonts from this site only; no inline
# script or style attribute, except <script>/<style> elements carrying the request's nonce
# (the Django admin's templates add it); no plugins, no framing, forms post here only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Sessions (only editors have one): they end when the browser closes, and after two hours
# without a request (each request moves the end on).
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Logins (django-axes): after 5 failures for one account, or from one address, that account
# or address is refused for an hour, even with the right password (`manage.py axes_reset`
# lifts it). A success clears the count.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Where a login goes when its `?next=` is refused (another site, a script): the admin's
# index, the only page a login is for (Django's default, /accounts/profile/, is a 404 here).
LOGIN_REDIRECT_URL = "admin:index"

TLS_PROXY = env_bool("TLS_PROXY", False)
if TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client's address is the one the proxy saw, the last in X-Forwarded-For (axes
    # would read REMOTE_ADDR, the proxy's own, and lock every editor out at once).
    AXES_CLIENT_IP_CALLABLE = "relations.client_address.behind_proxy"

# Production only: HTTPS everywhere.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # "preload" in the header only makes the domain eligible; its owner submits it (or not).
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"  # secure, this host only, path /
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Extraction
BILATERAL_MAX_DOCUMENT_BYTES = int(os.environ.get("BILATERAL_MAX_DOCUMENT_BYTES", 5 * 1024 * 1024))
# An upload is extracted inside the editor's request, and extraction time grows faster than
# the text (about 5 s for 50,000 characters of prose, 35 s for one paragraph that long):
# longer documents go in through `manage.py ingest`, which no proxy times out.
BILATERAL_MAX_UPLOAD_CHARACTERS = int(os.environ.get("BILATERAL_MAX_UPLOAD_CHARACTERS", 50_000))
# Pasted text up to the document limit reaches the upload form (which then says what is wrong).
DATA_UPLOAD_MAX_MEMORY_SIZE = BILATERAL_MAX_DOCUMENT_BYTES + 1024 * 1024

# Ingestion tasks (documents/tasks.py). "immediate" (the default) runs each task as it is
# enqueued, in the same process; "database" keeps them in the database for any number of
# `manage.py db_worker` processes sharing it (docs/operations.md).
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
