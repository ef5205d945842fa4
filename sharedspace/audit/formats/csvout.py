"""The audit report as CSV: one row per measure, party and value.

Columns (documented in docs/audit.md):
``measure`` (a top-level key of the JSON report), ``party`` (a party id where the value is
about one party, else empty), ``party_name``, ``field`` (the rest of the JSON path, dotted,
list items as ``[i]``) and ``value`` (numbers and money as written in the JSON, true/false,
empty for null).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

COLUMNS = ("measure", "party", "party_name", "field", "value")


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _rows(measure: str, value: Any, path: list[str], party: str, parties: Mapping[str, Any]
          ) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, Mapping):
        if not value:
            return
        for key, sub in value.items():
            key = str(key)
            if not party and key in parties:
                yield from _rows(measure, sub, path, key, parties)
            else:
                yield from _rows(measure, sub, [*path, key], party, parties)
    elif isinstance(value, (list, tuple)):
        for i, sub in enumerate(value):
            yield from _rows(measure, sub, [*path[:-1], f"{path[-1] if path else ''}[{i}]"],
                             party, parties)
    else:
        yield party, ".".join(path), _value(value)


def to_csv(report: Mapping[str, Any]) -> str:
    parties = report.get("parties") or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for measure, value in report.items():
        for party, field, cell in _rows(measure, value, [], "", parties):
            name = (parties.get(party) or {}).get("name", "") if party else ""
            writer.writerow((measure, party, name, field, cell))
    return out.getvalue()
