"""Money in the open: committed, spent by consent, withdrawn alone, and joint control."""

from sharedspace.audit import audit_space, compare
from sharedspace.governance import actions

from .steps import actions_at, pass_shared


def _commit(cast, space, who, amount, currency=None):
    party, person = (cast.council, cast.carol) if who == "council" else (cast.group, cast.sam)
    actions.fund_commit(actor=person, space_id=space.pk, party=party.pk, amount=amount,
                        currency=currency)


def test_shared_fund_committed_spent_and_withdrawn(cast, shared):
    """Amounts are strings with two decimals; a withdrawal from a shared fund is unilateral
    and lowers the share of money under joint control."""
    _commit(cast, shared, "council", "1000")
    _commit(cast, shared, "group", "100.5")
    spend = pass_shared(cast, shared, kind="spend", amount="200")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="200", proposal=spend.pk)
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="500.50")
    money = audit_space(shared.pk)["money"]
    assert money["committed_by"] == {cast.council.pk: "1000.00", cast.group.pk: "100.50"}
    assert money["spent_by_consent"] == "200.00"
    assert money["withdrawn_unilaterally"] == "500.50"
    assert money["currency"] == "GBP"
    assert money["joint"] == "600.00"
    assert money["joint_share"] == round(600 / 1100.5, 4)
    assert money["balance"] == "400.00"
    report = audit_space(shared.pk)
    assert any(f["code"] == "unilateral_withdrawal" for f in report["flags"])
    assert actions_at(shared, report["evidence"]["money"]) == {
        "fund.commit", "fund.spend", "fund.withdraw"}
    assert compare(shared.pk) == []


def test_own_fund_is_not_under_joint_control(cast, own):
    """Money in an own space is the host's to spend alone: joint share 0, spent alone."""
    _commit(cast, own, "council", "300", currency="EUR")
    actions.fund_spend(actor=cast.carol, space_id=own.pk, amount="100")
    actions.fund_withdraw(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="50")
    money = audit_space(own.pk)["money"]
    assert money["currency"] == "EUR"
    assert money["spent_alone"] == "100.00"
    assert money["spent_by_consent"] == "0.00"
    assert money["withdrawn_unilaterally"] == "0.00"
    assert money["joint_share"] == 0.0
    assert money["measurable"] is True


def test_no_money_cannot_be_measured_and_does_not_fail_coproduction(cast, shared):
    """With no money at all the report says so, and the money rule is not failed on it."""
    report = audit_space(shared.pk)
    assert report["money"]["measurable"] is False
    assert report["money"]["joint_share"] == 0.0
    assert report["budget_visible"] == {"has_fund": False, "every_party_can_see": True}
    assert any("no money" in note for note in report["cannot_measure_yet"])
    money_check = next(c for c in report["checks"] if c["rule"] == "money")
    assert money_check["passed"] is None


def test_money_given_before_an_own_space_became_shared_is_then_joint(cast, plain_own):
    """Unspent money already in an own fund comes under joint control when the space
    becomes shared; money spent alone before that stays out of it."""
    space = plain_own
    _commit(cast, space, "council", "400")
    actions.fund_spend(actor=cast.carol, space_id=space.pk, amount="100")
    p = actions.proposal_submit(actor=cast.carol, space_id=space.pk, kind="add_holder",
                                title="Hold it with us", party=cast.group.pk)
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    invitation = space.invitations.get(party=cast.group, state="open")
    actions.invitation_accept(actor=cast.sam, invitation_id=invitation.pk)
    report = audit_space(space.pk)
    assert report["kind"] == "shared"
    assert report["money"]["joint"] == "300.00"
    assert report["money"]["joint_share"] == 0.75
    assert report["decisions"]["by_venue"]["own"] == 1
    assert compare(space.pk) == []


def test_money_given_back_at_the_close_is_not_taken_alone(cast, shared):
    """As a space closes, each group's unspent money goes back to it (ADR 39): counted as
    taken back, so the balance ends at zero, but never unilateral, and the money stays as
    joint as it was while the space was open."""
    _commit(cast, shared, "council", "300")
    _commit(cast, shared, "group", "100")
    before = audit_space(shared.pk)["money"]
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    report = audit_space(shared.pk)
    money = report["money"]
    assert money["withdrawn_by"] == {cast.council.pk: "300.00", cast.group.pk: "100.00"}
    assert money["withdrawn"] == "400.00" and money["balance"] == "0.00"
    assert money["withdrawn_unilaterally"] == "0.00"
    assert money["joint"] == before["joint"] == "400.00"
    assert money["joint_share"] == 1.0
    assert not any(f["code"] == "unilateral_withdrawal" for f in report["flags"])
    assert "fund.return" in actions_at(shared, report["evidence"]["money"])
    assert compare(shared.pk) == []
