"""`sharedspace migrate` and `sharedspace tick`: keeping the database, deadlines and uploads up
to date."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add(subparsers: Any) -> None:
    migrate = subparsers.add_parser(
        "migrate",
        help="create or update the database",
        description=(
            "Create the database or bring it up to date. Every other command does this by "
            "itself when needed; this is for deployments that want it as a separate step."
        ),
    )
    migrate.set_defaults(run=run_migrate, needs_db=False)

    tick = subparsers.add_parser(
        "tick",
        help="resolve proposals whose deadline has passed; prints how many",
        description=(
            "Resolve every open proposal whose deadline has passed (silence is never consent: "
            "a holder that has not answered makes it lapse). Run it every few minutes from a "
            "timer. Prints how many proposals were resolved. It also marks uploads whose "
            "import stopped as failed, and deletes finished uploads after "
            "SHAREDSPACE_IMPORT_KEEP_DAYS days (said on standard error)."
        ),
    )
    tick.set_defaults(run=run_tick, needs_db=True)


def run_migrate(args: argparse.Namespace) -> int:
    from ..bootstrap import ensure_database

    ran = ensure_database(verbosity=1)
    if not ran:
        print("The database is already up to date.", file=sys.stderr)
    return 0


def run_tick(args: argparse.Namespace) -> int:
    from sharedspace.governance import actions
    from sharedspace.imports.jobs import upkeep

    count = actions.proposals_resolve_due()
    print(f"resolved: {count} {'proposal' if count == 1 else 'proposals'}")
    print(upkeep.tidy(), file=sys.stderr)  # imports that stopped, old ones (ADR 0019)
    return 0
