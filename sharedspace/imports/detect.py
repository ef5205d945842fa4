"""open_source(): PATH and a source name in, an ImportStream of typed records out.

Which parser reads a file is decided by looking at the file's first 64 KiB, never by its
name: JSON starting with `[` or `{` (Decidim), or a CSV header whose columns say what it is.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from . import consul, decidim, eventlog
from .csvrows import guess_delimiter
from .errors import ImportInputError
from .inputs import READ_ERRORS, InputFile, plan_input
from .stream import ImportStream, Parser
from .textio import ProgressCallback, decode_head
from .values import parse_currency

SOURCES = ("decidim", "consul", "csv")
_SOURCE_WORDS = {"decidim": "a Decidim export", "consul": "a CONSUL export", "csv": "an event log"}


def _header(text: str) -> list[str]:
    """The header cells of CSV text (first non-blank line), stripped."""
    for line in text.splitlines():
        if line.strip():
            delimiter = guess_delimiter(line)
            return [cell.strip().strip('"').strip() for cell in line.split(delimiter)]
    return []


def choose_parser(file: InputFile, source: str) -> tuple[Parser | None, str]:
    """The parser for this file under `source`, or (None, why it is not readable as such)."""
    head = file.head()
    if not head.strip():
        return None, "the file is empty"
    text = decode_head(head).lstrip("\ufeff").lstrip()
    if "\x00" in text or not text:
        return None, "the file is not text (it looks like a binary file)"
    first = text[0]
    if source == "decidim":
        if first in "[{":
            return decidim.parse_json, ""
        columns = _header(text)
        if decidim.looks_like_csv(columns):
            return decidim.parse_csv, ""
        return None, (
            "not a Decidim export: expected JSON, or a CSV whose header has the columns "
            "id and state (or title)"
        )
    if source == "consul":
        columns = [c.lower() for c in _header(text)]
        if first in "[{":
            return None, "a JSON file; CONSUL proposals are read from CSV"
        if consul.looks_like_csv(columns):
            return consul.parse_csv, ""
        return None, "not a CONSUL proposals CSV: expected a header with the columns id and title"
    columns = [eventlog.normalise_column(c) for c in _header(text)]
    if first in "[{":
        return None, "a JSON file; the event log is a CSV file (see docs/import-csv.md)"
    missing = eventlog.missing_columns(columns)
    if missing:
        return None, (
            "not an event log: the header lacks the column(s) "
            + ", ".join(missing)
            + " (see docs/import-csv.md)"
        )
    return eventlog.parse_csv, ""


def open_source(
    path: str | os.PathLike[str],
    source: str,
    *,
    owner: str | None = None,
    progress: ProgressCallback | None = None,
    max_bad_rows: int = 1000,
    currency: str = "GBP",
) -> ImportStream:
    """Open PATH (a file, a folder, or a .zip) as records of `source`.

    - source: "decidim" (legacy decidim.barcelona JSON, one file per proposal or one array;
      current open-data JSON or `;` CSV), "consul" (proposals CSV), or "csv" (the plain event
      log of docs/import-csv.md).
    - owner: the platform owner's name, when known; helps tell official Decidim proposals.
    - progress: called now and then with (bytes read, total bytes); nothing is printed.
    - max_bad_rows: how many bad rows (and notices) are kept in full; all are counted.
    - currency: the event log's currency where its rows leave the currency cell empty.

    Raises ImportInputError when PATH cannot be imported at all (no such path, an empty
    folder, not the format named). Everything else is a bad row in the stream.
    """
    if source not in SOURCES:
        raise ImportInputError(f"unknown source {source!r}: use one of {', '.join(SOURCES)}")
    try:
        default_currency = parse_currency(currency)
    except ValueError as exc:
        raise ImportInputError(str(exc)) from None
    where = Path(path)
    stack = contextlib.ExitStack()
    try:
        plan = plan_input(where, stack)
        chosen: dict[str, tuple[Parser | None, str] | Exception] = {}
        first_problem = ""
        for file in plan.files:
            try:
                parser, why = chosen[file.name] = choose_parser(file, source)
            except READ_ERRORS as exc:
                chosen[file.name] = exc
                parser, why = None, f"the file cannot be read ({exc})"
            if parser is not None:
                break
            first_problem = first_problem or f"{file.name}: {why}"
        else:
            problem = first_problem or (plan.broken[0][0] + ": " + plan.broken[0][1])
            if len(plan.files) + len(plan.broken) > 1:
                raise ImportInputError(
                    f"{where}: no file in it is {_SOURCE_WORDS[source]} (first: {problem})"
                )
            raise ImportInputError(problem)
    except BaseException:
        stack.close()
        raise

    def chooser(file: InputFile) -> tuple[Parser | None, str]:
        """The choice made while opening (a read error is raised again), else a fresh one."""
        earlier = chosen.pop(file.name, None)
        if isinstance(earlier, Exception):
            raise earlier
        return earlier if earlier is not None else choose_parser(file, source)

    return ImportStream(
        path=where,
        source=source,
        plan=plan,
        chooser=chooser,
        stack=stack,
        owner=owner.strip() if owner and owner.strip() else None,
        progress=progress,
        max_bad_rows=max_bad_rows,
        default_currency=default_currency,
    )
