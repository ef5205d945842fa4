"""People and parties."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import StrictInt

from .common import DecisionRule, Input, PartyKind, PowerSource, Role


class MyParty(Schema):
    id: str
    name: str
    kind: PartyKind
    roles: list[Role]


class Me(Schema):
    id: str
    name: str
    email: str
    parties: list[MyParty]


class PartyIn(Input):
    name: str
    kind: PartyKind
    decision_rule: DecisionRule
    # Strict: JSON true is not a number of members (a lax int would take it as 1).
    quorum: StrictInt | None = None
    power_sources: list[PowerSource] | None = None


class PartyPatch(Input):
    """Only the fields sent are changed. ``quorum: null`` means "more than half"."""

    decision_rule: DecisionRule | None = None
    power_sources: list[PowerSource] | None = None
    quorum: StrictInt | None = None
    name: str | None = None


class Member(Schema):
    person: str
    name: str
    roles: list[Role]


class MemberIn(Input):
    email: str
    roles: list[Role]


class Party(Schema):
    """A party. ``members`` is shown to the party's own people only (empty for others)."""

    id: str
    name: str
    kind: PartyKind
    decision_rule: DecisionRule
    quorum: int | None
    power_sources: list[PowerSource]
    members: list[Member]
    created_at: dt.datetime
