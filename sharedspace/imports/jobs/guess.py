"""Which platform an upload comes from, when the person did not say (the page's "Find out
for me"), and whether it reads as the platform they named. The CLI always names the source,
and has its own messages (``open_source``); these checks are the upload page's.

Each file is looked at as each source's importer would look at it (``choose_parser``: the
first 64 KiB, never the file's name), and only the first ``LOOK_AT`` files of a folder or zip,
whether the source was named or not: a zip may hold 20,000 files, and these checks run while
the person waits for the upload page (ADR 23). An event log's header is the most particular, so it
wins; a CSV that both Decidim and CONSUL could read is CONSUL's when its header has a
column only CONSUL writes, and Decidim's otherwise.

When no file reads as what was asked, ``NotReadable`` says so with a stable code and the
facts the page needs to say it in the reader's language (what was wrong with the first
file, and which of the event log's columns its header lacks), not in the importers' English.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sharedspace.imports import ImportInputError, choose_parser, eventlog
from sharedspace.imports.csvrows import guess_delimiter
from sharedspace.imports.inputs import READ_ERRORS, InputFile, Plan, plan_input
from sharedspace.imports.textio import decode_head

#: Columns of CONSUL's proposals table that a Decidim export does not have.
CONSUL_ONLY = ("cached_votes_up", "retired_at", "author_id", "geozone_id", "hidden_at")
#: How many files of a folder or zip are looked at before giving up, for "Find out for me"
#: and for a source named alike. Looking at all of a zip of 15,000 files took over a minute.
LOOK_AT = 50
ORDER = ("csv", "decidim", "consul")
AUTO = "auto"

#: What was wrong with the first file that read as nothing asked (``NotReadable.why``).
EMPTY = "empty"  # no bytes, or only blanks
NOT_TEXT = "not_text"  # a binary file
JSON = "json"  # JSON, where a CSV format was asked (CONSUL, an event log)
OTHER = "other"  # text, but not a header any asked format has
CANNOT_READ = "cannot_read"  # the file (or a file in a zip) could not be opened


class NotReadable(ImportInputError):
    """No file of an upload reads as the source asked for (``asked``: "decidim", "consul",
    "csv", or "auto" for any of them). A coded refusal (``code``):

    - ``why``: what was wrong with the first file looked at (``EMPTY``, ``NOT_TEXT``,
      ``JSON``, ``OTHER``, ``CANNOT_READ``);
    - ``file``: that file's name (a zip's member as ``records.zip!a.csv``);
    - ``missing``: for ``OTHER``, the event log's required columns its header lacks.

    The message is the importers' English, for logs; the page words it itself."""

    code = "not_recognised"

    def __init__(
        self, message: str, *, asked: str, why: str, file: str, missing: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.asked = asked
        self.why = why
        self.file = file
        self.missing = missing


def _first_line(head: bytes) -> str:
    text = decode_head(head).lstrip("\ufeff").lstrip()
    return text.splitlines()[0].lower() if text else ""


def _what_is_wrong(file: InputFile) -> tuple[str, tuple[str, ...]]:
    """Why ``file`` reads as no source: (``why``, the event log's columns it lacks). The same
    looks as ``choose_parser``'s, in that order."""
    head = file.head()
    if not head.strip():
        return EMPTY, ()
    text = decode_head(head).lstrip("\ufeff").lstrip()
    if "\x00" in text or not text:
        return NOT_TEXT, ()
    if text[0] in "[{":
        return JSON, ()
    line = text.splitlines()[0]
    columns = [
        eventlog.normalise_column(cell.strip().strip('"')) for cell in line.split(
            guess_delimiter(line)
        )
    ]
    return OTHER, tuple(eventlog.missing_columns(columns))


def _refuse(plan: Plan, path: Path, asked: str, first: NotReadable | None) -> NotReadable:
    if first is not None:
        return first
    # No file at all, only ones that could not be opened (an encrypted member, a broken zip).
    name, why = plan.broken[0] if plan.broken else (str(path), "nothing to read")
    return NotReadable(f"{name}: {why}", asked=asked, why=CANNOT_READ, file=name)


def _not_readable(file: InputFile, asked: str, problem: str) -> NotReadable:
    try:
        why, missing = _what_is_wrong(file)
    except READ_ERRORS:
        why, missing = CANNOT_READ, ()
    if asked == AUTO:
        message = (
            "we could not tell what it is: it does not look like a Decidim export, a CONSUL "
            f"export or an event log (first: {file.name}: {problem})"
        )
    else:
        message = f"{file.name}: {problem}"
    return NotReadable(message, asked=asked, why=why, file=file.name, missing=missing)


def guess_source(path: Path) -> str:
    """The source ("decidim", "consul" or "csv") of the records at `path`; NotReadable when no
    file in it looks like any of them (with what was wrong with the first one)."""
    return find_source(path, AUTO)


def find_source(path: Path, asked: str, *, plan: Plan | None = None) -> str:
    """The source to read `path` as: ``asked``, or for "auto" the one its files look like;
    NotReadable when none of its first ``LOOK_AT`` files reads as that (as any, for "auto").
    ``plan``: `path`'s files, already listed (``plan_input``, its zip still open)."""
    with contextlib.ExitStack() as stack:
        if plan is None:
            plan = plan_input(path, stack)
        first: NotReadable | None = None
        for file in plan.files[:LOOK_AT]:
            sources = ORDER if asked == AUTO else (asked,)
            try:
                readable = [s for s in sources if choose_parser(file, s)[0] is not None]
                header = _first_line(file.head()) if readable else ""
            except READ_ERRORS as exc:
                first = first or NotReadable(
                    f"{file.name}: the file cannot be read ({exc})",
                    asked=asked, why=CANNOT_READ, file=file.name,
                )
                continue
            if not readable:
                if first is None:
                    why = choose_parser(file, sources[0])[1]
                    first = _not_readable(file, asked, why)
                continue
            if (
                asked == AUTO
                and readable[0] == "decidim"
                and "consul" in readable
                and any(column in header for column in CONSUL_ONLY)
            ):
                return "consul"
            return readable[0]
        raise _refuse(plan, path, asked, first)
