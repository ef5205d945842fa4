"""The audits of a party and of a partnership (``scope`` "party" or "partnership") as an HTML
page (also printed to PDF) and a PowerPoint deck. CSV and JSON are shared with the space's
report. Same habits as ``html.py``: the label check first, every picture with a title, a
description and the same figures as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from .deck import money as as_money
from .html import STYLE, _e, _table, over_time

CIRCLES = (
    ("own", "In its own space", "#1d70b8"),
    ("invited", "In another group's space, as a guest", "#f47738"),
    ("shared", "In a shared space, by consent", "#00703c"),
    ("outside", "Outside, somewhere else", "#d4351c"),
)


def _name(report: Mapping[str, Any], party: str | None) -> str:
    if not party:
        return ""
    return str(((report.get("parties") or {}).get(party) or {}).get("name") or party)


def _focus(report: Mapping[str, Any]) -> list[str]:
    return list(report.get("partnership") or [report.get("party")])


def circles_svg(circles: Mapping[str, int], ident: str, whose: str) -> str:
    """Four circles, their areas in proportion to the decisions made in each place."""
    total = sum(circles.get(k, 0) for k, _, _ in CIRCLES)
    desc = "; ".join(f"{label}: {circles.get(key, 0)}" for key, label, _ in CIRCLES)
    parts = []
    for i, (key, label, colour) in enumerate(CIRCLES):
        n = circles.get(key, 0)
        r = 20 + (56 * math.sqrt(n / total) if total else 0)
        cx = 90 + i * 180
        parts.append(
            f"<circle cx='{cx}' cy='100' r='{r:.1f}' fill='{colour}' fill-opacity='0.25' "
            f"stroke='{colour}' stroke-width='3'/><text x='{cx}' y='108' text-anchor='middle' "
            f"font-size='24' font-weight='bold'>{n}</text><text x='{cx}' y='206' "
            f"text-anchor='middle' font-size='13'>{_e(label.split(',')[0])}</text>"
        )
    return (
        f"<svg role='img' aria-labelledby='{ident}-title {ident}-desc' viewBox='0 0 720 220' "
        f"width='100%' xmlns='http://www.w3.org/2000/svg'><title id='{ident}-title'>"
        f"Where decisions were made, seen from {_e(whose)}</title>"
        f"<desc id='{ident}-desc'>{_e(desc)}</desc>{''.join(parts)}</svg>"
    )


def _label_check(r: Mapping[str, Any]) -> str:
    if r["scope"] != "partnership" or not r.get("measured_approach"):
        return ""
    check = r["label_check"]
    if check["mismatch"]:
        items = "".join(f"<li>{_e(x)}</li>" for x in check["reasons"])
        return (f"<section class='warning' aria-labelledby='label'><h2 id='label'>This "
                f"partnership's work is called {_e(r['claimed_approach'])}, but the record shows "
                f"{_e(r['measured_approach'])}</h2><ul>{items}</ul></section>")
    return (f"<section class='ok' aria-labelledby='label'><h2 id='label'>The label fits</h2>"
            f"<p>The highest label given to this work is {_e(r['claimed_approach'])}. The record "
            f"shows {_e(r['measured_approach'])}.</p></section>")


def _money_tables(r: Mapping[str, Any]) -> list[str]:
    n = lambda p: _name(r, p)  # noqa: E731
    out = []
    for currency, m in r["money"]["by_currency"].items():
        out.append(_table(f"Money {currency}".strip(), ("What", "Amount"), [
            *((f"Given by {n(p)}", as_money(a, currency)) for p, a in m["committed_by"].items()),
            ("Spent by consent", as_money(m["spent_by_consent"], currency)),
            ("Spent by a host alone", as_money(m["spent_alone"], currency)),
            ("Taken back by one group alone", as_money(m["withdrawn_unilaterally"], currency)),
            ("Share under joint control", f"{round(m['joint_share'] * 100)}%"),
        ]))
    return out or ["<p class='note'>There is no money in any fund yet.</p>"]


def to_html(report: Mapping[str, Any]) -> str:
    r = report
    n = lambda p: _name(r, p)  # noqa: E731
    focus = _focus(r)
    d = r["decisions"]
    kind = "a partnership" if r["scope"] == "partnership" else "a group across its spaces"
    body = [
        f"<h1>Power audit: {_e(r['title'])}</h1>",
        f"<p>The power audit of {kind}: {len(r['spaces'])} spaces.</p>",
        _label_check(r),
        "<h2>The spaces</h2>",
        _table("Spaces and their labels",
               ("Space", *(f"{n(p)} is" for p in focus), "Called", "Record shows",
                "Label fits?"),
               [(f"{s['title']} ({s['kind']}, {s['state']})",
                 *((s["relation"][p] or "named").replace("_", " ") for p in focus),
                 s["claimed_approach"], s["measured_approach"],
                 "No" if s["label_check"]["mismatch"] else "Yes") for s in r["spaces"]]),
    ]
    for i, p in enumerate(focus):
        c, o = d["circles"][p], d["outside"][p]
        body += [
            f"<h2>Where decisions were made, seen from {_e(n(p))}</h2>",
            circles_svg(c, f"circles-{i}", n(p)),
            _table(f"Decisions by place, seen from {n(p)}", ("Place", "Decisions"),
                   [*((label, c.get(k, 0)) for k, label, _ in CIRCLES),
                    ("All decisions", sum(c.values()))]),
            _table(f"Decisions made outside, seen from {n(p)}", ("What", "Decisions"), [
                ("Confirmed", o["confirmed"]), ("Disputed", o["disputed"]),
                ("Not answered yet", o["unanswered"]), (f"Made by {n(p)}", o["made_by_itself"]),
                ("Made by others", o["made_by_others"])]),
        ]
    body += [
        "<h2>Who starts things</h2>",
        _table("Things started", ("Group", "Started", "Share"),
               [(n(p), k, f"{round(r['initiative']['share'][p] * 100)}%")
                for p, k in r["initiative"]["by_party"].items()]),
        over_time(r, "initiative"),
        "<h2>Whose proposals pass</h2>",
        _table("Proposals", ("Group", "Made", "Passed", "Blocked", "Lapsed", "Share passed"),
               [(n(p), a["proposed"], a["passed"], a["blocked"], a["lapsed"],
                 f"{round(a['share'] * 100)}%") for p, a in r["acceptance"].items()]),
        _table("Objections", ("Group", "Raised", "Amended", "Blocked", "Overridden", "Lifted"),
               [(n(p), o["raised"], o["amended"], o["blocked"], o["overridden"], o["lifted"])
                for p, o in r["objections"].items()]),
        "<h2>Money</h2>", *_money_tables(r),
        "<h2>Who can remove whom</h2>",
        _table("Who can remove whom", ("Group", "Can remove", "In how many spaces"),
               [(n(x["party"]), n(x["can_remove"]), len(x["spaces"]))
                for x in r["exit_power"]["can_remove"]]),
        f"<p>Guests stopped being involved: {r['exit_power']['guest_removals']}. "
        "No group holding a shared space can be removed by the others.</p>",
        "<h2>Who can see what</h2>",
        _table("Share of all these spaces' records each group can read", ("Group", "Share"),
               [(n(p), f"{round(i['share'] * 100)}%") for p, i in r["information"].items()]),
        "<h2>Who takes part</h2>",
        _table("Active people by month", ("Group", "Month", "People"),
               [(n(p), m, k) for p, months in r["participation"]["by_party"].items()
                for m, k in months.items()]),
        over_time(r, "participation"),
    ]
    if r.get("partners") is not None:
        body.append(_table("Other groups met", ("Group", "Spaces", "Held together",
                                                "It hosts them", "They host it"),
                           [(n(x["party"]), x["spaces"], x["held_together"],
                             x["it_hosts_them"], x["they_host_it"]) for x in r["partners"]]))
    if r.get("flags"):
        body.append("<h2>Things to look at</h2><ul>"
                    + "".join(f"<li>{_e(f['message'])}</li>" for f in r["flags"]) + "</ul>")
    if r.get("cannot_measure_yet"):
        body.append("<h2>Not measured yet</h2><ul>"
                    + "".join(f"<li>{_e(x)}</li>" for x in r["cannot_measure_yet"]) + "</ul>")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Power audit: {_e(r['title'])}</title>"
        f"<style>{STYLE}</style></head><body><main>{''.join(body)}</main></body></html>\n"
    )


def to_pdf(report: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    return HTML(string=to_html(report)).write_pdf()


def to_pptx(report: Mapping[str, Any]) -> bytes:
    from .deck import Deck, money, percent
    from .slides import (
        acceptance_slide,
        initiative_slide,
        label_slide,
        over_time_slides,
        talk_slide,
    )

    r = report
    n = lambda p: _name(r, p)  # noqa: E731
    deck = Deck()
    deck.cover(f"Power audit: {r['title']}", f"Across {len(r['spaces'])} spaces.")
    if r["scope"] == "partnership" and r.get("measured_approach"):
        label_slide(deck, r["label_check"], r["claimed_approach"], r["measured_approach"])
    deck.table("The spaces", ("Space", "Called", "Record shows"),
               [(s["title"], s["claimed_approach"], s["measured_approach"])
                for s in r["spaces"]])
    for p in _focus(r):
        c = r["decisions"]["circles"][p]
        total = sum(int(c.get(k, 0)) for k, _l, _c in CIRCLES)
        deck.circles(f"Where decisions were made, seen from {n(p)}",
                     [(label.split(",")[0], int(c.get(k, 0)), _hex(colour))
                      for k, label, colour in CIRCLES],
                     note=f"{total} decisions about {n(p)}'s work." if total else
                     "No decisions have been made yet, so there is nothing to measure.")
    initiative_slide(deck, r, r["initiative"]["by_party"])
    acceptance_slide(deck, r, r["acceptance"])
    over_time_slides(deck, r, _focus(r))
    for currency, m in r["money"]["by_currency"].items():
        deck.table(f"Money ({currency})", ("What", "Amount"),
                   [*((f"Given by {n(p)}", money(a, currency))
                      for p, a in m["committed_by"].items()),
                    ("Spent by consent", money(m["spent_by_consent"], currency)),
                    ("Taken back by one group alone",
                     money(m["withdrawn_unilaterally"], currency)),
                    ("Share under joint control", percent(m["joint_share"]))])
    talk_slide(deck, r)
    return deck.save()


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str | bytes]] = {
    "html": to_html, "pdf": to_pdf, "pptx": to_pptx}
