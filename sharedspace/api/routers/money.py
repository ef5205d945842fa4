"""The fund: money in the open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.governance import actions, selectors

from .. import present
from ..auth import caller
from ..common import answers, created, resolve_due
from ..schemas import money as s

router = Router(tags=["Money"])


@router.get(
    "/spaces/{id}/fund",
    response=answers(200, s.Fund, 404),
    url_name="space_fund",
    operation_id="fund_get",
)
def fund_get(request: HttpRequest, id: str) -> Any:
    """The whole fund, visible to everyone in the space: balance, who gave what, what
    was spent, what was taken back, and every movement."""
    resolve_due(id)
    return present.fund(selectors.fund_get(viewer=caller(request), space_id=id))


def _party_money(action: Any, request: HttpRequest, id: str, payload: s.PartyMoneyIn) -> Any:
    """Commitments and withdrawals: one party moves its own money, through the core."""
    resolve_due(id)
    entry = action(
        actor=caller(request),
        space_id=id,
        party=payload.party,
        amount=payload.amount.amount,
        currency=payload.amount.currency,
    )
    return created(present.fund_entry(entry))


@router.post(
    "/spaces/{id}/fund/commitments",
    response=answers(201, s.FundEntry, 403, 404, 409, 422),
    operation_id="fund_commit",
)
def fund_commit(request: HttpRequest, id: str, payload: s.PartyMoneyIn) -> Any:
    """A party gives money to the fund. A gift needs no one's consent."""
    return _party_money(actions.fund_commit, request, id, payload)


@router.post(
    "/spaces/{id}/fund/withdrawals",
    response=answers(201, s.FundEntry, 403, 404, 409, 422),
    operation_id="fund_withdraw",
)
def fund_withdraw(request: HttpRequest, id: str, payload: s.PartyMoneyIn) -> Any:
    """A party takes back money it gave that is not spent (409 `more_than_unspent`
    otherwise). In a shared space this is recorded as done alone."""
    return _party_money(actions.fund_withdraw, request, id, payload)


@router.post(
    "/spaces/{id}/fund/spending",
    response=answers(201, s.FundEntry, 403, 404, 409, 422),
    operation_id="fund_spend",
)
def fund_spend(request: HttpRequest, id: str, payload: s.SpendingIn) -> Any:
    """Spend from the fund. Shared space: only with a passed spend `proposal` of that
    amount, once (403 `needs_passed_proposal`). Own space: the host. Never below zero
    (409 `fund_too_low`)."""
    resolve_due(id)
    entry = actions.fund_spend(
        actor=caller(request),
        space_id=id,
        amount=payload.amount.amount,
        currency=payload.amount.currency,
        proposal=payload.proposal,
    )
    return created(present.fund_entry(entry))
