"""The `source` block of an imported report: what was read, what was skipped, and why.

A report built from another platform's records must say how much of the input it stands on:
every skipped row is counted (by reason) and the first ones are listed with file and line,
so nothing is dropped silently (issue 5). The same facts, in one sentence, become a flag,
which every format (HTML, PDF, slides) shows under "Things to look at".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from sharedspace.imports.stream import ImportStream

#: The sentences here are in the active language (the CLI asks for English: docs/adr/0018).
PLATFORMS = {"decidim": "Decidim", "consul": "CONSUL", "csv": gettext_lazy("a CSV event log")}

#: Plain words for the codes of docs/imports.md and docs/import-csv.md (the rest: the code).
REASONS = {
    "missing_field": gettext_lazy("a required field was empty"),
    "bad_json": gettext_lazy("broken JSON"),
    "unknown_record": gettext_lazy("not a proposal"),
    "unknown_state": gettext_lazy("a state not in the list"),
    "unknown_source": gettext_lazy("a source not in the list"),
    "bad_date": gettext_lazy("a date that is not a date"),
    "bad_value": gettext_lazy("a value that does not fit its field"),
    "bad_amount": gettext_lazy("an amount that is not a plain number"),
    "bad_currency": gettext_lazy("a currency that is not a three-letter code"),
    "second_currency": gettext_lazy("a second currency"),
    "wrong_field_count": gettext_lazy("too many or too few cells"),
    "bad_csv": gettext_lazy("unreadable CSV"),
    "unclosed_quote": gettext_lazy("a quote that is never closed"),
    "duplicate_record": gettext_lazy("a record given twice"),
    "bad_encoding": gettext_lazy("bytes that are not UTF-8"),
    "unknown_format": gettext_lazy("a file that is not in the format"),
    "unreadable_file": gettext_lazy("a file that cannot be read"),
    "record_too_large": gettext_lazy("a record too large to read"),
    "line_too_long": gettext_lazy("a line too long to read"),
    "unknown_action": gettext_lazy("an action not in the list"),
    "unknown_venue": gettext_lazy("a venue not in the list"),
    "unknown_party_kind": gettext_lazy("a party kind not in the list"),
    "venue_not_allowed": gettext_lazy("an action in a venue where it cannot happen"),
    "bad_outcome": gettext_lazy("an outcome that does not fit the action"),
    "amount_not_allowed": gettext_lazy("an amount on an action without money"),
    "party_kind_conflict": gettext_lazy("a party given two kinds"),
    "host_not_allowed": gettext_lazy("a host where none belongs"),
    "target_not_allowed": gettext_lazy("a target where none belongs"),
    "missing_column": gettext_lazy("a header without a required column"),
}

#: How many skipped rows and notices the report lists in full (all are counted).
LISTED = 100


def skipped_sentence(stream: ImportStream) -> str | None:
    """"3 rows of the input were skipped: 2 broken JSON, 1 a state not in the list." """
    if not stream.bad_row_count:
        return None
    why = ", ".join(
        pgettext("how many rows, then why", "%(n)s %(reason)s")
        % {"n": n, "reason": REASONS.get(code, code.replace("_", " "))}
        for code, n in stream.bad_rows_by_reason.most_common()
    )
    return ngettext(
        "%(n)s row of the input was skipped and not counted: %(why)s. "
        "The report's source section lists them with file and line.",
        "%(n)s rows of the input were skipped and not counted: %(why)s. "
        "The report's source section lists them with file and line.",
        stream.bad_row_count,
    ) % {"n": stream.bad_row_count, "why": why}


def source_block(
    stream: ImportStream, *, owner: str | None, owner_from: str
) -> dict[str, Any]:
    """Plain data for the report's `source` key (documented in docs/audit.md)."""
    return {
        "platform": stream.source,
        "platform_name": str(PLATFORMS.get(stream.source, stream.source)),
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
    said = {
        "records": ngettext("%(n)s record", "%(n)s records", stream.records_read)
        % {"n": stream.records_read},
        "files": ngettext("%(n)s file", "%(n)s files", stream.files_read)
        % {"n": stream.files_read},
        "platform": PLATFORMS.get(stream.source, stream.source),
        "n": stream.bad_row_count,
    }
    if stream.bad_row_count:
        return ngettext(
            "Read %(records)s from %(files)s of %(platform)s; %(n)s row was skipped.",
            "Read %(records)s from %(files)s of %(platform)s; %(n)s rows were skipped.",
            stream.bad_row_count,
        ) % said
    return gettext("Read %(records)s from %(files)s of %(platform)s; nothing was skipped.") % said


def flags(stream: ImportStream) -> list[dict[str, Any]]:
    """Flags for the report: rows skipped (so every format says so)."""
    said = skipped_sentence(stream)
    return [{"code": "rows_skipped", "party": None, "message": said}] if said else []
