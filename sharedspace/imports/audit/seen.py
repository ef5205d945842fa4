"""Keys already seen, each with where it was first seen: how a record given twice is told.

A proposal id of Decidim or CONSUL, or an event log's proposed or decided reference in a
space, must count once (docs/imports.md, docs/import-csv.md): the same proposals in a
folder and again in one JSON array, or a `decide` row written twice, would otherwise be
counted twice. A repeat is set aside as a skipped row that says where the first one was.

Memory stays flat however many keys there are, as in the proposal index (refs.py): up to
`spill_at` keys are kept in memory, then moved to a temporary SQLite file (standard
library) and memory starts again; a key not in memory is then looked up on disk.
"""

from __future__ import annotations

from sharedspace.imports.records import Location

from .refs import SPILL_AT, SpillFile


class SeenKeys:
    """`first(key, where)`: None the first time a key is seen, then where it was first seen."""

    def __init__(self, *, spill_at: int = SPILL_AT) -> None:
        self.spill_at = spill_at
        self._memory: dict[str, Location] = {}
        self._file = SpillFile(
            "seen", "CREATE TABLE seen (key TEXT PRIMARY KEY, file TEXT, line INT) WITHOUT ROWID"
        )
        self.spilled = 0  # keys moved to disk so far (for tests)

    def first(self, key: str, where: Location) -> Location | None:
        """None, and `key` is remembered as first seen at `where`, when it is new; else where
        it was first seen."""
        known = self._memory.get(key)
        if known is not None:
            return known
        if self._file.made:
            found = self._file.db().execute(
                "SELECT file, line FROM seen WHERE key = ?", (key,)).fetchone()
            if found is not None:
                return Location(found[0], found[1])
        self._memory[key] = where
        if len(self._memory) >= self.spill_at:
            self._spill()
        return None

    def _spill(self) -> None:
        db = self._file.db()
        db.executemany(
            "INSERT INTO seen VALUES (?, ?, ?)",
            ((key, where.file, where.line) for key, where in self._memory.items()),
        )
        db.commit()
        self.spilled += len(self._memory)
        self._memory.clear()

    def close(self) -> None:
        """Forget everything (and delete the file on disk, if any)."""
        self._memory.clear()
        self._file.close()
