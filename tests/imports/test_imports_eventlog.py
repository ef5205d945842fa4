"""The plain CSV event log of docs/import-csv.md."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedspace.imports import EventRecord, ImportInputError, ImportStream, open_source
from sharedspace.imports.eventlog import ACTIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-csv.md"
HEADER = "when,party,party_kind,action,venue,host,target,outcome,amount,currency,reference\n"


def _read(path: Path, *, currency: str = "GBP") -> tuple[list[EventRecord], ImportStream]:
    with open_source(path, "csv", currency=currency) as stream:
        records = cast(list[EventRecord], list(stream))
    return records, stream


# -- the example --------------------------------------------------------------------------------


def test_the_documented_example_imports_cleanly(data_dir: Path) -> None:
    """The example file reads without a bad row or notice, and uses every action."""
    records, stream = _read(data_dir / "example-log.csv")
    assert len(records) == 39
    assert stream.bad_row_count == 0
    assert stream.notices == []
    assert {r.action for r in records} == set(ACTIONS)
    assert stream.formats_seen == {"eventlog-csv": 39}


def test_the_example_maps_rows_to_typed_records(data_dir: Path) -> None:
    """Dates are aware, money is Decimal in the log's one currency, empty cells are None,
    and a row after a quoted line break keeps its real line number."""
    records, _ = _read(data_dir / "example-log.csv")
    first = records[0]
    assert first.when == datetime(2024, 1, 8, tzinfo=UTC)
    assert (first.party, first.party_kind, first.action, first.venue) == (
        "Valley Council Adult Services",
        "organisation",
        "open_space",
        "own",
    )
    assert first.amount is None and first.currency is None and first.outcome is None
    objection = records[8]
    assert (objection.action, objection.outcome, objection.origin.line) == (
        "object",
        "overridden",
        10,
    )
    assert objection.note == "People would lose their only day out.\nPlease think again."
    assert records[9].origin.line == 12
    money = [r for r in records if r.amount is not None]
    assert all(isinstance(r.amount, Decimal) and r.currency == "GBP" for r in money)
    committed: dict[str, Decimal] = {}
    for r in records:
        if r.action == "commit" and r.amount is not None:
            committed[r.party] = committed.get(r.party, Decimal(0)) + r.amount
    assert committed == {
        "Valley Council Adult Services": Decimal("30000.00"),
        "Speaking Up Together": Decimal("500.00"),
    }
    guest = next(r for r in records if r.venue == "host")
    assert guest.host == "Valley Council Adult Services"


def test_the_doc_shows_the_example_file_exactly(data_dir: Path) -> None:
    """docs/import-csv.md embeds the example; it must not drift from the file."""
    doc = DOC.read_text(encoding="utf-8")
    embedded = re.search(r"```csv\n(.*?)```", doc, re.DOTALL)
    assert embedded is not None
    assert embedded.group(1) == (data_dir / "example-log.csv").read_text(encoding="utf-8")
    assert "tests/imports/data/example-log.csv" in doc


def test_every_action_is_documented() -> None:
    """The action table in the doc lists every action the parser accepts."""
    doc = DOC.read_text(encoding="utf-8")
    for action in ACTIONS:
        assert f"| `{action}` |" in doc


# -- bad rows -----------------------------------------------------------------------------------

GOOD = "2024-01-01,Council,organisation,decide,own,,,passed,,,P-1"

BAD_ROWS = [
    (",Council,organisation,decide,own,,,passed,,,P-1", "missing_field"),
    ("soon,Council,organisation,decide,own,,,passed,,,P-1", "bad_date"),
    ("2024-01-01,,organisation,decide,own,,,passed,,,P-1", "missing_field"),
    ("2024-01-01,Council,organisation,vote,own,,,passed,,,P-1", "unknown_action"),
    ("2024-01-01,Council,organisation,decide,board,,,passed,,,P-1", "unknown_venue"),
    ("2024-01-01,Group,people,decide,host,Council,,passed,,,P-1", "venue_not_allowed"),
    ("2024-01-01,Council,organisation,decide,own,,,,,,P-1", "missing_field"),
    ("2024-01-01,Council,organisation,decide,own,,,maybe,,,P-1", "bad_outcome"),
    ("2024-01-01,Council,organisation,object,shared,,,overridden,,,P-1", "bad_outcome"),
    ("2024-01-01,Council,council,decide,own,,,passed,,,P-1", "unknown_party_kind"),
    ("2024-01-01,Council,people,decide,own,,,passed,,,P-1", "party_kind_conflict"),
    ("2024-01-01,Council,organisation,commit,own,,,,lots,,", "bad_amount"),
    ('2024-01-01,Council,organisation,commit,own,,,,"1,000",,', "bad_amount"),
    ("2024-01-01,Council,organisation,commit,own,,,,,,", "missing_field"),
    ("2024-01-01,Council,organisation,comment,own,,,,10,,", "amount_not_allowed"),
    ("2024-01-01,Council,organisation,commit,own,,,,10,pounds,", "bad_currency"),
    ("2024-01-01,Council,organisation,commit,own,,,,10,EUR,", "second_currency"),
    ("2024-01-01,Council,organisation,propose,own,,,,,,", "missing_field"),
    ("2024-01-01,Group,people,propose,host,,,,,,P-9", "missing_field"),
    ("2024-01-01,Group,people,propose,host,Group,,,,,P-9", "bad_value"),
    ("2024-01-01,Council,organisation,propose,own,Council,,,,,P-9", "host_not_allowed"),
    ("2024-01-01,Council,organisation,invite,own,,,,,,", "missing_field"),
    ("2024-01-01,Council,organisation,remove_guest,own,,Council,,,,", "bad_value"),
    ("2024-01-01,Council,organisation,decide,own,,Group,passed,,,P-1", "target_not_allowed"),
    ("2024-01-01,Council,organisation,decide,own,,,passed,,,P-1,extra", "wrong_field_count"),
    ("2024-01-01,Council,organisation,decide,own", "wrong_field_count"),
]


def test_each_kind_of_bad_row_is_reported_at_its_line(write: Callable[..., Path]) -> None:
    """Every rule of docs/import-csv.md refuses its row with its own code and the row's line;
    a good row between each bad one is read, so nothing stops the import."""
    lines = [HEADER.rstrip("\n"), "2024-01-01,Council,organisation,commit,own,,,,5,GBP,"]
    expected = []
    for row, code in BAD_ROWS:
        lines.append(row)
        expected.append((len(lines), code))
        lines.append(GOOD)
    path = write("log.csv", "\n".join(lines) + "\n")
    records, stream = _read(path)
    assert [(b.line, b.code) for b in stream.bad_rows] == expected
    assert len(records) == 1 + len(BAD_ROWS)
    assert all(b.reason for b in stream.bad_rows)


def test_reasons_are_plain_words(write: Callable[..., Path]) -> None:
    """Reasons name what is wrong and what is allowed instead."""
    path = write("log.csv", HEADER + "2024-01-01,Group,people,decide,host,Council,,passed,,,\n")
    _, stream = _read(path)
    assert stream.bad_rows[0].reason == "decide cannot happen in venue host: use own, shared"


def test_one_currency_per_log(write: Callable[..., Path], tmp_path: Path) -> None:
    """The first amount fixes the log's currency (its cell, else the default GBP); empty
    currency cells mean that currency; another currency is a bad row, across files too."""
    write("a.csv", HEADER + "2024-01-01,Council,organisation,commit,own,,,,10,,\n")
    write(
        "b.csv",
        HEADER
        + "\n".join(
            [
                "2024-01-02,Council,organisation,spend,own,,,,4.5,gbp,",
                "2024-01-03,Council,organisation,spend,own,,,,1,EUR,",
            ]
        )
        + "\n",
    )
    records, stream = _read(tmp_path)
    assert [(r.amount, r.currency) for r in records] == [
        (Decimal("10"), "GBP"),
        (Decimal("4.5"), "GBP"),
    ]
    assert [(Path(b.file).name, b.line, b.code) for b in stream.bad_rows] == [
        ("b.csv", 3, "second_currency"),
    ]
    assert "one log uses one currency" in stream.bad_rows[0].reason


def test_a_euro_log(write: Callable[..., Path]) -> None:
    """A log whose first amount is in EUR is a EUR log; later empty cells are EUR too."""
    path = write(
        "log.csv",
        HEADER
        + "\n".join(
            [
                "2024-01-01,Ajuntament,organisation,commit,own,,,,10,EUR,",
                "2024-01-02,Ajuntament,organisation,spend,own,,,,3,,",
            ]
        )
        + "\n",
    )
    records, _ = _read(path)
    assert [r.currency for r in records] == ["EUR", "EUR"]


def test_default_currency_can_be_chosen(write: Callable[..., Path]) -> None:
    """open_source(currency=...) sets the currency of a log that never names one."""
    path = write("log.csv", HEADER + "2024-01-01,Council,organisation,commit,own,,,,10,,\n")
    records, _ = _read(path, currency="eur")
    assert records[0].currency == "EUR"


def test_party_kind_given_once_applies_to_later_rows(write: Callable[..., Path]) -> None:
    """A party's kind, given on one row, is carried to its rows that leave it empty."""
    path = write(
        "log.csv",
        HEADER
        + "\n".join(
            [
                "2024-01-01,Group,people,comment,shared,,,,,,",
                "2024-01-02,Group,,comment,shared,,,,,,",
            ]
        )
        + "\n",
    )
    records, _ = _read(path)
    assert [r.party_kind for r in records] == ["people", "people"]


