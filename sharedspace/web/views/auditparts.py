"""What the audit pages of a space, a party and a partnership share: the label check, the
circles, the charts over time, the tables of each measure, what cannot be measured yet, and
the downloads. Pure presentation of an audit report (no database).

Each builder returns plain data for the partials in ``web/partials/audit/``; the pictures are
inline SVG drawn by the templates from coordinates computed here, each with a title, a
description and the same figures as a table beside it.
"""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sharedspace.audit.formats import charts as charts_geometry
from sharedspace.governance.choices import Approach

from ..components import cell, row
from ..templatetags.web import money as money_words

Names = Callable[[str], str]

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

FORMAT_NAMES = {
    "json": _("JSON, for computers"),
    "csv": _("CSV, for spreadsheets"),
    "html": _("A web page"),
    "pdf": _("PDF, to print"),
    "pptx": _("PowerPoint slides"),
}

#: The easy-read version of the report, offered beside the five formats of the engine.
EASY_READ_FORMATS = {
    "easy-read.html": _("Easy read, as a web page"),
    "easy-read.pdf": _("Easy read, as a PDF to print"),
}

# Where a decision was made: the key in the report, the words, the short label, the colour.
SPACE_VENUES = (
    ("own", _("In the own space of one group, decided by that group"), _("Own space"), "#1d70b8"),
    ("shared", _("In a shared space, decided together (no group said no)"), _("Shared space"),
     "#00703c"),
    ("outside", _("Outside, somewhere else"), _("Outside"), "#d4351c"),
)

PARTY_CIRCLES = (
    ("own", _("In its own space"), _("My space"), "#1d70b8"),
    ("invited", _("In another group’s space, as a guest"), _("Your space"), "#f47738"),
    ("shared", _("In a shared space, decided together (no group said no)"), _("Shared space"),
     "#00703c"),
    ("outside", _("Outside, somewhere else"), _("Outside"), "#d4351c"),
)

ACCEPTANCE = (
    ("proposed", _("Proposed")),
    ("passed", _("Passed")),
    ("blocked", _("Blocked")),
    ("lapsed", _("Ended with no decision")),
    ("withdrawn", _("Withdrawn")),
    ("open", _("Still open")),
)

OBJECTIONS = (
    ("raised", _("Objections raised")),
    ("amended", _("The proposal was changed")),
    ("blocked", _("The objection stopped it")),
    ("overridden", _("It passed anyway")),
    ("lifted", _("The group changed its answer")),
    ("dropped", _("The proposal ended another way")),
)

RELATIONS = {
    "holder": _("Holder"),
    "guest": _("Guest"),
    "former_holder": _("Former holder"),
    "former_guest": _("Former guest"),
    None: _("Named in the record"),
}


def approach_label(value: str | None) -> Any:
    """The name of a step on the ladder, in the reader's language."""
    try:
        return Approach(value or "").label
    except ValueError:
        return value or _("Not known")


def percent(share: float | None) -> str:
    return f"{round((share or 0) * 100)}%"


# -- the label check ----------------------------------------------------------------------------


def label_check(report: Mapping[str, Any], subject: str) -> dict[str, Any]:
    """The label check: ``subject`` names what is called something ("This space")."""
    check = report.get("label_check") or {}
    claimed, measured = report.get("claimed_approach"), report.get("measured_approach")
    return {
        "measurable": measured is not None,
        "claimed": bool(claimed),
        "mismatch": bool(check.get("mismatch")),
        "reasons": list(check.get("reasons") or []),
        "headline": gettext("%(subject)s says it is %(claimed)s. The record shows %(measured)s.")
        % {
            "subject": subject,
            "claimed": str(approach_label(claimed)).lower(),
            "measured": str(approach_label(measured)).lower(),
        },
        "rows": [
            row(_("What it is called"), approach_label(claimed)),
            row(_("What the record shows"), approach_label(measured)),
        ],
    }


# -- the circles --------------------------------------------------------------------------------


