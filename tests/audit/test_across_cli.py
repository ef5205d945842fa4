"""`sharedspace audit --party ID` and `--partnership A B`: every format, and bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pptx import Presentation

from sharedspace.cli.main import main
from tests.cli.conftest import Result

from .partnership import build


@pytest.fixture
def cli(capsys):
    """Run `sharedspace ...` in this process, on the test database."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def test_partnership_json_on_stdout(cli, cast, shared):
    """JSON by default: the partnership's report, nothing on standard error."""
    build(cast, shared)
    result = cli("audit", "--partnership", cast.council.pk, cast.group.pk)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["scope"] == "partnership"
    assert report["decisions"]["circles"][cast.group.pk] == {
        "own": 0, "invited": 2, "shared": 2, "outside": 1}
    assert result.err == ""


def test_party_in_csv_html_pdf_and_pptx(cli, cast, shared, tmp_path):
    """Every format works for a party's audit; the files hold what a reader needs."""
    build(cast, shared)
    result = cli("audit", "--party", cast.group.pk, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    own = [r for r in rows if r["measure"] == "decisions" and r["party"] == cast.group.pk
           and r["field"] == "circles.own"]
    assert [r["value"] for r in own] == ["1"]
    html = cli("audit", "--party", cast.group.pk, "--format", "html").out
    assert "Where decisions were made, seen from Self-advocates" in html
    assert "<title id='circles-0-title'>" in html and "<desc id='circles-0-desc'>" in html
    assert "In another group&#x27;s space, as a guest</th><td class='n'>2</td>" in html
    pdf = tmp_path / "party.pdf"
    assert cli("audit", "--party", cast.group.pk, "--format", "pdf", "--out", str(pdf)).code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    deck = tmp_path / "party.pptx"
    assert cli("audit", "--party", cast.group.pk, "--format", "pptx",
               "--out", str(deck)).code == 0
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert "Where decisions were made, seen from Self-advocates" in titles
    assert "Things to talk about" in titles


def test_partnership_deck_starts_with_the_label_check(cli, cast, shared, tmp_path):
    """The deck's second slide says the label does not fit, with the reasons."""
    build(cast, shared)
    deck = tmp_path / "pair.pptx"
    cli("audit", "--partnership", cast.council.pk, cast.group.pk, "--format", "pptx",
        "--out", str(deck))
    slide = list(Presentation(str(deck)).slides)[1]
    assert slide.shapes.title.text == "The label does not fit"
    assert "This is co-design, not coproduction." in slide.placeholders[1].text_frame.text


def test_bad_input_exits_2(cli, cast):
    """Unknown party, the same party twice, --recount, or two of --space/--party: exit 2."""
    unknown = cli("audit", "--party", "pty_nobody")
    assert (unknown.code, unknown.out) == (2, "")
    assert "There is no group with the id pty_nobody" in unknown.err
    same = cli("audit", "--partnership", cast.group.pk, cast.group.pk)
    assert same.code == 2 and "two different groups" in same.err
    recount = cli("audit", "--party", cast.group.pk, "--recount")
    assert recount.code == 2 and "--space" in recount.err
    both = cli("audit", "--space", "spc_x", "--party", cast.group.pk)
    assert both.code == 2 and "not allowed with" in both.err
    short = cli("audit", "--partnership", cast.group.pk)
    assert short.code == 2
