"""Imported audits that stand on what was really read: a record given twice counts once, an
amount is never rounded quietly, and an input with no record in it measures nothing."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sharedspace.imports import Location, open_source
from sharedspace.imports.audit import audit_import, audit_stream
from sharedspace.imports.audit.seen import SeenKeys
from sharedspace.imports.textio import decode_bytes

NOTHING = "No records could be read from the input, so nothing can be measured."
LOG = "when,party,party_kind,action,venue,outcome,amount,reference,space\n"


def _skipped(report: dict[str, Any]) -> list[tuple[int | None, str]]:
    return [(row["line"], row["code"]) for row in report["source"]["bad_rows"]]


# -- a record given twice ---------------------------------------------------------------------


def test_the_sample_and_the_same_proposals_in_one_array_count_once(
    sample_dir: Path, tmp_path: Path
) -> None:
    """The 300 Barcelona files, and the same 300 again in one JSON array in the same folder
    (before: 600 decisions and initiatives, "nothing was skipped"): each proposal counts
    once, and each repeat is a skipped row naming the id and where it was first read."""
    alone = audit_import(sample_dir, "decidim")
    folder = tmp_path / "both"
    shutil.copytree(sample_dir, folder)
    files = sorted(sample_dir.glob("*.json"))
    array = [json.loads(decode_bytes(p.read_bytes())) for p in files]
    (folder / "zz-all.json").write_text(json.dumps(array, indent=1), encoding="utf-8")

    report = audit_import(folder, "decidim")
    source = report["source"]
    assert report["decisions"] == alone["decisions"]
    assert report["initiative"] == alone["initiative"]
    assert report["acceptance"] == alone["acceptance"]
    assert source["records_read"] == len(files) == 300
    assert source["bad_rows_by_reason"] == {"duplicate_record": 300}
    first = source["bad_rows"][0]
    assert first["file"].endswith("zz-all.json") and first["line"] == 2
    proposal_id = array[0]["proposal"]["id"]
    assert first["reason"] == (
        f"the proposal id {proposal_id} was already read at {folder / files[0].name}:1; "
        "a proposal given twice is counted once"
    )
    assert source["summary"] == "Read 300 records from 301 files of Decidim; 300 rows were skipped."
    assert any(f["code"] == "rows_skipped" for f in report["flags"])


def test_the_same_id_with_another_source_is_still_one_proposal(
    write: Callable[..., Path],
) -> None:
    """A file repeating proposal id 20 with a different source: the first one read counts,
    the second is skipped (before: two proposals, one of each source)."""
    path = write("p.json", json.dumps([
        {"id": 20, "title": "Parks", "source": "citizen", "status": "accepted"},
        {"id": 21, "title": "Trees", "source": "official", "status": "rejected"},
        {"id": 20, "title": "Parks", "source": "official", "status": "accepted"},
    ], indent=1))
    report = audit_import(path, "decidim", owner="City")
    assert report["initiative"]["by_party"] == {"City": 1, "citizen": 1}
    assert report["decisions"]["total"] == 2
    assert _skipped(report) == [(14, "duplicate_record")]
    assert report["source"]["records_read"] == 2


def test_a_consul_file_given_twice_counts_once(data_dir: Path, tmp_path: Path) -> None:
    """The same CONSUL export twice in a folder: its proposals count once."""
    one = audit_import(data_dir / "consul-proposals.csv", "consul")
    for name in ("a.csv", "b.csv"):
        shutil.copy(data_dir / "consul-proposals.csv", tmp_path / name)
    both = audit_import(tmp_path, "consul")
    assert both["initiative"] == one["initiative"]
    assert both["decisions"] == one["decisions"]
    assert both["source"]["records_read"] == one["source"]["records_read"]
    assert both["source"]["bad_rows_by_reason"] == {
        "duplicate_record": one["source"]["records_read"]}


def test_a_reference_proposed_or_decided_twice_in_a_space(write: Callable[..., Path]) -> None:
    """Three `propose` rows for P-1 in one space (before: initiative A 3, B 1, beside one
    proposal in acceptance) and two `decide` rows for it (before: two decisions): the first
    of each counts, the others are skipped rows that say where the first was."""
    path = write("log.csv", LOG + (
        "2024-01-01,A,people,open_space,shared,,,,\n"
        "2024-01-02,A,people,propose,shared,,,P-1,\n"
        "2024-01-02,A,people,propose,shared,,,P-1,\n"
        "2024-01-03,B,organisation,propose,shared,,,P-1,\n"
        "2024-01-04,B,organisation,decide,shared,passed,,P-1,\n"
        "2024-01-05,B,organisation,decide,shared,passed,,P-1,\n"
        "2024-01-04,B,organisation,decide,shared,passed,,P-9,\n"
    ))
    report = audit_import(path, "csv")
    assert report["initiative"]["by_party"] == {"A": 2, "B": 0}
    assert report["acceptance"]["A"]["proposed"] == report["acceptance"]["A"]["passed"] == 1
    assert report["decisions"]["total"] == 2  # P-1 once, P-9 once
    assert _skipped(report) == [(4, "duplicate_record"), (5, "duplicate_record"),
                                (7, "duplicate_record")]
    reasons = [row["reason"] for row in report["source"]["bad_rows"]]
    assert reasons[0] == (
        f"P-1 was already proposed in the shared space at {path}:3; a second propose row "
        "for the same reference is not counted")
    assert reasons[2] == (
        f"P-1 was already decided in the shared space at {path}:6; a second decide row "
        "for the same reference is not counted")
    assert report["source"]["records_read"] == 4


def test_the_same_reference_in_two_spaces_is_two_proposals(write: Callable[..., Path]) -> None:
    """References are a space's own: P-1 in two spaces is two proposals, and other rows
    about P-1 (a comment, an objection, an amendment) are never duplicates."""
    path = write("log.csv", LOG + (
        "2024-01-02,A,people,propose,own,,,P-1,Board\n"
        "2024-01-02,A,people,propose,own,,,P-1,Forum\n"
        "2024-01-03,A,people,comment,own,,,P-1,Board\n"
        "2024-01-03,A,people,comment,own,,,P-1,Board\n"
        "2024-01-04,A,people,decide,own,passed,,P-1,Board\n"
        "2024-01-04,A,people,decide,own,blocked,,P-1,Forum\n"
    ))
    report = audit_import(path, "csv")
    assert report["source"]["bad_row_count"] == 0
    assert report["initiative"]["by_party"] == {"A": 2}
    assert report["decisions"]["total"] == 2


def test_spilling_the_seen_ids_to_disk_changes_nothing(write: Callable[..., Path]) -> None:
    """With the seen ids moved to disk every two keys, the report is the same."""
    rows = "".join(
        f"2024-01-{1 + i % 28:02d},A,people,propose,own,,,P-{i % 7},\n" for i in range(30)
    )
    path = write("log.csv", LOG + rows)
    with open_source(path, "csv") as stream:
        in_memory = audit_stream(stream)
    with open_source(path, "csv") as stream:
        on_disk = audit_stream(stream, spill_at=2)
    assert on_disk == in_memory
    assert in_memory["source"]["bad_rows_by_reason"] == {"duplicate_record": 23}
    assert in_memory["initiative"]["by_party"] == {"A": 7}


def test_seen_keys_remember_where_in_memory_and_on_disk() -> None:
    """The first sight of a key answers None; later ones, where it was first seen, whether
    it is still in memory or already on disk."""
    seen = SeenKeys(spill_at=3)
    try:
        for n in range(10):
            assert seen.first(f"k{n}", Location("f.csv", n + 2)) is None
        assert seen.spilled == 9
        assert seen.first("k0", Location("g.csv", 1)) == Location("f.csv", 2)
        assert seen.first("k9", Location("g.csv", 1)) == Location("f.csv", 11)
    finally:
        seen.close()


def test_seen_keys_memory_stays_flat() -> None:
    """Four times the keys take about the same peak memory: past the limit they are on
    disk, not in a set that grows."""

    def peak(count: int) -> int:
        tracemalloc.start()
        seen = SeenKeys(spill_at=2_000)
        try:
            for n in range(count):
                seen.first(f"propose\x1fown:Group\x1fP-{n}", Location("log.csv", n))
            return tracemalloc.get_traced_memory()[1]
        finally:
            seen.close()
            tracemalloc.stop()

    small, large = peak(15_000), peak(60_000)
    assert large < small * 1.5 + 256 * 1024, (small, large)


# -- amounts --------------------------------------------------------------------------------------


def test_an_amount_that_would_be_rounded_is_a_bad_row(write: Callable[..., Path]) -> None:
    """0.001 was read and shown as "0.00"; 40 digits crashed the report. Both are bad rows
    now, and the rest of the log is audited."""
    path = write("log.csv", LOG + (
        "2024-01-01,A,people,commit,own,visible,0.001,,\n"
        "2024-01-02,A,people,commit,own,visible," + "1" * 40 + ",,\n"
        "2024-01-03,A,people,commit,own,visible,12.50,,\n"
    ))
    report = audit_import(path, "csv")
    assert _skipped(report) == [(2, "bad_amount"), (3, "bad_amount")]
    assert "more than two places after the point" in report["source"]["bad_rows"][0]["reason"]
    assert report["money"]["committed"] == "12.50"


# -- nothing read ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "source"),
    [
        ("empty-object.json", "{}", "decidim"),
        ("nulls.json", "[null, 1]", "decidim"),
        ("empty-array.json", "[]", "decidim"),
        ("truncated.json", '{"proposal": {"id": 1, "title": "x", "source": "citizen"', "decidim"),
        ("header-only.csv", "id;title;state\n", "decidim"),
        ("header-only-consul.csv", "id;title\n", "consul"),
        ("header-only-log.csv", LOG, "csv"),
    ],
)
def test_no_record_read_measures_nothing(
    write: Callable[..., Path], name: str, content: str, source: str
) -> None:
    """A readable file of the right format with no record in it is not an error (exit code
    0, bad rows reported), but its report says first that nothing could be measured, and
    its label check claims no mismatch from no data."""
    report = audit_import(write(name, content), source, claimed="coproduction")
    assert report["source"]["records_read"] == 0
    assert report["cannot_measure_yet"][0] == NOTHING
    assert report["label_check"] == {"mismatch": False, "reasons": [NOTHING]}
    assert {f["code"] for f in report["flags"]} <= {"rows_skipped"}


def test_no_record_read_from_the_command_line_exits_0(
    write: Callable[..., Path], capsys: pytest.CaptureFixture[str], db: None
) -> None:
    """The command line: exit code 0, and the JSON says nothing could be measured."""
    from sharedspace.cli.main import main

    path = write("p.json", "[null, 1]")
    code = main(["audit-import", str(path), "--source", "decidim", "--claimed", "coproduction"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["label_check"]["mismatch"] is False
    assert NOTHING in report["cannot_measure_yet"]


def test_one_record_read_is_measured_as_before(write: Callable[..., Path]) -> None:
    """One good record beside bad ones: measured, with no such sentence."""
    path = write("p.json", json.dumps([
        None, {"id": 1, "title": "x", "source": "official", "status": "accepted"}]))
    report = audit_import(path, "decidim", owner="City", claimed="coproduction")
    assert NOTHING not in report["cannot_measure_yet"]
    assert report["label_check"]["mismatch"] is True