def circles(
    counts: Mapping[str, int], venues: Sequence[tuple[Any, ...]], *, ident: str, title: Any
) -> dict[str, Any]:
    """Circles whose areas follow the decisions made in each place, and the same as a table."""
    total = sum(counts.get(v[0], 0) for v in venues)
    shapes = []
    for i, (key, words, short, colour) in enumerate(venues):
        n = counts.get(key, 0)
        radius = 24 + (66 * math.sqrt(n / total) if total else 0)
        shapes.append(
            {
                "key": key,
                "words": words,
                "short": short,
                "colour": colour,
                "n": n,
                "r": f"{radius:.1f}",
                "cx": 110 + i * 220,
            }
        )
    return {
        "ident": ident,
        "title": title,
        "width": 220 * len(venues),
        "shapes": shapes,
        "head": [cell(_("Where it was decided")), cell(_("Number"), numeric=True)],
        "rows": [[cell(s["words"]), cell(s["n"], numeric=True)] for s in shapes]
        + [[cell(_("All decisions")), cell(total, numeric=True)]],
    }


# -- charts over time ---------------------------------------------------------------------------


def month_words(month: str) -> str:
    """"2026-08" as the reader's language writes it: "Aug 2026", "Awst 2026"."""
    try:
        return date_format(dt.date(int(month[:4]), int(month[5:7]), 1), "M Y")
    except (ValueError, TypeError):
        return str(month)


def chart(
    by_party: Mapping[str, Mapping[str, int]],
    months: Sequence[str],
    *,
    ident: str,
    title: Any,
    measure: Any,
    name: Names,
    focus: Sequence[str] = (),
) -> dict[str, Any]:
    """A line chart of one count per party per month, and the same figures as a table.

    ``measure`` names what is counted ("Active people"). The focus parties come first; at
    most six lines are drawn (the table holds every party). Geometry: ``audit.formats.charts``.
    """
    parties = charts_geometry.order(by_party, focus, name)
    drawn = charts_geometry.layout(by_party, months, parties, name)
    drawn["months"] = [{**m, "label": month_words(m["label"])} for m in drawn["months"]]
    return {
        **drawn,
        "ident": ident,
        "title": title,
        "measure": measure,
        "head": [cell(_("Month"))] + [cell(name(p), numeric=True) for p in parties],
        "rows": [
            [cell(month_words(r[0]))] + [cell(n, numeric=True) for n in r[1:]]
            for r in charts_geometry.month_rows(by_party, drawn["axis"], parties)
        ],
    }


