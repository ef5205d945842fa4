"""Settings that cannot be used are bad input (CONTRACT: exit 2, "with a message naming what is
wrong"): every command says so in one plain line on standard error, naming the setting, with
nothing on standard output and no traceback.

Each case runs the installed ``sharedspace`` script in a process of its own, since the settings
are read once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SCRIPT, Result

# These commands stop while reading their settings, before any database is opened: the
# PostgreSQL pass leaves them out (--database-tests-only). The good values test does open one.
SETTINGS_ONLY = pytest.mark.same_on_every_database

# Every command of the contract, and the others, with arguments they accept.
COMMANDS = [
    ["serve", "--port", "59317"],
    ["demo"],
    ["person", "add", "ann@example.org", "--name", "Ann"],
    ["token", "create", "ann@example.org"],
    ["ledger", "verify"],
    ["audit", "--space", "spc_nothing"],
    ["audit-import", "records.csv", "--source", "csv"],
    ["export", "--party", "pty_nothing", "--out", "out.zip"],
    ["tick"],
    ["migrate"],
    ["worker"],
]


def run(env: dict[str, str], cwd: Path, *argv: str) -> Result:
    done = subprocess.run(
        [str(SCRIPT), *argv], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_bad_setting(result: Result, *words: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr that names the setting, no traceback."""
    assert result.code == 2, result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@SETTINGS_ONLY
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_data_folder_that_is_a_file_is_bad_input_for_every_command(cli_env, tmp_path, argv):
    """SHAREDSPACE_DATA_DIR names a file: every command exits 2 and says so."""
    (tmp_path / "records.csv").write_text("", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    line = assert_bad_setting(
        run(dict(cli_env, SHAREDSPACE_DATA_DIR=str(a_file)), tmp_path, *argv),
        "SHAREDSPACE_DATA_DIR",
        str(a_file),
    )
    assert "is a file, not a folder" in line
    assert not (tmp_path / "out.zip").exists()


@SETTINGS_ONLY
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_database_url_that_is_not_one_is_bad_input_for_every_command(cli_env, tmp_path, argv):
    """DATABASE_URL=garbage: every command exits 2, names DATABASE_URL and shows how to
    write one (it used to end in a traceback from the URL parser, exit 1)."""
    (tmp_path / "records.csv").write_text("", encoding="utf-8")
    line = assert_bad_setting(
        run(dict(cli_env, DATABASE_URL="garbage"), tmp_path, *argv), "DATABASE_URL"
    )
    assert "is not a database URL" in line and "postgres://" in line


@SETTINGS_ONLY
@pytest.mark.parametrize(
    ("folder", "words"),
    [
        # A name longer than any file system allows: cannot be made, even by root.
        ("{tmp}/" + "x" * 300, ["the folder cannot be made there", "File name too long"]),
        ("{file}/inside", ["part of that path is a file, not a folder"]),
    ],
)
def test_a_data_folder_that_cannot_be_made_is_bad_input(cli_env, tmp_path, folder, words):
    """A folder that cannot be made (a name too long, or under a file) is named, with why."""
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    folder = folder.format(file=a_file, tmp=tmp_path)
    assert_bad_setting(
        run(dict(cli_env, SHAREDSPACE_DATA_DIR=folder), tmp_path, "ledger", "verify"),
        "SHAREDSPACE_DATA_DIR",
        folder,
        *words,
    )


@SETTINGS_ONLY
def test_a_data_folder_where_the_secret_key_cannot_be_kept_is_bad_input(cli_env, tmp_path):
    """The data folder is there, but its secret key cannot be read or written: the line names
    the folder and the other way out, SHAREDSPACE_SECRET_KEY."""
    data = tmp_path / "data"
    (data / "secret_key").mkdir(parents=True)  # a folder where the key's file should be
    assert_bad_setting(
        run(dict(cli_env, SHAREDSPACE_DATA_DIR=str(data)), tmp_path, "ledger", "verify"),
        "SHAREDSPACE_DATA_DIR",
        "secret key",
        "SHAREDSPACE_SECRET_KEY",
    )


@SETTINGS_ONLY
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysqlx://ann:hunter2@db.example.org/space", ["'mysqlx://'", "does not know"]),
        ("postgres://ann:hunter2@db.example.org:port/space", ["cannot be read as a URL"]),
        ("postgres://ann:hunter2@db.example.org/", ["names no database"]),
    ],
)
def test_a_database_url_that_cannot_be_used_says_why_without_the_password(
    cli_env, tmp_path, url, words
):
    """An unknown kind of database, a URL that cannot be read, one naming no database: each
    is named in plain words, and the URL (which may hold a password) is not printed."""
    line = assert_bad_setting(
        run(dict(cli_env, DATABASE_URL=url), tmp_path, "ledger", "verify"), "DATABASE_URL", *words
    )
    assert "hunter2" not in line


