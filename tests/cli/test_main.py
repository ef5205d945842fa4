"""The command line as a whole: usage errors, help, migrations, and `python -m sharedspace`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sharedspace.cli.main import main


def test_no_command_is_bad_usage(capsys):
    """Running `sharedspace` with no command exits 2 and says what is missing on stderr."""
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "COMMAND" in captured.err or "command" in captured.err


def test_unknown_command_is_bad_usage(capsys):
    """An unknown command exits 2, with the usage on stderr and nothing on stdout."""
    assert main(["frobnicate"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "frobnicate" in captured.err
    assert "sharedspace --help" in captured.err


def test_help_exits_0_and_lists_every_contract_command(capsys):
    """`--help` exits 0 and names every command of the contract."""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("serve", "demo", "person", "token", "ledger", "audit", "audit-import",
                    "export", "tick", "migrate"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [
        ["person"],
        ["person", "add"],
        ["person", "add", "a@example.org"],  # --name is required
        ["token", "create"],
        ["ledger"],
        ["ledger", "check"],
        ["serve", "--port", "eighty"],
        ["serve", "--port", "70000"],
        ["serve", "--workers", "0"],
        ["export", "--party", "pty_x"],  # --out is required
        ["export", "--out", "x.zip"],  # --party is required
        ["demo", "--wipe"],
    ],
)
def test_usage_errors_exit_2_before_touching_anything(argv, capsys):
    """Missing or malformed arguments exit 2 with a message on stderr, stdout empty."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip()


def test_a_refusal_from_the_core_exits_2_with_its_plain_message(cli, db):
    """A GovernanceError from an action is bad input: exit 2, its message and fields on
    stderr."""
    result = cli("person", "add", "not-an-email", "--name", "Nobody")
    assert result.code == 2
    assert result.out == ""
    assert "email" in result.err
    assert "Write an email address" in result.err


def test_first_command_creates_the_database_with_notices_on_stderr(run_sharedspace):
    """On a fresh data folder the first command migrates without asking; the notice goes to
    stderr and stdout holds only the result."""
    first = run_sharedspace("tick")
    assert first.code == 0, first.err
    assert first.out == "resolved: 0 proposals\n"
    assert "Setting up" in first.err
    again = run_sharedspace("tick")
    assert again.code == 0
    assert "Setting up" not in again.err


def test_migrate_command_prints_nothing_on_stdout(run_sharedspace):
    """`sharedspace migrate` creates the database; its output goes to stderr only."""
    result = run_sharedspace("migrate")
    assert result.code == 0, result.err
    assert result.out == ""
    assert "Setting up" in result.err
    again = run_sharedspace("migrate")
    assert again.code == 0
    assert "already up to date" in again.err


def test_python_dash_m_runs_the_same_command_line(cli_env, tmp_path):
    """`python -m sharedspace --help` is the same command line, exit 0."""
    done = subprocess.run(
        [sys.executable, "-m", "sharedspace", "--help"],
        env=cli_env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: sharedspace")


def test_a_database_that_cannot_be_opened_is_bad_input(cli_env, tmp_path):
    """A DATABASE_URL pointing nowhere exits 2 with a message naming DATABASE_URL."""
    env = dict(cli_env, DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing")
    done = subprocess.run(
        [sys.executable, "-m", "sharedspace", "tick"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "DATABASE_URL" in done.stderr
