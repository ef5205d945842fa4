"""The audit report as a standalone, accessible HTML page (no scripts, no outside files).

The label check comes first, in plain words; the three-circle picture of where decisions were
made is an SVG with a text alternative, followed by the same figures as a data table.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from .deck import money as as_money
from .deck import month_words
from .perceptions import to_html as perceptions_html

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;
max-width:960px;margin:0 auto;padding:16px}
h1{font-size:32px}h2{font-size:24px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border-bottom:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.warning{border:5px solid #d4351c;padding:12px 16px;margin:16px 0}
.ok{border:5px solid #00703c;padding:12px 16px;margin:16px 0}
.note{color:#505a5f}
svg text{font-family:"DejaVu Sans",Arial,sans-serif}
tr.different{background:#fcefed}strong.different{color:#b0281a}
table.perceptions th[scope=row]{width:32%}
h2,h3,caption{break-after:avoid}tr{break-inside:avoid}svg{break-inside:avoid}
"""

VENUES = (
    ("own", "In an own space, decided by its host", "#1d70b8"),
    ("shared", "In the shared space, by consent", "#00703c"),
    ("outside", "Outside, somewhere else", "#d4351c"),
)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _name(report: Mapping[str, Any], party: str | None) -> str:
    if not party:
        return ""
    return str(((report.get("parties") or {}).get(party) or {}).get("name") or party)


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    rows = list(rows)
    if not rows:
        return f"<p class='note'>{_e(caption)}: nothing to show yet.</p>"
    cells = "".join(
        "<tr>" + "".join(
            (f"<th scope='row'>{_e(c)}</th>" if i == 0 else
             f"<td class='n'>{_e(c)}</td>" if isinstance(c, (int, float)) else f"<td>{_e(c)}</td>")
            for i, c in enumerate(r)
        ) + "</tr>"
        for r in rows
    )
    header = "".join(f"<th scope='col'>{_e(h)}</th>" for h in head)
    return (f"<table><caption>{_e(caption)}</caption><thead><tr>{header}</tr></thead>"
            f"<tbody>{cells}</tbody></table>")


def circles_svg(by_venue: Mapping[str, int]) -> str:
    """Three circles, their areas in proportion to the decisions made in each place."""
    total = sum(by_venue.get(k, 0) for k, _, _ in VENUES)
    desc = "; ".join(f"{label}: {by_venue.get(key, 0)}" for key, label, _ in VENUES)
    parts = []
    for i, (key, label, colour) in enumerate(VENUES):
        n = by_venue.get(key, 0)
        r = 24 + (66 * math.sqrt(n / total) if total else 0)
        cx = 110 + i * 220
        parts.append(
            f"<circle cx='{cx}' cy='110' r='{r:.1f}' fill='{colour}' fill-opacity='0.25' "
            f"stroke='{colour}' stroke-width='3'/>"
            f"<text x='{cx}' y='118' text-anchor='middle' font-size='24' font-weight='bold'>{n}"
            f"</text><text x='{cx}' y='226' text-anchor='middle' font-size='14'>"
            f"{_e(label.split(',')[0])}</text>"
        )
    return (
        "<svg role='img' aria-labelledby='circles-title circles-desc' viewBox='0 0 660 240' "
        "width='100%' xmlns='http://www.w3.org/2000/svg'>"
        "<title id='circles-title'>Where decisions were made</title>"
        f"<desc id='circles-desc'>{_e(desc)}</desc>{''.join(parts)}</svg>"
    )


