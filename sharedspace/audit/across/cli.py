"""What `sharedspace audit --party ID` and `sharedspace audit --partnership A B` run, once
the command line has parsed its arguments.

``run_audit_across(args)`` takes an argparse Namespace with ``party`` or ``partnership``,
``format`` and ``out`` (and ``write_output``, the command line's writer) and returns the exit
code (CONTRACT.md): 0 success, 1 a ledger cannot be read, 2 bad input (an unknown party, the
same party twice, an unknown format). The command line sees every space, as ``--space`` does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

OK, FAILED, BAD_INPUT = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _write(args: argparse.Namespace, data: str | bytes) -> int:
    writer = getattr(args, "write_output", None)
    if callable(writer):
        return int(writer(data))
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
    return OK


def run_audit_across(args: argparse.Namespace) -> int:
    """`sharedspace audit --party ID` or `--partnership A B` [--format F] [--out FILE]."""
    from sharedspace.governance import actions
    from sharedspace.governance.models import Party

    from .. import engine
    from ..formats import FORMATS, render
    from . import audit_partnership, audit_party, party_space_ids

    fmt = getattr(args, "format", None) or "json"
    if fmt not in FORMATS:
        _say(f"There is no report format called {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
        return BAD_INPUT
    if getattr(args, "recount", False):
        _say("--recount checks one space: use it with --space ID.")
        return BAD_INPUT
    party = getattr(args, "party", None)
    pair = list(getattr(args, "partnership", None) or [])
    ids = [party] if party else pair
    if not ids or any(not str(p).strip() for p in ids):
        _say("Name a group with --party ID, or two groups with --partnership A B.")
        return BAD_INPUT
    for p in ids:
        if not Party.objects.filter(pk=p).exists():
            _say(f"There is no group with the id {p}. Check the id and try again.")
            return BAD_INPUT
    if len(ids) == 2 and ids[0] == ids[1]:
        _say("A partnership needs two different groups: give two different ids.")
        return BAD_INPUT
    spaces = set.intersection(*(party_space_ids(p) for p in ids))
    try:
        # Proposals whose deadline has passed are resolved first, so the report is not stale.
        for space_id in sorted(spaces):
            actions.proposals_resolve_due(space_id=space_id)
        report: dict[str, Any] = audit_party(ids[0]) if party else audit_partnership(*ids)
    except engine.LedgerUnreadable as problem:
        _say(str(problem))
        return FAILED
    return _write(args, render(report, fmt))
