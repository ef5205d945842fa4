"""Spaces: opening, reading, settings, guests, holders and leaving."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers, created, no_content, resolve_due
from ..schemas import spaces as s

router = Router(tags=["Spaces"])


def read_space(request: HttpRequest, space_id: str) -> dict[str, Any]:
    """The space as the caller sees it, after resolving any deadline that has passed."""
    resolve_due(space_id)
    return present.space(selectors.space_get(viewer=caller(request), space_id=space_id))


@router.post("/spaces", response=answers(201, s.Space, 403, 422), operation_id="space_create")
def space_create(request: HttpRequest, payload: s.SpaceIn) -> Any:
    """Open a space. One holder (your party): an active own space. Several holders: a
    shared space, `forming` until every other holder's coordinator accepts; it needs a
    charter."""
    space = actions.space_create(
        actor=caller(request),
        title=payload.title,
        purpose=payload.purpose,
        holders=payload.holders,
        claimed_approach=payload.claimed_approach,
        guest_permissions=payload.guest_permissions,
        charter=payload.charter.model_dump(exclude_none=True) if payload.charter else None,
    )
    return created(read_space(request, space.pk))


@router.get("/spaces", response=answers(200, list[s.Space]), operation_id="space_list")
def space_list(request: HttpRequest) -> Any:
    """Every space you may see (through any of your parties), newest first."""
    actions.proposals_resolve_due()
    return present.spaces(selectors.spaces_for(viewer=caller(request)))


@router.get("/spaces/{id}", response=answers(200, s.Space, 404), operation_id="space_get")
def space_get(request: HttpRequest, id: str) -> Any:
    """A space: who holds it, who visits, its charter, and what it is to you."""
    return read_space(request, id)


@router.patch(
    "/spaces/{id}",
    response=answers(200, s.Space, 403, 404, 409, 422),
    operation_id="space_update",
)
def space_update(request: HttpRequest, id: str, payload: s.SpacePatch) -> Any:
    """Own space: the host changes its settings. Shared space: 403 `needs_passed_proposal`."""
    resolve_due(id)
    sent = payload.model_dump(exclude_unset=True)
    actions.space_settings_update(
        actor=caller(request),
        space_id=id,
        **{k: v for k, v in sent.items() if v is not None},
    )
    return read_space(request, id)


@router.post(
    "/spaces/{id}/guests",
    response=answers(201, s.Invitation, 403, 404, 409, 422),
    by_alias=True,
    operation_id="guest_invite",
)
def guest_invite(request: HttpRequest, id: str, payload: s.PartyIdIn) -> Any:
    """Own space: the host's coordinator invites a guest party. Shared space: 403
    `needs_passed_proposal` (make an `add_guest` proposal)."""
    resolve_due(id)
    invitation = actions.guest_invite(actor=caller(request), space_id=id, party_id=payload.party)
    return created(present.invitation(invitation))


@router.delete(
    "/spaces/{id}/guests/{party}",
    response=answers(204, None, 403, 404, 409),
    operation_id="guest_remove",
)
def guest_remove(request: HttpRequest, id: str, party: str) -> Any:
    """Own space: the host stops involving a guest (recorded as such). Shared space: 403
    `needs_passed_proposal` (make a `remove_guest` proposal)."""
    resolve_due(id)
    actions.guest_remove(actor=caller(request), space_id=id, party_id=party)
    return no_content()


@router.delete(
    "/spaces/{id}/holders/{party}",
    response=answers(204, None, 403, 404),
    operation_id="holder_remove",
)
def holder_remove(request: HttpRequest, id: str, party: str) -> Any:
    """Always 403 `holder_cannot_be_removed`: no one can remove a holder. A party can
    only leave (`POST /spaces/{id}/leave`)."""
    actions.holder_remove(actor=caller(request), space_id=id, party_id=party)
    return no_content()  # pragma: no cover - the action always refuses


@router.post(
    "/spaces/{id}/leave",
    response=answers(200, s.Space, 403, 404, 409, 422),
    operation_id="space_leave",
)
def space_leave(request: HttpRequest, id: str, payload: s.PartyIdIn) -> Any:
    """A coordinator of `party` takes it out of the space. Nothing is deleted; the party
    keeps read access. A shared space with fewer than two holders closes."""
    resolve_due(id)
    actions.space_leave(actor=caller(request), space_id=id, party_id=payload.party)
    return read_space(request, id)
