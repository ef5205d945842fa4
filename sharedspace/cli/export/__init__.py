"""`sharedspace export --party ID --out FILE.zip`: everything a party may see, with its ledgers.

The zip holds a README in plain words, JSON files for the party and each of its spaces
(former ones included), every ledger the party may read as ``ledger.jsonl``, and
``verify_ledger.py``, which re-checks those ledgers offline with only Python's standard
library (docs/ledger.md). It is made by the export engine, ``sharedspace.exports``, which
the group page's download uses too; this module only reads the arguments and says where
the file is.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import BAD_INPUT, CommandFailed
from ..output import check_out_path


def add(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export",
        help="everything a party may see, with its ledgers, in a zip file",
        description=(
            "Write everything a party (group) may see, with its ledgers and a program to "
            "check them, to a zip file. Prints the file's path."
        ),
    )
    export.add_argument("--party", required=True, metavar="ID", help="the party's id")
    export.add_argument("--out", required=True, metavar="FILE.zip", help="the zip file to write")
    export.set_defaults(run=run_export, needs_db=True)


def run_export(args: argparse.Namespace) -> int:
    from sharedspace.exports import write_export
    from sharedspace.governance import actions
    from sharedspace.governance.models import Party

    out = check_out_path(args.out)
    if out is None:  # argparse requires --out; this keeps the type checker sure of it
        raise CommandFailed("--out needs a file name.", code=BAD_INPUT)
    party = Party.objects.filter(pk=args.party.strip()).first()
    if party is None:
        raise CommandFailed(f"There is no party with the id {args.party}.", code=BAD_INPUT)
    # Deadlines that have passed are resolved first, so the export is not stale.
    actions.proposals_resolve_due()
    count = write_export(party, out, warn=lambda message: print(message, file=sys.stderr))
    print(
        f"Exported {party.name}: {count} {'space' if count == 1 else 'spaces'}.",
        file=sys.stderr,
    )
    print(args.out)
    return 0
