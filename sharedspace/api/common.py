"""Small helpers the routers share: status codes, documented errors, fresh reads."""

from __future__ import annotations

from typing import Any

from ninja import Status

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal

from .schemas.common import Error


def answers(status: int, schema: Any, *errors: int) -> dict[int, Any]:
    """The documented responses of an operation: its success, then its errors."""
    result: dict[int, Any] = {status: schema}
    for code in sorted({401, *errors}):
        result[code] = Error
    return result


def created(data: Any) -> Status[Any]:
    return Status(201, data)


def no_content() -> Status[None]:
    return Status(204, None)


def resolve_due(space_id: str) -> None:
    """Deadlines are resolved lazily: before a space is read or acted on, every proposal
    whose deadline has passed is resolved, so no one sees or acts on a stale state."""
    actions.proposals_resolve_due(space_id=space_id)


def resolve_due_for_proposal(proposal_id: str) -> None:
    space_id = Proposal.objects.filter(pk=proposal_id).values_list("space_id", flat=True).first()
    if space_id is not None:
        resolve_due(space_id)
