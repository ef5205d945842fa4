"""What `sharedspace audit` runs, once the CLI has parsed its arguments.

``run_audit(args)`` takes an argparse Namespace with ``space``, ``format``, ``out`` and
``recount`` and returns the exit code (CONTRACT.md): 0 success, 1 the recount differs from the
counters (or, for the report, the stored counters are not in their format, or the ledger
cannot be read), 2 bad usage or input (an unknown space, an unknown format). The report goes to
standard output, or to ``--out`` with the file's path printed; messages go to standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .formats import FORMATS, render

OK, FAILED, BAD_INPUT = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _write(args: argparse.Namespace, data: str | bytes) -> int:
    writer = getattr(args, "write_output", None)
    if callable(writer):  # the CLI's own writer (temporary file, then rename)
        return int(writer(data))
    out = getattr(args, "out", None)
    if out:
        path = Path(out)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        print(path)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
    return OK


def _recount(space_id: str) -> int:
    from . import engine

    differences = engine.compare(space_id)
    if differences:
        places = "1 place" if len(differences) == 1 else f"{len(differences)} places"
        print(f"The counters of space {space_id} differ from a recount of its ledger "
              f"in {places}:")
        for line in differences:
            print(f"  {line}")
        return FAILED
    entries = engine.recount(space_id)["entries"]
    print(f"ok: the counters match a recount of {entries} entries")
    return OK


def run_audit(args: argparse.Namespace) -> int:
    """`sharedspace audit --space ID [--format F] [--out FILE] [--recount]`."""
    from sharedspace.governance import actions
    from sharedspace.governance import exceptions as ex

    from . import engine

    space_id = str(getattr(args, "space", "") or "").strip()
    fmt = getattr(args, "format", None) or "json"
    if not space_id:
        _say("Name a space with --space ID.")
        return BAD_INPUT
    if fmt not in FORMATS:
        _say(f"There is no report format called {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
        return BAD_INPUT
    try:
        if getattr(args, "recount", False):
            return _recount(space_id)
        # Proposals whose deadline has passed are resolved first, so the report is not stale.
        actions.proposals_resolve_due(space_id=space_id)
        try:
            report: dict[str, Any] = engine.audit_space(space_id, strict=True)
        except engine.CountersDamaged as problem:
            # The ledger is intact, so the right report can still be given: counted from
            # the ledger, as the web page and the API do. Said on standard error; exit 0.
            _say(f"{problem} This report was counted from the ledger instead.")
            report = engine.audit_space(space_id)
    except ex.NotFound:
        _say(f"There is no space with the id {space_id}. Check the id and try again.")
        return BAD_INPUT
    except engine.LedgerUnreadable as problem:
        _say(str(problem))
        return FAILED
    return _write(args, render(report, fmt))


@contextlib.contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error while records are read, only when standard error
    is a terminal (nothing at all in a pipe, a log or a test); yields the importer's
    progress callback, or None."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


def run_audit_import(args: argparse.Namespace) -> int:
    """`sharedspace audit-import PATH --source S [--owner N] [--claimed A] [--format F]
    [--out FILE]`: the power audit of another platform's records (docs/audit.md, "Audits
    of imported records"). Exit 2 when the input cannot be imported at all, or for an
    unknown format or ladder word; bad rows are skipped, counted in the report, and said
    on standard error."""
    from sharedspace.governance.choices import LADDER
    from sharedspace.imports import ImportInputError
    from sharedspace.imports.audit import audit_import

    from .ladder import read_approach

    fmt = getattr(args, "format", None) or "json"
    typed = getattr(args, "claimed", None) or None
    claimed = read_approach(typed)  # any case, "co-production" for coproduction
    if fmt not in FORMATS:
        _say(f"There is no report format called {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
        return BAD_INPUT
    if typed is not None and claimed is None:
        _say(f"--claimed {typed!r} is not a word of the ladder. Choose one of: "
             f"{', '.join(LADDER)}.")
        return BAD_INPUT
    try:
        with _progress_bar(f"Reading {args.path}") as progress:
            report = audit_import(args.path, args.source, owner=getattr(args, "owner", None),
                                  claimed=claimed, progress=progress)
    except ImportInputError as problem:
        _say(f"Cannot import {args.path}: {problem.message}")
        return BAD_INPUT
    skipped = report["source"]["bad_row_count"]
    if skipped:
        first = report["source"]["bad_rows"][0]
        _say(f"{report['source']['summary']} The report lists why (first: {first['where']}: "
             f"{first['reason']}).")
    return _write(args, render(report, fmt))
