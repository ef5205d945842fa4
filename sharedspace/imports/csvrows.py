"""CSV files as numbered rows: delimiter detection, line numbers, bad rows, encodings.

Line numbers are physical lines of the file (1 is the header), and a row that spans lines
(a quoted cell with a line break) is numbered by its first line, as a spreadsheet user would
look for it.

**Unclosed quotes.** A cell that opens a quote and never closes it makes the csv module read
every line after it, up to the next quote in the file (or the end, or 131,072 characters),
as one cell: thousands of rows could vanish into one. So every physical line is accounted
for. A row that took in more than one line is looked at again when it is broken (a cell too
long, a quote still open at the end of the file, the wrong number of cells) or when the
lines it took in look like rows of their own (more than half of them have the header's
number of cells and start like the row's own first cell: a legitimate note over a few lines
does not). Then its first line is reported (`unclosed_quote`, naming the lines it ran over)
and the lines after it are read again, as rows of their own. A quote still open at the end
of the file is told by a marker fed to the reader after the last line: the open cell takes
it in. See docs/imports.md.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from typing import IO

from .errors import RowError
from .textio import Decoding, Lines, Progress, Sink, open_text

DELIMITERS = (";", ",", "\t")

#: Fed to the reader after the last line: a cell whose quote is still open takes it in.
_END = "\ue000sharedspace: end of the file\ue000"


def guess_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns; `;` wins a tie (Decidim and
    CONSUL write `;`, as do spreadsheets in much of Europe)."""
    best = max(DELIMITERS, key=lambda d: (header_line.count(d), d == ";"))
    return best if header_line.count(best) else ";"


class _Feed:
    """The lines of a file for csv.reader, one at a time; then the end marker.

    `taken` holds the lines given since it was last cleared: the lines of the row being read.
    `take_back(lines)` gives lines again before the rest of the file: the reader must then be
    made again over `lines()` (a generator is the fastest feed; it cannot be rewound)."""

    __slots__ = ("_again", "_source", "taken")

    def __init__(self, lines: Lines) -> None:
        self._source: Iterator[str] = iter(lines)
        self._again: deque[str] = deque()
        self.taken: list[str] = []

    def lines(self) -> Iterator[str]:
        again, taken = self._again, self.taken
        while again:
            text = again.popleft()
            taken.append(text)
            yield text
        for text in self._source:
            taken.append(text)
            yield text
        yield _END

    def take_back(self, lines: list[str]) -> None:
        self._again.extendleft(reversed(lines))


def _fits(cells: list[str], width: int) -> bool:
    """As many cells as the header (cells past it that are empty do not count)."""
    if len(cells) == width:
        return True
    return len(cells) > width and not any(cell.strip() for cell in cells[width:])


def _starts_like(cell: str) -> str:
    """What kind of character a cell starts with: a digit, a letter, or which other one."""
    text = cell.strip()
    if not text:
        return ""
    first = text[0]
    return "9" if first.isdigit() else "a" if first.isalpha() else first


