"""Decidim proposals: the legacy decidim.barcelona JSON and current open-data exports."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import pytest

from sharedspace.imports import ImportInputError, ImportStream, ProposalRecord, open_source
from sharedspace.imports.decidim import current_source


def _read(path: Path, *, owner: str | None = None) -> tuple[list[ProposalRecord], ImportStream]:
    with open_source(path, "decidim", owner=owner) as stream:
        records = cast(list[ProposalRecord], list(stream))
    return records, stream


def _expected_counts(sample: Path) -> tuple[Counter[str], Counter[str], int]:
    """Counts by source and by status, computed straight from the files, independently."""
    sources: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    files = sorted(sample.glob("*.json"))
    for path in files:
        proposal = json.loads(path.read_text(encoding="utf-8"))["proposal"]
        sources[proposal["source"]] += 1
        statuses[proposal["status"]] += 1
    return sources, statuses, len(files)


# -- the real sample ----------------------------------------------------------------------------


def test_the_real_sample_folder_imports_with_the_right_counts(sample_dir: Path) -> None:
    """Every proposal file of the decidim.barcelona sample becomes one record; counts by
    source and by status equal those computed from the files directly; the README beside
    them is skipped with a notice, not reported as a bad row; the owner is detected."""
    sources, statuses, files = _expected_counts(sample_dir)
    records, stream = _read(sample_dir)
    assert len(records) == files == 300
    assert Counter(r.source for r in records) == sources
    assert Counter(r.state for r in records) == statuses
    assert stream.bad_row_count == 0
    assert stream.formats_seen == {"decidim-legacy-json": 300}
    assert stream.owner_detected == "Ajuntament de Barcelona"
    assert [Path(name).name for name in stream.skipped_files] == ["README.md"]
    assert [n.code for n in stream.notices] == ["not_data_file"]
    assert all(r.origin.line == 1 for r in records)
    # the files are read in sorted order
    assert [Path(r.origin.file).name for r in records] == sorted(
        p.name for p in sample_dir.glob("*.json")
    )


def test_the_real_sample_counts_are_what_the_audit_will_show(sample_dir: Path) -> None:
    """The sample's counts, written out: 33 official, 100 citizen, 52 organization,
    115 meeting; 215 accepted and 85 rejected, so 300 decisions by the owner."""
    records, _ = _read(sample_dir)
    assert Counter(r.source for r in records) == {
        "meeting": 115,
        "citizen": 100,
        "organization": 52,
        "official": 33,
    }
    assert Counter(r.state for r in records) == {"accepted": 215, "rejected": 85}
    assert sum(r.decided for r in records) == 300


def test_a_legacy_file_maps_every_field(sample_dir: Path) -> None:
    """00020.json: an official proposal of the City Council, accepted, dated day/month/year."""
    records, _ = _read(sample_dir / "00020.json")
    assert records == [
        ProposalRecord(
            ref="20",
            source="official",
            author="Ajuntament de Barcelona",
            created_at=datetime(2016, 1, 22, tzinfo=UTC),
            state="accepted",
            title="Programes de gent gran: teleassistència, Àpats, Vincles i d'altres",
            category="Bon viure",
            origin=records[0].origin,
            reference="BCN-2016-01-20",
            scope="Gràcia",
            votes=38,
        )
    ]
    assert records[0].origin.file.endswith("00020.json")


def test_meeting_proposals_have_no_author(sample_dir: Path) -> None:
    """Proposals from meetings carry `author: null`; they are still read, author None."""
    records, _ = _read(sample_dir)
    meetings = [r for r in records if r.source == "meeting"]
    assert meetings
    assert all(r.author is None for r in meetings)


def test_the_sample_as_one_json_array_gives_the_same_records(
    sample_dir: Path, tmp_path: Path
) -> None:
    """The same 300 records in a single JSON array are streamed element by element and give
    the same counts; each record's line is where its element starts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.json"))]
    array = tmp_path / "all.json"
    array.write_text("[\n" + ",\n".join(texts) + "\n]\n", encoding="utf-8")
    sources, statuses, files = _expected_counts(sample_dir)
    records, stream = _read(array)
    assert len(records) == files
    assert Counter(r.source for r in records) == sources
    assert Counter(r.state for r in records) == statuses
    assert stream.formats_seen == {"decidim-legacy-json-array": 300}
    lines = array.read_text(encoding="utf-8").split("\n")
    assert all(lines[(r.origin.line or 0) - 1].startswith("{") for r in records)
    assert records[1].origin.line == 2 + texts[0].count("\n") + 1


