"""Where decisions were made, who started things and whose proposals passed (DESIGN §4a)."""

from sharedspace.audit import audit_space, compare
from sharedspace.governance import actions

from .steps import actions_at, block_shared, group_says, host_decides, pass_shared, propose


def test_own_space_counts_every_proposal_the_host_resolves(cast, own):
    """In an own space a passed and a blocked proposal are both the host's decisions;
    a lapsed one (the host stood aside) is no decision."""
    host_decides(cast, own, "agree")
    host_decides(cast, own, "object")
    assert host_decides(cast, own, "stand_aside").state == "lapsed"
    report = audit_space(own.pk)
    assert report["decisions"]["total"] == 2
    assert report["decisions"]["by_venue"] == {"own": 2, "shared": 0, "outside": 0}
    assert report["decisions"]["by_party"][cast.council.pk] == 2
    assert report["decisions"]["by_party"][cast.guests.pk] == 0
    assert actions_at(own, report["evidence"]["decisions"]) == {"proposal.resolve"}
    assert compare(own.pk) == []


def test_shared_space_counts_only_passed_proposals(cast, shared):
    """In a shared space a passed proposal is a decision made together; a blocked one is an
    objection that held, a withdrawn one is nothing."""
    pass_shared(cast, shared)
    pass_shared(cast, shared, by=cast.sam)
    block_shared(cast, shared)
    p = propose(cast, shared)
    actions.proposal_withdraw(actor=cast.carol, proposal_id=p.pk)
    report = audit_space(shared.pk)
    assert report["decisions"]["total"] == 2
    assert report["decisions"]["by_venue"] == {"own": 0, "shared": 2, "outside": 0}
    assert report["decisions"]["made_together"] == 2
    assert set(report["decisions"]["by_party"].values()) == {0}
    assert compare(shared.pk) == []


def test_outside_decisions_count_by_answer_and_by_maker(cast, shared):
    """Every recorded outside decision counts, confirmed, disputed or unanswered, and is
    credited to the party named as its maker."""
    made = [
        actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                        made_by=cast.council.pk, summary=f"Budget cut {i}")
        for i in range(3)
    ]
    actions.outside_decision_confirm(actor=cast.carol, decision_id=made[0].pk)
    actions.outside_decision_dispute(actor=cast.carol, decision_id=made[1].pk, reason="No")
    report = audit_space(shared.pk)
    assert report["outside_decisions"] == {"confirmed": 1, "disputed": 1, "unanswered": 1}
    assert report["decisions"]["by_venue"]["outside"] == 3
    assert report["decisions"]["by_party"][cast.council.pk] == 3
    assert report["decisions"]["total"] == 3
    assert actions_at(shared, report["evidence"]["outside_decisions"]) == {
        "outside.record", "outside.confirm", "outside.dispute"}
    assert any(f["code"] == "disputed_outside_decisions" for f in report["flags"])


def test_initiative_counts_opening_proposing_and_inviting(cast, own):
    """Opening a space, inviting a party and making a proposal are initiatives of the party
    that did them; a guest with `propose` gets credit for its proposals."""
    propose(cast, own, by=cast.gil)
    report = audit_space(own.pk)
    assert report["initiative"]["by_party"] == {cast.council.pk: 2, cast.guests.pk: 1}
    assert report["initiative"]["by_kind"] == {"open_space": 1, "invitation": 1, "proposal": 1}
    assert report["initiative"]["total"] == 3
    assert actions_at(own, report["evidence"]["initiative"]) == {
        "space.create", "invitation.create", "proposal.submit"}


def test_opening_a_shared_space_is_one_initiative(cast, shared):
    """The invitations a new shared space sends to its planned holders are part of opening
    it; an invitation sent because an add_guest proposal passed is that proposal's effect."""
    assert audit_space(shared.pk)["initiative"]["by_party"] == {
        cast.council.pk: 1, cast.group.pk: 0}
    pass_shared(cast, shared, by=cast.sam, kind="add_guest", party=cast.guests.pk)
    report = audit_space(shared.pk)
    assert report["initiative"]["by_party"] == {cast.council.pk: 1, cast.group.pk: 1}


def test_acceptance_per_party(cast, shared):
    """For each party: how many proposals it made and how many passed (and how the rest
    ended)."""
    pass_shared(cast, shared)
    pass_shared(cast, shared, by=cast.sam)
    block_shared(cast, shared, by=cast.sam)
    propose(cast, shared, by=cast.mo)
    report = audit_space(shared.pk)
    assert report["acceptance"][cast.council.pk] == {
        "proposed": 1, "passed": 1, "blocked": 0, "lapsed": 0, "withdrawn": 0, "open": 0}
    assert report["acceptance"][cast.group.pk] == {
        "proposed": 3, "passed": 1, "blocked": 1, "lapsed": 0, "withdrawn": 0, "open": 1}


def test_objections_amended_blocked_lifted(cast, shared):
    """An objection ends as amended (the proposer changed it), blocked (it held to the end)
    or lifted (the objecting party changed its mind)."""
    p = propose(cast, shared)
    group_says(cast, p, "object", "Too early")
    actions.proposal_amend(actor=cast.carol, proposal_id=p.pk, title="Meet later")
    group_says(cast, p, "object", "Still too early")
    group_says(cast, p, "agree")
    block_shared(cast, shared, by=cast.sam)
    report = audit_space(shared.pk)
    assert report["objections"][cast.group.pk] == {
        "raised": 2, "amended": 1, "blocked": 0, "overridden": 0, "lifted": 1, "dropped": 0}
    assert report["objections"][cast.council.pk]["blocked"] == 1
    assert actions_at(shared, report["evidence"]["objections"]) <= {
        "vote.cast", "proposal.amend", "proposal.resolve"}


def test_guest_objection_in_own_space_is_overridden(cast, own):
    """A guest's objection is a view; when the host passes the proposal anyway it counts as
    overridden, which only happens outside a shared space."""
    p = propose(cast, own)
    actions.position_give(actor=cast.gil, proposal_id=p.pk, party=cast.guests.pk,
                          position="object", reason="We were not asked")
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    report = audit_space(own.pk)
    assert report["objections"][cast.guests.pk]["overridden"] == 1
    assert report["views"] == {cast.guests.pk: 1}
