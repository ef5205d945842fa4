"""What an imported audit says over time and when it read nothing (UX review 7).

- Things started are counted month by month, so the chart "Who starts things, month by
  month" is drawn for imported records as for a space (it said "nothing is in the record"
  under a table of 300 things started).
- An import that read no record keeps every JSON field (CONTRACT.md), but its HTML, PDF and
  PowerPoint reports leave out the label check and every measure, and list the rows
  skipped.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from sharedspace.audit.formats import render
from sharedspace.imports.audit import audit_import

EVERY_ROW_SKIPPED = (
    "when,party,party_kind,action,venue,outcome,amount,reference\n"
    "not a date,Council,organisation,propose,own,,,P1\n"
    "2024-01-05,Council,organisation,decide,own,,,P1\n"
)


def _months_add_up(initiative: dict[str, Any]) -> None:
    by_month = initiative["by_month"]
    for party, total in initiative["by_party"].items():
        assert sum(by_month.get(party, {}).values()) == total, party


def test_the_decidim_sample_counts_things_started_by_month(sample_dir: Path) -> None:
    report = audit_import(sample_dir, "decidim", owner="Ajuntament de Barcelona")
    initiative = report["initiative"]
    assert initiative["total"] == 300
    assert initiative["months"] == ["2016-01", "2016-02", "2016-03", "2016-04"]
    _months_add_up(initiative)


def test_the_event_log_counts_things_started_by_month(data_dir: Path) -> None:
    report = audit_import(data_dir / "example-log.csv", "csv")
    _months_add_up(report["initiative"])
    assert report["initiative"]["months"] == ["2024-01", "2024-03", "2024-04"]
    for space in report["spaces"]:
        _months_add_up(space["initiative"])
    board = next(s for s in report["spaces"] if s["space"] == "Coproduction Board")
    assert board["initiative"]["months"] == ["2024-01"]


def test_a_proposal_without_a_date_counts_but_in_no_month(write: Callable[..., Path]) -> None:
    path = write("p.json", json.dumps([
        {"id": 1, "title": "x", "source": "citizen", "status": "accepted"},
        {"id": 2, "title": "y", "source": "citizen", "created_at": "03/02/2016"},
    ]))
    initiative = audit_import(path, "decidim", owner="City")["initiative"]
    assert initiative["by_party"]["citizen"] == 2
    assert initiative["by_month"] == {"citizen": {"2016-02": 1}}


@pytest.fixture
def nothing(write: Callable[..., Path]) -> dict[str, Any]:
    return audit_import(write("log.csv", EVERY_ROW_SKIPPED), "csv", claimed="coproduction")


def test_nothing_read_keeps_every_field_of_the_contract(
    nothing: dict[str, Any], data_dir: Path
) -> None:
    measured = audit_import(data_dir / "example-log.csv", "csv", claimed="coproduction")
    assert set(nothing) == set(measured)
    assert isinstance(nothing["measured_approach"], str)  # CONTRACT.md: a string
    assert nothing["label_check"]["mismatch"] is False


def test_nothing_read_html_says_so_and_measures_nothing(nothing: dict[str, Any]) -> None:
    html = str(render(nothing, "html"))
    assert "Nothing could be read, so nothing is measured" in html
    assert "log.csv:2" in html and "log.csv:3" in html  # the skipped rows, with why
    assert "decide needs an outcome" in html
    for measured in ("The record shows", "The label fits", "informing", "can be removed",
                     "Who can remove whom", "Where decisions were made"):
        assert measured not in html, measured


def test_nothing_read_slides_say_so_and_measure_nothing(nothing: dict[str, Any]) -> None:
    data = render(nothing, "pptx")
    assert isinstance(data, bytes)
    deck = Presentation(io.BytesIO(data))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert "No records could be read, so nothing is measured." in texts
    assert any("decide needs an outcome" in t for t in texts)
    assert not any("The record shows" in t or "informing" in t for t in texts)
    assert len(deck.slides) == 2


def test_a_measured_report_is_unchanged(data_dir: Path) -> None:
    html = str(render(audit_import(data_dir / "example-log.csv", "csv"), "html"))
    assert "nothing is measured" not in html and "Who can remove whom" in html


def test_the_command_line_html_of_nothing_read(
    write: Callable[..., Path], capsys: pytest.CaptureFixture[str], db: None
) -> None:
    """Exit 0 as before (ADR 23): the file was readable; the page says nothing is measured."""
    from sharedspace.cli.main import main

    path = write("log.csv", EVERY_ROW_SKIPPED)
    code = main(["audit-import", str(path), "--source", "csv", "--format", "html"])
    out = capsys.readouterr().out
    assert code == 0
    assert "nothing is measured" in out and "The record shows" not in out
