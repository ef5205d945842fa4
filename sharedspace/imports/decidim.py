"""Decidim proposals: the older decidim.barcelona JSON, and current open-data exports.

Variants, told apart record by record (so a folder may mix them):
- legacy, one file per proposal: `{"proposal": {"id", "source", "status", "official",
  "author": {...}, "created_at": "22/01/2016", "category", "district", ...}}`
  (format "decidim-legacy-json"); the same records, wrapped or bare, in one JSON array
  ("decidim-legacy-json-array");
- current, written by Decidim's ProposalSerializer: a JSON array of `{"id", "title": {locale:
  text}, "state", "reference", "author": {...}, "published_at", ...}` ("decidim-json"), or the
  same flattened into CSV with `/` in column names (`title/ca`, `author/name`), `;`-separated
  ("decidim-csv"; a CSV with legacy columns is "decidim-legacy-csv").

What each record means is decided in decidim_map.py.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any

from .csvrows import CsvFile, check_header
from .decidim_map import classify, current_source, map_current, map_legacy
from .errors import RowError
from .inputs import SMALL_FILE, InputFile
from .jsonsplit import MAX_ELEMENT_CHARS, NOT_PARSED, split_json_array
from .records import Location, ProposalRecord
from .stream import ImportStream
from .textio import Decoding, decode_bytes, open_text

__all__ = ["current_source", "looks_like_csv", "parse_csv", "parse_json"]

#: The largest one JSON record (a file holding one object, or one element of an array) may
#: be, in characters; a proposal is a few KiB. A record is held whole while it is parsed: a
#: file of one 400 MB object, zipped to 400 KB, took 1.2 GB of memory (ADR 23).
MAX_RECORD_CHARS = MAX_ELEMENT_CHARS
_CHUNK = 1 << 20


def _size_words(chars: int) -> str:
    return f"{chars >> 20} MB" if chars >= 1 << 20 else f"{chars:,} characters"


def _loads(text: str) -> Any:
    """json.loads, with a record nested too deeply for it as broken JSON (a bad row), not as
    an error that would end the import."""
    try:
        return json.loads(text)
    except RecursionError:
        raise RowError(
            "bad_json", "broken JSON: the record is nested too deeply (lists or objects "
            "inside each other more than about 1,000 times)"
        ) from None


def _record(
    obj: Any, origin: Location, stream: ImportStream, *, formats: tuple[str, str]
) -> ProposalRecord | None:
    """Map one parsed record, or report it as a bad row. formats = (legacy name, current)."""
    try:
        kind, fields = classify(obj)
        if kind == "legacy":
            record = map_legacy(fields, origin, stream)
            stream.formats_seen[formats[0]] += 1
        else:
            record = map_current(fields, origin, stream)
            stream.formats_seen[formats[1]] += 1
    except RowError as exc:
        stream.bad(origin.file, origin.line, exc.code, exc.reason)
        return None
    return record


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"


def parse_json(file: InputFile, stream: ImportStream) -> Iterator[ProposalRecord]:
    """One proposal per file (`{...}`), or an array of proposals (`[...]`), streamed.
    Small files are read whole: for a folder of small files that is most of the time."""
    decoding = Decoding(file.name, stream)
    with file.open() as binary:
        if file.size <= SMALL_FILE:
            data = binary.read()
            stream.progress.add(len(data))
            yield from _json_text(file.name, io.StringIO(decode_bytes(data)), decoding, stream)
        else:
            with open_text(binary, stream.progress) as text:
                yield from _json_text(file.name, text, decoding, stream)


def _json_text(
    name: str, text: IO[str], decoding: Decoding, stream: ImportStream
) -> Iterator[ProposalRecord]:
    head = text.read(65536)
    stripped = head.lstrip()
    if stripped.startswith("{"):
        # One record: read in chunks, and no further than the limit (the rest is never read).
        parts, size = [head], len(head)
        while size <= MAX_RECORD_CHARS:
            more = text.read(_CHUNK)
            if not more:
                break
            parts.append(more)
            size += len(more)
        if size > MAX_RECORD_CHARS:
            parts.clear()
            stream.bad(
                name,
                None,
                "record_too_large",
                f"the file is one JSON record larger than {_size_words(MAX_RECORD_CHARS)}, "
                "the most one record may be; the file was not read",
            )
            return
        whole = "".join(parts)
        parts.clear()
        try:
            if decoding.has_bad_bytes(whole):
                whole = decoding.repair(whole, 1)
            obj = _loads(whole)
        except RowError as exc:
            stream.bad(name, 1, exc.code, exc.reason)
            return
        except json.JSONDecodeError as exc:
            stream.bad(name, exc.lineno, "bad_json", _json_error(exc))
            return
        line = 1 + head[: len(head) - len(stripped)].count("\n")
        record = _record(
            obj,
            Location(name, line),
            stream,
            formats=("decidim-legacy-json", "decidim-json"),
        )
        if record is not None:
            yield record
        return
    for piece in split_json_array(text, initial=head, max_element=MAX_RECORD_CHARS):
        if piece.text is None:
            stream.bad(name, piece.line, "bad_json", f"broken JSON: {piece.error}")
            continue
        element = piece.text
        try:
            if decoding.has_bad_bytes(element):
                obj = _loads(decoding.repair(element, piece.line))
            elif piece.value is not NOT_PARSED:
                obj = piece.value
            else:
                obj = _loads(element)
        except RowError as exc:
            stream.bad(name, piece.line, exc.code, exc.reason)
            continue
        except json.JSONDecodeError as exc:
            stream.bad(name, piece.line + exc.lineno - 1, "bad_json", _json_error(exc))
            continue
        record = _record(
            obj,
            Location(name, piece.line),
            stream,
            formats=("decidim-legacy-json-array", "decidim-json"),
        )
        if record is not None:
            yield record


def looks_like_csv(columns: list[str]) -> bool:
    """A Decidim CSV export's header: an id, and a state or a title (maybe per locale)."""
    names = {c.strip().lower() for c in columns}
    has_title = any(c == "title" or c.startswith("title/") for c in names)
    return "id" in names and ("state" in names or "status" in names or has_title)


def _unflatten(paths: list[tuple[str, ...]], row: list[str]) -> dict[str, Any]:
    """Rebuild the serializer's nested hash from `a/b/c` columns; empty cells are None."""
    out: dict[str, Any] = {}
    for path, cell in zip(paths, row, strict=True):
        target = out
        for key in path[:-1]:
            nested = target.get(key)
            if not isinstance(nested, dict):
                nested = target[key] = {}
            target = nested
        target[path[-1]] = cell if cell != "" else None
    return out


def parse_csv(file: InputFile, stream: ImportStream) -> Iterator[ProposalRecord]:
    """A Decidim CSV export (columns flattened with `/`), row by row."""
    with file.open() as binary:
        table = CsvFile(binary, file.name, stream, stream.progress)
        try:
            try:
                check_header(table.header, table.header_error)
            except RowError as exc:
                stream.bad(file.name, table.header_line, exc.code, exc.reason)
                return
            paths = [tuple(column.lower().split("/")) for column in table.header]
            for line, row in table.rows():
                record = _record(
                    _unflatten(paths, row),
                    Location(file.name, line),
                    stream,
                    formats=("decidim-legacy-csv", "decidim-csv"),
                )
                if record is not None:
                    yield record
        finally:
            table.close()
