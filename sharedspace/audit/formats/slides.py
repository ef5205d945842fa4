"""The audit report of one space as a PowerPoint deck for workshops (python-pptx).

The order follows a conversation: what the work is called and what the record shows, the
label check, the three circles, who decides, who starts things, whose proposals pass, the
money, how each group sees power, and questions to talk about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .deck import BLUE, GREEN, QUESTIONS, RED, Deck, money, percent
from .html import VENUES, nothing_read
from .perceptions import TITLE as PERCEPTIONS_TITLE
from .perceptions import rows as perception_rows

COLOURS = {"own": BLUE, "shared": GREEN, "outside": RED}


def _name(report: Mapping[str, Any], party: str) -> str:
    return str(((report.get("parties") or {}).get(party) or {}).get("name") or party)


def label_slide(deck: Deck, check: Mapping[str, Any], claimed: str, measured: str) -> None:
    """The label check: red when the name claims more than the record shows."""
    if check.get("mismatch"):
        deck.bullets("The label does not fit", list(check.get("reasons") or []), colour=RED)
    else:
        deck.bullets("Does the label fit?", list(check.get("reasons") or []) or [
            f"This work is called {claimed}, and the record shows {measured}. "
            "The label fits."], colour=GREEN)


def circles_slide(deck: Deck, title: str, by_venue: Mapping[str, int],
                  venues: Sequence[tuple[str, str, Any]] = VENUES) -> None:
    total = sum(int(by_venue.get(k, 0)) for k, _l, _c in venues)
    if total:
        biggest_key, biggest_label, _c = max(venues, key=lambda v: by_venue.get(v[0], 0))
        n = by_venue.get(biggest_key, 0)
        note = f"{n} of {total} decisions were made here: {biggest_label.lower()}."
    else:
        note = "No decisions have been made yet, so there is nothing to measure."
    deck.circles(title, [(label, int(by_venue.get(k, 0)), COLOURS.get(k, BLUE))
                         for k, label, _c in venues], note=note)


def initiative_slide(deck: Deck, report: Mapping[str, Any], by_party: Mapping[str, int]) -> None:
    total = sum(by_party.values())
    parties = list(by_party)
    note = (f"{total} things were started: proposals, invitations, agenda items, new spaces."
            if total else "")
    deck.bars("Who starts things", [_name(report, p) for p in parties],
              {"Things started": [by_party[p] for p in parties]}, note=note)


def acceptance_slide(deck: Deck, report: Mapping[str, Any],
                     acceptance: Mapping[str, Mapping[str, int]]) -> None:
    parties = list(acceptance)
    deck.bars("Whose proposals pass", [_name(report, p) for p in parties],
              {"Proposed": [acceptance[p].get("proposed", 0) for p in parties],
               "Passed": [acceptance[p].get("passed", 0) for p in parties]},
              note="How many proposals each group made, and how many passed.")


def over_time_slides(deck: Deck, report: Mapping[str, Any], focus: Sequence[str] = ()) -> None:
    """People taking part, and things started, month by month: the first six groups (the
    focus groups first), every month from the first to the last."""
    from .charts import month_range

    for key, title, measure in (
        ("participation", "Who takes part, month by month", "by_party"),
        ("initiative", "Who starts things, month by month", "by_month"),
    ):
        block = report.get(key) or {}
        by_party: Mapping[str, Mapping[str, int]] = block.get(measure) or {}
        months = month_range(list(block.get("months") or []))
        parties = [p for p in focus if p in by_party]
        parties += sorted((p for p in by_party if p not in parties),
                          key=lambda p: -sum(by_party[p].values()))
        series = {_name(report, p): [int(by_party[p].get(m, 0)) for m in months]
                  for p in parties[:6]}
        deck.lines(title, months, series)


def money_slide(deck: Deck, report: Mapping[str, Any], m: Mapping[str, Any],
                title: str = "Money") -> None:
    currency = m.get("currency")
    rows: list[tuple[str, str]] = [
        (f"Given by {_name(report, p)}", money(a, currency))
        for p, a in (m.get("committed_by") or {}).items()
    ]
    rows += [
        ("Spent by consent", money(m.get("spent_by_consent", 0), currency)),
        ("Spent by one group alone", money(m.get("spent_alone", 0), currency)),
        ("Taken back by one group alone", money(m.get("withdrawn_unilaterally", 0), currency)),
        ("Share under joint control", percent(m.get("joint_share", 0))),
    ]
    if not m.get("committed_by"):
        deck.bullets(title, ["No money has been put into a fund here yet."])
        return
    deck.table(title, ("What", "Amount"), rows)


def perceptions_slides(deck: Deck, report: Mapping[str, Any]) -> None:
    """Each group's view beside the record, question by question; or why there is none."""
    block = report.get("perceptions")
    if block is None:
        return
    if not block.get("round") or not block.get("questions"):
        deck.bullets(PERCEPTIONS_TITLE, [str(block.get("message") or "")])
        return
    head, body, flagged = perception_rows(report)
    deck.table(PERCEPTIONS_TITLE, head, body, note=str(block.get("message") or ""),
               per_slide=5, marked=flagged)


def talk_slide(deck: Deck, report: Mapping[str, Any]) -> None:
    flags = [f["message"] for f in report.get("flags") or []]
    cannot = list(report.get("cannot_measure_yet") or [])
    deck.bullets("Things to talk about", [*flags, *cannot, *QUESTIONS])


def _nothing_read(deck: Deck, r: Mapping[str, Any]) -> bytes:
    """An import that read no record measures nothing: what was read, and the rows skipped
    (ADR 23); no label, no measures."""
    source = r.get("source") or {}
    deck.cover(f"Power audit: {r.get('title') or r['space']}",
               "No records could be read, so nothing is measured.",
               note=str(source.get("summary") or ""))
    deck.bullets("Rows skipped", [f"{b.get('where') or b.get('file')}: {b.get('reason')}"
                                  for b in source.get("bad_rows") or []],
                 empty="No row was skipped: the input holds no records at all.")
    return deck.save()


def to_pptx(report: Mapping[str, Any]) -> bytes:
    r = report
    deck = Deck()
    if nothing_read(r):
        return _nothing_read(deck, r)
    deck.cover(f"Power audit: {r.get('title') or r['space']}",
               f"Called {r['claimed_approach']}. The record shows {r['measured_approach']}.",
               note=f"From {r.get('entries', 0)} entries in the space's permanent record.")
    label_slide(deck, r["label_check"], r["claimed_approach"], r["measured_approach"])
    d = r["decisions"]
    circles_slide(deck, "Where decisions were made", d["by_venue"])
    if d.get("by_party"):
        parties = list(d["by_party"])
        deck.bars("Who made the decisions alone", [_name(r, p) for p in parties],
                  {"Decisions": [d["by_party"][p] for p in parties]},
                  note=f"{d.get('made_together', 0)} decisions were made by every group "
                       "agreeing.")
    initiative_slide(deck, r, r["initiative"]["by_party"])
    acceptance_slide(deck, r, r["acceptance"])
    over_time_slides(deck, r)
    money_slide(deck, r, r["money"], title=f"Money ({r['money'].get('currency') or 'none'})")
    perceptions_slides(deck, r)
    talk_slide(deck, r)
    return deck.save()