def test_header_spellings_separators_and_extra_columns(write: Callable[..., Path]) -> None:
    """`;` separators, `Party Kind` for party_kind, upper-case words, and an unknown column
    (ignored with a notice) are all fine."""
    path = write(
        "log.csv",
        "When;Party;Party Kind;ACTION;Venue;Outcome;Colour\n"
        "05/03/2024;Council;Organization;Decide;OWN;Passed;blue\n",
    )
    records, stream = _read(path)
    assert (records[0].party_kind, records[0].action, records[0].venue, records[0].outcome) == (
        "organisation",
        "decide",
        "own",
        "passed",
    )
    assert records[0].when == datetime(2024, 3, 5, tzinfo=UTC)
    assert [(n.line, n.code) for n in stream.notices] == [(1, "ignored_columns")]
    assert "colour" in stream.notices[0].message


# -- encodings ----------------------------------------------------------------------------------


def test_excel_utf8_with_bom(write: Callable[..., Path]) -> None:
    """Excel's "CSV UTF-8" starts with a byte order mark; the first column is still `when`."""
    path = write("log.csv", "\ufeff" + HEADER + "2024-01-01,Café Cymru,people,comment,own,,,,,,\n")
    records, stream = _read(path)
    assert records[0].party == "Café Cymru"
    assert stream.notices == []


