"""Invitations: a party joins a space only when its own coordinator accepts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers
from ..schemas import spaces as s

router = Router(tags=["Invitations"])


@router.get(
    "/invitations",
    response=answers(200, list[s.Invitation]),
    by_alias=True,
    operation_id="invitation_list",
)
def invitation_list(request: HttpRequest) -> Any:
    """The open (unanswered) invitations addressed to your parties, oldest first."""
    return [present.invitation(i) for i in selectors.invitations_open(viewer=caller(request))]


def _answered(request: HttpRequest, invitation_id: str) -> dict[str, Any]:
    return present.invitation(
        selectors.invitation_get(viewer=caller(request), invitation_id=invitation_id)
    )


@router.post(
    "/invitations/{id}/accept",
    response=answers(200, s.Invitation, 403, 404, 409),
    by_alias=True,
    operation_id="invitation_accept",
)
def invitation_accept(request: HttpRequest, id: str) -> Any:
    """The invited party's coordinator accepts: the party becomes a holder or guest."""
    actions.invitation_accept(actor=caller(request), invitation_id=id)
    return _answered(request, id)


@router.post(
    "/invitations/{id}/decline",
    response=answers(200, s.Invitation, 403, 404, 409),
    by_alias=True,
    operation_id="invitation_decline",
)
def invitation_decline(request: HttpRequest, id: str) -> Any:
    """The invited party's coordinator says no. Nothing is imposed on the party."""
    actions.invitation_decline(actor=caller(request), invitation_id=id)
    return _answered(request, id)