# Production reads the mail server's settings; it needs the address people use, too.
PRODUCTION = {"SHAREDSPACE_ENV": "production", "SHAREDSPACE_BASE_URL": "https://example.org"}


@SETTINGS_ONLY
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_port_that_is_not_a_number_is_bad_input_for_every_command(cli_env, tmp_path, argv):
    """SHAREDSPACE_EMAIL_PORT=abc in production: every command exits 2 and names the setting
    (it used to end in a traceback from int(), exit 1)."""
    (tmp_path / "records.csv").write_text("", encoding="utf-8")
    env = dict(cli_env, **PRODUCTION, SHAREDSPACE_EMAIL_PORT="abc")
    line = assert_bad_setting(run(env, tmp_path, *argv), "SHAREDSPACE_EMAIL_PORT", "'abc'")
    assert "it must be a whole number, from 1 to 65535" in line
    assert not (tmp_path / "out.zip").exists()


@SETTINGS_ONLY
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_mysql_database_is_bad_input_for_every_command(cli_env, tmp_path, argv):
    """DATABASE_URL=mysql://...: a kind dj-database-url knows but Shared Space does not run
    on. One line saying so (it used to be two, about a missing MySQL driver), no password."""
    (tmp_path / "records.csv").write_text("", encoding="utf-8")
    env = dict(cli_env, DATABASE_URL="mysql://ann:hunter2@db.example.org/space")
    line = assert_bad_setting(run(env, tmp_path, *argv), "DATABASE_URL", "'mysql://'")
    assert "only SQLite and PostgreSQL are supported" in line
    assert "hunter2" not in line and "MySQLdb" not in line


@SETTINGS_ONLY
@pytest.mark.parametrize(
    "url",
    ["oracle://ann:hunter2@db.example.org/space", "postgis://ann:hunter2@db.example.org/space",
     "mysqlx://ann:hunter2@db.example.org/space"],
)
def test_other_kinds_of_database_are_refused_in_one_line(cli_env, tmp_path, url):
    """Any kind but SQLite and PostgreSQL, known to the URL parser or not, gets the same
    plain line."""
    line = assert_bad_setting(
        run(dict(cli_env, DATABASE_URL=url), tmp_path, "ledger", "verify"),
        "DATABASE_URL",
        repr(url.partition("//")[0] + "//"),
        "only SQLite and PostgreSQL are supported",
    )
    assert "hunter2" not in line


WHOLE = "it must be a whole number"
ON_OFF = "it must be 1 or 0 (or true or false, yes or no, on or off)"

