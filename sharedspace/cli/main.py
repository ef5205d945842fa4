"""The `sharedspace` console script: parse, set up the database, run one command.

Exit codes (CONTRACT.md): 0 success; 1 the check or command failed on its merits; 2 bad
usage or bad input, with a message naming what is wrong. A refusal from the governance core
(``GovernanceError``) is bad input: its plain-words message goes to standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import export
from .commands import audit, demo, ledger, maintenance, people, serve, worker
from .errors import BAD_INPUT, CommandFailed

COMMANDS = (serve, worker, demo, people, ledger, audit, export, maintenance)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in plain words (it still exits with code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(BAD_INPUT, f"{self.prog}: {message}\nTry '{self.prog} --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sharedspace",
        description=(
            "Shared Space: spaces where groups decide together, with a permanent record "
            "anyone can check. Settings come from the environment: DATABASE_URL (default: "
            "SQLite in SHAREDSPACE_DATA_DIR) and SHAREDSPACE_DATA_DIR (default: ./var)."
        ),
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title="commands"
    )
    subparsers.required = True
    for command in COMMANDS:
        command.add(subparsers)
    return parser


def _governance_message(error: Exception) -> str:
    message = getattr(error, "message", str(error))
    fields = getattr(error, "fields", None) or {}
    lines = [message] + [f"  {name}: {problem}" for name, problem in fields.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as stop:  # --help (0) or a usage error (2)
        return stop.code if isinstance(stop.code, int) else BAD_INPUT
    from .bootstrap import ensure_database, setup_django

    try:
        setup_django()
        from sharedspace.governance.exceptions import GovernanceError

        try:
            if args.needs_db:
                ensure_database()
            return int(args.run(args))
        except GovernanceError as error:
            print(_governance_message(error), file=sys.stderr)
            return BAD_INPUT
    except CommandFailed as failure:
        print(failure.message, file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not our failure.
        return 0
