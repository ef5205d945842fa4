"""Discussion in a space. Comments are never deleted; a removed one is hidden."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors
from sharedspace.governance.models import Comment

from .. import present
from ..auth import caller
from ..common import answers, created, resolve_due
from ..schemas import records as s

router = Router(tags=["Comments"])


@router.post(
    "/spaces/{id}/comments",
    response=answers(201, s.Comment, 403, 404, 409, 422),
    operation_id="comment_add",
)
def comment_add(request: HttpRequest, id: str, payload: s.CommentIn) -> Any:
    """Holders comment; guests comment where the host allowed it. `proposal` attaches
    the comment to a proposal of this space."""
    resolve_due(id)
    comment = actions.comment_add(
        actor=caller(request), space_id=id, body=payload.body, proposal_id=payload.proposal
    )
    return created(present.comment(comment))


@router.get(
    "/spaces/{id}/comments",
    response=answers(200, list[s.Comment], 404),
    operation_id="comment_list",
)
def comment_list(request: HttpRequest, id: str) -> Any:
    """The space's discussion, oldest first."""
    resolve_due(id)
    view = selectors.space_get(viewer=caller(request), space_id=id)
    return [present.comment(c) for c in Comment.objects.filter(space=view.space)]
