"""CONSUL proposals CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import pytest

from sharedspace.imports import ImportInputError, ImportStream, ProposalRecord, open_source

HEADER = '"id";"title";"description";"author_id";"cached_votes_up";"created_at";"retired_at"\n'


def _read(path: Path) -> tuple[list[ProposalRecord], ImportStream]:
    with open_source(path, "consul") as stream:
        records = cast(list[ProposalRecord], list(stream))
    return records, stream


def test_consul_fixture(data_dir: Path) -> None:
    """Every row is a citizen proposal; retired → withdrawn, selected → accepted,
    hidden_at → hidden; a description with a line break keeps the next row's real line."""
    records, stream = _read(data_dir / "consul-proposals.csv")
    assert [(r.ref, r.source, r.state, r.hidden, r.origin.line) for r in records] == [
        ("1", "citizen", "accepted", False, 2),
        ("2", "citizen", "withdrawn", False, 3),
        ("3", "citizen", "open", True, 5),
        ("4", "citizen", "open", False, 6),
    ]
    assert records[0].title == "Más árboles en la calle Mayor"
    assert records[0].votes == 1200
    assert records[0].author == "501"
    assert records[0].created_at == datetime(2016, 3, 1, 10, tzinfo=UTC)
    assert stream.formats_seen == {"consul-csv": 4}
    assert stream.bad_row_count == 0
    assert stream.owner_detected is None


def test_bad_consul_rows_are_reported_with_their_lines(write: Callable[..., Path]) -> None:
    """Missing title, a date that is not one, a vote count that is not a number, a row with
    a cell too many or too few: each is a bad row at its line; good rows are read."""
    path = write(
        "c.csv",
        HEADER
        + "\n".join(
            [
                '"1";"Good";"";"7";"3";"2016-03-01";""',  # 2
                '"2";"";"no title";"7";"3";"2016-03-01";""',  # 3
                '"3";"Date";"";"7";"3";"last week";""',  # 4
                '"4";"Votes";"";"7";"many";"2016-03-01";""',  # 5
                '"5";"Short";"";"7";"3";"2016-03-01"',  # 6
                '"6";"Long";"";"7";"3";"2016-03-01";"";"x"',  # 7
                '"7";"Retired";"";"7";"3";"2016-03-01";"2016-04-01"',  # 8
            ]
        )
        + "\n",
    )
    records, stream = _read(path)
    assert [(r.ref, r.state) for r in records] == [("1", "open"), ("7", "withdrawn")]
    assert [(b.line, b.code) for b in stream.bad_rows] == [
        (3, "missing_field"),
        (4, "bad_date"),
        (5, "bad_value"),
        (6, "wrong_field_count"),
        (7, "wrong_field_count"),
    ]


def test_official_proposals_when_the_export_says_so(write: Callable[..., Path]) -> None:
    """An `official_level` above 0 (joined from CONSUL's users) makes the proposal official."""
    path = write("c.csv", "id;title;official_level\n1;A;0\n2;B;2\n")
    records, _ = _read(path)
    assert [r.source for r in records] == ["citizen", "official"]


def test_a_latin1_consul_file(write: Callable[..., Path]) -> None:
    """An export saved as Latin-1 is read with its accents and one notice."""
    path = write("c.csv", "id;title\n1;Educación\n2;Ñandú\n", encoding="latin-1")
    records, stream = _read(path)
    assert [r.title for r in records] == ["Educación", "Ñandú"]
    assert [(n.line, n.code) for n in stream.notices] == [(2, "latin1_file")]


def test_not_a_consul_file(data_dir: Path) -> None:
    """A Decidim JSON file named as CONSUL is refused, naming the file."""
    with pytest.raises(ImportInputError) as caught:
        open_source(data_dir / "decidim-current.json", "consul")
    assert "decidim-current.json" in str(caught.value)
    assert "CSV" in str(caught.value)