def test_a_latin1_log_is_read_with_one_notice(write: Callable[..., Path]) -> None:
    """A Windows-1252 file is read with its accents (and the euro sign) right, and one
    notice at the first line that was not UTF-8."""
    path = write(
        "log.csv",
        HEADER
        + "\n".join(
            [
                "2024-01-01,Council,organisation,comment,own,,,,,,",
                "2024-01-02,Caf\xe9 Cymru,people,comment,own,,,,,,\u20ac-1",
            ]
        )
        + "\n",
        encoding="cp1252",
    )
    records, stream = _read(path)
    assert [r.party for r in records] == ["Council", "Café Cymru"]
    assert records[1].reference == "€-1"
    assert [(n.line, n.code) for n in stream.notices] == [(3, "latin1_file")]
    assert stream.bad_row_count == 0


def test_a_utf16_log(write: Callable[..., Path]) -> None:
    """Some spreadsheet programs save "Unicode text" as UTF-16 with a mark; it is read."""
    path = write(
        "log.csv", HEADER + "2024-01-01,Grŵp,people,comment,own,,,,,,\n", encoding="utf-16"
    )
    records, _ = _read(path)
    assert records[0].party == "Grŵp"


def test_mixed_encodings_make_bad_rows(write: Callable[..., Path]) -> None:
    """A row with Latin-1 bytes in a file that already had UTF-8 text is a bad row."""
    content = (
        (HEADER + "2024-01-01,Grŵp,people,comment,own,,,,,,\n").encode()
        + ("2024-01-02,Café,people,comment,own,,,,,,\n".encode("latin-1"))
        + b"2024-01-03,Group,people,comment,own,,,,,,\n"
    )
    path = write("log.csv", content)
    records, stream = _read(path)
    assert [r.party for r in records] == ["Grŵp", "Group"]
    assert [(b.line, b.code) for b in stream.bad_rows] == [(3, "bad_encoding")]


# -- files that are not event logs ---------------------------------------------------------------


def test_missing_columns_refuse_a_single_file(write: Callable[..., Path]) -> None:
    """A lone file whose header lacks required columns is refused, naming them."""
    path = write("log.csv", "when,party,action\n2024-01-01,Council,decide\n")
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "csv")
    assert "venue" in str(caught.value)
    assert "log.csv" in str(caught.value)


def test_in_a_folder_a_file_that_is_no_log_is_a_bad_file(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """In a folder, a CSV that is not an event log is reported (line None: the whole file)
    and the logs beside it are read."""
    write("a.csv", "name,age\nx,1\n")
    write("b.csv", HEADER + GOOD + "\n")
    records, stream = _read(tmp_path)
    assert len(records) == 1
    assert [(Path(b.file).name, b.line, b.code) for b in stream.bad_rows] == [
        ("a.csv", None, "unknown_format"),
    ]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet='ab ,"\n\r', max_size=8), min_size=1, max_size=12))
def test_line_numbers_survive_quoted_line_breaks(notes: list[str]) -> None:
    """Whatever the notes hold (commas, quotes, line breaks), every record's line is the
    physical line its row starts on, as a spreadsheet user would look for it."""
    header = "when,party,action,venue,note\n"
    rows = []
    for note in notes:
        quoted = '"' + note.replace('"', '""') + '"'
        rows.append(f"2024-01-01,Group,comment,own,{quoted}\r\n")
    content = header + "".join(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_bytes(content.encode())
        records, stream = _read(path)
    assert stream.bad_row_count == 0
    expected, line = [], 2
    for row in rows:
        expected.append(line)
        line += row.count("\n") + row.replace("\r\n", "").count("\r")
    assert [r.origin.line for r in records] == expected
    assert [r.note or "" for r in records] == [n.strip() for n in notes]
