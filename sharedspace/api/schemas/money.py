"""The fund of a space."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from .common import Actor, FundEntryKind, Input, Money, MoneyIn


class PartyMoneyIn(Input):
    party: str
    amount: MoneyIn


class SpendingIn(Input):
    amount: MoneyIn
    proposal: str | None = None


class PartyAmount(Schema):
    party: str
    amount: Money


class FundEntry(Schema):
    """One movement of money. ``unilateral``: taken back from a shared fund by one party
    alone (allowed, and shown in the audit)."""

    id: str
    kind: FundEntryKind
    party: str | None
    amount: Money
    proposal: str | None
    unilateral: bool
    by: Actor
    created_at: dt.datetime


class Fund(Schema):
    currency: str
    balance: Money
    committed_by: list[PartyAmount]
    unspent_by: list[PartyAmount]
    spent: Money
    withdrawn: Money
    entries: list[FundEntry]
