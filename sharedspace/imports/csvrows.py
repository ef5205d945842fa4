"""CSV files as numbered rows: delimiter detection, line numbers, bad rows, encodings.

Line numbers are physical lines of the file (1 is the header), and a row that spans lines
(a quoted cell with a line break) is numbered by its first line, as a spreadsheet user would
look for it.
"""

from __future__ import annotations

import csv
import itertools
from collections import deque
from collections.abc import Iterator
from typing import IO

from .errors import RowError
from .textio import Decoding, Lines, Progress, Sink, open_text

DELIMITERS = (";", ",", "\t")


def guess_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns; `;` wins a tie (Decidim and
    CONSUL write `;`, as do spreadsheets in much of Europe)."""
    best = max(DELIMITERS, key=lambda d: (header_line.count(d), d == ";"))
    return best if header_line.count(best) else ";"


class CsvFile:
    """Reads one CSV file: `header` after construction, then `rows()` once."""

    def __init__(self, binary: IO[bytes], name: str, sink: Sink, progress: Progress) -> None:
        self.name = name
        self._sink = sink
        self._text = open_text(binary, progress)
        self._decoding = Decoding(name, sink)
        self._lines = Lines(self._text, self._decoding)
        self._bad_lines: deque[int] = self._lines.bad_lines
        lines = iter(self._lines)
        first = ""
        for line in lines:
            if line.strip():
                first = line
                break
        self.delimiter = guess_delimiter(first)
        self.header_line = self._lines.number
        self._reader = csv.reader(itertools.chain([first], lines), delimiter=self.delimiter)
        try:
            raw_header = next(self._reader, [])
        except csv.Error:
            raw_header = []
        header_end = self._lines.number
        if self._bad_lines and self._bad_lines[0] <= header_end:
            raw_header = [self._decoding.repair(h, self.header_line) for h in raw_header]
            while self._bad_lines and self._bad_lines[0] <= header_end:
                self._bad_lines.popleft()
        self.header = [h.strip().lstrip("\ufeff").strip() for h in raw_header]
        self._previous_end = header_end

    def close(self) -> None:
        self._text.close()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) for every row with as many cells as the header; blank lines are
        passed over; every other row is reported to the sink and skipped."""
        reader = self._reader
        lines = self._lines
        bad_lines = self._bad_lines
        width = len(self.header)
        name = self.name
        sink = self._sink
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, self._previous_end = self._previous_end + 1, lines.number
                sink.bad(name, start, "bad_csv", f"the row cannot be read as CSV ({exc})")
                continue
            start = self._previous_end + 1
            end = self._previous_end = lines.number
            if bad_lines and bad_lines[0] <= end:
                while bad_lines and bad_lines[0] <= end:
                    bad_lines.popleft()
                try:
                    row = [self._decoding.repair(cell, start) for cell in row]
                except RowError as exc:
                    sink.bad(name, start, exc.code, exc.reason)
                    continue
            if len(row) != width:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line
                if len(row) > width and not any(cell.strip() for cell in row[width:]):
                    row = row[:width]
                else:
                    sink.bad(
                        name,
                        start,
                        "wrong_field_count",
                        f"the row has {len(row)} cells but the header has {width} "
                        f"(separator {self.delimiter!r}; is a quote missing?)",
                    )
                    continue
            yield start, row


def check_header(header: list[str]) -> None:
    """Raise RowError for a header that cannot be used: empty, or a column named twice."""
    if not any(header):
        raise RowError("no_header", "the first line is not a header row")
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            raise RowError("duplicate_column", f"the column {column!r} appears twice")
        seen.add(column)
