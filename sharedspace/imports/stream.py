"""ImportStream: the records of one input, with everything that was skipped or noticed."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from .inputs import READ_ERRORS, SMALL_FILE, InputFile, Plan
from .records import BadRow, ImportRecord, Location, Notice
from .textio import Progress, ProgressCallback

#: A parser reads one file and yields its records, reporting bad rows to the stream.
Parser = Callable[[InputFile, "ImportStream"], Iterator[ImportRecord]]
#: Chooses the parser for a file, or says in plain words why the file cannot be read.
Chooser = Callable[[InputFile], "tuple[Parser | None, str]"]


class ImportStream:
    """Iterate it (once) for the records; read the counters after (or during) iteration.

    - `bad_rows`: the first `max_bad_rows` rows skipped, each with file, line and reason;
      `bad_row_count` counts all of them and `bad_rows_by_reason` counts them by code.
    - `notices`: things worth saying that skipped nothing (capped the same way).
    - `formats_seen`: records read per format variant (e.g. "decidim-legacy-json").
    - `owner_detected`: the name the data gives its official author, if it names one.
    - `skipped_files`: files in a folder or zip that are not data (a README), left alone.

    Memory stays flat however large the input: the stream keeps counters and capped lists,
    never the records. Use it as a context manager (or call close()) to close zip files.
    """

    def __init__(
        self,
        *,
        path: Path,
        source: str,
        plan: Plan,
        chooser: Chooser,
        stack: contextlib.ExitStack,
        owner: str | None,
        progress: ProgressCallback | None,
        max_bad_rows: int,
        default_currency: str,
    ) -> None:
        self.path = path
        self.source = source
        self.owner = owner
        self.default_currency = default_currency
        self.max_bad_rows = max_bad_rows
        self.files = [f.name for f in plan.files]
        self.skipped_files = [name for name, _ in plan.skipped]
        self.total_bytes = sum(f.size for f in plan.files)
        self.bad_rows: list[BadRow] = []
        self.bad_row_count = 0
        self.bad_rows_by_reason: Counter[str] = Counter()
        self.notices: list[Notice] = []
        self.notice_count = 0
        self.formats_seen: Counter[str] = Counter()
        self.records_read = 0
        self.files_read = 0
        self._official_names: Counter[str] = Counter()
        self._plan = plan
        self._chooser = chooser
        self._stack = stack
        self._progress = Progress(progress, self.total_bytes)
        self._iterated = False
        #: Log-wide state a parser keeps across files (the event log's currency, party kinds).
        self.state: dict[str, Any] = {}
        for name, why in plan.skipped:
            self.notice(name, None, "not_data_file", f"skipped: {why}")
        for name, why in plan.broken:
            self.bad(name, None, "unreadable_file", why)

    # -- reporting (the Sink protocol) ----------------------------------------------------------

    def bad(self, file: str, line: int | None, code: str, reason: str) -> None:
        """Record a skipped row (or file, when line is None)."""
        self.bad_row_count += 1
        self.bad_rows_by_reason[code] += 1
        if len(self.bad_rows) < self.max_bad_rows:
            self.bad_rows.append(BadRow(file, line, code, reason))

    def set_aside(self, origin: Location, code: str, reason: str) -> None:
        """A record already yielded does not count after all (the audit found it given twice):
        it leaves `records_read` and is a bad row like any other."""
        self.records_read -= 1
        self.bad(origin.file, origin.line, code, reason)

    def notice(self, file: str, line: int | None, code: str, message: str) -> None:
        """Record something worth telling that skipped nothing."""
        self.notice_count += 1
        if len(self.notices) < self.max_bad_rows:
            self.notices.append(Notice(file, line, code, message))

    def saw_official_author(self, name: str) -> None:
        """A record's official author is named `name` (counted to detect the owner)."""
        self._official_names[name] += 1

    @property
    def progress(self) -> Progress:
        return self._progress

    @property
    def owner_detected(self) -> str | None:
        """The name most often given to the official author in the data read so far."""
        if not self._official_names:
            return None
        return self._official_names.most_common(1)[0][0]

    # -- iteration ---------------------------------------------------------------------------

    def __iter__(self) -> Iterator[ImportRecord]:
        if self._iterated:
            raise RuntimeError("an ImportStream can be read only once; open the source again")
        self._iterated = True
        return self._records()

    def _records(self) -> Iterator[ImportRecord]:
        for planned in self._plan.files:
            file = planned
            try:
                if planned.size <= SMALL_FILE:
                    file = planned.in_memory()  # one read serves detection and parsing
                parser, why = self._chooser(file)
                if parser is None:
                    self.bad(file.name, None, "unknown_format", why)
                    continue
                for record in parser(file, self):
                    self.records_read += 1
                    yield record
                self.files_read += 1
            except READ_ERRORS as exc:
                self.bad(file.name, None, "unreadable_file", f"the file cannot be read ({exc})")
            finally:
                self._progress.file_done(planned.size)

    # -- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> ImportStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def summary(self) -> dict[str, Any]:
        """Plain data for reports: what was read, and what was skipped and why."""
        return {
            "path": str(self.path),
            "source": self.source,
            "files": len(self.files),
            "files_read": self.files_read,
            "skipped_files": list(self.skipped_files),
            "records": self.records_read,
            "formats_seen": dict(self.formats_seen),
            "owner_detected": self.owner_detected,
            "bad_rows": {
                "total": self.bad_row_count,
                "by_reason": dict(self.bad_rows_by_reason),
                "first": [
                    {"file": b.file, "line": b.line, "code": b.code, "reason": b.reason}
                    for b in self.bad_rows
                ],
            },
            "notices": [
                {"file": n.file, "line": n.line, "code": n.code, "message": n.message}
                for n in self.notices
            ],
        }
