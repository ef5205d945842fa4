"""Discussion in a space, and published work with its critical friends' comments (ADR 36).
Removing a comment hides it; nothing is deleted."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..choices import ProposalKind, ProposalState
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


def _passed(proposal: Proposal, kind: str) -> None:
    """An effect only ever follows its own passed proposal (rule 1); called otherwise is a
    bug in the caller, not a refusal."""
    if proposal.kind != kind or proposal.state != ProposalState.PASSED:
        raise RuntimeError(f"{kind} effect without a passed {kind} proposal")


def content_remove(
    space: Space, comment_id: str, *, proposal: Proposal, actor: Person | None, party: str | None
) -> None:
    """Hide a comment, or a critical friend's comment on the space's published work, after a
    passed remove_content proposal. The text stays for export. A comment hidden already (by
    an earlier proposal, or taken back by its author) is left as it is, and no entry says it
    was hidden again."""
    _passed(proposal, ProposalKind.REMOVE_CONTENT)
    public = bool(proposal.public_comment_id)
    rows = (
        PublicComment.objects.filter(pk=comment_id, publication__space=space)
        if public
        else Comment.objects.filter(pk=comment_id, space=space)
    )
    if not rows.filter(removed_at__isnull=True).update(removed_at=now()):
        return
    data: dict[str, object] = {"comment": comment_id, "proposal": proposal.pk}
    if public:
        data["public"] = True
    record(space, "content.remove", person=actor, party=party, data=data)


def publish(space: Space, *, proposal: Proposal, actor: Person | None, party: str | None) -> None:
    """Make a passed publish proposal's words public, as they were when it passed."""
    _passed(proposal, ProposalKind.PUBLISH)
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


# Comments by one person on published work in any 15 minutes, however they are sent (web or
# API): enough for a conversation, too few to flood the public pages (ADR 36).
PUBLIC_COMMENTS_PER_WINDOW = 10
PUBLIC_COMMENT_WINDOW = dt.timedelta(minutes=15)


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
    # The person's row first (as erasure locks it), so their limit is counted one comment
    # at a time even across spaces.
    actor = Person.objects.select_for_update().filter(pk=actor.pk).first() or actor
    if not actor.is_active or actor.erased_at is not None:
        raise ex.NotFound  # an account that is switched off or erased writes nothing
    space = lock_space(space_id)
    pol.require_active(space)
    body = text(body, field="body", max_length=5000)
    since = now() - PUBLIC_COMMENT_WINDOW
    if (PublicComment.objects.filter(author=actor, created_at__gt=since).count()
            >= PUBLIC_COMMENTS_PER_WINDOW):
        raise ex.TooManyComments
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


@transaction.atomic
def public_comment_withdraw(*, actor: Person, comment_id: str) -> PublicComment:
    """A critical friend takes back their own comment: it is hidden like a removed one (the
    text stays for the groups' export). Only its author may; while the space is active."""
    found = (
        PublicComment.objects.filter(pk=comment_id, removed_at__isnull=True)
        .values_list("publication__space_id", "author_id")
        .first()
    )
    if found is None:
        raise ex.NotFound
    space = lock_space(found[0])
    if found[1] != actor.pk:
        raise ex.NotCommentAuthor
    pol.require_active(space)
    comment = PublicComment.objects.get(pk=comment_id)
    if comment.removed_at is not None:  # hidden while we waited for the lock
        raise ex.NotFound
    comment.removed_at = now()
    comment.save(update_fields=["removed_at"])
    record(
        space,
        "public_comment.withdraw",
        person=actor,
        party=None,
        data={"publication": comment.publication_id, "comment": comment.pk},
    )
    return comment
