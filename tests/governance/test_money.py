"""Money in the open (DESIGN §4 rule 10; CONTRACT "Money").

Committing is a gift; spending a shared fund needs a passed spend proposal of that amount,
once; a party may take back its own unspent money (unilaterally, in a shared space);
spending draws on every party's unspent money in proportion; never below zero; one currency.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from sharedspace.governance import actions, selectors
from sharedspace.governance.models import FundShare

from .conftest import agree_all, pass_proposal, refused, watch

D = Decimal


def commit(cast, space, council="300", group="100"):
    if council:
        actions.fund_commit(actor=cast.carol, space_id=space.pk, party=cast.council.pk,
                            amount=council)
    if group:
        actions.fund_commit(actor=cast.sam, space_id=space.pk, party=cast.group.pk,
                            amount=group)


def unspent(cast, space):
    fund = selectors.fund_get(viewer=cast.carol, space_id=space.pk)
    return {cast.council.pk: fund.unspent_by.get(cast.council.pk),
            cast.group.pk: fund.unspent_by.get(cast.group.pk)}


def test_commit_needs_no_consent(cast, shared):
    """A party gives money on its own say-so; everyone sees it at once."""
    with watch() as written:
        actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                            amount="25.10")
    assert written.actions == ["fund.commit"]
    fund = selectors.fund_get(viewer=cast.carol, space_id=shared.pk)
    assert fund.balance == D("25.10") and fund.committed_by == {cast.group.pk: D("25.10")}


@pytest.mark.parametrize("proposal", ["none", "open", "other_amount", "decision", "blocked",
                                      "other_space"])
def test_shared_spending_needs_a_passed_spend_proposal_of_that_amount(cast, shared, own,
                                                                      proposal):
    """Without a passed spend proposal of exactly that amount, a shared fund is not spent."""
    commit(cast, shared)
    if proposal == "open":
        p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                    title="Buy", amount="40")
    elif proposal == "other_amount":
        p = pass_proposal(cast, shared, kind="spend", amount="39.99")
    elif proposal == "decision":
        p = pass_proposal(cast, shared, kind="decision")
    elif proposal == "blocked":
        p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                    title="Buy", amount="40")
        actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                              position="object", reason="Too much.")
        actions.proposal_close(actor=cast.carol, proposal_id=p.pk)
    elif proposal == "other_space":
        actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk,
                            amount="40")
        p = pass_proposal(cast, own, kind="spend", amount="40")
    kwargs = {} if proposal == "none" else {"proposal": p.pk}
    error = refused("needs_passed_proposal", actions.fund_spend, actor=cast.owen,
                    space_id=shared.pk, amount="40", **kwargs)
    assert error.status == 403


def test_passed_proposal_is_spent_once_in_proportion(cast, shared):
    """A passed spend proposal is spent once; every party pays its proportional part."""
    commit(cast, shared)
    p = pass_proposal(cast, shared, kind="spend", amount="40")
    with watch() as written:
        actions.fund_spend(actor=cast.mo, space_id=shared.pk, amount="40", proposal=p.pk)
    assert written.one("fund.spend")["data"]["parts"] == {cast.council.pk: "30.00",
                                                          cast.group.pk: "10.00"}
    assert unspent(cast, shared) == {cast.council.pk: D("270"), cast.group.pk: D("90")}
    fund = selectors.fund_get(viewer=cast.sam, space_id=shared.pk)
    assert (fund.balance, fund.spent) == (D("360"), D("40"))


def test_a_spent_proposal_is_no_longer_a_passed_proposal_to_spend(cast, shared):
    """CONTRACT: in a shared space spending is 403 `needs_passed_proposal` unless the proposal
    is passed and not yet spent. Spending it again is that refusal, in words that say its money
    was spent already and what to do instead; nothing more is spent."""
    commit(cast, shared)
    p = pass_proposal(cast, shared, kind="spend", amount="40")
    actions.fund_spend(actor=cast.mo, space_id=shared.pk, amount="40", proposal=p.pk)
    for who in (cast.carol, cast.mo, cast.sam):
        error = refused("needs_passed_proposal", actions.fund_spend, actor=who,
                        space_id=shared.pk, amount="40", proposal=p.pk)
        assert error.status == 403
        assert error.message == (
            "The money for this proposal has already been spent. You can ask for money to be "
            "spent by making a spending proposal.")
    fund = selectors.fund_get(viewer=cast.sam, space_id=shared.pk)
    assert (fund.balance, fund.spent) == (D("360"), D("40"))


def test_an_own_space_proposal_spent_twice_is_already_spent(cast, own):
    """In an own space the host may spend without a proposal; naming one already spent is
    a state conflict: 409 `already_spent`."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="100")
    p = pass_proposal(cast, own, kind="spend", amount="40")
    actions.fund_spend(actor=cast.carol, space_id=own.pk, amount="40", proposal=p.pk)
    error = refused("already_spent", actions.fund_spend, actor=cast.carol, space_id=own.pk,
                    amount="40", proposal=p.pk)
    assert error.status == 409
    assert selectors.fund_get(viewer=cast.carol, space_id=own.pk).spent == D("40")


