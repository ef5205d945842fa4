"""Split a large JSON array into its elements without loading the whole array.

Why hand-written (and not ijson, which PyPI has): a streaming JSON parser stops at the first
syntax error, so one broken record would end the import of everything after it. This splitter
only tracks strings and bracket depth to find where each top-level element starts and ends,
and hands each element's text to the standard `json` module. A broken element is then one bad
row, with its line number, and the next element is read as usual. Memory holds one element
and one chunk of the file.

Most elements never need the scan: the standard decoder parses an element in place when it
is whole in the buffer; the scan only finds the end of an element cut by a chunk boundary or
broken. The scanning is done by one regular expression per bracket, in C: a run of anything that is
not a bracket or a quote, or a whole string (escapes included), repeated possessively, then a
bracket. Possessive quantifiers (Python 3.11+) keep it linear: it never backtracks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

_TOKEN = re.compile(r'(?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+")*+([\[\]{}])', re.DOTALL)
_SCALAR = re.compile(r'"(?:[^"\\]++|\\.)*+"|[^,\]\s"][^,\]\s]*+', re.DOTALL)
_SPACE = re.compile(r"[ \t\r\n]*+")

CHUNK_CHARS = 1 << 20
#: The longest one element may be. It is held whole while it is parsed (and its end looked
#: for, which is slow in a string that never ends: 64 Mi characters took 29 s); a proposal is
#: a few KiB. The Decidim importer gives its own limit (``decidim.MAX_RECORD_CHARS``).
MAX_ELEMENT_CHARS = 4 << 20


#: Piece.value when the element was not parsed (the caller parses `text`).
NOT_PARSED: Any = object()
_DECODER = json.JSONDecoder()


class Piece(NamedTuple):
    """One element of the array (`text`), or a problem (`error`), at a 1-based line.
    `value` is the element already parsed, when the fast path could (else NOT_PARSED)."""

    line: int
    text: str | None
    error: str | None
    value: Any = NOT_PARSED


class _Splitter:
    def __init__(self, stream: IO[str], chunk: int, max_element: int, initial: str) -> None:
        self.stream = stream
        self.chunk = chunk
        self.max_element = max_element
        self.buf = initial
        self.pos = 0
        self.eof = False
        self.line = 1  # the line number at position `counted`
        self.counted = 0
        self.start: int | None = None  # where the element being read starts

    def line_at(self, position: int) -> int:
        self.line += self.buf.count("\n", self.counted, position)
        self.counted = position
        return self.line

    def more(self) -> bool:
        """Read another chunk, dropping what is done with; False at the end of the file."""
        if self.eof:
            return False
        data = self.stream.read(self.chunk)
        if not data:
            self.eof = True
            return False
        keep = self.start if self.start is not None else self.pos
        self.line_at(keep)
        self.buf = self.buf[keep:] + data
        self.pos -= keep
        self.counted = 0
        if self.start is not None:
            self.start = 0
        return True

    def skip_space(self) -> bool:
        """Move past white space; False when the file ends first."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return True
            if not self.more():
                return False

    def pieces(self) -> Iterator[Piece]:
        if not self.skip_space():
            yield Piece(self.line_at(self.pos), None, "the file holds no JSON")
            return
        if self.buf[self.pos] != "[":
            yield Piece(self.line_at(self.pos), None, "the file is not a JSON array")
            return
        self.pos += 1
        while True:
            if not self.skip_space():
                yield Piece(
                    self.line_at(self.pos), None, "the file ends before the array is closed"
                )
                return
            char = self.buf[self.pos]
            if char == ",":
                self.pos += 1
                continue
            if char == "]":
                self.pos += 1
                break
            self.start = self.pos
            line = self.line_at(self.pos)
            piece = self._element(line) if char in "{[" else self._scalar(line)
            self.start = None
            yield piece
            if piece.text is None:
                return  # the rest of the file cannot be split reliably
        if self.skip_space():
            yield Piece(
                self.line_at(self.pos), None, "there is more text after the end of the array"
            )

    def _element(self, line: int) -> Piece:
        # Fast path: a well-formed element inside the buffer is parsed in one pass, in C.
        start = self.pos
        try:
            value, end = _DECODER.raw_decode(self.buf, start)
        except (ValueError, RecursionError):
            # cut off by the chunk's end, broken, or nested too deeply for the decoder: find
            # its end by scanning (the caller parses it again and says what is wrong)
            pass
        else:
            self.pos = end
            return Piece(line, self.buf[start:end], None, value)
        depth = 1
        self.pos += 1
        token = _TOKEN.match
        while True:
            match = token(self.buf, self.pos)
            if match is None:
                if len(self.buf) - (self.start or 0) > self.max_element:
                    return Piece(line, None, "a record is too large (or a quote is never closed)")
                if not self.more():
                    return Piece(line, None, "the file ends inside this record")
                continue
            self.pos = match.end()
            if match.group(1) in "{[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return Piece(line, self.buf[self.start : self.pos], None)

    def _scalar(self, line: int) -> Piece:
        while True:
            match = _SCALAR.match(self.buf, self.pos)
            if match is not None and (match.end() < len(self.buf) or self.eof):
                self.pos = match.end()
                return Piece(line, self.buf[self.start : self.pos], None)
            if not self.more():
                if match is not None:
                    self.pos = match.end()
                    return Piece(line, self.buf[self.start : self.pos], None)
                return Piece(line, None, "the file ends inside this record")


def split_json_array(
    stream: IO[str],
    *,
    initial: str = "",
    chunk: int = CHUNK_CHARS,
    max_element: int = MAX_ELEMENT_CHARS,
) -> Iterator[Piece]:
    """The elements of the JSON array in `stream`, as text with the line each starts on.

    A piece with `error` set means the rest of the file could not be split (the array never
    ends, a record is cut short); it is always the last piece. Elements are not parsed here.
    `initial` is text already read from the stream.
    """
    return _Splitter(stream, chunk, max_element, initial).pieces()
