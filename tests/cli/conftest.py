"""Helpers for the command-line tests.

- ``cli``: runs ``main([...])`` in this process (on pytest-django's test database) and
  returns the exit code with what went to standard output and standard error.
- ``run_sharedspace``: runs the installed ``sharedspace`` script in a subprocess, with a
  fresh data folder. When the suite runs on PostgreSQL (DATABASE_URL), each call gets a
  database of its own, which the command itself creates and the fixture drops afterwards.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sharedspace.cli.main import main
from tests.governance.conftest import CHARTER, Cast, accept_all, cast, own, shared  # noqa: F401

SCRIPT = Path(sys.executable).with_name("sharedspace")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _drop_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def cli_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment for a `sharedspace` subprocess: its own data folder and database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SHAREDSPACE_") and k != "DATABASE_URL"
    }
    env["SHAREDSPACE_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONUNBUFFERED"] = "1"
    postgres = _postgres_url()
    if postgres:
        base = postgres.rsplit("/", 1)[0]
        env["DATABASE_URL"] = f"{base}/sharedspace_cli_{secrets.token_hex(6)}"
    yield env
    if postgres:
        _drop_database(env["DATABASE_URL"])


@pytest.fixture
def run_sharedspace(cli_env: dict[str, str], tmp_path: Path) -> Callable[..., Result]:
    def run(*argv: str, timeout: float = 120) -> Result:
        done = subprocess.run(
            [str(SCRIPT), *argv],
            env=cli_env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run