def test_spending_more_than_the_fund_holds_is_refused(cast, shared):
    """A passed proposal for more than the fund holds cannot be spent (409)."""
    commit(cast, shared)
    p = pass_proposal(cast, shared, kind="spend", amount="400.01")
    error = refused("fund_too_low", actions.fund_spend, actor=cast.carol, space_id=shared.pk,
                    amount="400.01", proposal=p.pk)
    assert error.status == 409


def test_withdrawal_up_to_unspent_is_unilateral_in_a_shared_space(cast, shared):
    """A party takes back what it gave and was not spent, and no more; in a shared space
    the ledger marks it unilateral (the audit shows it)."""
    commit(cast, shared)
    p = pass_proposal(cast, shared, kind="spend", amount="40")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="40", proposal=p.pk)
    error = refused("more_than_unspent", actions.fund_withdraw, actor=cast.sam,
                    space_id=shared.pk, party=cast.group.pk, amount="90.01")
    assert error.status == 409
    with watch() as written:
        entry = actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                                      amount="90")
    assert written.one("fund.withdraw")["data"]["unilateral"] is True and entry.unilateral
    assert unspent(cast, shared)[cast.group.pk] == D("0")
    refused("more_than_unspent", actions.fund_withdraw, actor=cast.sam, space_id=shared.pk,
            party=cast.group.pk, amount="0.01")


def test_party_with_nothing_given_cannot_withdraw(cast, shared):
    """Withdrawing from a fund a party never gave to is refused."""
    commit(cast, shared, group="")
    refused("more_than_unspent", actions.fund_withdraw, actor=cast.sam, space_id=shared.pk,
            party=cast.group.pk, amount="1")


def test_withdrawal_in_an_own_space_is_not_unilateral(cast, own):
    """In an own space there is no one else to ask: a withdrawal is not unilateral."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="10")
    entry = actions.fund_withdraw(actor=cast.carol, space_id=own.pk, party=cast.council.pk,
                                  amount="10")
    assert entry.unilateral is False


def test_host_spends_its_own_fund_but_never_below_zero(cast, own):
    """The host spends its own space's fund without a proposal, up to what it holds,
    drawing on the guest's money too in proportion."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="30")
    actions.fund_commit(actor=cast.gil, space_id=own.pk, party=cast.guests.pk, amount="10")
    refused("fund_too_low", actions.fund_spend, actor=cast.carol, space_id=own.pk,
            amount="40.01")
    with watch() as written:
        actions.fund_spend(actor=cast.carol, space_id=own.pk, amount="40")
    assert written.one("fund.spend")["data"]["parts"] == {cast.council.pk: "30.00",
                                                          cast.guests.pk: "10.00"}
    assert selectors.fund_get(viewer=cast.gil, space_id=own.pk).balance == 0


def test_database_refuses_a_share_below_zero(cast, shared):
    """Even a write that skips the actions cannot take a share below zero."""
    commit(cast, shared)
    share = FundShare.objects.get(space=shared, party=cast.group)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundShare.objects.filter(pk=share.pk).update(spent=D("100.01"))


def test_one_currency_per_fund(cast, shared):
    """The first money sets the fund's currency; any other is refused everywhere."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="eur")
    shared.refresh_from_db()
    assert shared.currency == "EUR"
    refused("currency_mismatch", actions.fund_commit, actor=cast.sam, space_id=shared.pk,
            party=cast.group.pk, amount="5", currency="GBP")
    refused("currency_mismatch", actions.fund_withdraw, actor=cast.carol, space_id=shared.pk,
            party=cast.council.pk, amount="5", currency="GBP")
    refused("currency_mismatch", actions.proposal_submit, actor=cast.carol,
            space_id=shared.pk, kind="spend", title="Buy", amount="5", currency="GBP")
    p = pass_proposal(cast, shared, kind="spend", amount="5")
    assert p.currency == "EUR"
    refused("currency_mismatch", actions.fund_spend, actor=cast.carol, space_id=shared.pk,
            amount="5", currency="GBP", proposal=p.pk)
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="5", proposal=p.pk)


def test_agreed_currency_is_the_currency_spent(cast, shared):
    """A spend agreed in pounds before any money moved is not spent in euros later."""
    p = pass_proposal(cast, shared, kind="spend", amount="10")
    assert p.currency == "GBP"
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="EUR")
    refused("currency_mismatch", actions.fund_spend, actor=cast.carol, space_id=shared.pk,
            amount="10", proposal=p.pk)


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", 1.5, "abc", "", None, True,
                                    "1000000000000", "NaN", "Infinity"])
def test_amounts_are_positive_pennies(cast, shared, amount):
    """Money is a positive amount with at most two decimal places, written as text or a
    whole number; anything else is bad input that changes nothing."""
    refused("invalid_input", actions.fund_commit, actor=cast.carol, space_id=shared.pk,
            party=cast.council.pk, amount=amount)


def test_spend_proposal_amended_needs_fresh_consent(cast, shared):
    """Amending a spend proposal's amount resets consent; the new amount is what is spent."""
    commit(cast, shared)
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                title="Buy", amount="40")
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    p = actions.proposal_amend(actor=cast.carol, proposal_id=p.pk, amount="60")
    agree_all(cast, p)
    refused("needs_passed_proposal", actions.fund_spend, actor=cast.carol, space_id=shared.pk,
            amount="40", proposal=p.pk)
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="60", proposal=p.pk)
