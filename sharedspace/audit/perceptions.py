"""The ``perceptions`` block of a space's audit: the latest perception round, side by side,
with the record beside it (DESIGN §7).

The answers are a small table of their own (off the ledger, docs/adr/0005). What the record
shows beside them is worked out by ``perception.compare.record_beside`` from the report being
built, passed in: the same figures the report shows, by the same rules as the perception
check's own summary (docs/adr/0022), and never a second report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from sharedspace.perception.compare import record_beside, summarise
from sharedspace.perception.models import Answer, Round

NO_ROUND = "no_round"
NO_ANSWERS = "no_answers"
ONE_SIDE = "one_side"
COMPARED = "compared"

#: Lazy: each report says them in the language active when it is built (docs/adr/0018).
MESSAGES = {
    NO_ROUND: gettext_lazy(
        "No perception check has been done in this space yet. Any holder can start one."
    ),
    NO_ANSWERS: gettext_lazy("A perception check has started, but no one has answered yet."),
    ONE_SIDE: gettext_lazy(
        "Only one group has answered so far, so the answers cannot be compared yet."
    ),
    COMPARED: gettext_lazy(
        "Each group's answers are shown side by side, with the record beside them."
    ),
}


def perceptions(
    space_id: str, state: Mapping[str, Any], report: Mapping[str, Any]
) -> dict[str, Any]:
    """The latest round of the space, compared, or what cannot be shown yet and why."""
    rounds = Round.objects.filter(space_id=space_id)
    latest = rounds.order_by("-opened_at", "-pk").first()
    if latest is None:
        return {
            "status": NO_ROUND,
            "message": str(MESSAGES[NO_ROUND]),
            "round": None,
            "rounds": 0,
            "comparable": False,
            "questions": [],
            "answered_parties": [],
            "respondents": {},
        }
    rows = list(
        Answer.objects.filter(round=latest).values_list(
            "party_id", "question", "answer", "person_id"
        )
    )
    parties = list(
        dict.fromkeys([*state["holders"], *state["guests"], *(party for party, _, _, _ in rows)])
    )
    summary = summarise(
        ((p, q, a) for p, q, a, _ in rows), parties=parties, **record_beside(report)
    )
    answered = summary["answered_parties"]
    status = NO_ANSWERS if not answered else ONE_SIDE if len(answered) == 1 else COMPARED
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
        "respondents": dict(
            sorted(Counter(p for p, _ in {(p, who) for p, _, _, who in rows}).items())
        ),
        "questions": summary["questions"],
        "disagreements": sum(1 for q in summary["questions"] if q["disagreement"]),
        "differs_from_record": sum(
            1 for q in summary["questions"] if any(v is False for v in q["matches_record"].values())
        ),
    }
