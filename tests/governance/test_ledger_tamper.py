"""The ledger is append-only and any tampering shows (DESIGN §4 rule 2; CONTRACT verify).

The database refuses UPDATE and DELETE on the ledger table (and TRUNCATE on PostgreSQL).
To tamper, a test drops the guards (``db_guards.drop``) inside its own transaction, edits
rows with raw SQL, puts the guards back, and checks that ``verify_chain`` names the first bad
entry; an unreadable entry is a bad entry, never a crash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from sharedspace.governance import actions, db_guards, ledger
from sharedspace.governance.models import LedgerEntry

TABLE = LedgerEntry._meta.db_table
SQLITE = connection.vendor == "sqlite"
POSTGRES = connection.vendor == "postgresql"


def sql(statement: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextmanager
def unguarded() -> Iterator[None]:
    """Drop the append-only triggers for the block, then put them back."""
    db_guards.drop(connection)
    try:
        yield
    finally:
        db_guards.create(connection)


@pytest.fixture
def chain(cast, shared) -> str:
    """The shared space's chain, with ten entries."""
    for n in range(6):
        actions.comment_add(actor=cast.mo, space_id=shared.pk, body=f"Comment {n}")
    assert ledger.verify_chain(shared.pk) == ledger.Verdict(True, 10, shared.pk)
    return shared.pk


def row(chain: str, seq: int) -> LedgerEntry:
    return LedgerEntry.objects.get(chain=chain, seq=seq)


def bad_at(chain: str, seq: int) -> ledger.Verdict:
    verdict = ledger.verify_chain(chain)
    assert not verdict.ok
    assert verdict.first_bad == seq, verdict
    assert verdict.chain == chain and verdict.problem
    everything = ledger.verify_all()
    assert not everything.ok and everything.chain == chain and everything.first_bad == seq
    return verdict


# --- the database refuses changes -----------------------------------------------------------


REFUSED = [
    f"UPDATE {TABLE} SET action = 'space.create'",  # noqa: S608 - constant table name
    f"UPDATE {TABLE} SET content = content || ' '",  # noqa: S608
    f"DELETE FROM {TABLE}",  # noqa: S608
    f"DELETE FROM {TABLE} WHERE seq = 3",  # noqa: S608
] + ([f"TRUNCATE {TABLE} CASCADE"] if POSTGRES else [])  # only PostgreSQL has TRUNCATE


@pytest.mark.parametrize("statement", REFUSED)
def test_database_refuses_update_delete_and_truncate(chain, statement):
    """Raw SQL that changes or removes entries is refused by the database itself."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql(statement)
    assert ledger.verify_chain(chain).ok


def test_orm_cannot_change_entries_either(chain):
    """Going round the actions through the ORM is refused just the same."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(chain=chain, seq=2).update(action="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        row(chain, 2).delete()
    assert ledger.verify_chain(chain).ok


def test_appending_is_still_allowed(chain, cast):
    """The guards stop changes, not new entries."""
    before = LedgerEntry.objects.count()
    actions.comment_add(actor=cast.sam, space_id=chain, body="Still here")
    assert LedgerEntry.objects.count() == before + 1


# --- each kind of tampering is found, at the right entry --------------------------------------


def test_edited_content_byte(chain):
    """One character of one entry's content changed: that entry is the first bad one."""
    content = row(chain, 6).content
    at = content.index('"body_sha256":"') + len('"body_sha256":"')
    edited = content[:at] + ("0" if content[at] != "0" else "1") + content[at + 1:]
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = %s WHERE chain = %s AND seq = 6",  # noqa: S608
            [edited, chain])
    assert "hash" in bad_at(chain, 6).problem


