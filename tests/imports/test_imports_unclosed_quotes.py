"""A quote opened in a cell and never closed: every physical line is still accounted for.

Before, the csv module read every line after such a quote (up to the next quote, the end of
the file or 131,072 characters) as one cell: thousands of rows vanished into one bad row, or
into none at all. Now the row is reported (`unclosed_quote`, naming the lines it ran over)
and the lines after it are read again as rows of their own (csvrows.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sharedspace.imports import ImportStream, open_source

HEADER = "when,party,party_kind,action,venue,outcome,amount,reference,note\n"


def _read(path: Path, source: str = "csv") -> tuple[list[Any], ImportStream]:
    with open_source(path, source) as stream:
        records = list(stream)
    return records, stream


def _log(rows: int, *, broken: int | None, note: str = "ok") -> str:
    """An event log of `rows` propose rows (lines 2 …); the row on line `broken` opens a quote
    in its note and never closes it."""
    out = [HEADER]
    for i in range(rows):
        line = i + 2
        cell = '"unclosed note' if line == broken else note
        out.append(f"2024-01-03,A,people,propose,own,,,P-{line},{cell}\n")
    return "".join(out)


def _bad(stream: ImportStream) -> list[tuple[int | None, str]]:
    return [(b.line, b.code) for b in stream.bad_rows]


def test_a_quote_open_to_the_end_of_the_file_loses_only_its_own_row(
    write: Callable[..., Path],
) -> None:
    """200 rows, a quote opened on line 3 and never closed: 199 records are read (before: 2,
    and no bad row at all), the row on line 3 is reported with the lines it ran over, and
    every record keeps its real line number."""
    records, stream = _read(write("log.csv", _log(200, broken=3)))
    assert len(records) == 199
    assert _bad(stream) == [(3, "unclosed_quote")]
    reason = stream.bad_rows[0].reason
    assert "a quote opened on line 3 is never closed" in reason
    assert "line 201" in reason and "read again" in reason
    assert [r.origin.line for r in records] == [2, *range(4, 202)]
    assert [r.reference for r in records] == [f"P-{n}" for n in (2, *range(4, 202))]


def test_a_note_whose_second_line_looks_like_a_row_is_kept(write: Callable[..., Path]) -> None:
    """One line of a genuine note that happens to have the header's number of commas and to
    start with a digit is not taken for a swallowed row: it takes two such lines, and most of
    the note, to say a quote ran on."""
    cells = ",".join(f"{n} things" for n in range(9))  # nine cells, like the header
    content = (HEADER
               + f'2024-01-03,A,people,propose,own,,,P-2,"We agreed:\n{cells}"\n'
               + "2024-01-04,A,people,propose,own,,,P-4,ok\n")
    records, stream = _read(write("log.csv", content))
    assert stream.bad_row_count == 0
    assert [(r.reference, r.origin.line) for r in records] == [("P-2", 2), ("P-4", 4)]
    assert records[0].note == f"We agreed:\n{cells}"


def test_a_quote_that_runs_past_the_cell_size_limit(write: Callable[..., Path]) -> None:
    """10,001 rows, a quote opened on line 3: the csv module gives up after 131,072
    characters (before: ~3,000 rows vanished with one bad row "field larger than field
    limit"). Now only line 3 is skipped and every other row is read, at its own line."""
    records, stream = _read(write("big.csv", _log(10_001, broken=3)))
    assert len(records) == 10_000
    assert _bad(stream) == [(3, "unclosed_quote")]
    assert [r.origin.line for r in records] == [2, *range(4, 10_003)]


def test_a_later_quote_that_closes_the_swallowed_cell(write: Callable[..., Path]) -> None:
    """The quote opened on line 3 is closed by the quote of a later row's note: the row came
    out with the right number of cells and a note holding 40 rows, and was taken as good.
    Now those lines look like rows of their own, so they are read again as rows."""
    content = _log(60, broken=3).replace("P-44,ok", 'P-44,"quoted, note"')
    records, stream = _read(write("log.csv", content))
    assert _bad(stream) == [(3, "unclosed_quote")]
    assert len(records) == 59
    assert [r.origin.line for r in records] == [2, *range(4, 62)]
    assert records[-18].note == "quoted, note"


def test_a_decidim_csv_with_an_unclosed_title(write: Callable[..., Path]) -> None:
    """A Decidim CSV with an unclosed quote in a title on line 2 (before: 0 records read,
    "1 row skipped", 100 proposals lost): 99 proposals are read."""
    rows = "".join(f"{i};t{i};accepted\n" for i in range(2, 101))
    records, stream = _read(write("d.csv", 'id;title;state\n1;"unclosed;accepted\n' + rows),
                            "decidim")
    assert len(records) == 99
    assert _bad(stream) == [(2, "unclosed_quote")]
    assert [r.ref for r in records] == [str(i) for i in range(2, 101)]


def test_a_consul_csv_with_an_unclosed_quote(write: Callable[..., Path]) -> None:
    """CONSUL quotes every cell; one cell left open swallows the rows after it until the
    next quote. Only that row is skipped."""
    lines = ['"id";"title";"author_id"\n']
    lines += [f'"{i}";"Title {i}";"{500 + i}"\n' for i in range(1, 8)]
    lines[3] = '"3";"Title 3\n'  # the title's quote is never closed
    records, stream = _read(write("c.csv", "".join(lines)), "consul")
    assert _bad(stream) == [(4, "unclosed_quote")]
    assert [r.ref for r in records] == ["1", "2", "4", "5", "6", "7"]
    assert [r.origin.line for r in records] == [2, 3, 5, 6, 7, 8]


def test_text_that_does_not_look_like_rows_is_one_bad_row_naming_its_lines(
    write: Callable[..., Path],
) -> None:
    """A quote still open at the end of the file over lines of plain text (no rows in them):
    one bad row that names the lines it took, and nothing is read from them."""
    content = (HEADER + "2024-01-03,A,people,propose,own,,,P-2,ok\n"
               "2024-01-03,A,people,propose,own,,,P-3,\"a note\nthat goes on\nand on\n")
    records, stream = _read(write("log.csv", content))
    assert [r.reference for r in records] == ["P-2"]
    assert _bad(stream) == [(3, "unclosed_quote")]
    assert stream.bad_rows[0].reason == (
        "a quote opened on line 3 is never closed, so lines 3 to 5 (3 lines) could not be read"
    )


def test_a_quote_left_open_on_the_last_line(write: Callable[..., Path]) -> None:
    """The last row opens a quote (before: taken as good, its note ending in a line break)."""
    content = HEADER + "2024-01-03,A,people,propose,own,,,P-2,ok\n" + \
        '2024-01-03,A,people,propose,own,,,P-3,"open note\n'
    records, stream = _read(write("log.csv", content))
    assert [r.reference for r in records] == ["P-2"]
    assert _bad(stream) == [(3, "unclosed_quote")]


def test_a_legitimate_note_over_several_lines_is_kept(write: Callable[..., Path]) -> None:
    """A quoted note with line breaks, commas and numbers in it is one cell of one good row;
    the row after it keeps its real line number."""
    content = (HEADER
               + '2024-01-03,A,people,propose,own,,,P-2,"We met, twice.\nCosts: 10, 20\n'
               'and 30, in all."\n'
               + "2024-01-04,A,people,propose,own,,,P-5,ok\n")
    records, stream = _read(write("log.csv", content))
    assert stream.bad_row_count == 0
    assert [(r.reference, r.origin.line) for r in records] == [("P-2", 2), ("P-5", 5)]
    assert records[0].note == "We met, twice.\nCosts: 10, 20\nand 30, in all."


def test_a_line_longer_than_the_cell_size_limit(write: Callable[..., Path]) -> None:
    """One line too long for the csv module is one bad row; the next keeps its line."""
    content = (HEADER + "2024-01-03,A,people,propose,own,,,P-2," + "x" * 140_000 + "\n"
               + "2024-01-04,A,people,propose,own,,,P-3,ok\n")
    records, stream = _read(write("log.csv", content))
    assert _bad(stream) == [(2, "bad_csv")]
    assert [(r.reference, r.origin.line) for r in records] == [("P-3", 3)]


def test_a_huge_quoted_cell_of_text_names_the_lines_it_took(write: Callable[..., Path]) -> None:
    """A quoted cell of plain text longer than the limit: one bad row naming its lines."""
    text = "".join(f"a line of text number {i}\n" for i in range(6_000))
    content = (HEADER + f'2024-01-03,A,people,propose,own,,,P-2,"{text}"\n')
    records, stream = _read(write("log.csv", content))
    assert stream.bad_rows[0].line == 2
    assert stream.bad_rows[0].code == "bad_csv"
    assert "could not be read: is a closing quote missing?" in stream.bad_rows[0].reason
    assert records == []


def test_rows_read_again_keep_their_encoding_repairs(write: Callable[..., Path]) -> None:
    """A Windows-1252 file: the rows read again after an unclosed quote are repaired like
    any other (é stays é)."""
    content = (HEADER + '2024-01-03,A,people,propose,own,,,P-2,"open\n'
               + "2024-01-03,A,people,propose,own,,,P-3,café\n"
               + "2024-01-03,A,people,propose,own,,,P-4,thé\n")
    records, stream = _read(write("log.csv", content.encode("cp1252")))
    assert _bad(stream) == [(2, "unclosed_quote")]
    assert [(r.reference, r.note) for r in records] == [("P-3", "café"), ("P-4", "thé")]


notes = st.text(alphabet="ab 12,;-", max_size=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(notes, min_size=1, max_size=25), st.data())
def test_one_unclosed_quote_costs_exactly_its_own_row(rows: list[str], data: Any) -> None:
    """Whatever the notes (quoted, with commas, digits), leaving one row's closing quote out
    skips that row alone, reported at its line; every other row is read at its own line."""
    broken = data.draw(st.integers(0, len(rows) - 1))
    lines = [HEADER]
    for i, note in enumerate(rows):
        close = "" if i == broken else '"'
        lines.append(f'2024-01-03,A,people,propose,own,,,P-{i},"{note}{close}\n')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text("".join(lines), encoding="utf-8")
        records, stream = _read(path)
    assert _bad(stream) == [(broken + 2, "unclosed_quote")]
    kept = [i for i in range(len(rows)) if i != broken]
    assert [r.origin.line for r in records] == [i + 2 for i in kept]
    assert [r.note or "" for r in records] == [rows[i].strip() for i in kept]


def test_a_quote_left_open_in_the_header(write: Callable[..., Path]) -> None:
    """A header whose quote runs on took in the whole file, silently (0 records, nothing
    skipped). Now the header is a bad row that says which lines it took."""
    path = write("d.csv", 'id;"title;state\n1;t;accepted\n2;t;accepted\n')
    records, stream = _read(path, "decidim")
    assert records == []
    assert _bad(stream) == [(1, "unclosed_quote")]
    assert "lines 1 to 3 could not be read" in stream.bad_rows[0].reason


def test_rows_after_a_broken_cell_are_found_by_the_last_good_row(
    write: Callable[..., Path],
) -> None:
    """A quote that opens on a line of its own (whose first cell says nothing of how rows
    start) still gives back the rows it took in: they start like the last good row."""
    content = (HEADER + "2024-01-02,A,people,propose,own,,,P-2,ok\n"
               + '"\n'
               + "2024-01-03,A,people,propose,own,,,P-4,ok\n")
    records, stream = _read(write("log.csv", content))
    assert [(r.reference, r.origin.line) for r in records] == [("P-2", 2), ("P-4", 4)]
    assert _bad(stream) == [(3, "unclosed_quote")]
