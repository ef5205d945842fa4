"""The perception check (DESIGN §7): each party answers the same easy-read questions about
who holds power; the answers are shown side by side and beside the record."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.perception import actions, selectors
from sharedspace.perception.models import Round
from sharedspace.perception.questions import DONT_KNOW, QUESTIONS, TOGETHER

from ..auth import caller
from ..common import answers, created, resolve_due
from ..schemas import perception as s

router = Router(tags=["Perception check"])

ANSWER_FORMS = ["party:<id>", TOGETHER, DONT_KNOW]


def _resolve_due_for_round(round_id: str) -> None:
    space_id = Round.objects.filter(pk=round_id).values_list("space_id", flat=True).first()
    if space_id is not None:
        resolve_due(space_id)


def _round(found: Round) -> dict[str, Any]:
    return {"id": found.pk, "space": found.space_id, "opened_at": found.opened_at,
            "closed_at": found.closed_at, "open": found.closed_at is None}


@router.get(
    "/perception/questions",
    response=answers(200, list[s.PerceptionQuestion]),
    operation_id="perception_questions",
)
def perception_questions(request: HttpRequest) -> Any:
    """The fixed core of easy-read questions, one per power dimension. Every answer names a
    party in the space (`party:<id>`), all of us together (`together`), or `dont_know`."""
    return [{"key": q.key, "text": str(q.text), "hint": str(q.hint), "icon": q.icon,
             "measured_by": q.measured_by, "answers": ANSWER_FORMS} for q in QUESTIONS]


@router.post(
    "/spaces/{id}/perception-rounds",
    response=answers(201, s.PerceptionSummary, 403, 404, 409),
    operation_id="perception_round_open",
)
def perception_round_open(request: HttpRequest, id: str) -> Any:
    """Any holder's person asks everyone the questions (again), so change shows over time.
    No body. Answers the new round's summary."""
    resolve_due(id)
    who = caller(request)
    found = actions.round_open(actor=who, space_id=id)
    return created(selectors.round_summary(viewer=who, round_id=found.pk))


@router.get(
    "/spaces/{id}/perception-rounds",
    response=answers(200, list[s.PerceptionRound], 404),
    operation_id="perception_round_list",
)
def perception_round_list(request: HttpRequest, id: str) -> Any:
    """Every round of the space, oldest first."""
    return [_round(r) for r in selectors.rounds_for(viewer=caller(request), space_id=id)]


@router.get(
    "/perception-rounds/{id}",
    response=answers(200, s.PerceptionSummary, 404),
    operation_id="perception_round_get",
)
def perception_round_get(request: HttpRequest, id: str) -> Any:
    """The round's answers grouped by party, side by side, disagreements marked, and the
    record beside each question it measures. No one's name is shown."""
    _resolve_due_for_round(id)
    return selectors.round_summary(viewer=caller(request), round_id=id)


@router.post(
    "/perception-rounds/{id}/answers",
    response=answers(201, s.AnswersOut, 403, 404, 409, 422),
    operation_id="perception_answers_submit",
)
def perception_answers_submit(request: HttpRequest, id: str, payload: s.AnswersIn) -> Any:
    """You answer on your own, for a party you belong to (a holder or guest of the space).
    Answering a question again replaces your answer. 409 when the round is closed."""
    saved = actions.answers_submit(actor=caller(request), round_id=id, party=payload.party,
                                   answers=payload.answers)
    return created({"round": id, "party": payload.party,
                    "answers": {a.question: a.answer for a in saved}})


@router.post(
    "/perception-rounds/{id}/close",
    response=answers(200, s.PerceptionSummary, 403, 404),
    operation_id="perception_round_close",
)
def perception_round_close(request: HttpRequest, id: str) -> Any:
    """A holder's person closes the round: no more answers. Closing twice is fine."""
    who = caller(request)
    actions.round_close(actor=who, round_id=id)
    _resolve_due_for_round(id)
    return selectors.round_summary(viewer=who, round_id=id)
