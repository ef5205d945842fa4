"""The settings read everything from the environment.

Each test loads the settings in a fresh Python process with an environment of its own, since
the settings are read once per process.
"""

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHOW_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST"),
    "USER": db.get("USER"), "PORT": db.get("PORT"), "OPTIONS": db.get("OPTIONS", {}),
    "CONN_MAX_AGE": db.get("CONN_MAX_AGE"), "CONN_HEALTH_CHECKS": db.get("CONN_HEALTH_CHECKS"),
    "SECRET_KEY": settings.SECRET_KEY, "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS, "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "DATA_DIR": str(settings.SHAREDSPACE_DATA_DIR),
    "TRUSTED_PROXIES": settings.SHAREDSPACE_TRUSTED_PROXIES,
    "CSRF_FAILURE_VIEW": settings.CSRF_FAILURE_VIEW,
    "PROXY_SSL_HEADER": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
}))
"""


def run_python(args: list[str], *, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run this Python with only the given settings of ours (not the test run's own)."""
    ours = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("SHAREDSPACE_") and k not in ours
    }
    clean["DJANGO_SETTINGS_MODULE"] = "sharedspace.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_in(cwd: Path, **env: str) -> dict[str, Any]:
    result = run_python(["-c", SHOW_SETTINGS], cwd=cwd, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_default_database_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    """With no DATABASE_URL, the database is SQLite in WAL mode under SHAREDSPACE_DATA_DIR."""
    data_dir = tmp_path / "data"
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(data_dir))
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(data_dir / "sharedspace.sqlite3")
    assert s["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    assert data_dir.is_dir()


def test_data_dir_defaults_to_var_under_the_current_directory(tmp_path: Path) -> None:
    """Without SHAREDSPACE_DATA_DIR, the data folder is ./var, made if missing."""
    s = settings_in(tmp_path)
    assert s["DATA_DIR"] == str(tmp_path.resolve() / "var")
    assert s["NAME"] == str(tmp_path.resolve() / "var" / "sharedspace.sqlite3")
    assert (tmp_path / "var").is_dir()


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    """DATABASE_URL=postgres://... is parsed, with persistent, health-checked connections."""
    s = settings_in(
        tmp_path,
        SHAREDSPACE_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://alice:pw@db.example.org:6543/sharedspace",
    )
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert (s["NAME"], s["USER"], s["HOST"], s["PORT"]) == (
        "sharedspace",
        "alice",
        "db.example.org",
        6543,
    )
    assert s["CONN_MAX_AGE"] == 60
    assert s["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in s["OPTIONS"]


def test_secret_key_is_made_once_kept_private_and_reused(tmp_path: Path) -> None:
    """Without SHAREDSPACE_SECRET_KEY, a key is made, kept with mode 0600, and used again."""
    first = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == first["SECRET_KEY"]
    assert len(str(first["SECRET_KEY"])) >= 50

    second = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path))
    assert second["SECRET_KEY"] == first["SECRET_KEY"]


def test_secret_key_from_environment_wins(tmp_path: Path) -> None:
    """SHAREDSPACE_SECRET_KEY is used as it is, and no key file is written."""
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path), SHAREDSPACE_SECRET_KEY="k" * 60)
    assert s["SECRET_KEY"] == "k" * 60
    assert not (tmp_path / "secret_key").exists()


def test_development_defaults(tmp_path: Path) -> None:
    """By default: DEBUG off (the site's own error pages, even under `make run`), local hosts
    only, email printed to the console. DEBUG only when asked for, never in production."""
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path))
    assert s["DEBUG"] is False
    assert settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path),
                       SHAREDSPACE_DEBUG="1")["DEBUG"] is True
    assert s["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]", "testserver"]
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_trusted_proxies_default_to_none(tmp_path: Path) -> None:
    """Unless told, no proxy is trusted: X-Forwarded-For is never read."""
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path))
    assert s["TRUSTED_PROXIES"] == 0
    assert s["PROXY_SSL_HEADER"] is None  # X-Forwarded-Proto is not believed either


def test_trusted_proxies_come_from_the_environment(tmp_path: Path) -> None:
    """SHAREDSPACE_TRUSTED_PROXIES=2: two proxies stand in front of the service."""
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path), SHAREDSPACE_TRUSTED_PROXIES="2")
    assert s["TRUSTED_PROXIES"] == 2
    assert s["PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]  # the proxy ends HTTPS


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_number_of_proxies_stops_start_up(tmp_path: Path, value: str) -> None:
    """A number of proxies that is not a whole number of 0 or more is refused at start-up,
    naming the setting, instead of being guessed."""
    result = run_python(["-c", SHOW_SETTINGS], cwd=tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path),
                        SHAREDSPACE_TRUSTED_PROXIES=value)
    assert result.returncode != 0
    assert "SHAREDSPACE_TRUSTED_PROXIES" in result.stderr


