"""`sharedspace audit`: the engine's side (run_audit), called with a parsed Namespace."""

import csv
import io
import json
from argparse import Namespace

from pptx import Presentation

from sharedspace.audit.cli import run_audit, run_audit_import
from sharedspace.audit.models import SpaceCounters
from sharedspace.governance import actions

from .steps import host_decides, pass_shared


def _run(capsys, **kw):
    args = Namespace(**{"space": None, "format": "json", "out": None, "recount": False, **kw})
    code = run_audit(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_report_on_stdout(cast, own, capsys):
    """JSON by default, with every key of the contract."""
    host_decides(cast, own, "agree")
    code, out, err = _run(capsys, space=own.pk)
    assert code == 0
    report = json.loads(out)
    for key in ("space", "kind", "holders", "guests", "claimed_approach", "measured_approach",
                "label_check", "decisions", "initiative", "acceptance", "money", "exit_power",
                "outside_decisions", "evidence"):
        assert key in report
    assert report["space"] == own.pk
    assert report["decisions"]["by_venue"]["own"] == 1
    assert err == ""


def test_csv_one_row_per_measure_party_and_value(cast, shared, capsys):
    """CSV columns measure, party, party_name, field, value; party rows carry the name."""
    pass_shared(cast, shared, by=cast.sam)
    code, out, _ = _run(capsys, space=shared.pk, format="csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["measure", "party", "party_name", "field", "value"]
    passed = [r for r in rows if r["measure"] == "acceptance" and r["field"] == "passed"
              and r["party"] == cast.group.pk]
    assert passed == [{"measure": "acceptance", "party": cast.group.pk,
                       "party_name": "Self-advocates", "field": "passed", "value": "1"}]
    venue = [r["value"] for r in rows if r["measure"] == "decisions"
             and r["field"] == "by_venue.shared"]
    assert venue == ["1"]


def test_out_writes_the_file_and_prints_its_path(cast, own, tmp_path, capsys):
    """With --out the report goes to the file, and only the path goes to stdout."""
    target = tmp_path / "audit.html"
    code, out, _ = _run(capsys, space=own.pk, format="html", out=str(target))
    assert code == 0
    assert out.strip() == str(target)
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<html lang='en'>" in page
    assert "This space is called coproduction, but the record shows engagement" in page
    assert "<svg role='img' aria-labelledby='circles-title circles-desc'" in page
    assert "<caption>Decisions by place</caption>" in page
    assert "<script" not in page


def test_pdf_and_pptx_are_files_of_their_kind(cast, shared, tmp_path, capsys):
    """PDF starts with %PDF; the PowerPoint deck opens, and says first that the label of this
    new shared space (claimed coproduction, one party started everything) does not fit."""
    for fmt, magic in (("pdf", b"%PDF"), ("pptx", b"PK")):
        target = tmp_path / f"audit.{fmt}"
        code, _, _ = _run(capsys, space=shared.pk, format=fmt, out=str(target))
        assert code == 0
        assert target.read_bytes().startswith(magic)
    deck = Presentation(str(tmp_path / "audit.pptx"))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[1] == "The label does not fit"
    assert "Where decisions were made" in titles


def test_unknown_space_exits_2_with_a_message(db, capsys):
    """An unknown space is bad input: a plain message on stderr, nothing on stdout."""
    code, out, err = _run(capsys, space="spc_doesnotexist0000")
    assert code == 2
    assert out == ""
    assert "There is no space with the id spc_doesnotexist0000" in err
    code, out, err = _run(capsys, space="spc_doesnotexist0000", recount=True)
    assert code == 2


def test_unknown_format_exits_2(cast, own, capsys):
    """A format the engine does not know is bad usage."""
    code, _, err = _run(capsys, space=own.pk, format="docx")
    assert code == 2
    assert "docx" in err


def test_recount_ok_exits_0(cast, shared, capsys):
    """--recount with untouched counters: ok and exit 0."""
    pass_shared(cast, shared)
    code, out, _ = _run(capsys, space=shared.pk, recount=True)
    assert code == 0
    assert out.startswith("ok: the counters match a recount of")


def test_recount_finds_a_tampered_counter_row_and_exits_1(cast, shared, capsys):
    """Changing a counter behind the ledger's back is found: the difference is printed and
    the command exits 1."""
    pass_shared(cast, shared)
    row = SpaceCounters.objects.get(chain=shared.pk)
    row.state["decisions"]["shared"] = 5
    row.save()
    code, out, _ = _run(capsys, space=shared.pk, recount=True)
    assert code == 1
    assert "decisions.shared: the counters say 5, the ledger says 1" in out


def test_missing_counters_are_rebuilt_on_the_next_append(cast, shared, capsys):
    """A space whose counters are missing (the audit came later) is still reported, from a
    recount, and its counters are rebuilt with the next ledger entry."""
    pass_shared(cast, shared)
    SpaceCounters.objects.filter(chain=shared.pk).delete()
    code, out, _ = _run(capsys, space=shared.pk)
    assert code == 0
    assert json.loads(out)["decisions"]["total"] == 1
    code, out, _ = _run(capsys, space=shared.pk, recount=True)
    assert code == 1
    assert "missing" in out
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body="Hello")
    code, out, _ = _run(capsys, space=shared.pk, recount=True)
    assert code == 0


def test_audit_import_of_unreadable_input_exits_2(capsys, tmp_path):
    """The import audit of input that cannot be imported says why and exits 2 (its own
    tests are in tests/imports/test_audit_*.py)."""
    assert run_audit_import(Namespace(path=str(tmp_path / "none.csv"), source="csv", owner=None,
                                      claimed=None, format="json", out=None)) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_recount_of_an_unreadable_ledger_fails_plainly(cast, shared, capsys):
    """An entry whose stored content is not JSON makes --recount fail with exit 1 and a
    plain message naming the entry, never a crash."""
    from django.db import connection

    from sharedspace.governance import db_guards
    from sharedspace.governance.models import LedgerEntry

    db_guards.drop(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {LedgerEntry._meta.db_table} SET content = %s "  # noqa: S608
                "WHERE chain = %s AND seq = 2", ['{"v":1,', shared.pk])
    finally:
        db_guards.create(connection)
    code, out, err = _run(capsys, space=shared.pk, recount=True)
    assert code == 1
    assert out == ""
    assert f"Entry 2 of the ledger of {shared.pk} cannot be read" in err


def _import(capsys, tmp_path, claimed):
    path = tmp_path / "log.csv"
    path.write_text("when,party,party_kind,action,venue,outcome,amount,reference\n"
                    "2024-01-01,Council,organisation,propose,own,,,P1\n")
    code = run_audit_import(Namespace(path=str(path), source="csv", owner=None,
                                      claimed=claimed, format="json", out=None))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_audit_import_reads_the_claimed_word_in_any_case(capsys, tmp_path):
    """The engine reads `Co-Production` as coproduction and `Codesign` as co-design."""
    for typed, meant in (("Co-Production", "coproduction"), ("Codesign", "co-design"),
                         ("coproduction", "coproduction")):
        code, out, err = _import(capsys, tmp_path, typed)
        assert code == 0, err
        assert json.loads(out)["claimed_approach"] == meant


def test_audit_import_refuses_a_word_off_the_ladder(capsys, tmp_path):
    """Exit 2, nothing on stdout, and the ladder's words on stderr."""
    code, out, err = _import(capsys, tmp_path, "partnership")
    assert (code, out) == (2, "")
    assert "informing, consultation, engagement, co-design, coproduction" in err
