"""`sharedspace audit-import` from the command line: every format, exit codes, bad rows,
the progress bar, and one run of the installed script."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from pptx import Presentation

from sharedspace.audit.cli import run_audit_import
from sharedspace.cli.main import main

SCRIPT = Path(sys.executable).with_name("sharedspace")
OWNER = "Ajuntament de Barcelona"


@pytest.fixture
def run(capsys, db):
    """main([...]) in this process: (exit code, stdout, stderr)."""

    def _run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["audit-import", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_json_on_stdout_by_default(run, sample_dir):
    """The report is JSON on stdout, and nothing else is."""
    code, out, err = run(str(sample_dir), "--source", "decidim", "--claimed", "coproduction")
    assert code == 0
    report = json.loads(out)
    assert report["holders"] == [OWNER]
    assert report["measured_approach"] == "engagement"
    assert report["label_check"]["mismatch"] is True
    assert "Reading" not in err  # no progress bar when stderr is not a terminal


def test_csv_format(run, sample_dir):
    """CSV: one row per measure, party and value; acceptance rows carry the party's name."""
    code, out, _ = run(str(sample_dir), "--source", "decidim", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["measure", "party", "party_name", "field", "value"]
    citizens = [r for r in rows if r["measure"] == "acceptance" and r["party"] == "citizen"
                and r["field"] == "proposed"]
    assert citizens == [{"measure": "acceptance", "party": "citizen", "party_name": "Citizens",
                         "field": "proposed", "value": "100"}]
    assert any(r["measure"] == "source" and r["field"] == "records_read" and r["value"] == "300"
               for r in rows)


def test_html_format_says_the_label_does_not_fit_and_what_was_read(run, sample_dir):
    """HTML: a standalone page with the label check first, quoting the acceptance rates."""
    code, out, _ = run(str(sample_dir), "--source", "decidim", "--claimed", "coproduction",
                       "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "This space is called coproduction, but the record shows engagement" in out
    assert "accepted 94% of its own proposals" in out
    assert "Read 300 records from 300 files of Decidim" in out
    assert "<script" not in out


def test_pdf_and_pptx_with_out(run, sample_dir, tmp_path):
    """PDF and PowerPoint go to --out, whose path is all stdout holds; the deck says first
    that the label does not fit."""
    for fmt, magic in (("pdf", b"%PDF"), ("pptx", b"PK")):
        target = tmp_path / f"audit.{fmt}"
        code, out, _ = run(str(sample_dir), "--source", "decidim", "--claimed",
                           "coproduction", "--format", fmt, "--out", str(target))
        assert code == 0
        assert out.strip() == str(target)
        assert target.read_bytes().startswith(magic)
    deck = Presentation(str(tmp_path / "audit.pptx"))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[1] == "The label does not fit"


def test_every_format_renders_an_event_log(run, data_dir, tmp_path):
    """The event log's report (with its spaces) renders in every format."""
    for fmt in ("json", "csv", "html", "pdf", "pptx"):
        target = tmp_path / f"log.{fmt}"
        code, _, err = run(str(data_dir / "example-log.csv"), "--source", "csv",
                           "--claimed", "coproduction", "--format", fmt, "--out", str(target))
        assert code == 0, err
        assert target.stat().st_size > 0
    assert json.loads((tmp_path / "log.json").read_text())["measured_approach"] == "co-design"


def test_a_missing_path_exits_2_naming_it(run, tmp_path):
    """No such file: exit 2, the path named, nothing on stdout."""
    code, out, err = run(str(tmp_path / "nothing.json"), "--source", "decidim")
    assert code == 2
    assert out == ""
    assert "nothing.json" in err


def test_input_of_another_format_exits_2_naming_the_problem(run, data_dir):
    """A Decidim JSON file given as an event log cannot be imported: exit 2, and the message
    names the file and says why."""
    path = data_dir / "decidim-current.json"
    code, out, err = run(str(path), "--source", "csv")
    assert code == 2
    assert out == ""
    assert f"Cannot import {path}" in err
    assert "the event log is a CSV file" in err


def test_a_claim_that_is_not_a_ladder_word_exits_2(run, data_dir, capsys):
    """--claimed partnership: exit 2 from the command line, and from the engine if called
    directly."""
    code, out, err = run(str(data_dir / "example-log.csv"), "--source", "csv",
                         "--claimed", "partnership")
    assert code == 2
    assert out == ""
    assert "partnership" in err
    args = Namespace(path=str(data_dir / "example-log.csv"), source="csv", owner=None,
                     claimed="partnership", format="json", out=None)
    assert run_audit_import(args) == 2
    assert "not a word of the ladder" in capsys.readouterr().err


def test_bad_rows_do_not_stop_the_import_and_are_reported(run, write):
    """A log with a bad row: exit 0, the report counts it with its line, and stderr says
    so in one line."""
    path = write("log.csv", (
        "when,party,action,venue,host,outcome,reference\n"
        "2024-01-08,Council,open_space,own,,,\n"
        "2024-01-09,Group,propose,host,Council,,P-1\n"
        "2024-01-09,Group,propose,upstairs,Council,,P-2\n"
    ))
    code, out, err = run(str(path), "--source", "csv")
    assert code == 0
    source = json.loads(out)["source"]
    assert source["bad_row_count"] == 1
    assert source["bad_rows"][0]["where"] == f"{path}:4"
    assert "1 row was skipped" in err
    assert f"{path}:4" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_drawn_only_on_a_terminal(data_dir, monkeypatch, capsys):
    """When standard error is a terminal, rich draws a progress bar there; stdout keeps the
    report alone."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    args = Namespace(path=str(data_dir / "example-log.csv"), source="csv", owner=None,
                     claimed=None, format="json", out=None)
    assert run_audit_import(args) == 0
    assert "Reading" in terminal.getvalue()
    assert json.loads(capsys.readouterr().out)["kind"] == "shared"


def test_the_installed_script_audits_the_sample(sample_dir, tmp_path):
    """`.venv/bin/sharedspace audit-import` on the sample, in a subprocess (SQLite in a
    temporary folder): exit 0, the JSON report on stdout, no progress bar in a pipe."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SHAREDSPACE_") and k != "DATABASE_URL"}
    env["SHAREDSPACE_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [str(SCRIPT), "audit-import", str(sample_dir), "--source", "decidim",
         "--claimed", "coproduction"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["decisions"]["total"] == 300
    assert report["holders"] == [OWNER]
    assert "Reading" not in done.stderr
