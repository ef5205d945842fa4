"""Discussion in a space, and published work with its critical friends' comments (ADR 36).
Removing a comment hides it; nothing is deleted."""

from __future__ import annotations

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..models import Comment, Person, Proposal, Publication, PublicComment, Space
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
    """Hide a comment, or a critical friend's comment on the space's published work, after a
    passed remove_content proposal. The text stays for export."""
    if proposal.public_comment_id:
        PublicComment.objects.filter(
            pk=comment_id, publication__space=space, removed_at__isnull=True
        ).update(removed_at=now())
    else:
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


def publish(space: Space, *, proposal: Proposal, actor: Person | None, party: str | None) -> None:
    """Make a passed publish proposal's words public, as they were when it passed."""
    publication = Publication.objects.create(
        space=space, proposal=proposal, title=proposal.title, body=proposal.body,
        published_at=now(),
    )
    record(
        space,
        "work.publish",
        person=actor,
        party=party,
        data={
            "publication": publication.pk,
            "proposal": proposal.pk,
            "title_sha256": ledger.digest(publication.title),
            "body_sha256": ledger.digest(publication.body),
        },
    )


@transaction.atomic
def public_comment_add(*, actor: Person, publication_id: str, body: str) -> PublicComment:
    """Anyone signed in may comment on published work, as a critical friend: they need not
    belong to a group in the space. A closed space is read-only forever, so its published
    work takes no more comments. The comment goes on the space's chain with no group."""
    space_id = (
        Publication.objects.filter(pk=publication_id).values_list("space_id", flat=True).first()
    )
    if space_id is None:
        raise ex.NotFound
    space = lock_space(space_id)
    pol.require_active(space)
    body = text(body, field="body", max_length=5000)
    comment = PublicComment.objects.create(
        publication_id=publication_id, author=actor, body=body, created_at=now()
    )
    record(
        space,
        "public_comment.add",
        person=actor,
        party=None,
        data={
            "publication": publication_id,
            "comment": comment.pk,
            "body_sha256": ledger.digest(body),
        },
    )
    return comment
