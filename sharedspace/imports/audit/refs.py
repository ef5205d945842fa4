"""Which proposals of an event log passed: proposals matched to their outcome, in any row order.

An event log ties a `propose` row to its `decide` (or `withdraw_proposal`) row by the
`reference` column, and rows may come in any order (docs/import-csv.md). A proposal's
acceptance is known only once both are seen, so the index keeps, per (space, reference), the
first proposer and the latest outcome. That is one small entry per proposal, never a row.

Memory stays flat however long the log: past `spill_at` entries, the index moves them to a
temporary SQLite file (standard library) and starts again; at the end the spilled parts are
read back sorted and merged with the same rule, so the answer does not depend on whether
anything was spilled.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

#: Entries kept in memory before they are moved to disk (about 200 bytes each).
SPILL_AT = 50_000

#: The outcome of a proposal as the audit counts it (fold.ACCEPTANCE_KEYS, minus "proposed").
OUTCOMES = ("passed", "blocked", "lapsed", "withdrawn")


class Entry(NamedTuple):
    """What is known of one proposal: its proposer (first `propose` row) and its latest
    outcome. Times are `(timestamp, row number)` so that ties keep the file's order."""

    proposer: str | None
    proposed_at: tuple[float, int] | None
    outcome: str | None
    outcome_at: tuple[float, int] | None


def merge(a: Entry, b: Entry) -> Entry:
    """Two partial facts about one proposal: the earlier proposer, the later outcome."""
    if a.proposed_at is None or (b.proposed_at is not None and b.proposed_at < a.proposed_at):
        proposer, proposed_at = b.proposer, b.proposed_at
    else:
        proposer, proposed_at = a.proposer, a.proposed_at
    if a.outcome_at is None or (b.outcome_at is not None and b.outcome_at >= a.outcome_at):
        outcome, outcome_at = b.outcome, b.outcome_at
    else:
        outcome, outcome_at = a.outcome, a.outcome_at
    return Entry(proposer, proposed_at, outcome, outcome_at)


def _stamp(when: datetime, row: int) -> tuple[float, int]:
    return (when.timestamp(), row)


class SpillFile:
    """A temporary SQLite file (standard library) with one table, made on first use and
    deleted by `close()`: where the import's indexes put what no longer fits in memory."""

    def __init__(self, name: str, create_table: str) -> None:
        self._name, self._create_table = name, create_table
        self._db: sqlite3.Connection | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    @property
    def made(self) -> bool:
        return self._db is not None

    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._folder = tempfile.TemporaryDirectory(prefix=f"sharedspace-{self._name}-")
            self._db = sqlite3.connect(Path(self._folder.name) / f"{self._name}.sqlite3")
            self._db.execute(self._create_table)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


class ProposalIndex:
    """Proposals by (space, reference): `proposed(...)` and `resolved(...)` in any order,
    then `results()` for (space, proposer, outcome or None while open)."""

    def __init__(self, *, spill_at: int = SPILL_AT) -> None:
        self.spill_at = spill_at
        self._entries: dict[tuple[str, str], Entry] = {}
        self._file = SpillFile(
            "refs",
            "CREATE TABLE refs (space TEXT, ref TEXT, proposer TEXT, p_at REAL, p_row INT,"
            " outcome TEXT, o_at REAL, o_row INT)",
        )
        self.spilled = 0  # entries moved to disk so far (for tests and benchmarks)

    def proposed(self, space: str, ref: str, party: str, when: datetime, row: int) -> None:
        self._add(space, ref, Entry(party, _stamp(when, row), None, None))

    def resolved(self, space: str, ref: str, outcome: str, when: datetime, row: int) -> None:
        self._add(space, ref, Entry(None, None, outcome, _stamp(when, row)))

    def _add(self, space: str, ref: str, entry: Entry) -> None:
        key = (space, ref)
        known = self._entries.get(key)
        self._entries[key] = entry if known is None else merge(known, entry)
        if len(self._entries) >= self.spill_at:
            self._spill()

    def _spill(self) -> None:
        db = self._file.db()
        db.executemany(
            "INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (space, ref, e.proposer, *(e.proposed_at or (None, None)), e.outcome,
                 *(e.outcome_at or (None, None)))
                for (space, ref), e in self._entries.items()
            ),
        )
        db.commit()
        self.spilled += len(self._entries)
        self._entries.clear()

    def results(self) -> Iterator[tuple[str, str | None, str | None]]:
        """(space, proposer, outcome) per proposal; proposer None when the log has an outcome
        but no `propose` row for it (a decision on something else: no acceptance)."""
        if not self._file.made:
            for (space, _ref), e in self._entries.items():
                yield space, e.proposer, e.outcome
            return
        self._spill()
        rows = self._file.db().execute("SELECT * FROM refs ORDER BY space, ref")
        current: tuple[str, str] | None = None
        entry: Entry | None = None
        for space, ref, proposer, p_at, p_row, outcome, o_at, o_row in rows:
            part = Entry(
                proposer,
                None if p_at is None else (p_at, p_row),
                outcome,
                None if o_at is None else (o_at, o_row),
            )
            if (space, ref) == current and entry is not None:
                entry = merge(entry, part)
                continue
            if current is not None and entry is not None:
                yield current[0], entry.proposer, entry.outcome
            current, entry = (space, ref), part
        if current is not None and entry is not None:
            yield current[0], entry.proposer, entry.outcome

    def close(self) -> None:
        self._file.close()
