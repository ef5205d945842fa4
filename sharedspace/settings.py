"""Django settings for Shared Space.

Everything comes from the environment (see README.md). With nothing set, this is a development
setup: SQLite in ./var, email printed to the terminal; DEBUG only with SHAREDSPACE_DEBUG=1.
SHAREDSPACE_ENV=production turns on everything `manage.py check --deploy` asks for.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sharedspace import module_exists

BASE_DIR = Path(__file__).resolve().parent


# A setting that cannot be used stops start-up with ImproperlyConfigured, in one line that
# names the variable and says what is wrong: every command prints it and exits 2
# (cli/bootstrap.py), instead of a traceback or a quiet guess.

_YES = frozenset({"1", "true", "yes", "on"})
_NO = frozenset({"0", "false", "no", "off"})


def _shown(value: str) -> str:
    """A value as the message quotes it, cut short if it is long."""
    return repr(value if len(value) <= 40 else value[:40] + "...")


def _env_bool(name: str, *, default: bool) -> bool:
    """On or off: 1, true, yes or on; 0, false, no or off (any case). Unset or empty: the
    default. Anything else is refused, not taken as off (a mistyped "ture" must not quietly
    turn off the HTTPS redirect)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in _YES:
        return True
    if value.lower() in _NO:
        return False
    raise ImproperlyConfigured(
        f"{name} is {_shown(value)}: it must be 1 or 0 (or true or false, yes or no, on or off)."
    )


