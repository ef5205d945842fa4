"""Reading bytes as text, with progress, whatever the encoding turns out to be.

Encodings, decided per file:
- a UTF-8 byte order mark is dropped (Excel writes one); UTF-16 and UTF-32 are recognised by
  their mark (or, for UTF-16 without one, by its zero bytes);
- otherwise the file is read as UTF-8. Bytes that are not UTF-8 are kept aside (as lone
  surrogates, Python's `surrogateescape`) and decided about per row: if the file has shown
  no real UTF-8 text before them it is taken to be Windows-1252 / Latin-1 (what older
  spreadsheets write) from there on, with one notice; if it has, the file mixes encodings and
  that row is reported as a bad row and skipped. Memory stays flat: nothing is read twice.
"""

from __future__ import annotations

import codecs
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Protocol

from .errors import RowError

ProgressCallback = Callable[[int, int], None]

_SURROGATE = re.compile("[\udc80-\udcff]")
_BUFFER = 256 * 1024
_REPORT_EVERY = 256 * 1024
#: The longest one line of a CSV file may be, in characters. A line is held whole while it
#: is read: a file of one 400 MB line, zipped to 400 KB, took 830 MB of memory (ADR 23).
MAX_LINE_CHARS = 4 << 20
_LINE_ENDS = ("\n", "\r")


class Sink(Protocol):
    """Where importers report what they skipped or noticed (the ImportStream)."""

    def bad(self, file: str, line: int | None, code: str, reason: str) -> None: ...

    def notice(self, file: str, line: int | None, code: str, message: str) -> None: ...


class Progress:
    """Bytes read so far across every input file, reported to the callback now and then
    (every 256 KiB and at the end of each file), never printed."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = total
        self.base = 0  # bytes in the files already finished
        self.current = 0  # bytes read of the file being read
        self._reported = -1

    @property
    def done(self) -> int:
        return self.base + self.current

    def add(self, count: int) -> None:
        self.current += count
        if self.callback is not None and self.done - self._reported >= _REPORT_EVERY:
            self._report()

    def file_done(self, size: int) -> None:
        """A file is finished (read, or skipped): count all of it, whatever was read."""
        self.base += size
        self.current = 0
        self._report()

    def _report(self) -> None:
        if self.callback is not None and self.done != self._reported:
            self._reported = self.done
            self.callback(min(self.done, self.total), self.total)


class _Counting(io.RawIOBase):
    """A raw stream over another binary stream that tells Progress how much was read."""

    def __init__(self, inner: IO[bytes], progress: Progress) -> None:
        super().__init__()
        self._inner = inner
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self._progress.add(count)
        return count

    def close(self) -> None:
        self._inner.close()
        super().close()


def detect_encoding(head: bytes) -> tuple[str, int]:
    """(codec, byte-order-mark length) from a file's first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", 0
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    sample = head[:512]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        if odd_zeros > even_zeros * 4:
            return "utf-16-le", 0
        if even_zeros > odd_zeros * 4:
            return "utf-16-be", 0
    return "utf-8", 0


def decode_bytes(data: bytes) -> str:
    """A whole (small) file's bytes as text, as open_text would read them."""
    encoding, bom = detect_encoding(data[:512])
    errors = "surrogateescape" if encoding == "utf-8" else "replace"
    return data[bom:].decode(encoding, errors=errors)


def decode_head(head: bytes) -> str:
    """The first bytes as text, leniently, for telling formats apart."""
    encoding, bom = detect_encoding(head)
    return head[bom:].decode(encoding, errors="replace")


class Decoding:
    """The per-file decision about bytes that are not UTF-8 (see the module docstring)."""

    def __init__(self, file: str, sink: Sink) -> None:
        self.file = file
        self.sink = sink
        self.utf8_seen = False
        self.fallback = False

    def has_bad_bytes(self, text: str) -> bool:
        """True when the text holds bytes that were not UTF-8; notes real UTF-8 otherwise."""
        if text.isascii():
            return False
        if _SURROGATE.search(text) is not None:
            return True
        self.utf8_seen = True
        return False

    def repair(self, text: str, line: int) -> str:
        """Re-read the non-UTF-8 bytes as Windows-1252, or raise RowError if the file mixes
        encodings (it already had real UTF-8 text)."""
        if not self.fallback:
            if self.utf8_seen:
                raise RowError(
                    "bad_encoding",
                    "the row has bytes that are not UTF-8 in a file that is otherwise UTF-8 "
                    "(mixed encodings); save the file as UTF-8",
                )
            self.fallback = True
            self.sink.notice(
                self.file,
                line,
                "latin1_file",
                "the file is not UTF-8; read it as Windows-1252 (Latin-1) from here on",
            )
        return _SURROGATE.sub(_byte_as_cp1252, text)


def _byte_as_cp1252(match: re.Match[str]) -> str:
    raw = bytes([ord(match.group()) - 0xDC00])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return raw.decode("latin-1")


def open_text(binary: IO[bytes], progress: Progress) -> io.TextIOWrapper:
    """A text stream over binary, counting bytes into progress, with the encoding detected.
    Lines are not translated (newline=""), as the csv module wants."""
    buffered = io.BufferedReader(_Counting(binary, progress), buffer_size=_BUFFER)
    encoding, bom = detect_encoding(buffered.peek(4)[:4])
    if bom:
        buffered.read(bom)
    errors = "surrogateescape" if encoding == "utf-8" else "replace"
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline="")


class Lines:
    """The lines of a text stream, numbered from 1, noting which held non-UTF-8 bytes."""

    def __init__(self, text: IO[str], decoding: Decoding) -> None:
        self._text = text
        self._decoding = decoding
        self.number = 0
        self.bad_lines: deque[int] = deque()  # pending; the reader pops them as rows are made

    def __iter__(self) -> Iterator[str]:
        has_bad_bytes = self._decoding.has_bad_bytes
        bad_lines = self.bad_lines
        readline = self._text.readline
        limit = MAX_LINE_CHARS
        number = 0
        while line := readline(limit):
            number += 1
            self.number = number
            if len(line) >= limit and not line.endswith(_LINE_ENDS):
                yield self._too_long(number, line)
                continue
            if not line.isascii() and has_bad_bytes(line):
                bad_lines.append(number)
            yield line

    def _too_long(self, number: int, line: str) -> str:
        """Skip the rest of a line longer than MAX_LINE_CHARS, a piece at a time, and report
        it as a bad row; an empty line takes its place (the lines after keep their
        numbers)."""
        while line and not line.endswith(_LINE_ENDS):
            line = self._text.readline(MAX_LINE_CHARS)
        self._decoding.sink.bad(
            self._decoding.file,
            number,
            "line_too_long",
            f"the line is longer than {MAX_LINE_CHARS:,} characters, the most one line may "
            "be; it was skipped",
        )
        return line[-2:] if line.endswith("\r\n") else line[-1:] or "\n"
