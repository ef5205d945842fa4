"""Spaces, guests, holders and invitations."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from .common import (
    Approach,
    Charter,
    CharterIn,
    GuestPermission,
    Input,
    InvitationState,
    Label,
    NamedRef,
    PartyRef,
    Relation,
    SpaceKind,
    SpaceState,
    TenureRole,
)


class SpaceIn(Input):
    title: str
    purpose: str
    holders: list[str]
    claimed_approach: Approach
    guest_permissions: list[GuestPermission] | None = None
    charter: CharterIn | None = None


class SpacePatch(Input):
    """Own space only: the host changes its settings. Only the fields sent change."""

    title: str | None = None
    purpose: str | None = None
    claimed_approach: Approach | None = None
    guest_permissions: list[GuestPermission] | None = None


class PartyIdIn(Input):
    party: str


class Viewer(Schema):
    """How the caller stands to the space: through which of their parties, and what the
    space is to them ("My space", "Your space", "Shared space")."""

    party: str
    relation: Relation
    label: Label


class SpaceLinks(Schema):
    fund: str
    proposals: str
    ledger: str
    audit: str


class Space(Schema):
    id: str
    title: str
    purpose: str
    kind: SpaceKind
    state: SpaceState
    holders: list[PartyRef]
    former_holders: list[PartyRef]
    guests: list[PartyRef]
    former_guests: list[PartyRef]
    claimed_approach: Approach
    guest_permissions: list[GuestPermission]
    charter: Charter | None
    viewer: Viewer
    currency: str | None
    created_at: dt.datetime
    activated_at: dt.datetime | None
    closed_at: dt.datetime | None
    close_reason: str | None
    links: SpaceLinks


class SpaceBrief(Schema):
    id: str
    title: str
    kind: SpaceKind


class InvitedBy(Schema):
    party: NamedRef | None
    person: NamedRef | None


class Invitation(Schema):
    id: str
    space: SpaceBrief
    party: NamedRef
    as_: TenureRole = Field(..., alias="as")
    invited_by: InvitedBy
    created_at: dt.datetime
    state: InvitationState
    proposal: str | None
