"""The ``perceptions`` block of a space's audit: the latest perception round, side by side,
with the record beside it (DESIGN §7).

The answers are a small table of their own (off the ledger, docs/adr/0005); the record beside
them comes from the audit's counters, not from the history, with the same meaning as
``perception.selectors.record_facts``: decisions by who made them (a shared space's decisions
by consent count as "together"), proposals by who made them, and whether there is a fund.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from sharedspace.perception.compare import record_answers, summarise
from sharedspace.perception.models import Answer, Round
from sharedspace.perception.questions import TOGETHER

from .across.combine import outside_by_maker, own_host

NO_ROUND = "no_round"
NO_ANSWERS = "no_answers"
ONE_SIDE = "one_side"
COMPARED = "compared"

#: Lazy: each report says them in the language active when it is built (docs/adr/0018).
MESSAGES = {
    NO_ROUND: gettext_lazy(
        "No perception check has been done in this space yet. Any holder can start one."),
    NO_ANSWERS: gettext_lazy("A perception check has started, but no one has answered yet."),
    ONE_SIDE: gettext_lazy(
        "Only one group has answered so far, so the answers cannot be compared yet."),
    COMPARED: gettext_lazy(
        "Each group's answers are shown side by side, with the record beside them."),
}


def record_facts(state: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, Any]:
    """The facts ``perception.compare.record_answers`` needs, from the counter state."""
    d = state["decisions"]
    shared = state["kind"] == "shared"
    decisions: Counter[str] = Counter()
    if d["shared"]:
        decisions[TOGETHER] += d["shared"]
    host = own_host(state)
    if d["own"] and host:
        decisions[host] += d["own"]
    decisions.update(outside_by_maker(state))
    holders = list(state["holders"])
    return {
        "kind": state["kind"],
        "host": holders[0] if not shared and holders else None,
        "holders": holders,
        "decisions": dict(decisions),
        "initiative": {p: row.get("proposed", 0) for p, row in state["acceptance"].items()
                       if row.get("proposed", 0)},
        "fund_exists": bool(report["money"]["measurable"]),
    }


def perceptions(space_id: str, state: Mapping[str, Any], report: Mapping[str, Any]
                ) -> dict[str, Any]:
    """The latest round of the space, compared, or what cannot be shown yet and why."""
    rounds = Round.objects.filter(space_id=space_id)
    latest = rounds.order_by("-opened_at", "-pk").first()
    if latest is None:
        return {"status": NO_ROUND, "message": str(MESSAGES[NO_ROUND]), "round": None, "rounds": 0,
                "comparable": False, "questions": [], "answered_parties": [],
                "respondents": {}}
    rows = list(Answer.objects.filter(round=latest).values_list("party_id", "question",
                                                                "answer", "person_id"))
    parties = list(dict.fromkeys([*state["holders"], *state["guests"],
                                  *(party for party, _, _, _ in rows)]))
    record = record_answers(record_facts(state, report))
    summary = summarise(((p, q, a) for p, q, a, _ in rows), parties=parties, record=record)
    answered = summary["answered_parties"]
    status = (NO_ANSWERS if not answered
              else ONE_SIDE if len(answered) == 1 else COMPARED)
    return {
        "status": status,
        "message": str(MESSAGES[status]),
        "round": latest.pk,
        "rounds": rounds.count(),
        "opened_at": latest.opened_at.isoformat(),
        "closed_at": latest.closed_at.isoformat() if latest.closed_at else None,
        "comparable": status == COMPARED,
        "parties": parties,
        "answered_parties": answered,
        "respondents": dict(sorted(Counter(p for p, _ in {(p, who) for p, _, _, who in rows}
                                           ).items())),
        "questions": summary["questions"],
        "disagreements": sum(1 for q in summary["questions"] if q["disagreement"]),
        "differs_from_record": sum(
            1 for q in summary["questions"] if any(v is False
                                                   for v in q["matches_record"].values())),
    }