def charts(
    report: Mapping[str, Any], name: Names, focus: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Participation and initiative over time."""
    participation = report.get("participation") or {}
    initiative = report.get("initiative") or {}
    return [
        chart(
            participation.get("by_party") or {},
            participation.get("months") or [],
            ident="chart-people",
            title=_("Who takes part, month by month"),
            measure=_("Active people"),
            name=name,
            focus=focus,
        ),
        chart(
            initiative.get("by_month") or {},
            initiative.get("months") or [],
            ident="chart-started",
            title=_("Who starts things, month by month"),
            measure=_("Things started"),
            name=name,
            focus=focus,
        ),
    ]


# -- the tables of each measure -----------------------------------------------------------------


def _counts(rows: Mapping[str, int], name: Names, what: Any) -> dict[str, Any]:
    return {
        "head": [cell(_("Group")), cell(what, numeric=True)],
        "rows": [[cell(name(p)), cell(n, numeric=True)] for p, n in rows.items()],
    }


def decisions(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    """Each group's decisions made alone. Where outside decisions name their makers, those
    are apart from the ones in its own space, and the ones the group named disputes apart
    again: they count (DESIGN rule 11), but the group says it did not make them."""
    d = report["decisions"]
    by_party = d.get("by_party") or {}
    outside = d.get("outside_by_party") or {}
    if not any(sum(row.values()) for row in outside.values()):
        return {**_counts(by_party, name, _("Decisions made alone")), "split": False}
    rows = []
    for p in dict.fromkeys([*by_party, *outside]):
        row = outside.get(p) or {}
        disputed = int(row.get("disputed", 0))
        elsewhere = int(row.get("confirmed", 0)) + int(row.get("unanswered", 0))
        own = max(int(by_party.get(p, 0)) - elsewhere - disputed, 0)
        rows.append([cell(name(p)), cell(own, numeric=True), cell(elsewhere, numeric=True),
                     cell(disputed, numeric=True)])
    return {
        "head": [cell(_("Group")), cell(_("Made alone in its own space"), numeric=True),
                 cell(_("Made somewhere else"), numeric=True),
                 cell(_("Said to be made somewhere else, but the group disputes it"),
                      numeric=True)],
        "rows": rows,
        "split": True,
    }


def initiative(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    i = report["initiative"]
    total = i.get("total") or 0
    head = [
        cell(_("Group")),
        cell(_("Things started"), numeric=True),
        cell(_("Share"), numeric=True),
    ]
    rows = [
        [
            cell(name(p)),
            cell(n, numeric=True),
            cell(percent(n / total if total else 0), numeric=True),
        ]
        for p, n in (i.get("by_party") or {}).items()
    ]
    return {"head": head, "rows": rows}


def acceptance(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    """One column a group and one row an outcome, so the table stays narrow on a phone.
    No table until someone has made a proposal (the report lists every party, with zeros)."""
    table = report.get("acceptance") or {}
    if not any(counts.get("proposed") for counts in table.values()):
        return {"head": [], "rows": []}
    return {
        "head": [cell(_("What happened"))] + [cell(name(p), numeric=True) for p in table],
        "rows": [
            [cell(words)] + [cell(counts.get(key, 0), numeric=True) for counts in table.values()]
            for key, words in ACCEPTANCE
        ],
    }


def objections(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    table = report.get("objections") or {}
    if not table:
        return {"head": [], "rows": []}
    return {
        "head": [cell(_("What happened"))] + [cell(name(p), numeric=True) for p in table],
        "rows": [
            [cell(words)] + [cell(counts.get(key, 0), numeric=True) for counts in table.values()]
            for key, words in OBJECTIONS
        ],
    }


def _money_block(m: Mapping[str, Any], currency: str, name: Names) -> dict[str, Any]:
    def amount(value: Any) -> str:
        return (
            money_words(value or "0.00", currency or "GBP").strip()
            if currency
            else str(value or "0.00")
        )

    return {
        "currency": currency,
        "rows": [
            row(_("Put in"), amount(m.get("committed"))),
            row(_("Under the control of every group together"), amount(m.get("joint"))),
            row(
                _("Share under the control of every group together"), percent(m.get("joint_share"))
            ),
            row(_("Spent by a passed proposal (no group said no)"),
                amount(m.get("spent_by_consent"))),
            row(_("Spent by one group alone"), amount(m.get("spent_alone"))),
            row(_("Taken back by one group alone"), amount(m.get("withdrawn_unilaterally"))),
        ],
        "given_head": [cell(_("Group")), cell(_("Put in"), numeric=True)],
        "given_rows": [
            [cell(name(p)), cell(amount(v), numeric=True)]
            for p, v in (m.get("committed_by") or {}).items()
        ],
    }


def money(report: Mapping[str, Any], name: Names) -> list[dict[str, Any]]:
    """One block per currency (a space has one; spaces together may have several)."""
    m = report["money"]
    if "by_currency" in m:
        return [
            _money_block(row_, cur, name)
            for cur, row_ in m["by_currency"].items()
            if row_.get("measurable", True)
        ]
    if not m.get("measurable"):
        return []
    return [_money_block(m, m.get("currency") or "", name)]


def exit_power(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    e = report.get("exit_power") or {}
    pairs = e.get("can_remove") or []
    across = any("spaces" in x for x in pairs) or report.get("scope") in ("party", "partnership")
    head = [cell(_("This group")), cell(_("can remove this group"))]
    if across:
        head.append(cell(_("In how many spaces"), numeric=True))
    rows = [
        [cell(name(x["party"])), cell(name(x["can_remove"]))]
        + ([cell(len(x.get("spaces") or []), numeric=True)] if across else [])
        for x in pairs
    ]
    left = e.get("left") or {}
    return {
        "head": head,
        "rows": rows,
        "holders_can_be_removed": bool(e.get("holders_can_be_removed")),
        "guests_together": e.get("guests_removed_only_together"),
        "removals": e.get("guest_removals", 0),
        "left_head": [cell(_("Group")), cell(_("Times it left"), numeric=True)],
        "left_rows": [[cell(name(p)), cell(n, numeric=True)] for p, n in left.items()],
    }


def information(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    info = report.get("information") or {}
    return {
        "head": [
            cell(_("Group")),
            cell(_("Entries it can read"), numeric=True),
            cell(_("Share of the record"), numeric=True),
        ],
        "rows": [
            [
                cell(name(p)),
                cell(f"{i.get('can_see', 0)} / {i.get('of', 0)}", numeric=True),
                cell(percent(i.get("share")), numeric=True),
            ]
            for p, i in info.items()
        ],
    }


def _outside_rows(o: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "head": [cell(_("What happened")), cell(_("Number"), numeric=True)],
        "rows": [
            [cell(_("Confirmed by the group named")), cell(o.get("confirmed", 0), numeric=True)],
            [cell(_("Disputed by the group named")), cell(o.get("disputed", 0), numeric=True)],
            [cell(_("Not answered yet")), cell(o.get("unanswered", 0), numeric=True)],
        ],
    }


def outside(report: Mapping[str, Any]) -> dict[str, Any]:
    return _outside_rows(report.get("outside_decisions") or {})


def named_elsewhere(report: Mapping[str, Any]) -> dict[str, Any] | None:
    """A group's own audit: the outside decisions naming it in spaces it is not part of (the
    engine's ``decisions.outside[party].elsewhere``), as it answered them; None when none."""
    if report.get("scope") != "party":
        return None
    found = ((report["decisions"].get("outside") or {}).get(report.get("party")) or {}).get(
        "elsewhere") or {}
    if not found.get("total"):
        return None
    return {**_outside_rows(found), "total": found["total"], "spaces": found.get("spaces", 0)}


def space_rows(
    report: Mapping[str, Any], name: Names, focus: Sequence[str], href: Callable[[str], str]
) -> dict[str, Any]:
    """One row per space of a party's or a partnership's audit, each linking to its audit."""
    head = (
        [cell(_("Space"))]
        + [cell(name(p)) for p in focus]
        + [cell(_("Called")), cell(_("Record shows")), cell(_("Label fits?"))]
    )
    rows = [
        [cell(s["title"], href=href(s["space"]))]
        + [cell(RELATIONS.get((s.get("relation") or {}).get(p), RELATIONS[None])) for p in focus]
        + [
            cell(approach_label(s.get("claimed_approach"))),
            cell(approach_label(s.get("measured_approach"))),
            cell(_("No") if (s.get("label_check") or {}).get("mismatch") else _("Yes")),
        ]
        for s in report.get("spaces") or []
    ]
    return {"head": head, "rows": rows}


# -- what cannot be measured yet ----------------------------------------------------------------


def page_notes(report: Mapping[str, Any], name: Names, focus: Sequence[str] = ()) -> list[Any]:
    """What the page cannot show yet, in the reader's language, beside the engine's notes."""
    notes: list[Any] = []
    months = (report.get("participation") or {}).get("months") or []
    if len(months) < 2:
        notes.append(_("Change over time needs at least two months of record."))
    perceptions = report.get("perceptions") or {}
    if perceptions.get("status") == "one_side":
        notes.append(
            _(
                "Only one group has answered the perception check, so the answers "
                "cannot be compared yet."
            )
        )
    if report.get("scope") == "party" and not report.get("partners"):
        notes.append(
            _(
                "This group has not met another group in a space yet, so there is no "
                "partnership to look at."
            )
        )
    if report.get("kind") == "own" and not (report.get("guests") or report.get("former_guests")):
        notes.append(_("Only one group is in this space, so there is nobody to compare with."))
    return notes


def cannot_measure(report: Mapping[str, Any], name: Names, focus: Sequence[str] = ()) -> list[Any]:
    return [*page_notes(report, name, focus), *(report.get("cannot_measure_yet") or [])]