def test_edited_hash(chain):
    """An entry's stored hash changed: that entry is the first bad one."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET hash = %s WHERE chain = %s AND seq = 4",  # noqa: S608
            ["f" * 64, chain])
    bad_at(chain, 4)


def test_edited_prev_hash(chain):
    """An entry's stored previous hash changed: that entry is the first bad one."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET prev_hash = %s WHERE chain = %s AND seq = 5",  # noqa: S608
            ["0" * 64, chain])
    bad_at(chain, 5)


def test_rewritten_entry_with_its_hash_made_again(chain):
    """Someone rewrites an entry and computes its hash again, as docs/ledger.md says: the
    entry after it still holds the old hash, so the rewritten entry is named, not the next."""
    content = row(chain, 5).content
    at = content.index('"body_sha256":"') + len('"body_sha256":"')
    edited = content[:at] + ("0" if content[at] != "0" else "1") + content[at + 1:]
    rehashed = ledger.chain_hash(row(chain, 5).prev_hash, edited)
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = %s, hash = %s WHERE chain = %s AND seq = 5",  # noqa: S608
            [edited, rehashed, chain])
    verdict = bad_at(chain, 5)
    assert "changed after the next entry was written" in verdict.problem
    assert verdict.entries == 4


def test_last_entry_rewritten_with_its_hash_made_again(chain):
    """The last entry has no next one; the chain's recorded end still names it."""
    content = row(chain, 10).content
    edited = content.replace('"v":1}', '"v":1 }')
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = %s, hash = %s WHERE chain = %s AND seq = 10",  # noqa: S608
            [edited, ledger.chain_hash(row(chain, 10).prev_hash, edited), chain])
    bad_at(chain, 10)


def test_edited_action_column(chain):
    """The action column no longer matches the hashed content."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET action = 'space.close' WHERE chain = %s AND seq = 7",  # noqa: S608
            [chain])
    assert "action" in bad_at(chain, 7).problem


def test_edited_at_column(chain):
    """The time column no longer matches the hashed content."""
    moment = row(chain, 3).at.replace(year=2020)
    with unguarded():
        LedgerEntry.objects.filter(chain=chain, seq=3).update(at=moment)
    assert "time" in bad_at(chain, 3).problem


def test_deleted_entry_in_the_middle(chain):
    """A missing entry: verify names the seq that is missing."""
    with unguarded():
        sql(f"DELETE FROM {TABLE} WHERE chain = %s AND seq = 5", [chain])  # noqa: S608
    bad_at(chain, 5)


@pytest.mark.parametrize("how_many", [1, 3])
def test_deleted_entries_at_the_end(chain, how_many):
    """Entries cut from the end: the chain head still remembers them."""
    first_cut = 11 - how_many
    with unguarded():
        sql(f"DELETE FROM {TABLE} WHERE chain = %s AND seq >= %s",  # noqa: S608
            [chain, first_cut])
    verdict = bad_at(chain, first_cut)
    assert verdict.entries == first_cut - 1


def test_two_entries_reordered(chain):
    """Two entries swap places: the first of them is bad."""
    with unguarded():
        for a, b in ((4, 1004), (5, 4), (1004, 5)):
            sql(f"UPDATE {TABLE} SET seq = %s WHERE chain = %s AND seq = %s",  # noqa: S608
                [b, chain, a])
    bad_at(chain, 4)


def shift_up_from(chain: str, seq: int) -> None:
    """Make room at ``seq`` by moving every later entry one place on."""
    sql(f"UPDATE {TABLE} SET seq = seq + 1000 WHERE chain = %s AND seq >= %s",  # noqa: S608
        [chain, seq])
    sql(f"UPDATE {TABLE} SET seq = seq - 999 WHERE chain = %s AND seq >= 1000",  # noqa: S608
        [chain])


def insert(chain: str, seq: int, content: str, prev_hash: str, entry_hash: str,
           action: str, at: Any) -> None:
    LedgerEntry.objects.create(chain=chain, seq=seq, action=action, at=at, content=content,
                               prev_hash=prev_hash, hash=entry_hash)


def test_inserted_copy_of_an_entry(chain):
    """A copy of an existing entry slipped in at seq 4: the copy is the first bad entry."""
    copy = row(chain, 8)
    with unguarded():
        shift_up_from(chain, 4)
        insert(chain, 4, copy.content, copy.prev_hash, copy.hash, copy.action, copy.at)
    bad_at(chain, 4)


def forged(chain: str, seq: int, prev_hash: str, like: LedgerEntry) -> tuple[str, str]:
    """A well-formed entry for ``seq`` that links properly to ``prev_hash``."""
    payload = json.loads(like.content)
    payload["seq"] = seq
    payload["data"] = {"forged": True}
    content = ledger.canonical(payload)
    return content, ledger.chain_hash(prev_hash, content)


def test_inserted_well_forged_entry(chain):
    """A forged entry correctly linked to the one before it: the entry after it no longer
    links, so that is where verify first finds the chain broken."""
    before = row(chain, 3)
    with unguarded():
        shift_up_from(chain, 4)
        content, entry_hash = forged(chain, 4, before.hash, before)
        insert(chain, 4, content, before.hash, entry_hash, before.action, before.at)
    bad_at(chain, 5)


def test_appended_entry_that_skipped_the_actions(chain):
    """An entry added at the end by hand, perfectly linked, but not through an action: the
    chain head does not know it, and verify names it."""
    last = row(chain, 10)
    content, entry_hash = forged(chain, 11, last.hash, last)
    insert(chain, 11, content, last.hash, entry_hash, last.action, last.at)
    verdict = bad_at(chain, 11)
    assert verdict.entries == 10


def test_entry_moved_to_another_chain(chain, own):
    """An entry moved to another chain is missing from its own and foreign in the other."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET chain = %s, seq = 999 WHERE chain = %s AND seq = 2",  # noqa: S608
            [own.pk, chain])
    verdict = ledger.verify_chain(chain)
    assert (verdict.ok, verdict.first_bad) == (False, 2)
    assert not ledger.verify_chain(own.pk).ok
    assert ledger.verify_all().chain in (chain, own.pk)


