"""Pure functions: group answers by party, find disagreements, and put the record beside.

No database here. ``facts`` is a small dict built from the record by ``selectors``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from .questions import DONT_KNOW, QUESTIONS, TOGETHER

# A party "holds" a dimension in the record when it has at least this share of the events.
DOMINANT_SHARE = 0.75
MIXED = "mixed"


def party_view(counts: Mapping[str, int]) -> str | None:
    """A party's view: its most common answer. A tie at the top is "split"."""
    known = {a: n for a, n in counts.items() if n > 0}
    if not known:
        return None
    ranked = sorted(known.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return "split"
    return max(known, key=lambda a: known[a])


def dominant(shares: Mapping[str, int]) -> str | None:
    """Who holds a dimension in the record: the key with at least DOMINANT_SHARE of the
    events (a party id, or "together"), "mixed" when no one does, None when nothing
    happened yet."""
    total = sum(shares.values())
    if total == 0:
        return None
    key, n = max(sorted(shares.items()), key=lambda item: item[1])
    if n / total >= DOMINANT_SHARE:
        return key if key == TOGETHER else f"party:{key}"
    return MIXED


def record_answers(facts: Mapping[str, Any]) -> dict[str, str | None]:
    """What the record says for each dimension it measures, as an answer value."""
    shared = facts["kind"] == "shared"
    host = f"party:{facts['host']}" if facts.get("host") else None
    return {
        "next_steps": dominant(facts["decisions"]) if facts["decisions"] else None,
        "money": (TOGETHER if shared else host) if facts["fund_exists"] else None,
        "budget": TOGETHER if facts["fund_exists"] else None,
        "stop": TOGETHER if shared else host,
        "start": dominant(facts["initiative"]) if facts["initiative"] else None,
        "overall": TOGETHER if shared else host,
    }


def summarise(
    answers: Iterable[tuple[str, str, str]],
    *,
    parties: Iterable[str],
    record: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """Answers (party, question, answer) side by side by party, with disagreements marked.

    A question shows a disagreement when the parties that answered hold different views, or
    a party is split. Where the record measures a dimension, it is shown beside, and each
    party's view is marked as matching it or not.
    """
    party_list = list(parties)
    counts: dict[str, dict[str, Counter[str]]] = {
        q.key: {p: Counter() for p in party_list} for q in QUESTIONS
    }
    for party, question, answer in answers:
        if question in counts and party in counts[question]:
            counts[question][party][answer] += 1
    record = record or {}
    questions = []
    for q in QUESTIONS:
        by_party = {}
        views = {}
        for party in party_list:
            c = counts[q.key][party]
            view = party_view(c)
            by_party[party] = {"counts": dict(c), "view": view, "answered": sum(c.values())}
            if view is not None:
                views[party] = view
        distinct = {v for v in views.values() if v != DONT_KNOW}
        disagreement = "split" in distinct or len(distinct) > 1
        said = record.get(q.key)
        questions.append(
            {
                "key": q.key,
                "text": str(q.text),
                "by_party": by_party,
                "disagreement": disagreement,
                "record": said,
                "matches_record": {p: v == said for p, v in views.items()} if said else {},
            }
        )
    answered_parties = [p for p in party_list if any(
        sum(counts[q.key][p].values()) for q in QUESTIONS)]
    notes = []
    if not answered_parties:
        notes.append("No one has answered yet.")
    elif len(answered_parties) == 1 and len(party_list) > 1:
        notes.append("Only one group has answered so far. Answers cannot be compared yet.")
    return {"questions": questions, "answered_parties": answered_parties, "notes": notes}


def changes(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What changed between two summaries (from ``summarise``) of the same space: for each
    question, each party whose view is known in both and differs. A party that answered in
    only one of the two rounds is not a change: there is nothing to compare."""
    before = {q["key"]: q for q in earlier["questions"]}
    found = []
    for question in later["questions"]:
        old = before.get(question["key"])
        if old is None:
            continue
        for party, now in question["by_party"].items():
            then = old["by_party"].get(party)
            if then is None or then["view"] is None or now["view"] is None:
                continue
            if then["view"] != now["view"]:
                found.append({"key": question["key"], "party": party,
                              "before": then["view"], "after": now["view"]})
    return found