def _env_int(name: str, *, default: int, least: int = 0, most: int | None = None) -> int:
    """A whole number from ``least`` to ``most`` from the environment; unset or empty: the
    default. Anything else (not a number, a fraction, a sign, out of range) is refused."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value) if value.isascii() and value.isdigit() else None
    except ValueError:  # more digits than Python will read
        number = None
    if number is None or number < least or (most is not None and number > most):
        span = f"from {least} to {most}" if most is not None else f"{least} or more"
        raise ImproperlyConfigured(f"{name} is {_shown(value)}: it must be a whole number, {span}.")
    return number


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _data_dir() -> Path:
    """The folder that holds the SQLite database, the secret key and collected static files.
    One that cannot be a folder, or cannot be made, is a setting to put right (the command
    line says so and exits 2), not a crash."""
    raw = os.environ.get("SHAREDSPACE_DATA_DIR") or "var"
    try:
        path = Path(raw).resolve()
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        problem = "that is a file, not a folder"
    except NotADirectoryError:
        problem = "part of that path is a file, not a folder"
    except (OSError, RuntimeError) as exc:
        problem = f"the folder cannot be made there ({_reason(exc)})"
    else:
        return path
    raise ImproperlyConfigured(
        f"SHAREDSPACE_DATA_DIR is {raw!r}: {problem}. Name a folder this program may create "
        "or write to."
    )


def _reason(exc: BaseException) -> str:
    """What the system said, without the path it was about: "No such file or directory"."""
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)).strip()


def _secret_key(data_dir: Path) -> str:
    """SHAREDSPACE_SECRET_KEY, else a key made once and kept in the data folder (mode 0600)."""
    from_env = os.environ.get("SHAREDSPACE_SECRET_KEY", "").strip()
    if from_env:
        return from_env
    try:
        return _kept_secret_key(data_dir)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"SHAREDSPACE_DATA_DIR is {str(data_dir)!r}: the secret key cannot be kept there "
            f"({_reason(exc)}). Name a folder this program may write to, or set "
            "SHAREDSPACE_SECRET_KEY."
        ) from None


def _kept_secret_key(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if not path.exists():
        # Write a private temporary file, then link it into place: linking fails if another
        # process got there first, so every process ends up reading the same key.
        tmp = data_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


ENV = os.environ.get("SHAREDSPACE_ENV", "").strip().lower() or "development"
if ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"SHAREDSPACE_ENV is {ENV!r}: it must be 'development' (the default) or 'production'."
    )
PRODUCTION = ENV == "production"

# A benchmark run (bench/bench_web.py): DEBUG off, as in production, and a bare view at
# /_bench/bare/ that the pages' speed is compared against. Never in production.
BENCHMARK = _env_bool("SHAREDSPACE_BENCHMARK", default=False)
if BENCHMARK and PRODUCTION:
    raise ImproperlyConfigured("SHAREDSPACE_BENCHMARK is for benchmarks: never in production.")

SHAREDSPACE_DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(SHAREDSPACE_DATA_DIR)
# DEBUG only when asked for, and never in production: `make run` and a forgotten
# SHAREDSPACE_ENV both serve the site's own error pages, never Django's technical ones
# (which list every address and, on a server error, the code and settings).
DEBUG = _env_bool("SHAREDSPACE_DEBUG", default=False) and not PRODUCTION and not BENCHMARK

if PRODUCTION:
    ALLOWED_HOSTS = _env_list("SHAREDSPACE_ALLOWED_HOSTS")
else:
    ALLOWED_HOSTS = _env_list("SHAREDSPACE_ALLOWED_HOSTS") or [
        "localhost",
        "127.0.0.1",
        "[::1]",
        "testserver",
    ]
CSRF_TRUSTED_ORIGINS = _env_list("SHAREDSPACE_CSRF_TRUSTED_ORIGINS")

# ---------------------------------------------------------------- applications

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' scripts from our own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "sharedspace.governance",
    "sharedspace.audit",
    "sharedspace.perception",
    "sharedspace.workshops",  # workshop mode: join by code, answers on a projector
    "sharedspace.imports.jobs",  # audits of uploaded records, run in the background
]
if module_exists("sharedspace.web"):
    INSTALLED_APPS.append("sharedspace.web")
    INSTALLED_APPS.append("sharedspace.web.once")  # once-only keys of page forms (ADR 30)

AUTH_USER_MODEL = "governance.Person"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",  # sign-in links
]
# Passwords are optional (sign-in links need none), but one that is set must not be easy to
# guess. The account page words these checks' refusals itself (web/forms/accounts.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "aaaaaaaaaaaa" and "qwertyuiopas" pass the four above (sharedspace/web/passwords.py).
    {"NAME": "sharedspace.web.passwords.VariedPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]
if module_exists("sharedspace.web"):
    # Pages drawn for someone signed in are theirs alone: no shared or browser cache keeps them.
    MIDDLEWARE.append("sharedspace.web.middleware.private_pages")

ROOT_URLCONF = "sharedspace.urls"
WSGI_APPLICATION = "sharedspace.wsgi.application"

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
                "csp.context_processors.nonce",
                # Easy read and the language switch, on every page (sharedspace/web).
                "sharedspace.web.context_processors.web",
            ],
        },
    },
]

# ---------------------------------------------------------------- database


_SUPPORTED_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def _database_url(default_url: str) -> dict[str, Any]:
    """DATABASE_URL read, or SQLite in the data folder when it is unset or empty. A URL that
    cannot be used is a setting to put right, named in one line (never echoed whole: it may
    hold a password)."""
    url = os.environ.get("DATABASE_URL", "").strip() or default_url
    scheme = url.partition("://")[0] + "://" if "://" in url else ""
    try:
        db: dict[str, Any] = dict(dj_database_url.parse(url))
    except dj_database_url.UnknownSchemeError:
        problem = (
            f"starts with {scheme!r}, a kind of database this program does not know: "
            "only SQLite and PostgreSQL are supported"
            if scheme
            else "is not a database URL"
        )
    except ValueError:
        problem = "cannot be read as a URL (a special character in a part may need %-escaping)"
    else:
        if db.get("ENGINE") not in _SUPPORTED_ENGINES:
            # dj_database_url knows MySQL, Oracle and others, but Shared Space runs on these
            # two only (the ledger's guards and reads are written for them).
            problem = f"starts with {scheme!r}: only SQLite and PostgreSQL are supported"
        elif db.get("NAME"):
            return db
        else:
            problem = "names no database (its name goes after the last /)"
    raise ImproperlyConfigured(
        f"DATABASE_URL {problem}. Write it like postgres://USER:PASSWORD@HOST:5432/NAME, or "
        "leave it unset to use SQLite in SHAREDSPACE_DATA_DIR."
    )


def _databases(data_dir: Path) -> dict[str, dict[str, Any]]:
    default_url = f"sqlite:///{data_dir / 'sharedspace.sqlite3'}"
    db = _database_url(default_url)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
        # the start of each transaction, so two writers queue instead of failing mid-way.
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            **db.get("OPTIONS", {}),
        }
    # Each server thread keeps its connection between requests: opening one (on SQLite with
    # its PRAGMAs) costs more than several queries (docs/adr/0017).
    db["CONN_MAX_AGE"] = _env_int("SHAREDSPACE_DB_CONN_MAX_AGE", default=60, most=24 * 60 * 60)
    db["CONN_HEALTH_CHECKS"] = True
    return {"default": db}


DATABASES = _databases(SHAREDSPACE_DATA_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ---------------------------------------------------------------- uploads (audit-import page)

# The largest upload (a file or a zip) and the most its files may come to unzipped, in MB
# (docs/imports.md, "In the browser"). Uploads over 2.5 MB wait in a temporary file.
SHAREDSPACE_UPLOAD_MAX_BYTES = (
    _env_int("SHAREDSPACE_UPLOAD_MAX_MB", default=100, least=1, most=100 * 1024) << 20
)
SHAREDSPACE_UPLOAD_MAX_UNZIPPED_BYTES = (
    _env_int("SHAREDSPACE_UPLOAD_MAX_UNZIPPED_MB", default=1024, least=1, most=1024 * 1024) << 20
)
# Import jobs (docs/adr/0019): a running import silent this long has stopped; finished
# imports, their reports and files are deleted this many days after they finish (0: never).
SHAREDSPACE_IMPORT_STALLED_MINUTES = _env_int(
    "SHAREDSPACE_IMPORT_STALLED_MINUTES", default=15, least=1, most=7 * 24 * 60
)
SHAREDSPACE_IMPORT_KEEP_DAYS = _env_int("SHAREDSPACE_IMPORT_KEEP_DAYS", default=30, most=36500)
FILE_UPLOAD_HANDLERS = [
    "sharedspace.web.uploads.LimitedUploadHandler",  # stops at the limit, says it was too big
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# ---------------------------------------------------------------- language and time

LANGUAGE_CODE = "en-gb"
# The language switch's cookie, like the easy-read one: not for scripts, not sent from other
# sites' forms, and over HTTPS only in production.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# ---------------------------------------------------------------- static files

STATIC_URL = "static/"
STATIC_ROOT = SHAREDSPACE_DATA_DIR / "static"
# GOV.UK Frontend's compiled CSS and JavaScript, straight from `npm ci` (docs/adr/0010).
STATICFILES_DIRS = [
    ("govuk", BASE_DIR.parent / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production (needs collectstatic); plain files otherwise.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# ---------------------------------------------------------------- security

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Read (and so checked) everywhere, so a bad value is found before the service goes live;
# used in production only.
_SSL_REDIRECT = _env_bool("SHAREDSPACE_SSL_REDIRECT", default=True)
if PRODUCTION:
    SECURE_SSL_REDIRECT = _SSL_REDIRECT
    if not SECURE_SSL_REDIRECT:
        # A proxy in front redirects to HTTPS: the operator said so.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Forms sent with an old security token (a page left open, or a sign-in in another tab) get
# the site's own page, in its layout and language, still with status 403.
if module_exists("sharedspace.web"):
    CSRF_FAILURE_VIEW = "sharedspace.web.views.errors.csrf_failure"

# How many reverse proxies stand in front of the service (docs/web.md, "Deployment"). With n,
# the sign-in rate limit takes a person's address from X-Forwarded-For, the n-th from the
# right; with 0 (the default) it never reads that header, which anyone can write.
SHAREDSPACE_TRUSTED_PROXIES = _env_int("SHAREDSPACE_TRUSTED_PROXIES", default=0, most=10)
# A trusted proxy that ends HTTPS says so in X-Forwarded-Proto; without this, Django would
# take every request for plain HTTP (secure cookies, the HTTPS redirect and CSRF's origin
# check depend on it). Only read when proxies are trusted: anyone can write the header.
if SHAREDSPACE_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ---------------------------------------------------------------- sign-in links

# Django's cache, in files. Nothing relies on it being shared between processes or machines:
# the sign-in rate limits count in the database (web/ratelimit.py, docs/adr/0011).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("SHAREDSPACE_CACHE_DIR")
        or str(SHAREDSPACE_DATA_DIR / "cache"),
    }
}

# Where people reach this service: sign-in links in emails start with it. In production it
# must be set, so that a link never points wherever a request's Host header said.
SHAREDSPACE_BASE_URL = os.environ.get("SHAREDSPACE_BASE_URL", "").strip()
if PRODUCTION and not SHAREDSPACE_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SHAREDSPACE_BASE_URL must be set in production: the address people use to reach this "
        "Shared Space, like https://shared.example.org. Sign-in links in emails start with it."
    )

# django-sesame: a link signs in once (SESAME_ONE_TIME), within 15 minutes.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
# Setting or changing a password and making an API token need a sign-in (or a check that it
# is the person: an emailed link, or their password) this recent (docs/adr/0032).
RECENT_SIGN_IN_MINUTES = 15

# ---------------------------------------------------------------- email

DEFAULT_FROM_EMAIL = os.environ.get("SHAREDSPACE_EMAIL_FROM", "Shared Space <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The SMTP settings are read (and so checked) everywhere, so that a bad value is found while
# trying the service out; only production sends through them.
EMAIL_HOST = os.environ.get("SHAREDSPACE_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("SHAREDSPACE_EMAIL_PORT", default=587, least=1, most=65535)
EMAIL_HOST_USER = os.environ.get("SHAREDSPACE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SHAREDSPACE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("SHAREDSPACE_EMAIL_USE_TLS", default=True)
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that does not answer must not hold a request (and any lock it holds) for ever.
EMAIL_TIMEOUT = _env_int("SHAREDSPACE_EMAIL_TIMEOUT", default=10, least=1, most=600)

# ---------------------------------------------------------------- logging

# How much the app logs: a level logging does not know would stop start-up with a traceback.
_LOG_LEVEL_GIVEN = os.environ.get("SHAREDSPACE_LOG_LEVEL", "").strip()
_LOG_LEVEL = _LOG_LEVEL_GIVEN.upper() or "INFO"
if _LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"SHAREDSPACE_LOG_LEVEL is {_shown(_LOG_LEVEL_GIVEN)}: it must be DEBUG, INFO, WARNING, "
        "ERROR or CRITICAL."
    )

# Everything goes to standard error: standard output is kept for the CLI's results.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "sharedspace": {
            "handlers": ["stderr"],
            "level": _LOG_LEVEL,
            "propagate": False,
        },
    },
}
