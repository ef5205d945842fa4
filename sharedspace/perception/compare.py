"""Pure functions: group answers by party, find disagreements, and put the record beside.

No database here. What the record says comes from the power audit's report of the space
(``audit.report.build_report``: the same figures the audit shows), through ``record_facts``
and ``record_rules``; the rule for each dimension is written in docs/audit.md ("What the record
shows beside the perceptions") and docs/adr/0022.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sharedspace.audit.ladder import JOINT_MONEY_MIN

from .questions import DONT_KNOW, QUESTIONS, TOGETHER

# A party "holds" a dimension in the record when it has at least this share of the events
# (or, for money, of the money given).
DOMINANT_SHARE = 0.75
MIXED = "mixed"

#: Money is "together" only when at least this share of it is under joint control: the
#: ladder's own threshold for coproduction (audit.ladder.JOINT_MONEY_MIN, one half).
JOINT_SHARE_MIN = JOINT_MONEY_MIN

#: The questions the record measures, and the stable code of each rule that can answer one
#: (``questions[].record_rule`` in a summary; docs/audit.md).
RULES = {
    "next_steps": (
        "no_decisions_yet",
        "decisions_by_consent",
        "decisions_by_one_party",
        "decisions_mixed",
    ),
    "money": (
        "no_money_yet",
        "money_host_decides",
        "money_given_by_one",
        "money_withdrawn_alone",
        "money_together",
        "money_mixed",
    ),
    "budget": ("no_fund_yet", "budget_everyone_sees", "budget_host_sees", "budget_mixed"),
    "stop": ("stop_host", "stop_together", "stop_unknown"),
    "start": (
        "nothing_started_yet",
        "started_by_one_party",
        "started_by_everyone",
        "started_mixed",
    ),
    "overall": (
        "own_space",
        "shared_held_together",
        "shared_one_group_holds_more",
        "overall_mixed",
        "overall_unknown",
    ),
}

#: The answers "Whose space is this?" rests on besides the kind of space: who decides what
#: happens next and who decides money (``summarise`` gives them as ``record_basis``).
OVERALL_FROM = ("next_steps", "money")

#: The audit's own checks of a shared space (``report["checks"]``) that are about holding
#: power: where decisions were made and how much money is under joint control. Who starts
#: things ("initiative") is left out: opening a space is starting something, so every new
#: shared space fails it (docs/adr/0022).
HOLDING_CHECKS = ("decisions", "money")


def party_view(counts: Mapping[str, int]) -> str | None:
    """A party's view: its most common answer. A tie at the top is "split"."""
    known = {a: n for a, n in counts.items() if n > 0}
    if not known:
        return None
    ranked = sorted(known.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return "split"
    return max(known, key=lambda a: known[a])


def _answer(key: str) -> str:
    return key if key == TOGETHER else f"party:{key}"


def _top(shares: Mapping[str, int | Decimal]) -> tuple[str, bool] | None:
    """The key with the largest share (ties: the first by id) and whether it reaches
    DOMINANT_SHARE; None when the total is zero."""
    total = sum(shares.values())
    if not total:
        return None
    key, n = max(sorted(shares.items()), key=lambda item: item[1])
    return key, Fraction(n) / Fraction(total) >= Fraction(DOMINANT_SHARE)


def dominant(shares: Mapping[str, int]) -> str | None:
    """Who holds a dimension in the record: the key with at least DOMINANT_SHARE of the
    events (a party id, or "together"), "mixed" when no one does, None when nothing
    happened yet."""
    top = _top(shares)
    if top is None:
        return None
    key, holds = top
    return _answer(key) if holds else MIXED


def _money(value: Any) -> Decimal:
    return Decimal(str(value or "0"))


def record_facts(report: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of the audit report (CONTRACT.md audit JSON, ``audit.report``) that the
    perception questions are held against. Nothing is counted again here."""
    holders = list(report["holders"])
    d = report["decisions"]
    # ``by_party`` is what a party decided alone (its own space's decisions as host, and the
    # outside decisions naming it); decisions by consent in a shared space are "together".
    decisions = {p: int(n) for p, n in d["by_party"].items() if n}
    if d["by_venue"].get("shared"):
        decisions[TOGETHER] = int(d["by_venue"]["shared"])
    exit_power = report["exit_power"]
    return {
        **money_facts(report),
        "holders": holders,
        # The audit's verdict on holding power: its checks on decisions and money that
        # failed (a check that cannot be measured yet has not failed).
        "holding_checks_failed": sorted(
            str(c.get("rule")) for c in report.get("checks") or ()
            if c.get("rule") in HOLDING_CHECKS and c.get("passed") is False
        ),
        "guests": list(report["guests"]),
        "decisions": decisions,
        "initiative": {p: int(n) for p, n in report["initiative"]["by_party"].items() if n},
        "budget": {
            "has_fund": bool(report["budget_visible"]["has_fund"]),
            "every_party_can_see": bool(report["budget_visible"]["every_party_can_see"]),
        },
        "exit": {
            "host_can_remove": sorted({row["party"] for row in exit_power["can_remove"]}),
            "holders_can_be_removed": bool(exit_power["holders_can_be_removed"]),
            "guests_removed_only_together": bool(exit_power["guests_removed_only_together"]),
        },
    }


def money_facts(report: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of a space's audit report that the money rule reads (``_money_rule``):
    the kind of space, its host, and its money. Also what the audit's easy-read summary reads,
    so that it says what the record beside the perceptions says (docs/adr/0022, 0033)."""
    kind = report.get("kind")
    holders = list(report.get("holders") or [])
    money = report.get("money") or {}
    return {
        "kind": kind,
        "host": holders[0] if kind != "shared" and holders else None,
        "money": {
            "measurable": bool(money.get("measurable")),
            "committed_by": {p: str(v) for p, v in (money.get("committed_by") or {}).items()},
            "withdrawn_by": {p: str(v) for p, v in (money.get("withdrawn_by") or {}).items()},
            "withdrawn_unilaterally": str(money.get("withdrawn_unilaterally") or "0"),
            "spent_alone": str(money.get("spent_alone") or "0"),
            "joint_share": float(money.get("joint_share") or 0),
        },
    }


Rule = tuple[str | None, str]


def _next_steps(facts: Mapping[str, Any]) -> Rule:
    said = dominant(facts["decisions"])
    if said is None:
        return None, "no_decisions_yet"
    if said == TOGETHER:
        return said, "decisions_by_consent"
    return said, "decisions_mixed" if said == MIXED else "decisions_by_one_party"


def _start(facts: Mapping[str, Any]) -> Rule:
    started = facts["initiative"]
    top = _top(started)
    if top is None:
        return None, "nothing_started_yet"
    party, holds = top
    if holds:
        return _answer(party), "started_by_one_party"
    if all(started.get(p, 0) > 0 for p in [*facts["holders"], *facts["guests"]]):
        return TOGETHER, "started_by_everyone"
    return MIXED, "started_mixed"


def money_powers(facts: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """In a shared space's money (``money_facts``): the party that gave three quarters or
    more of it (it can take its unspent money out at any time, rule 10), and the parties
    that took money out alone. What ``_money_rule`` names, and why."""
    money = facts["money"]
    given = {p: _money(v) for p, v in money["committed_by"].items() if _money(v) > 0}
    top = _top(given)
    big_giver = top[0] if top and top[1] else None
    alone = (
        sorted(p for p, v in money["withdrawn_by"].items() if _money(v) > 0)
        if _money(money["withdrawn_unilaterally"]) > 0
        else []
    )
    return big_giver, alone


def _money_rule(facts: Mapping[str, Any]) -> Rule:
    money = facts["money"]
    if not money["measurable"]:
        return None, "no_money_yet"
    if facts["kind"] != "shared":
        host = facts["host"]
        return (_answer(host), "money_host_decides") if host else (None, "no_money_yet")
    big_giver, alone = money_powers(facts)
    named = set(alone) | ({big_giver} if big_giver else set())
    if len(named) == 1:
        party = named.pop()
        return _answer(party), "money_withdrawn_alone" if alone else "money_given_by_one"
    if named:
        return MIXED, "money_mixed"
    if _money(money["spent_alone"]) == 0 and Fraction(str(money["joint_share"])) >= JOINT_SHARE_MIN:
        return TOGETHER, "money_together"
    return MIXED, "money_mixed"


def _budget(facts: Mapping[str, Any]) -> Rule:
    budget = facts["budget"]
    if not budget["has_fund"]:
        return None, "no_fund_yet"
    if budget["every_party_can_see"]:
        return TOGETHER, "budget_everyone_sees"
    if facts["host"]:
        return _answer(facts["host"]), "budget_host_sees"
    return MIXED, "budget_mixed"


def _stop(facts: Mapping[str, Any]) -> Rule:
    exit_power = facts["exit"]
    if (
        facts["kind"] == "shared"
        and not exit_power["holders_can_be_removed"]
        and exit_power["guests_removed_only_together"]
    ):
        return TOGETHER, "stop_together"
    host = facts["host"] or next(iter(exit_power["host_can_remove"]), None)
    if host:
        return _answer(host), "stop_host"
    return None, "stop_unknown"


def _overall(facts: Mapping[str, Any], found: Mapping[str, Rule]) -> Rule:
    """Whose space is this? What the record says about who holds the space: its kind, its
    holders and the audit's verdict, never a group the space's own rules say does not hold
    it alone (docs/adr/0022, amended).

    An own space is its host's. A shared space is held by its holders together: nothing is
    decided unless no holder objects, and no holder can be removed. So the record never names
    one group for a shared space. It says "together" only when the record of deciding and of
    money (``OVERALL_FROM``) says nothing else and the audit's checks on decisions and money
    have not failed; otherwise "mixed": shared by its rules, but not all its power is shared.
    When exactly one group is named by those answers, the rule says so
    (``shared_one_group_holds_more``), and ``summarise`` gives the answers it rests on."""
    if facts["kind"] != "shared":
        host = facts["host"]
        return (_answer(host), "own_space") if host else (None, "overall_unknown")
    said = [found[key][0] for key in OVERALL_FROM]
    named = {s for s in said if s and s.startswith("party:")}
    if len(named) == 1:
        return MIXED, "shared_one_group_holds_more"
    if named or MIXED in said or facts.get("holding_checks_failed"):
        return MIXED, "overall_mixed"
    return TOGETHER, "shared_held_together"


def money_record(report: Mapping[str, Any]) -> Rule:
    """What the record says about "who decides how money is spent?" for a space's audit
    report, and the rule's code: the one rule the perception check's record and the audit's
    easy-read summary both use (docs/adr/0022, amended)."""
    return _money_rule(money_facts(report))


def record_rules(facts: Mapping[str, Any]) -> dict[str, Rule]:
    """For each dimension the record measures: what it says (a party as ``"party:<id>"``,
    ``"together"``, ``"mixed"``, or None when it cannot say yet) and the code of the rule
    that said it (``RULES``)."""
    found = {
        "next_steps": _next_steps(facts),
        "money": _money_rule(facts),
        "budget": _budget(facts),
        "stop": _stop(facts),
        "start": _start(facts),
    }
    found["overall"] = _overall(facts, found)
    return found


def record_answers(facts: Mapping[str, Any]) -> dict[str, str | None]:
    """What the record says for each dimension it measures, as an answer value."""
    return {key: said for key, (said, _rule) in record_rules(facts).items()}


def record_beside(report: Mapping[str, Any]) -> dict[str, Any]:
    """``summarise``'s ``record`` and ``rules`` arguments from an audit report of the space."""
    found = record_rules(record_facts(report))
    return {
        "record": {key: said for key, (said, _rule) in found.items()},
        "rules": {key: rule for key, (_said, rule) in found.items()},
    }


def summarise(
    answers: Iterable[tuple[str, str, str]],
    *,
    parties: Iterable[str],
    record: Mapping[str, str | None] | None = None,
    rules: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Answers (party, question, answer) side by side by party, with disagreements marked.

    A question shows a disagreement when the parties that answered hold different views, or
    a party is split. Where the record measures a dimension, it is shown beside, and each
    party's view is marked as matching it or not; ``rules`` (from ``record_rules``) names
    the rule behind what the record says (``record_rule``, null where it measures nothing).
    """
    party_list = list(parties)
    counts: dict[str, dict[str, Counter[str]]] = {
        q.key: {p: Counter() for p in party_list} for q in QUESTIONS
    }
    for party, question, answer in answers:
        if question in counts and party in counts[question]:
            counts[question][party][answer] += 1
    record = record or {}
    rules = rules or {}
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
        found = {
            "key": q.key,
            "text": str(q.text),
            "by_party": by_party,
            "disagreement": disagreement,
            "record": said,
            "matches_record": {p: v == said for p, v in views.items()} if said else {},
            "record_rule": rules.get(q.key),
        }
        if q.key == "overall":
            # What the record of "Whose space is this?" rests on, so a page can say where
            # its answer comes from (a group named there, and why).
            found["record_basis"] = [
                {"key": key, "record": record.get(key), "record_rule": rules.get(key)}
                for key in OVERALL_FROM
            ]
        questions.append(found)
    answered_parties = [
        p for p in party_list if any(sum(counts[q.key][p].values()) for q in QUESTIONS)
    ]
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
                found.append(
                    {
                        "key": question["key"],
                        "party": party,
                        "before": then["view"],
                        "after": now["view"],
                    }
                )
    return found
