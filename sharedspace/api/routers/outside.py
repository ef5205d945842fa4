"""Outside decisions: decisions about the work made somewhere else, made visible."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers, created, resolve_due
from ..schemas import records as s

router = Router(tags=["Outside decisions"])


@router.post(
    "/spaces/{id}/outside-decisions",
    response=answers(201, s.OutsideDecision, 403, 404, 409, 422),
    operation_id="outside_decision_record",
)
def outside_decision_record(request: HttpRequest, id: str, payload: s.OutsideDecisionIn) -> Any:
    """Any holder records a decision made elsewhere, naming the party that made it."""
    resolve_due(id)
    decision = actions.outside_decision_record(
        actor=caller(request),
        space_id=id,
        made_by=payload.made_by,
        summary=payload.summary,
        made_on=payload.made_on,
    )
    return created(present.outside_decision(decision))


@router.get(
    "/spaces/{id}/outside-decisions",
    response=answers(200, list[s.OutsideDecision], 404),
    operation_id="outside_decision_list",
)
def outside_decision_list(request: HttpRequest, id: str) -> Any:
    """Every outside decision recorded in the space, oldest first."""
    resolve_due(id)
    return [
        present.outside_decision(d)
        for d in selectors.outside_decisions_for(viewer=caller(request), space_id=id)
    ]


@router.get(
    "/outside-decisions/{id}",
    response=answers(200, s.OutsideDecision, 404),
    operation_id="outside_decision_get",
)
def outside_decision_get(request: HttpRequest, id: str) -> Any:
    """One outside decision; also visible to the party it names."""
    return present.outside_decision(
        selectors.outside_decision_get(viewer=caller(request), decision_id=id)
    )


@router.post(
    "/outside-decisions/{id}/confirm",
    response=answers(200, s.OutsideDecision, 403, 404, 409, 422),
    operation_id="outside_decision_confirm",
)
def outside_decision_confirm(
    request: HttpRequest, id: str, payload: s.AnswerIn | None = None
) -> Any:
    """The named party says: yes, we made that decision. The body may be empty."""
    decision = actions.outside_decision_confirm(
        actor=caller(request), decision_id=id, reason=(payload.reason if payload else None) or ""
    )
    return present.outside_decision(decision)


@router.post(
    "/outside-decisions/{id}/dispute",
    response=answers(200, s.OutsideDecision, 403, 404, 409, 422),
    operation_id="outside_decision_dispute",
)
def outside_decision_dispute(
    request: HttpRequest, id: str, payload: s.AnswerIn | None = None
) -> Any:
    """The named party says: that is not how it was. The body may be empty."""
    decision = actions.outside_decision_dispute(
        actor=caller(request), decision_id=id, reason=(payload.reason if payload else None) or ""
    )
    return present.outside_decision(decision)
