"""Small steps for building audit scenarios through governance actions only."""

from __future__ import annotations

from typing import Any

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry, Proposal

from .conftest import Cast


def group_says(cast: Cast, proposal: Proposal, position: str, reason: str = "") -> None:
    """The self-advocates (majority of three, quorum two): Sam and Mo vote the same way."""
    for person in (cast.sam, cast.mo):
        actions.position_give(actor=person, proposal_id=proposal.pk, party=cast.group.pk,
                              position=position, reason=reason)


def council_says(cast: Cast, proposal: Proposal, position: str, reason: str = "") -> None:
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position=position, reason=reason)


def propose(cast: Cast, space: Any, *, by: Any = None, kind: str = "decision",
            title: str = "Meet on Tuesdays", **kw: Any) -> Proposal:
    return actions.proposal_submit(actor=by or cast.carol, space_id=space.pk, kind=kind,
                                   title=title, **kw)


def pass_shared(cast: Cast, space: Any, *, by: Any = None, **kw: Any) -> Proposal:
    """A proposal both holders agree to, so it passes by consent."""
    p = propose(cast, space, by=by, **kw)
    council_says(cast, p, "agree")
    group_says(cast, p, "agree")
    p.refresh_from_db()
    assert p.state == "passed"
    return p


def block_shared(cast: Cast, space: Any, *, by: Any = None) -> Proposal:
    """The council objects and a holder closes it: blocked, no decision."""
    p = propose(cast, space, by=by)
    council_says(cast, p, "object", "Not on Tuesdays")
    actions.proposal_close(actor=cast.sam, proposal_id=p.pk)
    p.refresh_from_db()
    assert p.state == "blocked"
    return p


def host_decides(cast: Cast, space: Any, position: str, *, by: Any = None) -> Proposal:
    """A proposal in the council's own space, ended at once by the host's position."""
    p = propose(cast, space, by=by)
    council_says(cast, p, position, "No" if position == "object" else "")
    p.refresh_from_db()
    return p


def actions_at(space: Any, seqs: list[int]) -> set[str]:
    """The actions of the ledger entries with these sequence numbers."""
    return set(
        LedgerEntry.objects.filter(chain=space.pk, seq__in=seqs).values_list("action", flat=True)
    )
