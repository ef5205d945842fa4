"""Money in the open (DESIGN §4 rule 10)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from .. import consent
from .. import exceptions as ex
from .. import policies as pol
from ..choices import FundEntryKind, ProposalKind, ProposalState, SpaceKind
from ..models import FundEntry, FundShare, Person, Proposal, Space
from ._base import get_party, lock_space, money, now, record


def _currency(space: Space, currency: str | None) -> str:
    """One currency per fund: the first money that moves sets it."""
    chosen = currency or space.currency or "GBP"
    if space.currency and chosen != space.currency:
        raise ex.CurrencyMismatch(fields={"currency": f"This fund uses {space.currency} only."})
    if not space.currency:
        space.currency = chosen
        space.save(update_fields=["currency"])
    return chosen


@transaction.atomic
def fund_commit(
    *, actor: Person, space_id: str, party: str, amount: Any, currency: str | None = None
) -> FundEntry:
    """Giving money to a fund is a gift: it needs no one's consent."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    value, cur = money(amount, currency=currency)
    get_party(party)
    pol.require_coordinator(actor, party)
    if pol.relation(space, party) not in (pol.HOLDER, pol.GUEST):
        raise ex.NotInSpace
    cur = _currency(space, cur)
    share, _ = FundShare.objects.select_for_update().get_or_create(space=space, party_id=party)
    share.committed += value
    share.save()
    entry = FundEntry.objects.create(
        space=space,
        kind=FundEntryKind.COMMITMENT,
        party_id=party,
        amount=value,
        currency=cur,
        person=actor,
        created_at=now(),
    )
    record(space, "fund.commit", person=actor, party=party, data={"amount": value, "currency": cur})
    return entry


@transaction.atomic
def fund_withdraw(
    *, actor: Person, space_id: str, party: str, amount: Any, currency: str | None = None
) -> FundEntry:
    """A party may take back its own unspent money. In a shared space that is a unilateral
    act, and the ledger says so (software cannot stop real money moving)."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    value, cur = money(amount, currency=currency)
    get_party(party)
    pol.require_coordinator(actor, party)
    cur = _currency(space, cur)
    share = FundShare.objects.select_for_update().filter(space=space, party_id=party).first()
    if share is None or share.unspent < value:
        raise ex.MoreThanUnspent
    share.withdrawn += value
    share.save()
    unilateral = space.kind == SpaceKind.SHARED
    entry = FundEntry.objects.create(
        space=space,
        kind=FundEntryKind.WITHDRAWAL,
        party_id=party,
        amount=value,
        currency=cur,
        unilateral=unilateral,
        person=actor,
        created_at=now(),
    )
    record(
        space,
        "fund.withdraw",
        person=actor,
        party=party,
        data={"amount": value, "currency": cur, "unilateral": unilateral},
    )
    return entry


def return_unspent(space: Space, *, why: str) -> list[FundEntry]:
    """As a space closes, each group's unspent money goes back to it (ADR 39).

    A closed space is read-only forever (rule 8), so money left in its fund could never be
    taken back on the record; and a group that leaves a two-group space would freeze the other
    group's money with it, which would make exit a weapon (rule 7). Called by ``close_space``
    inside its transaction, before the space is marked closed. No one decides it and no one
    takes it alone: each entry names the group it went back to, not an actor, and is never
    unilateral. Groups that left earlier get theirs back too; a spending proposal that passed
    but was not spent is not spent."""
    entries: list[FundEntry] = []
    stamp = now()
    shares = FundShare.objects.select_for_update().filter(space=space).order_by("id")
    for share in shares:
        left = share.unspent
        if left <= 0:
            continue
        share.withdrawn += left
        share.save()
        currency = space.currency or "GBP"
        entries.append(FundEntry.objects.create(
            space=space,
            kind=FundEntryKind.RETURN,
            party_id=share.party_id,
            amount=left,
            currency=currency,
            person=None,
            created_at=stamp,
        ))
        record(
            space,
            "fund.return",
            person=None,
            party=None,
            data={"party": share.party_id, "amount": left, "currency": currency, "why": why},
        )
    return entries


def _passed_spend_of(proposal: Proposal | None, amount: Decimal) -> bool:
    """A passed spending proposal for exactly this amount."""
    return (
        proposal is not None
        and proposal.kind == ProposalKind.SPEND
        and proposal.state == ProposalState.PASSED
        and proposal.amount == amount
    )


@transaction.atomic
def fund_spend(
    *,
    actor: Person,
    space_id: str,
    amount: Any,
    currency: str | None = None,
    proposal: str | None = None,
) -> FundEntry:
    """Shared fund: only a passed spend proposal of that amount, once (spent already, it is
    no longer a passed proposal to spend: 403 ``needs_passed_proposal``). Own fund: the host
    (a proposal named there and spent already: 409 ``already_spent``). Spending draws on
    every party's unspent money in proportion; never below zero."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    value, cur = money(amount, currency=currency)
    spend_proposal: Proposal | None = None
    if proposal:
        spend_proposal = Proposal.objects.filter(pk=proposal, space=space).first()
    if space.kind == SpaceKind.SHARED:
        party = pol.require_holder_member(actor, space)
        if not _passed_spend_of(spend_proposal, value):
            raise ex.NeedsPassedProposal
        if spend_proposal is not None and spend_proposal.spent_at is not None:
            # Its consent was used up when it was spent: spending again needs a new one.
            raise ex.NeedsPassedProposal(
                "The money for this proposal has already been spent. You can ask for money to "
                "be spent by making a spending proposal."
            )
    else:
        party = pol.require_host_coordinator(actor, space)
        if proposal and not _passed_spend_of(spend_proposal, value):
            raise ex.InvalidInput(
                fields={"proposal": "Name a passed spending proposal of this amount."}
            )
    if spend_proposal is not None and spend_proposal.spent_at is not None:
        raise ex.AlreadySpent
    cur = _currency(space, cur)
    if spend_proposal is not None and spend_proposal.currency not in ("", cur):
        # What was agreed is an amount in the proposal's currency, not a number.
        raise ex.CurrencyMismatch(
            fields={
                "currency": f"The proposal was for money in {spend_proposal.currency}, "
                f"but this fund uses {cur}."
            }
        )
    shares = {s.party_id: s for s in FundShare.objects.select_for_update().filter(space=space)}
    unspent = {p: s.unspent for p, s in shares.items()}
    if sum(unspent.values(), Decimal("0")) < value:
        raise ex.FundTooLow
    parts = consent.allocate_spending(unspent, value)
    for party_id, part in parts.items():
        shares[party_id].spent += part
        shares[party_id].save()
    stamp = now()
    if spend_proposal is not None:
        spend_proposal.spent_at = stamp
        spend_proposal.save(update_fields=["spent_at"])
    entry = FundEntry.objects.create(
        space=space,
        kind=FundEntryKind.SPENDING,
        amount=value,
        currency=cur,
        proposal=spend_proposal,
        person=actor,
        created_at=stamp,
    )
    record(
        space,
        "fund.spend",
        person=actor,
        party=party,
        data={
            "amount": value,
            "currency": cur,
            "proposal": spend_proposal.pk if spend_proposal else None,
            "parts": {p: str(v) for p, v in parts.items()},
        },
    )
    return entry
