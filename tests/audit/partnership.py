"""A partnership scenario for the audits across spaces, built through governance actions only.

The council and the self-advocates meet in two spaces:
- "Board": the council's own space, the self-advocates a guest that may comment and give
  views. The council decides two proposals alone (one yes, one no).
- "Day service review" (the ``shared`` fixture): the self-advocates' proposal and one of the
  council's pass by consent; another of the council's is blocked by its own objection; the
  self-advocates record a decision the council made elsewhere, which the council disputes;
  the council gives 100.00 GBP and the self-advocates 20.00 GBP.
The self-advocates also have "Our group", their own space, with one decision of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sharedspace.governance import actions

from .steps import block_shared, group_says, host_decides, pass_shared, propose


@dataclass
class Scenario:
    board: Any
    shared: Any
    group_own: Any


def build(cast: Any, shared: Any) -> Scenario:
    board = actions.space_create(
        actor=cast.carol, title="Board", purpose="Hear from people",
        holders=[cast.council.pk], claimed_approach="coproduction",
        guest_permissions=["view", "comment", "give_views"],
    )
    invitation = actions.guest_invite(actor=cast.carol, space_id=board.pk,
                                      party_id=cast.group.pk)
    actions.invitation_accept(actor=cast.sam, invitation_id=invitation.pk)
    assert host_decides(cast, board, "agree").state == "passed"
    assert host_decides(cast, board, "object").state == "blocked"

    pass_shared(cast, shared, by=cast.sam)
    pass_shared(cast, shared)
    block_shared(cast, shared)
    decision = actions.outside_decision_record(
        actor=cast.sam, space_id=shared.pk, made_by=cast.council.pk, summary="Budget cut")
    actions.outside_decision_dispute(actor=cast.carol, decision_id=decision.pk,
                                     reason="That is not how it was")
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount=Decimal("100.00"), currency="GBP")
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                        amount=Decimal("20.00"), currency="GBP")

    group_own = actions.space_create(
        actor=cast.sam, title="Our group", purpose="Our own plans",
        holders=[cast.group.pk], claimed_approach="coproduction",
    )
    p = propose(cast, group_own, by=cast.sam, title="Meet at the library")
    group_says(cast, p, "agree")
    p.refresh_from_db()
    assert p.state == "passed"
    for space in (board, shared, group_own):
        space.refresh_from_db()
    return Scenario(board=board, shared=shared, group_own=group_own)