def test_the_sample_zipped_reads_the_same(sample_dir: Path, tmp_path: Path) -> None:
    """A .zip of the folder is read member by member, sorted; names say which member."""
    archive = tmp_path / "sample.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(sample_dir.iterdir(), reverse=True):
            zipped.write(path, f"proposals/{path.name}")
    sources, _, _ = _expected_counts(sample_dir)
    records, stream = _read(archive)
    assert Counter(r.source for r in records) == sources
    assert records[0].origin.file == f"{archive}!proposals/00020.json"
    assert stream.skipped_files == [f"{archive}!proposals/README.md"]


# -- the legacy array fixture -------------------------------------------------------------------


def test_legacy_array_with_wrapped_and_bare_records(data_dir: Path) -> None:
    """Wrapped (`{"proposal": …}`) and bare records mix in one array; a null status is an
    open proposal; escaped quotes and brackets inside titles are kept."""
    records, stream = _read(data_dir / "decidim-legacy-array.json")
    assert [(r.ref, r.source, r.state, r.origin.line) for r in records] == [
        ("1", "official", "accepted", 2),
        ("2", "citizen", "rejected", 7),
        ("3", "meeting", "open", 11),
        ("4", "organization", "accepted", 14),
    ]
    assert records[1].author == 'Associació de Veïns "Clot"'
    assert records[1].title == "Un títol amb [claudàtors] i {claus}"
    assert records[3].created_at == datetime(2016, 2, 5, tzinfo=UTC)
    assert stream.owner_detected == "Ajuntament de Barcelona"


# -- current exports ----------------------------------------------------------------------------


def test_current_json_export(data_dir: Path) -> None:
    """Decidim's serializer output: translated titles, author lists (0.28+) and scalars
    (0.27), withdrawn flags, user groups, and an export without authors."""
    records, stream = _read(data_dir / "decidim-current.json")
    got = [(r.ref, r.source, r.author, r.state, r.is_amendment) for r in records]
    assert got == [
        ("101", "citizen", "Anna Puig", "accepted", False),
        ("102", "official", "Ajuntament d'Exemple", "rejected", False),
        ("103", "meeting", "Trobada de Gràcia", "evaluating", False),
        ("104", "citizen", None, "open", True),  # a deleted account
        ("105", "organization", "Veïns del Clot", "withdrawn", False),
        ("106", "unknown", None, "open", False),  # no author in the export at all
    ]
    assert records[0].title == "Més carrils bici"
    assert records[0].category == "Mobilitat"
    assert records[0].votes == 140
    assert records[0].answered_at is not None
    assert records[3].title == "A title only a machine gave"
    assert stream.formats_seen == {"decidim-json": 6}
    assert stream.owner_detected == "Ajuntament d'Exemple"


def test_current_csv_export(data_dir: Path) -> None:
    """The `;` CSV with `/` columns (and Excel's byte order mark): a quoted `;` in a cell,
    several authors joined with ", ", Ruby's time format, withdrawn rows."""
    records, stream = _read(data_dir / "decidim-current.csv")
    got = [(r.ref, r.source, r.author, r.state, r.origin.line) for r in records]
    assert got == [
        ("201", "citizen", "Anna Puig", "accepted", 2),
        ("202", "official", "Ajuntament d'Exemple", "rejected", 3),
        ("203", "meeting", "Trobada de Gràcia", "evaluating", 4),
        ("204", "citizen", "Anna Puig", "open", 5),
        ("205", "citizen", "Veïns del Clot", "withdrawn", 6),
    ]
    assert records[1].created_at == datetime(2024, 3, 2, 10, tzinfo=UTC)
    assert stream.formats_seen == {"decidim-csv": 5}
    assert stream.bad_row_count == 0


@pytest.mark.parametrize(
    ("record", "owner", "expected"),
    [
        (
            {"author": {"name": "Ajuntament", "url": "https://x.org/"}},
            None,
            ("official", "Ajuntament"),
        ),
        ({"author": {"name": "Ajuntament", "url": ""}}, None, ("official", "Ajuntament")),
        ({"author": {"name": "Ajuntament"}}, None, ("unknown", "Ajuntament")),
        ({"author": {"name": "Ajuntament"}}, "ajuntament", ("official", "Ajuntament")),
        (
            {"author": {"name": "Ana", "url": "https://x.org/profiles/ana"}},
            None,
            ("citizen", "Ana"),
        ),
        (
            {"author": {"name": ["M1"], "url": ["https://x.org/f/1/meetings/4"]}},
            None,
            ("meeting", "M1"),
        ),
        ({"author": {"id": "", "name": "", "url": ""}}, None, ("citizen", None)),
        ({"author": None}, None, ("citizen", None)),
        ({}, None, ("unknown", None)),
        ({"official": "true", "author": {"name": "X"}}, None, ("official", "X")),
        ({"source": "Organisation", "author": {"name": "Y"}}, None, ("organization", "Y")),
    ],
)
def test_who_proposed_a_current_record(
    record: dict, owner: str | None, expected: tuple[str, str | None]
) -> None:
    """The source rules of docs/imports.md, one case each."""
    assert current_source(record, owner) == expected


