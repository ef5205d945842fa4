from sharedspace.governance import actions, ledger
from sharedspace.governance.models import LedgerEntry


def test_shared_space_proposal_passes_when_both_agree(cast, shared):
    """A decision in a shared space passes once both holders agree."""
    assert shared.state == "active"
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Meet on Tuesdays")
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    p.refresh_from_db()
    assert p.state == "open"
    actions.position_give(actor=cast.sam, proposal_id=p.pk, party=cast.group.pk, position="agree")
    p.refresh_from_db()
    assert p.state == "open"  # majority of 3 needs a quorum of 2
    actions.position_give(actor=cast.mo, proposal_id=p.pk, party=cast.group.pk, position="agree")
    p.refresh_from_db()
    assert p.state == "passed"
    assert ledger.verify_chain(shared.pk).ok
    assert LedgerEntry.objects.filter(chain=shared.pk, action="proposal.resolve").count() == 1