def test_refused_forms_get_the_sites_own_page(tmp_path: Path) -> None:
    """A form with an old security token is answered by the site's page, not Django's."""
    s = settings_in(tmp_path, SHAREDSPACE_DATA_DIR=str(tmp_path))
    assert s["CSRF_FAILURE_VIEW"] == "sharedspace.web.views.errors.csrf_failure"


def test_unknown_environment_name_is_refused(tmp_path: Path) -> None:
    """A mistyped SHAREDSPACE_ENV stops start-up instead of quietly running in development."""
    result = run_python(
        ["-c", SHOW_SETTINGS],
        cwd=tmp_path,
        SHAREDSPACE_DATA_DIR=str(tmp_path),
        SHAREDSPACE_ENV="prod",
    )
    assert result.returncode != 0
    assert "SHAREDSPACE_ENV" in result.stderr


PRODUCTION = {
    "SHAREDSPACE_ENV": "production",
    "SHAREDSPACE_ALLOWED_HOSTS": "example.org, www.example.org",
    "SHAREDSPACE_BASE_URL": "https://example.org",
}


def test_production_settings(tmp_path: Path) -> None:
    """In production: DEBUG off, the hosts named, email over SMTP."""
    s = settings_in(
        tmp_path,
        SHAREDSPACE_DATA_DIR=str(tmp_path),
        SHAREDSPACE_SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
        SHAREDSPACE_DEBUG="1",  # asked for, and still off in production
    )
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["example.org", "www.example.org"]
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize("ssl_redirect", [None, "false"])
def test_production_passes_the_deployment_checks(tmp_path: Path, ssl_redirect: str | None) -> None:
    """`check --deploy` finds nothing to warn about in production, with or without SSL redirect."""
    env = {
        "SHAREDSPACE_DATA_DIR": str(tmp_path),
        "SHAREDSPACE_SECRET_KEY": secrets.token_urlsafe(50),
        **PRODUCTION,
    }
    if ssl_redirect is not None:
        env["SHAREDSPACE_SSL_REDIRECT"] = ssl_redirect
    result = run_python(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], cwd=tmp_path, **env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("base_url", [None, "", "example.org"])
def test_production_needs_the_address_people_use(tmp_path: Path, base_url: str | None) -> None:
    """Sign-in links must never follow a request's Host header: production refuses to start
    without SHAREDSPACE_BASE_URL (an http or https address), and says why in plain words."""
    env = {**PRODUCTION, "SHAREDSPACE_DATA_DIR": str(tmp_path),
           "SHAREDSPACE_SECRET_KEY": secrets.token_urlsafe(50)}
    del env["SHAREDSPACE_BASE_URL"]
    if base_url is not None:
        env["SHAREDSPACE_BASE_URL"] = base_url
    result = run_python(["-c", SHOW_SETTINGS], cwd=tmp_path, **env)
    assert result.returncode != 0
    assert "SHAREDSPACE_BASE_URL must be set in production" in result.stderr


SHOW_SIGN_IN_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "LANGUAGE_COOKIE_SECURE": settings.LANGUAGE_COOKIE_SECURE,
    "LANGUAGE_COOKIE_HTTPONLY": settings.LANGUAGE_COOKIE_HTTPONLY,
    "LANGUAGE_COOKIE_SAMESITE": settings.LANGUAGE_COOKIE_SAMESITE,
    "VALIDATORS": [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS],
    "MIDDLEWARE": settings.MIDDLEWARE,
}))
"""


@pytest.mark.parametrize("production", [False, True])
def test_cookies_and_password_checks(tmp_path: Path, production: bool) -> None:
    """The language cookie is like the session's: HTTPS only in production, never read by
    scripts, not sent with other sites' forms. New passwords are checked by Django's four
    validators; signed-in pages are kept out of caches."""
    env = {"SHAREDSPACE_DATA_DIR": str(tmp_path)}
    if production:
        env.update(PRODUCTION, SHAREDSPACE_SECRET_KEY=secrets.token_urlsafe(50))
    result = run_python(["-c", SHOW_SIGN_IN_SETTINGS], cwd=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    s = json.loads(result.stdout)
    assert s["LANGUAGE_COOKIE_SECURE"] is production
    assert s["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert s["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    assert s["VALIDATORS"] == [
        "UserAttributeSimilarityValidator", "MinimumLengthValidator",
        "CommonPasswordValidator", "NumericPasswordValidator", "VariedPasswordValidator",
    ]
    assert "sharedspace.web.middleware.private_pages" in s["MIDDLEWARE"]