def over_time(report: Mapping[str, Any], which: str) -> str:
    """The chart of participation or initiative over time, and its table (one row a month)."""
    from . import charts

    n = lambda p: _name(report, p)  # noqa: E731
    block = report.get(which) or {}
    by_party = block.get("by_party" if which == "participation" else "by_month") or {}
    focus = list(report.get("partnership") or ([report["party"]] if report.get("party") else []))
    parties = charts.order(by_party, focus, n)
    chart = charts.layout(by_party, block.get("months") or [], parties, n)
    chart["months"] = [{**m, "label": month_words(m["label"])} for m in chart["months"]]
    title, measure = (("Who takes part, month by month", "Active people")
                      if which == "participation"
                      else ("Who starts things, month by month", "Things started"))
    if chart["empty"]:
        return f"<p class='note'>{_e(title)}: nothing to show yet.</p>"
    return (charts.svg(chart, ident=f"chart-{which}", title=title, measure=measure)
            + _table(title, ("Month", *(n(p) for p in parties)),
                     [(month_words(r[0]), *r[1:])
                      for r in charts.month_rows(by_party, chart["axis"], parties)]))


def _label_check(report: Mapping[str, Any]) -> str:
    check = report.get("label_check") or {}
    claimed, measured = report.get("claimed_approach"), report.get("measured_approach")
    if check.get("mismatch"):
        items = "".join(f"<li>{_e(r)}</li>" for r in check.get("reasons") or [])
        return (f"<section class='warning' aria-labelledby='label'><h2 id='label'>"
                f"This space is called {_e(claimed)}, but the record shows {_e(measured)}</h2>"
                f"<ul>{items}</ul></section>")
    return (f"<section class='ok' aria-labelledby='label'><h2 id='label'>The label fits</h2>"
            f"<p>This space is called {_e(claimed)}. The record shows {_e(measured)}.</p>"
            "</section>")


def nothing_read(report: Mapping[str, Any]) -> bool:
    """An audit of imported records that read no record at all: it measures nothing, so the
    human-readable formats leave out the label check and every measure (ADR 23). Its JSON
    keeps every field (CONTRACT.md)."""
    source = report.get("source")
    return isinstance(source, Mapping) and source.get("records_read") == 0


def _nothing_read(r: Mapping[str, Any]) -> list[str]:
    """The body of the report of an import that read no record: what was read, that
    nothing is measured, and the rows skipped."""
    source = r.get("source") or {}
    rows = [(b.get("where") or b.get("file") or "", b.get("reason") or "")
            for b in source.get("bad_rows") or []]
    listed, count = len(rows), int(source.get("bad_row_count") or 0)
    more = (f"<p>The first {listed} of {count} skipped rows are listed.</p>"
            if count > listed else "")
    return [
        f"<h1>Power audit: {_e(r.get('title') or r['space'])}</h1>",
        _source(r),
        "<section class='warning' aria-labelledby='label'><h2 id='label'>Nothing could be "
        "read, so nothing is measured</h2><p>No records could be read from the input. So "
        "this report says nothing about what the work is, who decides, or who can remove "
        "whom.</p></section>",
        "<h2>Rows skipped</h2>" if rows else "<p>No row was skipped: the input holds no "
        "records at all.</p>",
        _table("Rows skipped, with the reason", ("Where", "Why"), rows) if rows else "",
        more,
    ]


