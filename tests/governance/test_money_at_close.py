"""As a space closes, each group's unspent money goes back to it (ADR 39; DESIGN rules 7, 8
and 10). A closed space is read-only forever, so money left in it could never be taken back
on the record; one group leaving a two-group space would then freeze the other's money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sharedspace.governance import actions, ledger, selectors
from sharedspace.governance.models import FundEntry, FundShare

from .conftest import accept_all, pass_proposal, refused, watch
from .test_money import commit as give

D = Decimal


def returns(space):
    return {e.party_id: e.amount for e in FundEntry.objects.filter(space=space, kind="return")}


def test_one_group_leaving_gives_each_group_its_unspent_money_back(cast, shared):
    give(cast, shared)
    spend = pass_proposal(cast, shared, kind="spend", amount="100")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="100", proposal=spend.pk)
    with watch() as written:
        actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    # The leaving, then each group's money going back, then the close: in one transaction.
    assert written.actions == ["space.leave", "fund.return", "fund.return", "space.close"]
    # Spending drew 75 from the council's 300 and 25 from the group's 100.
    assert returns(shared) == {cast.council.pk: D("225.00"), cast.group.pk: D("75.00")}
    fund = selectors.fund_get(viewer=cast.carol, space_id=shared.pk)
    assert fund.balance == 0
    assert fund.unspent_by == {cast.council.pk: 0, cast.group.pk: 0}
    assert fund.returned_by == {cast.council.pk: D("225.00"), cast.group.pk: D("75.00")}
    assert fund.withdrawn == D("300.00")
    # No one's act: no person, no acting group, never unilateral; it names who got it back.
    entries = [e for e in ledger.entries(shared.pk) if e["action"] == "fund.return"]
    assert [e["actor"] for e in entries] == [{"party": None, "person": None}] * 2
    assert {e["data"]["party"]: e["data"]["amount"] for e in entries} == {
        cast.council.pk: "225.00", cast.group.pk: "75.00"}
    assert {e["data"]["why"] for e in entries} == {"fewer_than_two_holders"}
    assert not FundEntry.objects.filter(space=shared, kind="return", unilateral=True).exists()
    assert ledger.verify_chain(shared.pk).ok


def test_the_closed_space_stays_read_only_after(cast, shared):
    give(cast, shared)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    refused("space_closed", actions.fund_withdraw, actor=cast.carol, space_id=shared.pk,
            party=cast.council.pk, amount="1")


def test_a_passed_close_proposal_gives_the_money_back_too(cast, shared):
    give(cast, shared, council="50", group="")
    pass_proposal(cast, shared, kind="close")
    shared.refresh_from_db()
    assert shared.state == "closed"
    assert returns(shared) == {cast.council.pk: D("50.00")}
    assert [e["data"]["why"] for e in ledger.entries(shared.pk)
            if e["action"] == "fund.return"] == ["passed_proposal"]


def test_a_passed_spending_not_spent_is_not_spent_and_its_money_goes_back(cast, shared):
    give(cast, shared)
    spend = pass_proposal(cast, shared, kind="spend", amount="40")
    actions.space_leave(actor=cast.carol, space_id=shared.pk, party_id=cast.council.pk)
    assert returns(shared) == {cast.council.pk: D("300.00"), cast.group.pk: D("100.00")}
    spend.refresh_from_db()
    assert spend.spent_at is None
    refused("space_closed", actions.fund_spend, actor=cast.sam, space_id=shared.pk,
            amount="40", proposal=spend.pk)


def test_a_group_that_left_earlier_gets_its_money_back_at_the_close(cast, shared):
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    actions.fund_commit(actor=cast.gil, space_id=shared.pk, party=cast.guests.pk, amount="30")
    give(cast, shared, council="10", group="")
    actions.space_leave(actor=cast.gil, space_id=shared.pk, party_id=cast.guests.pk)
    assert returns(shared) == {}  # the space carries on: the money stays in the fund
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    assert returns(shared) == {cast.guests.pk: D("30.00"), cast.council.pk: D("10.00")}


def test_a_guests_money_goes_back_when_the_host_leaves_its_own_space(cast, own):
    actions.fund_commit(actor=cast.gil, space_id=own.pk, party=cast.guests.pk, amount="20")
    actions.space_leave(actor=cast.carol, space_id=own.pk, party_id=cast.council.pk)
    own.refresh_from_db()
    assert own.state == "closed"
    assert returns(own) == {cast.guests.pk: D("20.00")}


@pytest.mark.parametrize("money", ["none", "all_taken_back"])
def test_nothing_to_give_back_writes_nothing(cast, shared, money):
    if money == "all_taken_back":
        give(cast, shared, council="", group="5")
        actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                              amount="5")
    with watch() as written:
        actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    assert written.actions == ["space.leave", "space.close"]
    assert returns(shared) == {}


def test_shares_never_go_below_zero(cast, shared):
    give(cast, shared)
    actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="60")
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    for share in FundShare.objects.filter(space=shared):
        assert share.unspent == 0
        assert share.committed == share.spent + share.withdrawn
    assert returns(shared) == {cast.council.pk: D("300.00"), cast.group.pk: D("40.00")}
