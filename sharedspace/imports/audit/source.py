"""The `source` block of an imported report: what was read, what was skipped, and why.

A report built from another platform's records must say how much of the input it stands on:
every skipped row is counted (by reason) and the first ones are listed with file and line,
so nothing is dropped silently (issue 5). The same facts, in one sentence, become a flag,
which every format (HTML, PDF, slides) shows under "Things to look at".
"""

from __future__ import annotations

from typing import Any

from sharedspace.imports.stream import ImportStream

PLATFORMS = {"decidim": "Decidim", "consul": "CONSUL", "csv": "a CSV event log"}

#: Plain words for the codes of docs/imports.md and docs/import-csv.md (the rest: the code).
REASONS = {
    "missing_field": "a required field was empty",
    "bad_json": "broken JSON",
    "unknown_record": "not a proposal",
    "unknown_state": "a state not in the list",
    "unknown_source": "a source not in the list",
    "bad_date": "a date that is not a date",
    "bad_value": "a value that does not fit its field",
    "bad_amount": "an amount that is not a plain number",
    "bad_currency": "a currency that is not a three-letter code",
    "second_currency": "a second currency",
    "wrong_field_count": "too many or too few cells",
    "bad_csv": "unreadable CSV",
    "bad_encoding": "bytes that are not UTF-8",
    "unknown_format": "a file that is not in the format",
    "unreadable_file": "a file that cannot be read",
    "unknown_action": "an action not in the list",
    "unknown_venue": "a venue not in the list",
    "unknown_party_kind": "a party kind not in the list",
    "venue_not_allowed": "an action in a venue where it cannot happen",
    "bad_outcome": "an outcome that does not fit the action",
    "amount_not_allowed": "an amount on an action without money",
    "party_kind_conflict": "a party given two kinds",
    "host_not_allowed": "a host where none belongs",
    "target_not_allowed": "a target where none belongs",
    "missing_column": "a header without a required column",
}

#: How many skipped rows and notices the report lists in full (all are counted).
LISTED = 100


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def skipped_sentence(stream: ImportStream) -> str | None:
    """"3 rows of the input were skipped: 2 broken JSON, 1 a state not in the list." """
    if not stream.bad_row_count:
        return None
    why = ", ".join(
        f"{n} {REASONS.get(code, code.replace('_', ' '))}"
        for code, n in stream.bad_rows_by_reason.most_common()
    )
    verb = "was" if stream.bad_row_count == 1 else "were"
    return (
        f"{_rows(stream.bad_row_count)} of the input {verb} skipped and not counted: {why}. "
        "The report's source section lists them with file and line."
    )


def source_block(
    stream: ImportStream, *, owner: str | None, owner_from: str
) -> dict[str, Any]:
    """Plain data for the report's `source` key (documented in docs/audit.md)."""
    return {
        "platform": stream.source,
        "platform_name": PLATFORMS.get(stream.source, stream.source),
        "path": str(stream.path),
        "owner": owner,
        "owner_from": owner_from,
        "formats_seen": dict(stream.formats_seen.most_common()),
        "files": len(stream.files),
        "files_read": stream.files_read,
        "skipped_files": list(stream.skipped_files),
        "records_read": stream.records_read,
        "bad_row_count": stream.bad_row_count,
        "bad_rows_by_reason": dict(stream.bad_rows_by_reason.most_common()),
        "bad_rows": [
            {"file": b.file, "line": b.line,
             "where": b.file if b.line is None else f"{b.file}:{b.line}",
             "code": b.code, "reason": b.reason}
            for b in stream.bad_rows[:LISTED]
        ],
        "bad_rows_listed": min(len(stream.bad_rows), LISTED),
        "notice_count": stream.notice_count,
        "notices": [
            {"file": n.file, "line": n.line,
             "where": n.file if n.line is None else f"{n.file}:{n.line}",
             "code": n.code, "message": n.message}
            for n in stream.notices[:LISTED]
        ],
        "summary": read_sentence(stream),
    }


def read_sentence(stream: ImportStream) -> str:
    """"Read 300 records from 300 files of Decidim; 2 rows were skipped." """
    files = f"{stream.files_read} file" + ("" if stream.files_read == 1 else "s")
    records = f"{stream.records_read} record" + ("" if stream.records_read == 1 else "s")
    said = f"Read {records} from {files} of {PLATFORMS.get(stream.source, stream.source)}"
    if stream.bad_row_count:
        verb = "was" if stream.bad_row_count == 1 else "were"
        return f"{said}; {_rows(stream.bad_row_count)} {verb} skipped."
    return f"{said}; nothing was skipped."


def flags(stream: ImportStream) -> list[dict[str, Any]]:
    """Flags for the report: rows skipped (so every format says so)."""
    said = skipped_sentence(stream)
    return [{"code": "rows_skipped", "party": None, "message": said}] if said else []
