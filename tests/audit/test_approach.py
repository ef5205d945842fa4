"""The measured approach and label check of real spaces, built through governance actions."""

import pytest

from sharedspace.audit import audit_space
from sharedspace.governance import actions

from .steps import host_decides, pass_shared


@pytest.mark.parametrize(("permissions", "expected"), [
    (["view"], "informing"),
    (["view", "comment"], "consultation"),
    (["view", "give_views"], "consultation"),
    (["view", "comment", "propose", "give_views"], "engagement"),
])
def test_own_space_with_each_guest_permission_set(cast, permissions, expected):
    """An own space claimed as coproduction measures by what its guests may do, and the label
    check says so first, with the host's share of decisions."""
    space = actions.space_create(
        actor=cast.carol, title="Board", purpose="Hear from people", holders=[cast.council.pk],
        claimed_approach="coproduction", guest_permissions=permissions)
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    for _ in range(3):
        host_decides(cast, space, "agree")
    report = audit_space(space.pk)
    assert report["measured_approach"] == expected
    assert report["label_check"]["mismatch"] is True
    reasons = report["label_check"]["reasons"]
    assert reasons[0] == "Council team made 3 of 3 decisions (100%) on its own."
    assert reasons[-1] == f"This is {expected}, not coproduction."


def test_own_space_claimed_honestly_has_no_mismatch(cast, own):
    """Calling a space where guests may propose `engagement` fits the record."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  claimed_approach="engagement")
    report = audit_space(own.pk)
    assert report["claimed_approach"] == "engagement"
    assert report["label_check"] == {"mismatch": False, "reasons": []}


def test_shared_space_coproduction_when_every_rule_holds(cast, shared):
    """3 decisions by consent of 4 (75%), initiative shared, all money joint: coproduction."""
    for _ in range(2):
        pass_shared(cast, shared, by=cast.sam)
    pass_shared(cast, shared)
    actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                    made_by=cast.council.pk, summary="Cabinet decided")
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="500")
    report = audit_space(shared.pk)
    assert report["decisions"]["by_venue"] == {"own": 0, "shared": 3, "outside": 1}
    assert report["measured_approach"] == "coproduction"
    assert report["label_check"]["mismatch"] is False


def test_shared_space_co_design_when_decisions_are_made_elsewhere(cast, shared):
    """2 decisions by consent of 3 (67%) is under 75%: co-design, and the reason says so."""
    pass_shared(cast, shared, by=cast.sam)
    pass_shared(cast, shared)
    actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                    made_by=cast.council.pk, summary="Cabinet decided")
    report = audit_space(shared.pk)
    assert report["measured_approach"] == "co-design"
    assert report["label_check"]["reasons"][0].startswith("2 of 3 decisions (67%)")


def test_shared_space_co_design_when_one_party_starts_everything(cast, shared):
    """The council opened the space and made every proposal: 5 of 5 things (100%)."""
    for _ in range(4):
        pass_shared(cast, shared)
    report = audit_space(shared.pk)
    assert report["measured_approach"] == "co-design"
    assert report["label_check"]["reasons"][0] == (
        "Council team started 5 of 5 things (100%); in coproduction no group starts more "
        "than 80%.")


def test_shared_space_co_design_when_money_is_taken_back(cast, shared):
    """A holder taking back more than half the money leaves less than half under joint
    control: co-design, even with every decision made together."""
    pass_shared(cast, shared, by=cast.sam)
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100")
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="51")
    report = audit_space(shared.pk)
    assert report["money"]["joint_share"] == 0.49
    assert report["measured_approach"] == "co-design"
    assert "49.00 of 100.00 GBP (49%) is under joint control" in report["label_check"]["reasons"][0]