def test_unparseable_content(chain):
    """Content that is not JSON is a bad entry, never a crash."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = %s WHERE chain = %s AND seq = 6",  # noqa: S608
            ['{"v":1,"seq":6', chain])
    bad_at(chain, 6)


def test_content_that_is_not_an_object(chain):
    """Content that is JSON but not an entry is a bad entry."""
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = %s WHERE chain = %s AND seq = 6",  # noqa: S608
            ["[1, 2, 3]", chain])
    bad_at(chain, 6)


# Only SQLite lets a text column hold bytes that are not UTF-8, or an integer column text;
# PostgreSQL refuses both on write, so these tests exist only on SQLite.
if SQLITE:
    UTF8_CASES = [(column, as_text) for column in
                  ("content", "action", "hash", "prev_hash", "at", "chain")
                  for as_text in (False, True)]

    @pytest.mark.parametrize(("column", "as_text"), UTF8_CASES,
                             ids=[f"{c}-{'text' if t else 'blob'}" for c, t in UTF8_CASES])
    def test_invalid_utf8_is_a_bad_entry_never_a_crash(chain, column, as_text):
        """Bytes that are not UTF-8, stored as a BLOB or as TEXT in any column of an entry,
        make that entry bad; verify never crashes."""
        value = "CAST(X'7b22ff22fe7d' AS TEXT)" if as_text else "X'7b22ff22fe7d'"
        with unguarded():
            sql(f"UPDATE {TABLE} SET {column} = {value} WHERE chain = %s AND seq = 6",  # noqa: S608
                [chain])
        verdict = bad_at(chain, 6)  # for `chain`: the entry has left its chain
        assert verdict.problem

    @pytest.mark.parametrize("value", ["'six'", "6.5", "X'06'"])
    def test_sequence_number_that_is_not_a_whole_number(chain, value):
        """A seq column that holds text, a fraction or bytes is a bad entry."""
        with unguarded():
            sql(f"UPDATE {TABLE} SET seq = {value} WHERE chain = %s AND seq = 6",  # noqa: S608
                [chain])
        bad_at(chain, 6)

    def test_stray_entry_with_an_unreadable_chain_name(chain):
        """An entry whose chain name is not text at all belongs to no chain: verify_all
        still finds it and reports it, without crashing."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (chain, seq, action, at, content, prev_hash, hash)"  # noqa: S608
                " SELECT X'ff00', 1, action, at, content, prev_hash, hash FROM"
                f" {TABLE} WHERE chain = %s AND seq = 1", [chain])
        assert ledger.verify_chain(chain).ok
        verdict = ledger.verify_all()
        assert not verdict.ok and verdict.first_bad == 1 and "\\xff" in verdict.chain


