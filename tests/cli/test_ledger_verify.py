"""`sharedspace ledger verify [--space ID]`: ok, or the first bad entry and exit 1."""

from __future__ import annotations

import contextlib
import re

from django.db import connection

from sharedspace.governance import actions, db_guards
from sharedspace.governance.models import LedgerEntry


@contextlib.contextmanager
def guards_lifted():
    """Drop the append-only triggers for a deliberate act of tampering, then put them back."""
    db_guards.drop(connection)
    try:
        yield
    finally:
        db_guards.create(connection)


def tamper(sql: str, params: list) -> None:
    assert db_guards.LEDGER == "governance_ledgerentry"
    with guards_lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def decide(cast, space):
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=space.pk, kind="decision", title="Meet on Tuesdays"
    )
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    return proposal


def test_every_chain_verifies(cli, cast, shared):
    """A sound ledger: `ok: N entries` with N every entry of every chain, exit 0."""
    decide(cast, shared)
    result = cli("ledger", "verify")
    assert result.code == 0, result.out + result.err
    assert result.out == f"ok: {LedgerEntry.objects.count()} entries\n"


def test_one_space_verifies(cli, cast, shared):
    """`--space ID` checks that space's chain only."""
    decide(cast, shared)
    result = cli("ledger", "verify", "--space", shared.pk)
    assert result.code == 0
    assert result.out == f"ok: {LedgerEntry.objects.filter(chain=shared.pk).count()} entries\n"


def test_an_empty_database_verifies(cli, db):
    """No ledger yet is a sound ledger: `ok: 0 entries`."""
    result = cli("ledger", "verify")
    assert (result.code, result.out) == (0, "ok: 0 entries\n")


def test_an_edited_entry_is_named_by_space_and_seq(cli, cast, shared):
    """Editing one entry's content makes verify exit 1 and name that space and seq."""
    decide(cast, shared)
    entry = LedgerEntry.objects.filter(chain=shared.pk, action="vote.cast").get()
    tamper(
        "UPDATE governance_ledgerentry SET content = REPLACE(content, '\"agree\"', '\"object\"') "
        "WHERE chain = %s AND seq = %s",
        [shared.pk, entry.seq],
    )
    result = cli("ledger", "verify")
    assert result.code == 1
    assert re.fullmatch(rf"bad: space {shared.pk} seq {entry.seq}: .+\n", result.out)
    assert "hash" in result.out
    one = cli("ledger", "verify", "--space", shared.pk)
    assert one.code == 1
    assert f"seq {entry.seq}:" in one.out


def test_a_deleted_entry_is_found(cli, cast, shared):
    """Removing an entry from the middle of a chain is found at its place."""
    decide(cast, shared)
    tamper("DELETE FROM governance_ledgerentry WHERE chain = %s AND seq = 2", [shared.pk])
    result = cli("ledger", "verify", "--space", shared.pk)
    assert result.code == 1
    assert result.out.startswith(f"bad: space {shared.pk} seq 2: ")


def test_a_corrupted_entry_is_a_bad_entry_never_a_crash(cli, cast, shared):
    """Content that cannot be read (broken bytes, or not JSON) is reported as the bad entry,
    exit 1."""
    # SQLite stores bytes that are not UTF-8 at all; PostgreSQL refuses them, so there the
    # content is broken JSON instead.
    sql = (
        "UPDATE governance_ledgerentry SET content = CAST(X'80FF7B' AS TEXT) "
        "WHERE chain = %s AND seq = 1"
        if connection.vendor == "sqlite"
        else "UPDATE governance_ledgerentry SET content = '{not json' WHERE chain = %s AND seq = 1"
    )
    tamper(sql, [shared.pk])
    result = cli("ledger", "verify", "--space", shared.pk)
    assert result.code == 1
    assert result.out.startswith(f"bad: space {shared.pk} seq 1: ")


def test_a_party_chain_is_named_as_a_party(cli, cast):
    """A bad entry in a party's own chain is named as that party's."""
    tamper(
        "UPDATE governance_ledgerentry SET content = REPLACE(content, 'speaker', 'majority') "
        "WHERE chain = %s AND seq = 1",
        [cast.council.pk],
    )
    result = cli("ledger", "verify")
    assert result.code == 1
    assert result.out.startswith(f"bad: party {cast.council.pk} seq 1: ")


def test_an_unknown_space_is_bad_input(cli, db):
    """`--space` with an id that is not a space exits 2 with a message naming it."""
    result = cli("ledger", "verify", "--space", "spc_nothinghere0000")
    assert result.code == 2
    assert result.out == ""
    assert "spc_nothinghere0000" in result.err
