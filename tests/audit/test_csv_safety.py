"""Every CSV file the product writes is safe to open in a spreadsheet: a text cell that would
start a formula (``=``, ``+``, ``-``, ``@``, a tab, a carriage return) gets a leading ``'``,
and numbers are never changed (docs/audit.md, "Formats")."""

from __future__ import annotations

import csv
import io
from argparse import Namespace
from pathlib import Path

import pytest

from sharedspace.audit.cli import run_audit, run_audit_import
from sharedspace.audit.formats import render
from sharedspace.audit.formats.csvout import safe_row, spreadsheet_safe
from sharedspace.governance.models import Party
from sharedspace.imports.jobs import files, run
from sharedspace.imports.jobs.models import ImportJob, JobState

from .steps import host_decides


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("-1+2", "'-1+2"),
        ("Council team", "Council team"),
        ("a=b", "a=b"),
        ("", ""),
        # Plain numbers, written by us as text or as numbers, stay as they are.
        ("-5.00", "-5.00"),
        ("-3", "-3"),
        ("+3", "+3"),
        ("-1e-05", "-1e-05"),
        (-3, -3),
        (-0.25, -0.25),
        (None, None),
    ],
)
def test_a_cell_that_would_start_a_formula_is_quoted(cell, written):
    """Formula starts are quoted; plain numbers and ordinary text are left alone."""
    assert spreadsheet_safe(cell) == written


def test_a_row_is_made_safe_cell_by_cell():
    """``safe_row`` keeps the row's order and its numbers."""
    assert safe_row(["=A1", 7, "-7", "ok"]) == ["'=A1", 7, "-7", "ok"]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_party_named_like_a_formula_is_quoted_in_the_space_report(cast, own, capsys):
    """A group named ``=1+2`` in the app: its name is never written raw in the CSV report,
    while the report's own numbers (counts, negative money) stay numbers."""
    Party.objects.filter(pk=cast.council.pk).update(name="=1+2")
    host_decides(cast, own, "agree")
    code = run_audit(Namespace(space=own.pk, format="csv", out=None, recount=False))
    out = capsys.readouterr().out
    assert code == 0
    rows = _rows(out)
    names = {r["party_name"] for r in rows if r["party"] == cast.council.pk}
    assert names == {"'=1+2"}
    assert not any(value.startswith("=") for r in rows for value in r.values())
    decided = [r["value"] for r in rows if r["measure"] == "decisions"
               and r["field"] == "by_venue.own"]
    assert decided == ["1"]


def test_negative_money_stays_a_number():
    """Money written by us as a plain number (even below zero) is not quoted."""
    report = {"parties": {"p1": {"name": "@home"}},
              "money": {"balance": "-5.00", "committed_by": {"p1": "-3"}}}
    rows = _rows(str(render(report, "csv")))
    assert {(r["field"], r["value"]) for r in rows if r["measure"] == "money"} == {
        ("balance", "-5.00"), ("committed_by", "-3")}
    assert {r["party_name"] for r in rows if r["party"] == "p1"} == {"'@home"}


LOG = (
    "when,party,party_kind,action,venue,outcome,amount,reference\n"
    "2024-01-01,=1+2,organisation,propose,own,,,P1\n"
    "2024-01-02,=1+2,organisation,decide,own,passed,,P1\n"
    '=HYPERLINK(""http://x""),Council,organisation,propose,own,,,P2\n'
)


def test_an_imported_log_with_a_formula_party_gives_a_safe_csv(tmp_path, capsys):
    """`sharedspace audit-import ... --format csv`: the event log's party ``=1+2`` is written
    as ``'=1+2`` in every column it appears in."""
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    code = run_audit_import(Namespace(path=str(path), source="csv", owner=None, claimed=None,
                                      format="csv", out=None))
    out = capsys.readouterr().out
    assert code == 0
    rows = _rows(out)
    assert any(r["party_name"] == "'=1+2" for r in rows)
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "@", "\t", "\r")), r
            if value.startswith(("-", "+")):
                float(value)  # only numbers may start with a sign


def test_the_skipped_rows_file_of_an_upload_is_safe(cast, settings, tmp_path):
    """The skipped-rows CSV of a browser upload quotes a file name or a reason that starts
    like a formula; the line numbers stay numbers."""
    settings.SHAREDSPACE_DATA_DIR = tmp_path
    job = ImportJob.objects.create(person=cast.carol, file_name="-log.csv", source="csv",
                                   source_chosen=True)
    files.save_upload(job.pk, "-log.csv", [LOG.encode()])
    assert run.run_job(job.pk) == JobState.DONE
    rows = list(csv.reader(io.StringIO(Path(files.skipped_rows_path(job.pk)).read_text())))
    assert rows[0] == ["file", "line", "code", "reason"]
    assert len(rows) == 2
    file, line, code, reason = rows[1]
    assert (file, line, code) == ("'-log.csv", "4", "bad_date")
    assert "=HYPERLINK" in reason
    for value in rows[1]:
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_skipped_rows_writer_quotes_what_it_is_given(cast, settings, tmp_path):
    """A reason beginning with a formula start (whatever an importer says) is quoted."""
    settings.SHAREDSPACE_DATA_DIR = tmp_path

    class Stream:
        bad_rows: list = []  # noqa: RUF012 - a stand-in

        def bad(self, file, line, code, reason):
            pass

    stream = Stream()
    target = tmp_path / "skipped.csv"
    handle = run._keep_every_bad_row(stream, target, tmp_path)
    stream.bad("=a.csv", 3, "bad_date", "@reason")
    stream.bad("b.csv", None, "-x", "+1 a")
    handle.close()
    assert list(csv.reader(io.StringIO(target.read_text()))) == [
        ["file", "line", "code", "reason"],
        ["'=a.csv", "3", "bad_date", "'@reason"],
        ["b.csv", "", "'-x", "'+1 a"],
    ]
