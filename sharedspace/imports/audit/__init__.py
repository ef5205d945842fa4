"""The power audit of another platform's records (DESIGN §6, CONTRACT.md `audit-import`).

Bird's-eye view: `audit_import(path, source, ...)` opens the input with the importers
(`sharedspace.imports.open_source`), folds each record into counters as it streams by
(proposals.py for Decidim and CONSUL, events.py and scope.py for the plain CSV event log),
and builds the report with the audit engine's own builder and ladder (build.py), so that it
has the shape of `sharedspace.audit.audit_space` and the same rules judge it. The `source`
block says what was read and what was skipped, and why (source.py).

Why it is shaped like this:
- Counters, never records: memory stays flat however large the input (the event log's
  proposal index moves to a temporary SQLite file past 50,000 open proposals, refs.py).
- Pure Python over plain data, no database: the CLI, a background task of the upload page
  or a test call it alike; it prints nothing (progress goes to the callback).
- Parsing stays in the importers, power in the audit: this package is the mapping between
  them, documented in docs/audit.md ("Audits of imported records").
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, ngettext

from sharedspace.audit.ladder import LADDER
from sharedspace.imports import ImportInputError, ImportStream, open_source
from sharedspace.imports.records import EventRecord, ProposalRecord
from sharedspace.imports.textio import ProgressCallback

from . import source as source_info
from .build import finish
from .events import EventTally
from .proposals import ProposalTally

__all__ = [
    "FALLBACK_OWNER", "ImportInputError", "audit_import", "audit_stream", "audit_stream_in",
]

#: The owner's key and name when neither --owner nor the data names it.
FALLBACK_OWNER = "the platform's owner"
_PLATFORM_TITLES = {"decidim": "Decidim proposals", "consul": "CONSUL proposals"}


def _check_claimed(claimed: str | None) -> None:
    if claimed is not None and claimed not in LADDER:
        raise ValueError(
            f"{claimed!r} is not a word of the ladder: use one of {', '.join(LADDER)}"
        )


def _shorten_evidence(report: dict[str, Any], path: Path) -> None:
    """Evidence is `file:line`; for a folder, the file is named from inside it."""
    if not path.is_dir():
        return
    prefix = os.path.join(str(path), "")
    for one in [report, *report.get("spaces", [])]:
        one["evidence"] = {
            measure: [w[len(prefix):] if w.startswith(prefix) else w for w in places]
            for measure, places in one["evidence"].items()
        }


def audit_stream(
    stream: ImportStream, *, claimed: str | None = None, spill_at: int | None = None
) -> dict[str, Any]:
    """Read an opened stream to the end and return its audit report (see audit_import), in
    the active language."""
    return _read(stream, claimed=claimed, spill_at=spill_at)()


def audit_stream_in(
    stream: ImportStream, languages: Sequence[str], *, claimed: str | None = None,
    spill_at: int | None = None,
) -> dict[str, dict[str, Any]]:
    """Read an opened stream to the end once and return its report in each of `languages`
    (language code to report): the figures are the same, only the sentences differ. The
    upload page keeps them all, so a report reads in whichever language its reader chose."""
    build = _read(stream, claimed=claimed, spill_at=spill_at)
    reports = {}
    for language in languages:
        with translation.override(language):
            reports[language] = build()
    return reports


def _fold(stream: ImportStream, tally: Any, kind: type) -> None:
    """Every record of `kind` into `tally` (an EventTally or a ProposalTally); a record
    given again is set aside as a skipped row saying where the first one was (ADR 23)."""
    try:
        for record in stream:
            if isinstance(record, kind):
                why = tally.repeated(record)
                if why is not None:
                    stream.set_aside(record.origin, "duplicate_record", why)
                    continue
                tally.add(record)
    finally:
        tally.seen.close()


def _read(
    stream: ImportStream, *, claimed: str | None, spill_at: int | None
) -> Callable[[], dict[str, Any]]:
    """Fold every record of the stream into counters; return a function that builds the
    report from them in the active language, as often as it is called."""
    _check_claimed(claimed)
    if stream.source == "csv":
        events = EventTally(spill_at=spill_at)
        _fold(stream, events, EventRecord)

        def build() -> dict[str, Any]:
            report = events.reports(claimed=claimed, path=stream.path)
            return _finish(report, stream, None, "none")  # the log names every party itself

        return build

    proposals = ProposalTally(spill_at=spill_at)
    _fold(stream, proposals, ProposalRecord)
    owner: str
    if stream.owner:
        owner, owner_from = stream.owner, "--owner"
    elif stream.owner_detected:
        owner, owner_from = stream.owner_detected, "data"
    else:
        owner, owner_from = FALLBACK_OWNER, "none"

    def build_proposals() -> dict[str, Any]:
        state, parties, whose = proposals.state(owner)
        name = Path(stream.path).name or str(stream.path)
        report = finish(state, parties, claimed=claimed, whose=whose,
                        title=f"{_PLATFORM_TITLES[stream.source]}: {name}")
        report["space"] = name
        if proposals.hidden:
            n = proposals.hidden
            report["flags"].append({"code": "hidden_by_owner", "party": None, "message": ngettext(
                "%(n)s proposal was hidden by the platform's moderators (they still count "
                "above).",
                "%(n)s proposals were hidden by the platform's moderators (they still count "
                "above).",
                n,
            ) % {"n": n}})
        if owner_from == "none":
            report["cannot_measure_yet"].append(gettext(
                "The records do not name the platform's owner; name it with --owner NAME."
            ))
        return _finish(report, stream, owner, owner_from)

    return build_proposals


def _finish(
    report: dict[str, Any], stream: ImportStream, owner: str | None, owner_from: str
) -> dict[str, Any]:
    """What every imported report ends with: evidence relative to the input, and what was
    read and skipped. With no record read at all, the report says so first, and its label
    check claims nothing (the file was readable, so this is not an error: exit code 0)."""
    _shorten_evidence(report, stream.path)
    if not stream.records_read:
        nothing = gettext("No records could be read from the input, so nothing can be measured.")
        report["cannot_measure_yet"].insert(0, nothing)
        report["label_check"] = {"mismatch": False, "reasons": [nothing]}
        report["flags"] = []  # "the owner has not started anything": not from no data
    report["source"] = source_info.source_block(stream, owner=owner, owner_from=owner_from)
    report["flags"].extend(source_info.flags(stream))
    return report


def audit_import(
    path: str | os.PathLike[str],
    source: str,
    *,
    owner: str | None = None,
    claimed: str | None = None,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """The power audit of the records at `path` (a file, a folder or a zip).

    - source: "decidim", "consul" or "csv" (the plain event log, docs/import-csv.md).
    - owner: the platform owner's name (the single holder); else the name the data gives its
      official author; else "the platform's owner".
    - claimed: what the work is called, a ladder word, or None (then no mismatch).
    - progress: called with (bytes read, total bytes) while reading.

    Returns the audit JSON of CONTRACT.md plus `source` (what was read and skipped) and, for
    an event log, `spaces`. Raises ImportInputError when the input cannot be imported at
    all, ValueError when `claimed` is not a ladder word. Bad rows never raise.
    """
    _check_claimed(claimed)
    with open_source(path, source, owner=owner, progress=progress,
                     max_bad_rows=source_info.LISTED) as stream:
        return audit_stream(stream, claimed=claimed)
