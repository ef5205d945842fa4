"""The ``perceptions`` block of a space's audit: the latest perception round where the groups'
answers can be compared, side by side, with the record beside it (DESIGN §7).

The answers are a small table of their own (off the ledger, docs/adr/0005). What the record
shows beside them is worked out by ``perception.compare.record_beside`` from the report being
built, passed in: the same figures the report shows, by the same rules as the perception
check's own summary (docs/adr/0022), and never a second report.

When the newest round cannot be compared yet (no answers, or one group's only), an earlier
round that can is shown instead, and ``latest`` says what the newest one is waiting for
(docs/adr/0033).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Subquery
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

#: Said instead when an earlier round is shown because the newest cannot be compared yet.
EARLIER = gettext_lazy(
    "The newest perception check cannot be compared yet, so the latest one that can is "
    "shown. Each group's answers are side by side, with the record beside them."
)


def _comparable(space_id: str) -> Round | None:
    """The newest round of the space where at least two groups answered (one query)."""
    found = (
        Answer.objects.filter(round__space_id=space_id)
        .values("round")
        .annotate(groups=Count("party", distinct=True))
        .filter(groups__gte=2)
        .values_list("round", flat=True)
    )
    return (Round.objects.filter(pk__in=Subquery(found))
            .order_by("-opened_at", "-pk").first())


def _status(answered: list[str]) -> str:
    return NO_ANSWERS if not answered else ONE_SIDE if len(answered) == 1 else COMPARED


def perceptions(
    space_id: str, state: Mapping[str, Any], report: Mapping[str, Any]
) -> dict[str, Any]:
    """The latest round of the space that can be compared (else the latest), compared, or
    what cannot be shown yet and why. ``latest``: the newest round and its status, which
    differs from the round shown when that one cannot be compared yet."""
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
            "latest": None,
            "earlier": False,
        }
    newest = _summary(latest, state, report)
    shown, summary = latest, newest
    if newest["status"] != COMPARED:
        earlier = _comparable(space_id)
        if earlier is not None and earlier.pk != latest.pk:
            shown, summary = earlier, _summary(earlier, state, report)
    status = summary["status"]
    questions = summary["questions"]
    return {
        "status": status,
        "message": str(EARLIER if shown is not latest else MESSAGES[status]),
        "round": shown.pk,
        "rounds": rounds.count(),
        "opened_at": shown.opened_at.isoformat(),
        "closed_at": shown.closed_at.isoformat() if shown.closed_at else None,
        "comparable": status == COMPARED,
        "parties": summary["parties"],
        "answered_parties": summary["answered_parties"],
        "respondents": summary["respondents"],
        "questions": questions,
        "disagreements": sum(1 for q in questions if q["disagreement"]),
        "differs_from_record": sum(
            1 for q in questions if any(v is False for v in q["matches_record"].values())
        ),
        # The newest round, which is the one shown unless it cannot be compared yet.
        "latest": {
            "round": latest.pk,
            "status": newest["status"],
            "opened_at": latest.opened_at.isoformat(),
            "closed_at": latest.closed_at.isoformat() if latest.closed_at else None,
            "answered_parties": newest["answered_parties"],
        },
        "earlier": shown is not latest,
    }


def _summary(found: Round, state: Mapping[str, Any], report: Mapping[str, Any]
             ) -> dict[str, Any]:
    """One round's answers side by side, the record beside them, and its status."""
    rows = list(
        Answer.objects.filter(round=found).values_list(
            "party_id", "question", "answer", "person_id"
        )
    )
    parties = list(
        dict.fromkeys([*state["holders"], *state["guests"], *(party for party, _, _, _ in rows)])
    )
    summary = summarise(
        ((p, q, a) for p, q, a, _ in rows), parties=parties, **record_beside(report)
    )
    return {
        **summary,
        "status": _status(summary["answered_parties"]),
        "parties": parties,
        "respondents": dict(
            sorted(Counter(p for p, _ in {(p, who) for p, _, _, who in rows}).items())
        ),
    }
