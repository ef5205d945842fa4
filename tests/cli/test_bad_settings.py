"""Settings that cannot be used are bad input (CONTRACT: exit 2, "with a message naming what is
wrong"): every command says so in one plain line on standard error, naming the setting, with
nothing on standard output and no traceback.

Each case runs the installed ``sharedspace`` script in a process of its own, since the settings
are read once per process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SCRIPT, Result

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


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_database_url_that_is_not_one_is_bad_input_for_every_command(cli_env, tmp_path, argv):
    """DATABASE_URL=garbage: every command exits 2, names DATABASE_URL and shows how to
    write one (it used to end in a traceback from the URL parser, exit 1)."""
    (tmp_path / "records.csv").write_text("", encoding="utf-8")
    line = assert_bad_setting(
        run(dict(cli_env, DATABASE_URL="garbage"), tmp_path, *argv), "DATABASE_URL"
    )
    assert "is not a database URL" in line and "postgres://" in line


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


def test_an_empty_database_url_means_the_default(cli_env, tmp_path):
    """DATABASE_URL set but empty is as if unset (as other settings are): SQLite in the data
    folder, not a crash."""
    result = run(dict(cli_env, DATABASE_URL=""), tmp_path, "ledger", "verify")
    assert (result.code, result.out) == (0, "ok: 0 entries\n"), result.err
    assert (Path(cli_env["SHAREDSPACE_DATA_DIR"]) / "sharedspace.sqlite3").exists()
