"""People and parties: ``/me`` and ``/parties``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers, created, no_content
from ..schemas import people as s

router = Router(tags=["People and parties"])


@router.get("/me", response=answers(200, s.Me), operation_id="me")
def me(request: HttpRequest) -> Any:
    """Who you are, and the parties you belong to with your roles in each."""
    who = caller(request)
    return present.me(who, selectors.memberships_of(who))


def _party(request: HttpRequest, party_id: str) -> dict[str, Any]:
    return present.party(selectors.party_get(viewer=caller(request), party_id=party_id))


@router.post("/parties", response=answers(201, s.Party, 422), operation_id="party_create")
def party_create(request: HttpRequest, payload: s.PartyIn) -> Any:
    """Start a party. You become its coordinator and speaker."""
    party = actions.party_create(
        actor=caller(request),
        name=payload.name,
        kind=payload.kind,
        decision_rule=payload.decision_rule,
        quorum=payload.quorum,
        power_sources=payload.power_sources,
    )
    return created(_party(request, party.pk))


@router.get("/parties/{id}", response=answers(200, s.Party, 404), operation_id="party_get")
def party_get(request: HttpRequest, id: str) -> Any:
    """A party: its name, kind, rule and power sources; its members to its own people."""
    return _party(request, id)


@router.patch(
    "/parties/{id}", response=answers(200, s.Party, 403, 404, 422), operation_id="party_update"
)
def party_update(request: HttpRequest, id: str, payload: s.PartyPatch) -> Any:
    """A party changes its own rule or power sources. Coordinators only."""
    sent = payload.model_fields_set
    changes: dict[str, Any] = {
        key: getattr(payload, key)
        for key in ("decision_rule", "power_sources", "name")
        if key in sent and getattr(payload, key) is not None
    }
    if "quorum" in sent:
        changes["quorum"] = payload.quorum
    actions.party_update(actor=caller(request), party_id=id, **changes)
    return _party(request, id)


@router.post(
    "/parties/{id}/members",
    response=answers(201, s.Member, 403, 404, 409, 422),
    operation_id="party_member_add",
)
def member_add(request: HttpRequest, id: str, payload: s.MemberIn) -> Any:
    """A coordinator adds a person by email (an account is made if they have none)."""
    membership = actions.party_member_add(
        actor=caller(request), party_id=id, email=payload.email, roles=payload.roles
    )
    return created(present.member(membership))


@router.delete(
    "/parties/{id}/members/{person}",
    response=answers(204, None, 403, 404, 409),
    operation_id="party_member_remove",
)
def member_remove(request: HttpRequest, id: str, person: str) -> Any:
    """A coordinator removes a member, or a member leaves. A party keeps one coordinator."""
    actions.party_member_remove(actor=caller(request), party_id=id, person_id=person)
    return no_content()