# Every setting the settings parse, with values they refuse and what the line then says.
BAD_VALUES = [
    ("SHAREDSPACE_EMAIL_PORT", "70000", f"{WHOLE}, from 1 to 65535", True),
    ("SHAREDSPACE_EMAIL_PORT", "0", f"{WHOLE}, from 1 to 65535", True),
    # Production-only settings are checked in development too, before anyone relies on them.
    ("SHAREDSPACE_EMAIL_PORT", "smtp", f"{WHOLE}, from 1 to 65535", False),
    ("SHAREDSPACE_EMAIL_USE_TLS", "sometimes", ON_OFF, False),
    ("SHAREDSPACE_SSL_REDIRECT", "flase", ON_OFF, False),
    ("SHAREDSPACE_EMAIL_TIMEOUT", "1.5", f"{WHOLE}, from 1 to 600", False),
    ("SHAREDSPACE_EMAIL_TIMEOUT", "0", f"{WHOLE}, from 1 to 600", False),
    ("SHAREDSPACE_EMAIL_TIMEOUT", "3601", f"{WHOLE}, from 1 to 600", False),
    ("SHAREDSPACE_DB_CONN_MAX_AGE", "sixty", f"{WHOLE}, from 0 to 86400", False),
    ("SHAREDSPACE_DB_CONN_MAX_AGE", "-1", f"{WHOLE}, from 0 to 86400", False),
    ("SHAREDSPACE_UPLOAD_MAX_MB", "100MB", f"{WHOLE}, from 1 to 102400", False),
    ("SHAREDSPACE_UPLOAD_MAX_MB", "0", f"{WHOLE}, from 1 to 102400", False),
    ("SHAREDSPACE_UPLOAD_MAX_UNZIPPED_MB", "1e3", f"{WHOLE}, from 1 to 1048576", False),
    ("SHAREDSPACE_IMPORT_STALLED_MINUTES", "fifteen", f"{WHOLE}, from 1 to 10080", False),
    ("SHAREDSPACE_IMPORT_STALLED_MINUTES", "0", f"{WHOLE}, from 1 to 10080", False),
    ("SHAREDSPACE_IMPORT_KEEP_DAYS", "+30", f"{WHOLE}, from 0 to 36500", False),
    # A valid number too large to use: refused at start-up, not a crash when imports are
    # cleared (a date that far ahead does not exist).
    ("SHAREDSPACE_IMPORT_KEEP_DAYS", "1000000000000", f"{WHOLE}, from 0 to 36500", False),
    # More digits than Python will turn into a number: still one line, cut short.
    ("SHAREDSPACE_IMPORT_KEEP_DAYS", "9" * 5000, f"{WHOLE}, from 0 to 36500", False),
    # A character that counts as a digit but that int() refuses.
    ("SHAREDSPACE_TRUSTED_PROXIES", "\u00b2", f"{WHOLE}, from 0 to 10", False),
    ("SHAREDSPACE_TRUSTED_PROXIES", "one", f"{WHOLE}, from 0 to 10", False),
    ("SHAREDSPACE_TRUSTED_PROXIES", "11", f"{WHOLE}, from 0 to 10", False),
    ("SHAREDSPACE_DEBUG", "2", ON_OFF, False),
    ("SHAREDSPACE_BENCHMARK", "maybe", ON_OFF, False),
    ("SHAREDSPACE_SSL_REDIRECT", "flase", ON_OFF, True),
    ("SHAREDSPACE_EMAIL_USE_TLS", "sometimes", ON_OFF, True),
    ("SHAREDSPACE_LOG_LEVEL", "loud", "it must be DEBUG, INFO, WARNING, ERROR or CRITICAL", False),
]


@SETTINGS_ONLY
@pytest.mark.parametrize(
    ("name", "value", "words", "production"),
    BAD_VALUES,
    ids=[f"{name}={value[:8]}{'-production' if production else ''}"
         for name, value, _, production in BAD_VALUES],
)
def test_every_parsed_setting_says_what_is_wrong_in_one_line(
    cli_env, tmp_path, name, value, words, production
):
    """A number, an on-or-off or a log level that cannot be used: exit 2, one plain line
    naming the variable and the value, and what it must be (no traceback, no quiet guess)."""
    env = dict(cli_env, **(PRODUCTION if production else {}), **{name: value})
    line = assert_bad_setting(run(env, tmp_path, "ledger", "verify"), f"{name} is ", words)
    assert repr(value[:40])[:-1] in line
    assert len(line) < 300


SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps(["
    "s.EMAIL_PORT, s.EMAIL_TIMEOUT, s.DATABASES['default']['CONN_MAX_AGE'],"
    " s.SHAREDSPACE_UPLOAD_MAX_BYTES >> 20, s.SHAREDSPACE_UPLOAD_MAX_UNZIPPED_BYTES >> 20,"
    " s.SHAREDSPACE_IMPORT_STALLED_MINUTES, s.SHAREDSPACE_IMPORT_KEEP_DAYS,"
    " s.SHAREDSPACE_TRUSTED_PROXIES, s.SECURE_SSL_REDIRECT, s.EMAIL_USE_TLS,"
    " s.LOGGING['loggers']['sharedspace']['level']]))"
)


def show_settings(env: dict[str, str], cwd: Path) -> list:
    done = subprocess.run(
        [sys.executable, "-c", SHOW], env=dict(env, DJANGO_SETTINGS_MODULE="sharedspace.settings"),
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_good_values_are_read_and_empty_ones_mean_the_default(cli_env, tmp_path):
    """The same settings, set right, are read as given (spaces and case aside); set but
    empty, each is as if unset; and every command still runs."""
    given = dict(
        cli_env, **PRODUCTION, SHAREDSPACE_EMAIL_PORT=" 2525 ", SHAREDSPACE_EMAIL_TIMEOUT="3",
        SHAREDSPACE_DB_CONN_MAX_AGE="0", SHAREDSPACE_UPLOAD_MAX_MB="7",
        SHAREDSPACE_UPLOAD_MAX_UNZIPPED_MB="70", SHAREDSPACE_IMPORT_STALLED_MINUTES="5",
        SHAREDSPACE_IMPORT_KEEP_DAYS="0", SHAREDSPACE_TRUSTED_PROXIES="2",
        SHAREDSPACE_SSL_REDIRECT="Off", SHAREDSPACE_EMAIL_USE_TLS="no",
        SHAREDSPACE_LOG_LEVEL="debug",
    )
    assert show_settings(given, tmp_path) == [2525, 3, 0, 7, 70, 5, 0, 2, False, False, "DEBUG"]
    result = run(given, tmp_path, "ledger", "verify")
    assert (result.code, result.out) == (0, "ok: 0 entries\n"), result.err
    names = [key for key in given if key.startswith("SHAREDSPACE_")
             and key not in ("SHAREDSPACE_DATA_DIR", *PRODUCTION)]
    empty = dict(given, **dict.fromkeys(names, ""))
    assert show_settings(empty, tmp_path) == [587, 10, 60, 100, 1024, 15, 30, 0, True, True,
                                              "INFO"]


@SETTINGS_ONLY
def test_python_dash_m_says_the_same(cli_env, tmp_path):
    """`python -m sharedspace` is the same command line: exit 2, one line."""
    done = subprocess.run(
        [sys.executable, "-m", "sharedspace", "ledger", "verify"],
        env=dict(cli_env, DATABASE_URL="garbage"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_bad_setting(Result(done.returncode, done.stdout, done.stderr), "DATABASE_URL")


@SETTINGS_ONLY
def test_an_empty_database_url_means_the_default(cli_env, tmp_path):
    """DATABASE_URL set but empty is as if unset (as other settings are): SQLite in the data
    folder, not a crash."""
    result = run(dict(cli_env, DATABASE_URL=""), tmp_path, "ledger", "verify")
    assert (result.code, result.out) == (0, "ok: 0 entries\n"), result.err
    assert (Path(cli_env["SHAREDSPACE_DATA_DIR"]) / "sharedspace.sqlite3").exists()