def test_verify_reports_counts(chain, cast, own):
    """verify_all adds up every chain's entries when all is well."""
    total = LedgerEntry.objects.count()
    verdict = ledger.verify_all()
    assert verdict == ledger.Verdict(True, total)
    assert ledger.verify_chain("spc_doesnotexist") == ledger.Verdict(True, 0, "spc_doesnotexist")


# --- a damaged entry is shown as unreadable, never a crash -------------------------------


def _damage(chain: str, seq: int) -> None:
    if SQLITE:  # bytes that are not UTF-8: the ORM could not even fetch this row
        value, params = "X'7b22ff22fe7d'", [chain, seq]
    else:
        value, params = "'{\"v\":1,\"seq\":'", [chain, seq]
    with unguarded():
        sql(f"UPDATE {TABLE} SET content = {value} WHERE chain = %s AND seq = %s",  # noqa: S608
            params)


def test_damaged_entry_is_read_as_unreadable(chain):
    """`ledger.entries` (the API's ledger page, the history page, exports) reads every row
    as stored: a damaged one comes back as action `unreadable`, the rest as they were."""
    _damage(chain, 6)
    rows = ledger.entries(chain)
    assert [r["seq"] for r in rows] == list(range(1, 11))
    assert rows[5]["action"] == ledger.UNREADABLE and rows[5]["at"] is None
    assert rows[5]["content"] and rows[5]["hash"] == row_hash(chain, 6)
    assert all(r["action"] != ledger.UNREADABLE for i, r in enumerate(rows) if i != 5)
    assert [r["seq"] for r in ledger.entries(chain, after=4, limit=3)] == [5, 6, 7]


def row_hash(chain: str, seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hash FROM {TABLE} WHERE chain = %s AND seq = %s",  # noqa: S608
                       [chain, seq])
        return cursor.fetchone()[0]


def test_damaged_entry_shows_on_the_pages_and_the_api(chain, cast, client):
    """The history page and the API's ledger page still answer, naming the damage."""
    _damage(chain, 6)
    client.force_login(cast.carol)
    page = client.get(f"/spaces/{chain}/history/")
    assert page.status_code == 200
    assert "This entry cannot be read" in page.content.decode()
    api = client.get(f"/api/v1/spaces/{chain}/ledger")
    assert api.status_code == 200
    entries = api.json()["entries"]
    assert entries[5]["action"] == "unreadable" and entries[5]["at"] is None
    verdict = client.get(f"/api/v1/spaces/{chain}/ledger/verify").json()
    assert (verdict["ok"], verdict["first_bad"]) == (False, 6)



def test_the_ledger_is_the_one_table_named_ledger(db):
    """CONTRACT: the ledger is one table whose name contains ``ledger``, with its hash in a
    column whose name contains ``hash``; no other table may carry the word (ADR 0002)."""
    named = [t for t in connection.introspection.table_names() if "ledger" in t.lower()]
    assert named == [TABLE]
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, TABLE)]
    assert "hash" in columns
