"""`sharedspace ledger verify [--space ID]`: check every chain, reading the stored bytes."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import BAD_INPUT, FAILED, CommandFailed


def add(subparsers: Any) -> None:
    ledger = subparsers.add_parser(
        "ledger", help="check the permanent record", description="Check the permanent record."
    )
    ledger_commands = ledger.add_subparsers(dest="ledger_command", metavar="COMMAND")
    ledger_commands.required = True
    verify = ledger_commands.add_parser(
        "verify",
        help="check that no ledger entry was changed, added, removed or reordered",
        description=(
            "Check every ledger chain (or one space's) from its first entry, reading the stored "
            "bytes. Prints 'ok: N entries' and exits 0, or names the first bad entry and "
            "exits 1."
        ),
    )
    verify.add_argument("--space", metavar="ID", help="check only this space's chain")
    verify.set_defaults(run=run_verify, needs_db=True)


def _chain_word(chain: str | None) -> str:
    if chain and chain.startswith("pty_"):
        return "party"
    if chain and chain.startswith("spc_"):
        return "space"
    return "chain"


def run_verify(args: argparse.Namespace) -> int:
    from sharedspace.governance import ledger
    from sharedspace.governance.models import Space

    chain: str | None = None
    try:
        if args.space is not None:
            chain = args.space.strip()
            if not Space.objects.filter(pk=chain).exists():
                raise CommandFailed(f"There is no space with the id {args.space}.", code=BAD_INPUT)
            verdict = ledger.verify_chain(chain)
        else:
            verdict = ledger.verify_all()
    except CommandFailed:
        raise
    except Exception as exc:  # an unreadable ledger is a failed check, never a crash
        where = f" {_chain_word(chain)} {chain}" if chain else ""
        print(f"bad:{where} the ledger could not be read ({type(exc).__name__}: {exc})")
        return FAILED
    if verdict.ok:
        print(f"ok: {verdict.entries} entries")
        return 0
    print(
        f"bad: {_chain_word(verdict.chain)} {verdict.chain} seq {verdict.first_bad}: "
        f"{verdict.problem}"
    )
    return FAILED
