"""Proposals and positions: decisions by consent."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers, created, resolve_due, resolve_due_for_proposal
from ..schemas import proposals as s

router = Router(tags=["Proposals"])


def read_proposal(request: HttpRequest, proposal_id: str) -> dict[str, Any]:
    resolve_due_for_proposal(proposal_id)
    return present.proposal_view(
        selectors.proposal_get(viewer=caller(request), proposal_id=proposal_id)
    )


@router.post(
    "/spaces/{id}/proposals",
    response=answers(201, s.Proposal, 403, 404, 409, 422),
    operation_id="proposal_submit",
)
def proposal_submit(request: HttpRequest, id: str, payload: s.ProposalIn) -> Any:
    """Put something to the space; it starts `open`. Shared space: any holder's person.
    Own space: the host's people, and guests the host allowed to propose."""
    resolve_due(id)
    proposal = actions.proposal_submit(
        actor=caller(request),
        space_id=id,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        closes_at=payload.closes_at,
        amount=payload.amount.amount if payload.amount else None,
        currency=payload.amount.currency if payload.amount else None,
        party=payload.party,
        charter=payload.charter.model_dump(exclude_none=True) if payload.charter else None,
        content=payload.content,
        as_party=payload.as_party,
    )
    return created(read_proposal(request, proposal.pk))


@router.get(
    "/spaces/{id}/proposals",
    response=answers(200, list[s.Proposal], 404),
    url_name="space_proposals",
    operation_id="proposal_list",
)
def proposal_list(request: HttpRequest, id: str) -> Any:
    """Every proposal of the space, newest first."""
    resolve_due(id)
    return present.proposals(selectors.proposals_for(viewer=caller(request), space_id=id))


@router.get("/proposals/{id}", response=answers(200, s.Proposal, 404), operation_id="proposal_get")
def proposal_get(request: HttpRequest, id: str) -> Any:
    """A proposal with every party's position on its current version."""
    return read_proposal(request, id)


@router.post(
    "/proposals/{id}/positions",
    response=answers(201, s.Proposal, 403, 404, 409, 422),
    operation_id="position_give",
)
def position_give(request: HttpRequest, id: str, payload: s.PositionIn) -> Any:
    """Answer for `party`, by its own rule (403 `not_a_speaker` if you cannot speak for
    it). `object` needs a `reason`. The result is the proposal, with its new state."""
    resolve_due_for_proposal(id)
    actions.position_give(
        actor=caller(request),
        proposal_id=id,
        party=payload.party,
        position=payload.position,
        reason=payload.reason or "",
    )
    return created(read_proposal(request, id))


@router.post(
    "/proposals/{id}/amend",
    response=answers(200, s.Proposal, 403, 404, 409, 422),
    operation_id="proposal_amend",
)
def proposal_amend(request: HttpRequest, id: str, payload: s.ProposalPatch) -> Any:
    """The proposer changes it. Every position resets and `version` goes up by one. A
    charter proposal's `charter` can be changed too: send the whole charter as it would
    read (422 `invalid_input` on `charter` for any other kind)."""
    resolve_due_for_proposal(id)
    actions.proposal_amend(
        actor=caller(request),
        proposal_id=id,
        title=payload.title,
        body=payload.body,
        amount=payload.amount.amount if payload.amount else None,
        charter=payload.charter.model_dump(exclude_none=True) if payload.charter else None,
    )
    return read_proposal(request, id)


@router.post(
    "/proposals/{id}/close",
    response=answers(200, s.Proposal, 403, 404, 409),
    operation_id="proposal_close",
)
def proposal_close(request: HttpRequest, id: str) -> Any:
    """A holder resolves it now, as if its deadline had come: `blocked` if an objection
    stands, `lapsed` if a holder has not answered, else `passed`."""
    resolve_due_for_proposal(id)
    actions.proposal_close(actor=caller(request), proposal_id=id)
    return read_proposal(request, id)


@router.post(
    "/proposals/{id}/withdraw",
    response=answers(200, s.Proposal, 403, 404, 409),
    operation_id="proposal_withdraw",
)
def proposal_withdraw(request: HttpRequest, id: str) -> Any:
    """The proposer takes it back; it becomes `withdrawn` (no decision)."""
    resolve_due_for_proposal(id)
    actions.proposal_withdraw(actor=caller(request), proposal_id=id)
    return read_proposal(request, id)