def test_owner_given_marks_its_proposals_official(write: Callable[..., Path]) -> None:
    """With --owner, a proposal authored under that name is official even where the export
    gives no author URLs."""
    path = write(
        "p.json",
        json.dumps(
            [
                {"id": 1, "title": "T", "state": "accepted", "author": {"name": "City Hall"}},
                {"id": 2, "title": "U", "state": "accepted", "author": {"name": "Someone"}},
            ]
        ),
    )
    records, stream = _read(path, owner="City Hall")
    assert [r.source for r in records] == ["official", "unknown"]
    assert stream.owner_detected == "City Hall"


# -- bad rows -----------------------------------------------------------------------------------


def _legacy(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": 1,
        "source": "citizen",
        "status": "accepted",
        "title": "T",
        "created_at": "01/02/2016",
        "author": {"name": "A"},
    }
    base.update(fields)
    return {"proposal": {k: v for k, v in base.items() if v is not ...}}


def test_bad_legacy_files_in_a_folder_are_reported_and_the_rest_read(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """Each broken file is one bad row, with the file, the line where JSON broke, and a
    reason; the good files are still read."""
    write("01-good.json", json.dumps(_legacy(id=1)))
    write("02-broken.json", '{\n  "proposal": {\n    "id": 2,\n    "title": "x"\n  \n')
    write("03-no-id.json", json.dumps(_legacy(id=None)))
    write("04-status.json", json.dumps(_legacy(id=4, status="maybe")))
    write("05-source.json", json.dumps(_legacy(id=5, source="robot")))
    write("06-null.json", '{"proposal": null}')
    write("07-no-source.json", json.dumps(_legacy(id=7, source=...)))
    write("08-date.json", json.dumps(_legacy(id=8, created_at="sometime")))
    write("09-not-decidim.json", '{"hello": "world"}')
    write("10-empty.json", "")
    write("11-good.json", json.dumps(_legacy(id=11, source=..., official=True)))
    records, stream = _read(tmp_path)
    assert [(r.ref, r.source) for r in records] == [("1", "citizen"), ("11", "official")]
    bad = [(Path(b.file).name, b.line, b.code) for b in stream.bad_rows]
    assert bad == [
        ("02-broken.json", 6, "bad_json"),
        ("03-no-id.json", 1, "missing_field"),
        ("04-status.json", 1, "unknown_state"),
        ("05-source.json", 1, "unknown_source"),
        ("06-null.json", 1, "missing_field"),
        ("07-no-source.json", 1, "missing_field"),
        ("08-date.json", 1, "bad_date"),
        ("09-not-decidim.json", 1, "unknown_record"),
        ("10-empty.json", None, "unknown_format"),
    ]
    assert stream.bad_row_count == 9
    assert stream.bad_rows_by_reason["missing_field"] == 3
    assert "maybe" in stream.bad_rows[2].reason
    assert str(stream.bad_rows[0]).startswith(f"{tmp_path / '02-broken.json'}, line 6: ")


def test_bad_elements_in_an_array_are_skipped_with_their_lines(
    write: Callable[..., Path],
) -> None:
    """In a JSON array, a broken element, a null, a number and a record with an unknown
    state are bad rows at their own lines; the elements around them are read."""
    good = json.dumps(_legacy(id=1))
    path = write(
        "a.json",
        "\n".join(
            [
                "[",
                good + ",",  # line 2
                '{"proposal": {"id": 2, "title": "x",, }},',  # line 3: broken
                "null,",  # line 4
                "42,",  # line 5
                json.dumps(_legacy(id=6, status="pending")) + ",",  # line 6
                '{"id": 7, "title": "current", "state": "accepted",\n "author": null},',  # line 7
                json.dumps(_legacy(id=9)),  # line 9
                "]",
            ]
        ),
    )
    records, stream = _read(path)
    assert [(r.ref, r.origin.line) for r in records] == [("1", 2), ("7", 7), ("9", 9)]
    assert [(b.line, b.code) for b in stream.bad_rows] == [
        (3, "bad_json"),
        (4, "unknown_record"),
        (5, "unknown_record"),
        (6, "unknown_state"),
    ]
    assert stream.formats_seen == {"decidim-legacy-json-array": 2, "decidim-json": 1}


def test_a_truncated_array_keeps_what_came_before(write: Callable[..., Path]) -> None:
    """A file cut short mid-record: the records before it are read, then one bad row."""
    path = write("cut.json", "[\n" + json.dumps(_legacy(id=1)) + ',\n{"proposal": {"id": 2,')
    records, stream = _read(path)
    assert [r.ref for r in records] == ["1"]
    assert [(b.line, b.code) for b in stream.bad_rows] == [(3, "bad_json")]
    assert "ends inside" in stream.bad_rows[0].reason


def test_a_latin1_legacy_file_is_read_with_a_notice(write: Callable[..., Path]) -> None:
    """A proposal saved as Latin-1 is read (accents intact) and a notice says so."""
    text = json.dumps(
        _legacy(title="Plaça de la Vila", author={"name": "Associació"}), ensure_ascii=False
    )
    path = write("latin1.json", text, encoding="latin-1")
    records, stream = _read(path)
    assert records[0].title == "Plaça de la Vila"
    assert records[0].author == "Associació"
    assert stream.bad_row_count == 0
    assert [n.code for n in stream.notices] == ["latin1_file"]


def test_a_bom_does_not_hide_the_json(write: Callable[..., Path]) -> None:
    """A UTF-8 byte order mark before the JSON is dropped."""
    path = write("bom.json", "\ufeff" + json.dumps([_legacy(id=3)]))
    records, stream = _read(path)
    assert [r.ref for r in records] == ["3"]
    assert stream.notices == []


def test_mixed_encodings_in_an_array_are_bad_rows(write: Callable[..., Path]) -> None:
    """An element with non-UTF-8 bytes, in a file that already had real UTF-8 text, is a
    bad row for encoding; the others are read."""
    first = json.dumps(_legacy(id=1, title="Gràcia"), ensure_ascii=False).encode()
    second = json.dumps(_legacy(id=2, title="Sants"), ensure_ascii=False).encode()
    second = second.replace(b"Sants", b"Sant Mart\xed")
    path = write("mixed.json", b"[\n" + first + b",\n" + second + b"\n]")
    records, stream = _read(path)
    assert [r.title for r in records] == ["Gràcia"]
    assert [(b.line, b.code) for b in stream.bad_rows] == [(3, "bad_encoding")]


def test_a_current_csv_row_with_an_unknown_state(write: Callable[..., Path]) -> None:
    """CSV rows are checked like JSON records; the line number is the row's first line."""
    path = write("p.csv", 'id;title/en;state\n1;"two\nlines";accepted\n2;B;deferred\n3;C;\n')
    records, stream = _read(path)
    assert [(r.ref, r.state, r.origin.line) for r in records] == [
        ("1", "accepted", 2),
        ("3", "open", 5),
    ]
    assert [(b.line, b.code) for b in stream.bad_rows] == [(4, "unknown_state")]


# -- detection ----------------------------------------------------------------------------------


def test_a_file_that_is_not_decidim_is_refused(data_dir: Path) -> None:
    """Named on its own, a CONSUL CSV is not a Decidim export: a clear ImportInputError."""
    with pytest.raises(ImportInputError) as caught:
        open_source(data_dir / "example-log.csv", "decidim")
    assert "not a Decidim export" in str(caught.value)
    assert "example-log.csv" in str(caught.value)


def test_a_folder_with_nothing_decidim_in_it_is_refused(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """If no file of a folder can be read as Decidim, the whole import is refused."""
    write("a.csv", "when,party\n1,2\n")
    write("b.json", "")
    with pytest.raises(ImportInputError) as caught:
        open_source(tmp_path, "decidim")
    assert "no file in it is a Decidim export" in str(caught.value)


def test_variants_mix_in_one_folder(data_dir: Path, sample_dir: Path, tmp_path: Path) -> None:
    """A folder holding legacy files, a current JSON array and a current CSV: every record
    is read, and formats_seen counts each variant."""
    for name in ("decidim-current.json", "decidim-current.csv", "decidim-legacy-array.json"):
        (tmp_path / name).write_bytes((data_dir / name).read_bytes())
    (tmp_path / "00020.json").write_bytes((sample_dir / "00020.json").read_bytes())
    records, stream = _read(tmp_path)
    assert len(records) == 16
    assert stream.formats_seen == {
        "decidim-legacy-json": 1,
        "decidim-json": 6,
        "decidim-csv": 5,
        "decidim-legacy-json-array": 4,
    }
