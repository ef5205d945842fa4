"""`sharedspace audit` and `sharedspace audit-import`: argument parsing and output.

The work is done by ``sharedspace.audit.cli.run_audit(args)`` and
``run_audit_import(args)``, imported only when the command runs. Before calling them we
check the arguments and put ``args.write_output`` on the namespace: a function taking the
report (``str`` or ``bytes``) that sends it to standard output, or to ``--out`` and prints
the file's path, and returns the exit code. If the function returns the report instead of
an exit code, we send it the same way.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import BAD_INPUT, CommandFailed
from ..output import check_out_path, emit

FORMATS = ("json", "csv", "html", "pdf", "pptx")
BINARY_FORMATS = ("pdf", "pptx")
SOURCES = ("decidim", "consul", "csv")
APPROACHES = ("informing", "consultation", "engagement", "co-design", "coproduction")


def add(subparsers: Any) -> None:
    audit = subparsers.add_parser(
        "audit",
        help="power audit of a space, a party or a partnership",
        description=(
            "The power audit of one space: where decisions were made, who starts things, who "
            "controls the money, who can remove whom, and whether the space's label fits. "
            "With --party, the same across every space of one group; with --partnership, "
            "across every space two groups are both in. "
            "JSON on standard output by default; with --out, the report goes to that file and "
            "its path is printed."
        ),
    )
    which = audit.add_mutually_exclusive_group(required=True)
    which.add_argument("--space", metavar="ID", help="the space's id")
    which.add_argument("--party", metavar="ID", help="a party's id: the audit across its spaces")
    which.add_argument(
        "--partnership",
        nargs=2,
        metavar=("A", "B"),
        help="two parties' ids: the audit across the spaces they are both in",
    )
    _add_output_options(audit)
    audit.add_argument(
        "--recount",
        action="store_true",
        help=(
            "instead of the report, check the running counters against a full recount of "
            "the ledger; exit 1 if they differ"
        ),
    )
    audit.set_defaults(run=run_audit, needs_db=True)

    audit_import = subparsers.add_parser(
        "audit-import",
        help="power audit of another platform's records (Decidim, CONSUL or a CSV log)",
        description=(
            "The same power audit, run on records exported from another platform. PATH is a "
            "file or a folder of files."
        ),
    )
    audit_import.add_argument("path", metavar="PATH", help="a file or a folder")
    audit_import.add_argument(
        "--source", required=True, choices=SOURCES, help="where the records come from"
    )
    audit_import.add_argument(
        "--owner", metavar="NAME", help="the name of the platform's owner (the single holder)"
    )
    audit_import.add_argument(
        "--claimed",
        metavar="APPROACH",
        type=approach,
        help=(
            "what the owner calls the work: " + ", ".join(APPROACHES) + " (any case; "
            "co-production and co design are read as coproduction and co-design)"
        ),
    )
    _add_output_options(audit_import)
    audit_import.set_defaults(run=run_audit_import, needs_db=False)


def approach(text: str) -> str:
    """``--claimed``: the ladder word meant, in any case and with or without its hyphen
    (``Coproduction``, ``co-production``, ``codesign``); anything else is a usage error
    (exit 2) that lists the words."""
    from sharedspace.audit.ladder import read_approach

    word = read_approach(text)
    if word is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a word of the ladder. Choose one of: {', '.join(APPROACHES)}."
        )
    return word


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="json", choices=FORMATS, help="the report's format (default: json)"
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write the report to this file and print its path"
    )


def _engine(
    name: str, module_name: str = "sharedspace.audit.cli"
) -> Callable[[argparse.Namespace], Any]:
    """The audit engine's entry point, or a plain message if this install does not have it."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name not in ("sharedspace.audit", module_name):
            raise
        module = None
    function = getattr(module, name, None)
    if not callable(function):
        raise CommandFailed(
            "The power audit is not available in this installation of Shared Space "
            f"({module_name} is missing).",
            code=BAD_INPUT,
        )
    return function


def _prepare(args: argparse.Namespace) -> None:
    check_out_path(args.out)
    if args.format in BINARY_FORMATS and args.out is None and sys.stdout.isatty():
        print(
            f"Writing a {args.format.upper()} file to the terminal. "
            "Use --out FILE to save it instead.",
            file=sys.stderr,
        )

    def write_output(report: bytes | str) -> int:
        return emit(report, out=args.out)

    args.write_output = write_output


def _finish(args: argparse.Namespace, result: Any) -> int:
    if isinstance(result, (bytes, str)):
        return args.write_output(result)
    if result is None:
        return 0
    return int(result)


def _in_english(engine: Callable[[argparse.Namespace], Any], args: argparse.Namespace) -> Any:
    """The report's sentences are translatable for the web pages; the command line, like the
    API, always speaks English (CONTRACT.md, docs/adr/0018)."""
    from django.utils import translation

    with translation.override("en"):
        return engine(args)


def run_audit(args: argparse.Namespace) -> int:
    _prepare(args)
    if getattr(args, "space", None) is None:  # --party or --partnership
        engine = _engine("run_audit_across", "sharedspace.audit.across.cli")
    else:
        engine = _engine("run_audit")
    return _finish(args, _in_english(engine, args))


def run_audit_import(args: argparse.Namespace) -> int:
    if not Path(args.path).exists():
        raise CommandFailed(f"There is no file or folder at {args.path}.", code=BAD_INPUT)
    _prepare(args)
    engine = _engine("run_audit_import")
    return _finish(args, _in_english(engine, args))