class CsvFile:
    """Reads one CSV file: `header` after construction, then `rows()` once."""

    def __init__(self, binary: IO[bytes], name: str, sink: Sink, progress: Progress) -> None:
        self.name = name
        self._sink = sink
        self._text = open_text(binary, progress)
        self._decoding = Decoding(name, sink)
        lines = Lines(self._text, self._decoding)
        self._bad_lines: deque[int] = lines.bad_lines
        feed = self._feed = _Feed(lines)
        first = ""
        blank = 0
        for line in feed.lines():
            if line == _END or line.strip():
                first = line if line != _END else ""
                break
            blank += 1
        feed.take_back([first] if first else [])
        feed.taken.clear()
        self.delimiter = guess_delimiter(first)
        self.header_line = blank + 1
        self._reader = csv.reader(feed.lines(), delimiter=self.delimiter)
        try:
            raw_header = next(self._reader, [])
        except csv.Error:
            raw_header = []
        if raw_header and raw_header[-1].endswith(_END):
            raw_header[-1] = raw_header[-1][: -len(_END)]
            if raw_header == [""]:
                raw_header = []
        header_end = blank + len(feed.taken)
        self._previous_end = header_end
        self._good_start = ""  # how the last good row's first cell starts (see _rows_in)
        #: Why the header cannot be used, if a quote in it runs on past its line.
        self.header_error: RowError | None = None
        if any("\n" in h or "\r" in h for h in raw_header):
            self.header_error = RowError(
                "unclosed_quote",
                f"the header opens a quote on line {self.header_line} that is not closed on "
                f"that line, so it ran on to line {header_end} and lines {self.header_line} to "
                f"{header_end} could not be read; close the quote and import the file again",
            )
            raw_header = []
        if self._bad_lines and self._bad_lines[0] <= header_end:
            raw_header = [self._decoding.repair(h, self.header_line) for h in raw_header]
        self._settle(header_end)
        self.header = [h.strip().lstrip("\ufeff").strip() for h in raw_header]

    def close(self) -> None:
        self._text.close()

    def _settle(self, end: int) -> None:
        """Forget the lines with non-UTF-8 bytes up to `end`: they are dealt with."""
        bad_lines = self._bad_lines
        while bad_lines and bad_lines[0] <= end:
            bad_lines.popleft()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) for every row with as many cells as the header; blank lines are
        passed over; every other row is reported to the sink and skipped."""
        reader = self._reader
        feed = self._feed
        taken = feed.taken
        bad_lines = self._bad_lines
        width = len(self.header)
        name = self.name
        sink = self._sink
        while True:
            taken.clear()
            problem: str | None = None
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row, problem = [], str(exc)
            if not taken:
                return  # the end marker alone: the file is read
            start = self._previous_end + 1
            end = self._previous_end = start + len(taken) - 1
            open_at_end = bool(row) and row[-1].endswith(_END)
            if open_at_end:
                row[-1] = row[-1][: -len(_END)]
            if (end > start or open_at_end or problem is not None) and self._ran_on(
                row, problem, open_at_end, start, end
            ):
                reader = self._reader  # made again when lines were taken back
                continue
            if bad_lines and bad_lines[0] <= end:
                self._settle(end)
                try:
                    row = [self._decoding.repair(cell, start) for cell in row]
                except RowError as exc:
                    sink.bad(name, start, exc.code, exc.reason)
                    continue
            if len(row) != width:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line
                if _fits(row, width):
                    row = row[:width]
                else:
                    over = f" (lines {start} to {end})" if end > start else ""
                    sink.bad(
                        name,
                        start,
                        "wrong_field_count",
                        f"the row{over} has {len(row)} cells but the header has {width} "
                        f"(separator {self.delimiter!r}; is a quote missing?)",
                    )
                    continue
            self._good_start = _starts_like(row[0])
            yield start, row

    def _ran_on(
        self, row: list[str], problem: str | None, open_at_end: bool, start: int, end: int
    ) -> bool:
        """Deal with a row that took in more than one line, could not be read, or ran to the
        end of the file with a quote still open. True when it was reported and skipped (the
        lines after its first given back to be read again, when they look like rows of their
        own); False when it is a good row for the usual checks."""
        feed, sink, name = self._feed, self._sink, self.name
        width = len(self.header)
        rest = feed.taken[1:]
        broken = problem is not None or open_at_end or not _fits(row, width)
        if rest and (broken or "\n" not in row[0]):
            rows_in_rest = self._rows_in(feed.taken[0], rest)
            # A row that read well is taken as swallowing others only when most of its later
            # lines look like rows *and* its last line is a whole row: its quotes pair up. A
            # genuine note over several lines ends on the line holding its closing quote, an
            # odd one ('3 things, 2 actions, 1 vote"'); a cell that ran on was closed by the
            # opening quote of a later row, whose own quotes pair ('…,P-44,"a note"').
            if rows_in_rest and (broken or (rows_in_rest * 2 > _nonblank(rest)
                                            and _last_line_is_whole(rest))):
                sink.bad(
                    name,
                    start,
                    "unclosed_quote",
                    f"a quote opened on line {start} is never closed, so the row ran on to "
                    f"line {end}; this row was skipped, and lines {start + 1} to {end} were read "
                    "again as rows of their own",
                )
                self._settle(start)
                feed.take_back(rest)
                self._previous_end = start
                self._reader = csv.reader(feed.lines(), delimiter=self.delimiter)
                return True
        if not broken:
            return False
        lines = f"lines {start} to {end} ({end - start + 1} lines)" if end > start else "the row"
        if open_at_end:
            sink.bad(
                name,
                start,
                "unclosed_quote",
                f"a quote opened on line {start} is never closed, so {lines} could not be read",
            )
        elif problem is not None:
            more = f"; {lines} could not be read: is a closing quote missing?" if rest else ""
            sink.bad(name, start, "bad_csv", f"the row cannot be read as CSV ({problem}){more}")
        else:
            return False  # one row over several lines with the wrong number of cells
        self._settle(end)
        return True

    def _rows_in(self, first: str, lines: list[str]) -> int:
        """How many of `lines`, read each on its own, look like a row: as many cells as the
        header, the first starting like the first cell of `first` or of the last good row (a
        digit for a date or an id)."""
        like = {_starts_like(next(iter(_alone(first, self.delimiter)), "")), self._good_start}
        like.discard("")
        width = len(self.header)
        found = 0
        for line in lines:
            cells = _alone(line, self.delimiter)
            if cells and _fits(cells, width) and _starts_like(cells[0]) in like:
                found += 1
        return found


def _last_line_is_whole(lines: list[str]) -> bool:
    """Whether the last non-blank line holds an even number of quote marks (a doubled quote
    inside a cell counts two, so it keeps the pairing)."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    return last.count('"') % 2 == 0


def _alone(line: str, delimiter: str) -> list[str]:
    """The cells of one line read on its own ([] when it cannot be read)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _nonblank(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip())


def check_header(header: list[str], problem: RowError | None = None) -> None:
    """Raise RowError for a header that cannot be used: `problem` (the table's
    `header_error`), empty, or a column named twice."""
    if problem is not None:
        raise problem
    if not any(header):
        raise RowError("no_header", "the first line is not a header row")
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            raise RowError("duplicate_column", f"the column {column!r} appears twice")
        seen.add(column)
