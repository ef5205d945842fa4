"""Discussion in a space. Removing a comment hides it; nothing is deleted."""

from __future__ import annotations

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..models import Comment, Person, Proposal, Space
from ._base import lock_space, now, record, text


@transaction.atomic
def comment_add(
    *, actor: Person, space_id: str, body: str, proposal_id: str | None = None
) -> Comment:
    """Holders comment; guests comment where the host allowed it."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    party = pol.require_may_comment(actor, space)
    body = text(body, field="body", max_length=10000)
    proposal = None
    if proposal_id:
        proposal = Proposal.objects.filter(pk=proposal_id, space=space).first()
        if proposal is None:
            raise ex.InvalidInput(fields={"proposal": "That proposal is not in this space."})
    comment = Comment.objects.create(
        space=space, proposal=proposal, author=actor, party_id=party, body=body, created_at=now()
    )
    record(
        space,
        "comment.add",
        person=actor,
        party=party,
        data={
            "comment": comment.pk,
            "proposal": proposal.pk if proposal else None,
            "body_sha256": ledger.digest(body),
        },
    )
    return comment


def content_remove(
    space: Space, comment_id: str, *, proposal: Proposal, actor: Person | None, party: str | None
) -> None:
    """Hide a comment after a passed remove_content proposal. The text stays for export."""
    Comment.objects.filter(pk=comment_id, space=space, removed_at__isnull=True).update(
        removed_at=now()
    )
    record(
        space,
        "content.remove",
        person=actor,
        party=party,
        data={"comment": comment_id, "proposal": proposal.pk},
    )
