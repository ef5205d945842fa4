"""Proposals and positions."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import AwareDatetime

from .common import (
    Actor,
    Charter,
    CharterIn,
    Input,
    Money,
    MoneyIn,
    PositionValue,
    ProposalKind,
    ProposalState,
)


class ProposalIn(Input):
    """``amount`` for spend; ``party`` for add_holder, add_guest and remove_guest;
    ``charter`` for charter; ``content`` (a comment id, or a critical friend's comment id on
    the space's published work) for remove_content; ``body`` (the work) for publish. ``as_party``
    chooses which of your parties proposes, when you belong to more than one."""

    kind: ProposalKind
    title: str
    body: str = ""
    closes_at: AwareDatetime | None = None
    amount: MoneyIn | None = None
    party: str | None = None
    charter: CharterIn | None = None
    content: str | None = None
    as_party: str | None = None


class ProposalPatch(Input):
    """What the proposer changes; what is left out stays. ``amount`` for spend only;
    ``charter`` (the whole charter as it would read) for charter only (ADR 37)."""

    title: str | None = None
    body: str | None = None
    amount: MoneyIn | None = None
    charter: CharterIn | None = None


class PositionIn(Input):
    party: str
    position: PositionValue
    reason: str | None = None


class PositionOut(Schema):
    """A party's position on the current version. ``binding: false``: a guest's view in an
    own space, recorded and shown, never deciding."""

    party: str
    position: PositionValue
    reason: str | None
    binding: bool


class Proposal(Schema):
    id: str
    space: str
    kind: ProposalKind
    title: str
    body: str
    proposed_by: Actor
    state: ProposalState
    closes_at: dt.datetime | None
    positions: list[PositionOut]
    version: int
    amount: Money | None
    party: str | None
    charter: Charter | None
    content: str | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    spent: bool
