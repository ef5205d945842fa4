"""The audit report as CSV: one row per measure, party and value.

Columns (documented in docs/audit.md):
``measure`` (a top-level key of the JSON report), ``party`` (a party id where the value is
about one party, else empty), ``party_name``, ``field`` (the rest of the JSON path, dotted,
list items as ``[i]``) and ``value`` (numbers and money as written in the JSON, true/false,
empty for null).

Every cell goes through ``spreadsheet_safe`` (also used by the other CSV files the product
writes): a text cell a spreadsheet would run as a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

COLUMNS = ("measure", "party", "party_name", "field", "value")

#: What a spreadsheet reads as the start of a formula (or, tab and carriage return, what can
#: hide one) when a cell begins with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that Excel, LibreOffice or Google Sheets will show, never run.

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'`` (``=1+2`` becomes ``'=1+2``), so a name chosen in the app or read from an
    imported file cannot become a formula (docs/audit.md, "Formats"). Numbers are left as
    they are, whether written as numbers or as the plain text of one (``-3``, ``-5.00``);
    anything that is not text is returned unchanged for the CSV writer to write.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(cells: Iterable[Any]) -> list[Any]:
    """``spreadsheet_safe`` on every cell of a row, for ``csv.writer.writerow``."""
    return [spreadsheet_safe(c) for c in cells]


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
            writer.writerow(safe_row((measure, party, name, field, cell)))
    return out.getvalue()
