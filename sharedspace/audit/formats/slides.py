"""The audit report as a short PowerPoint deck for workshops (python-pptx)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from .html import VENUES
from .perceptions import add_slide as add_perceptions_slide


def _name(report: Mapping[str, Any], party: str) -> str:
    return str(((report.get("parties") or {}).get(party) or {}).get("name") or party)


def _bullets(prs: Any, title: str, lines: Sequence[str]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = title
    body = slide.placeholders[1].text_frame
    body.text = lines[0] if lines else "Nothing to show yet."
    for line in lines[1:]:
        body.add_paragraph().text = line


def _table(prs: Any, title: str, head: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from pptx.util import Inches

    if not rows:
        _bullets(prs, title, ["Nothing to show yet."])
        return
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    shape = slide.shapes.add_table(len(rows) + 1, len(head), Inches(0.5), Inches(1.6),
                                   Inches(9), Inches(0.4) * (len(rows) + 1))
    table = shape.table
    for j, h in enumerate(head):
        table.cell(0, j).text = str(h)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = str(value)


def to_pptx(report: Mapping[str, Any]) -> bytes:
    from pptx import Presentation  # heavy import: only when slides are asked for

    r = report
    prs = Presentation()
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = f"Power audit: {r.get('title') or r['space']}"
    title.placeholders[1].text = (
        f"Called {r['claimed_approach']}. The record shows {r['measured_approach']}."
    )
    check = r["label_check"]
    _bullets(prs, "Does the label fit?" if not check["mismatch"] else "The label does not fit",
             check["reasons"] or [f"This space is called {r['claimed_approach']}, and the "
                                  f"record shows {r['measured_approach']}. The label fits."])
    d = r["decisions"]
    _table(prs, "Where decisions were made", ("Place", "Decisions"),
           [(label, d["by_venue"].get(k, 0)) for k, label, _ in VENUES])
    _table(prs, "Who starts things", ("Group", "Started"),
           [(_name(r, p), c) for p, c in r["initiative"]["by_party"].items()])
    _table(prs, "Whose proposals pass", ("Group", "Made", "Passed"),
           [(_name(r, p), a["proposed"], a["passed"]) for p, a in r["acceptance"].items()])
    m = r["money"]
    _table(prs, f"Money {m.get('currency') or ''}".strip(), ("What", "Amount"),
           [*((f"Given by {_name(r, p)}", a) for p, a in m["committed_by"].items()),
            ("Spent by consent", m["spent_by_consent"]),
            ("Taken back by one group alone", m["withdrawn_unilaterally"]),
            ("Under joint control", f"{round(m['joint_share'] * 100)}%")])
    add_perceptions_slide(prs, r)
    flags = [f["message"] for f in r.get("flags") or []]
    _bullets(prs, "Things to talk about", flags + list(r.get("cannot_measure_yet") or []))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
