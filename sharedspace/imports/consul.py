"""CONSUL proposals CSV: `;`-separated and quoted, one row per proposal.

Columns are CONSUL's `proposals` table (id, title, description, author_id, cached_votes_up,
created_at, retired_at, hidden_at, selected, geozone_id, …); only `id` and `title` are
required, the rest are used when present. Mapping (see docs/imports.md):
- every proposal comes from a participant (`citizen`), unless the row says it is official
  (an `official` column that is true, or an author `official_level` above 0);
- `retired_at` set → withdrawn (the author retired it); else `selected` true → accepted (the
  owner picked it up); else an explicit `state`/`status` column if there is one; else open;
- `hidden_at` set → hidden (moderated away by the owner's moderators);
- `author` is the opaque `author_id` (CONSUL exports carry no public names; personal data such
  as `responsible_name` is not read).
"""

from __future__ import annotations

from collections.abc import Iterator

from .csvrows import CsvFile, check_header
from .errors import RowError
from .inputs import InputFile
from .records import (
    SOURCE_CITIZEN,
    SOURCE_OFFICIAL,
    STATE_ACCEPTED,
    STATE_EVALUATING,
    STATE_OPEN,
    STATE_REJECTED,
    STATE_WITHDRAWN,
    Location,
    ProposalRecord,
)
from .stream import ImportStream
from .values import parse_bool, parse_count, parse_optional_datetime

FORMAT = "consul-csv"
_STATES = {
    "": STATE_OPEN,
    "open": STATE_OPEN,
    "accepted": STATE_ACCEPTED,
    "selected": STATE_ACCEPTED,
    "rejected": STATE_REJECTED,
    "evaluating": STATE_EVALUATING,
    "withdrawn": STATE_WITHDRAWN,
    "retired": STATE_WITHDRAWN,
}


def looks_like_csv(columns: list[str]) -> bool:
    """A CONSUL proposals header: id and title at least."""
    names = {c.strip().lower() for c in columns}
    return "id" in names and "title" in names


def _flag(row: dict[str, str], column: str) -> bool:
    return parse_bool(row.get(column, ""), field=column)


def map_row(row: dict[str, str], origin: Location) -> ProposalRecord:
    """One CONSUL row (column → cell) as a record; RowError if it is bad."""
    ref = row["id"].strip()
    if not ref:
        raise RowError("missing_field", "the proposal has no id")
    title = row["title"].strip()
    if not title:
        raise RowError("missing_field", "the proposal has no title")
    official_level = parse_count(row.get("official_level", ""), field="official_level") or 0
    source = SOURCE_OFFICIAL if _flag(row, "official") or official_level > 0 else SOURCE_CITIZEN
    retired_at = parse_optional_datetime(row.get("retired_at", ""), field="retired_at")
    if retired_at is not None:
        state = STATE_WITHDRAWN
    elif _flag(row, "selected"):
        state = STATE_ACCEPTED
    else:
        raw = row.get("state", row.get("status", "")).strip().lower()
        if raw not in _STATES:
            raise RowError(
                "unknown_state",
                f"the state {raw!r} is not one of open, accepted, rejected, withdrawn",
            )
        state = _STATES[raw]
    hidden = parse_optional_datetime(row.get("hidden_at", ""), field="hidden_at") is not None
    author = row.get("author_id", "").strip() or None
    return ProposalRecord(
        ref=ref,
        source=source,
        author=author,
        created_at=parse_optional_datetime(row.get("created_at", ""), field="created_at"),
        state=state,
        title=title,
        category=row.get("tag_list", "").strip() or None,
        origin=origin,
        reference=row.get("code", "").strip() or None,
        scope=row.get("geozone_id", "").strip() or None,
        votes=parse_count(row.get("cached_votes_up", ""), field="cached_votes_up"),
        hidden=hidden,
    )


def parse_csv(file: InputFile, stream: ImportStream) -> Iterator[ProposalRecord]:
    """Every row of a CONSUL proposals CSV, as records; bad rows reported and skipped."""
    with file.open() as binary:
        table = CsvFile(binary, file.name, stream, stream.progress)
        try:
            header = [column.lower() for column in table.header]
            try:
                check_header(header, table.header_error)
            except RowError as exc:
                stream.bad(file.name, table.header_line, exc.code, exc.reason)
                return
            for line, cells in table.rows():
                origin = Location(file.name, line)
                try:
                    record = map_row(dict(zip(header, cells, strict=True)), origin)
                except RowError as exc:
                    stream.bad(file.name, line, exc.code, exc.reason)
                    continue
                stream.formats_seen[FORMAT] += 1
                yield record
        finally:
            table.close()
