"""`sharedspace audit` and `audit-import`: argument parsing and where the report goes.

The audit itself is the audit engine's (sharedspace.audit.cli); these tests replace it with
a stand-in, so they check only the command line's part.
"""

from __future__ import annotations

import sys
import types

import pytest

from sharedspace.cli.commands import audit as audit_command
from sharedspace.cli.main import main
from sharedspace.governance.choices import LADDER


@pytest.fixture
def engine(monkeypatch):
    """A stand-in audit engine that records its arguments and sends back a report."""
    calls = []
    reports = {"json": '{"space": "spc_x"}', "pdf": b"%PDF-1.7 binary\x00\xff"}

    def run_audit(args):
        calls.append(args)
        return args.write_output(reports["pdf" if args.format == "pdf" else "json"])

    def run_audit_import(args):
        calls.append(args)
        return reports["json"]  # an engine may also hand the report back

    module = types.ModuleType("sharedspace.audit.cli")
    module.run_audit = run_audit
    module.run_audit_import = run_audit_import
    monkeypatch.setitem(sys.modules, "sharedspace.audit.cli", module)
    return calls


@pytest.mark.parametrize(
    "argv",
    [
        ["audit"],  # --space is required
        ["audit", "--space", "spc_x", "--format", "docx"],
        ["audit-import", "--source", "decidim"],  # PATH is required
        ["audit-import", "data.csv"],  # --source is required
        ["audit-import", "data.csv", "--source", "facebook"],
        ["audit-import", "data.csv", "--source", "csv", "--claimed", "partnership"],
        ["audit-import", "data.csv", "--source", "csv", "--format", "xml"],
    ],
)
def test_audit_usage_errors_exit_2(argv, capsys):
    """Missing or unknown arguments to the audit commands exit 2, stdout empty."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage:" in captured.err


def test_claimed_approaches_are_the_ladder():
    """`--claimed` offers exactly the ladder's words, lowest first."""
    assert audit_command.APPROACHES == LADDER


def test_audit_import_of_a_missing_path_is_bad_input(cli, db, tmp_path, engine):
    """A PATH that does not exist exits 2 and never reaches the engine."""
    result = cli("audit-import", str(tmp_path / "nothing.csv"), "--source", "csv")
    assert result.code == 2
    assert "nothing.csv" in result.err
    assert engine == []


def test_audit_out_in_a_missing_folder_is_bad_input(cli, db, tmp_path, engine):
    """`--out` in a folder that does not exist exits 2 before any work is done."""
    result = cli("audit", "--space", "spc_x", "--out", str(tmp_path / "no" / "report.json"))
    assert result.code == 2
    assert "does not exist" in result.err
    assert engine == []


def test_without_the_engine_the_audit_exits_2_with_a_message(cli, db, monkeypatch):
    """If this installation has no audit engine, the command says so plainly and exits 2."""
    monkeypatch.setitem(sys.modules, "sharedspace.audit.cli", None)
    result = cli("audit", "--space", "spc_x")
    assert result.code == 2
    assert result.out == ""
    assert "not available" in result.err


def test_the_engine_gets_the_parsed_arguments(cli, db, tmp_path, engine):
    """The engine receives the parsed arguments; a text report goes to stdout."""
    path = tmp_path / "proposals.csv"
    path.write_text("id;title\n")
    result = cli("audit-import", str(path), "--source", "consul", "--owner", "Madrid",
                 "--claimed", "coproduction", "--format", "csv")
    assert result.code == 0
    args = engine[0]
    assert (args.path, args.source, args.owner, args.claimed, args.format, args.out) == (
        str(path), "consul", "Madrid", "coproduction", "csv", None
    )
    assert result.out == '{"space": "spc_x"}\n'


def test_a_report_with_out_is_written_and_its_path_printed(cli, db, tmp_path, engine):
    """With `--out`, the report goes to the file and stdout holds only the file's path."""
    out = tmp_path / "report.json"
    result = cli("audit", "--space", "spc_x", "--out", str(out))
    assert result.code == 0
    assert result.out == f"{out}\n"
    assert out.read_text() == '{"space": "spc_x"}'


def test_a_binary_report_goes_to_stdout_as_bytes(capsysbinary, db, engine):
    """A PDF without `--out` is written to standard output as bytes, unchanged."""
    assert main(["audit", "--space", "spc_x", "--format", "pdf"]) == 0
    assert capsysbinary.readouterr().out == b"%PDF-1.7 binary\x00\xff"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("coproduction", "coproduction"),
        ("Coproduction", "coproduction"),
        ("COPRODUCTION", "coproduction"),
        ("co-production", "coproduction"),
        ("Co-Production", "coproduction"),
        ("co production", "coproduction"),
        ("co-design", "co-design"),
        ("Co-Design", "co-design"),
        ("codesign", "co-design"),
        ("co design", "co-design"),
        ("Consultation", "consultation"),
        ("INFORMING", "informing"),
        ("Engagement", "engagement"),
    ],
)
def test_claimed_is_read_in_any_case_and_with_or_without_its_hyphen(
    typed, meant, cli, db, tmp_path, engine
):
    """`--claimed Coproduction` or `co-production` reach the engine as the ladder's word."""
    path = tmp_path / "log.csv"
    path.write_text("when,party\n")
    result = cli("audit-import", str(path), "--source", "csv", "--claimed", typed)
    assert result.code == 0, result.err
    assert engine[0].claimed == meant


@pytest.mark.parametrize("typed", ["partnership", "co-op", "", "co-production-x", "co-"])
def test_claimed_other_words_exit_2_listing_the_ladder(typed, cli, db, tmp_path, engine):
    """Anything that is not a ladder word exits 2, says which words there are, and never
    reaches the engine."""
    path = tmp_path / "log.csv"
    path.write_text("when,party\n")
    result = cli("audit-import", str(path), "--source", "csv", "--claimed", typed)
    assert result.code == 2
    assert result.out == ""
    assert "is not a word of the ladder" in result.err
    assert "informing, consultation, engagement, co-design, coproduction" in result.err
    assert engine == []