def _document(r: Mapping[str, Any], body: Sequence[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Power audit: {_e(r.get('title') or r['space'])}</title>"
        f"<style>{STYLE}</style></head><body><main>{''.join(body)}</main></body></html>\n"
    )


def _source(report: Mapping[str, Any]) -> str:
    """Imported records (audit-import): what was read and how much was skipped."""
    source = report.get("source") or {}
    return f"<p>{_e(source['summary'])}</p>" if source.get("summary") else ""


def to_html(report: Mapping[str, Any]) -> str:
    r = report
    if nothing_read(r):
        return _document(r, _nothing_read(r))
    n = lambda p: _name(r, p)  # noqa: E731
    d, money = r["decisions"], r["money"]
    cur = money.get("currency") or ""
    body = [
        f"<h1>Power audit: {_e(r.get('title') or r['space'])}</h1>",
        f"<p>{'A shared' if r['kind'] == 'shared' else 'An own'} space, "
        f"{_e(r.get('state'))}. Holders: "
        f"{_e(', '.join(n(p) for p in r['holders']) or 'none')}. Guests: "
        f"{_e(', '.join(n(p) for p in r['guests']) or 'none')}.</p>",
        _source(r),
        _label_check(r),
        "<h2>Where decisions were made</h2>",
        circles_svg(d["by_venue"]),
        _table("Decisions by place", ("Place", "Decisions"),
               [(label, d["by_venue"].get(k, 0)) for k, label, _ in VENUES]
               + [("All decisions", d["total"])]),
        _table("Decisions made by one group alone", ("Group", "Decisions"),
               [(n(p), c) for p, c in d["by_party"].items()]),
        "<h2>Who starts things</h2>",
        _table("Things started", ("Group", "Started"),
               [(n(p), c) for p, c in r["initiative"]["by_party"].items()]),
        over_time(r, "initiative"),
        "<h2>Whose proposals pass</h2>",
        _table("Proposals", ("Group", "Made", "Passed", "Blocked", "Lapsed", "Withdrawn"),
               [(n(p), a["proposed"], a["passed"], a["blocked"], a["lapsed"], a["withdrawn"])
                for p, a in r["acceptance"].items()]),
        _table("Objections", ("Group", "Raised", "Amended", "Blocked", "Overridden", "Lifted"),
               [(n(p), o["raised"], o["amended"], o["blocked"], o["overridden"], o["lifted"])
                for p, o in r.get("objections", {}).items()]),
        "<h2>Money</h2>",
        _table(f"Money {cur}".strip(), ("What", "Amount"),
               [*((f"Given by {n(p)}", as_money(a, cur))
                  for p, a in money["committed_by"].items()),
                ("Spent by consent", as_money(money["spent_by_consent"], cur)),
                ("Spent by the host alone", as_money(money.get("spent_alone", "0.00"), cur)),
                ("Taken back by one group alone",
                 as_money(money["withdrawn_unilaterally"], cur)),
                ("Share under joint control", f"{round(money['joint_share'] * 100)}%")]),
        "<h2>Who can remove whom</h2>",
        _table("Who can remove whom", ("Group", "Can remove"),
               [(n(x["party"]), n(x["can_remove"])) for x in r["exit_power"]["can_remove"]]),
        f"<p>Guests stopped being involved: {r['exit_power']['guest_removals']}. "
        "No group holding a shared space can be removed by the others.</p>",
        "<h2>Decisions made outside</h2>",
        _table("Outside decisions", ("Answer", "Decisions"),
               [(k.capitalize(), v) for k, v in r["outside_decisions"].items()]),
        "<h2>Who can see what</h2>",
        _table("Share of the record each group can read", ("Group", "Relation", "Share"),
               [(n(p), i["relation"].replace("_", " "), f"{round(i['share'] * 100)}%")
                for p, i in r.get("information", {}).items()]),
        "<h2>Who takes part</h2>",
        _table("Active people by month", ("Group", "Month", "People"),
               [(n(p), m, c) for p, months in r.get("participation", {}).get("by_party", {}).items()
                for m, c in months.items()]),
        over_time(r, "participation"),
    ]
    body.append(perceptions_html(r))
    flags = r.get("flags") or []
    notes = r.get("cannot_measure_yet") or []
    if flags:
        body.append("<h2>Things to look at</h2><ul>"
                    + "".join(f"<li>{_e(f['message'])}</li>" for f in flags) + "</ul>")
    if notes:
        body.append("<h2>Not measured yet</h2><ul>"
                    + "".join(f"<li>{_e(x)}</li>" for x in notes) + "</ul>")
    behind = "rows of the records read" if r.get("source") else "ledger entries"
    body.append(_table(f"Evidence: {behind} behind each measure", ("Measure", "Entries"),
                       [(k.replace("_", " "), " ".join(str(s) for s in v))
                        for k, v in r.get("evidence", {}).items()]))
    return _document(r, body)
