"""Turn what selectors and actions return into the contract's result shapes (plain dicts).

Ids are strings, times are aware datetimes (rendered as ISO 8601 with a zone), money is
``{"amount": "123.45", "currency": "GBP"}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.urls import reverse

from sharedspace.governance import selectors
from sharedspace.governance.choices import FundEntryKind
from sharedspace.governance.models import (
    Comment,
    FundEntry,
    Invitation,
    Membership,
    OutsideDecision,
    Party,
    Person,
    Position,
    Proposal,
    Publication,
    PublicComment,
)

from .schemas.common import money

Refs = dict[str, dict[str, str]]


def party_refs(ids: Iterable[str]) -> Refs:
    """``{id: {"id", "name", "kind"}}`` for the parties named, in one query."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {
        pk: {"id": pk, "name": name, "kind": kind}
        for pk, name, kind in Party.objects.filter(pk__in=wanted).values_list("id", "name", "kind")
    }


def _refs(ids: list[str], refs: Refs) -> list[dict[str, str]]:
    return [refs[i] for i in ids if i in refs]


# --- spaces -----------------------------------------------------------------------------


def _tenure_ids(view: selectors.SpaceView) -> list[str]:
    return view.holders + view.former_holders + view.guests + view.former_guests


def space(view: selectors.SpaceView, refs: Refs | None = None) -> dict[str, Any]:
    s = view.space
    if refs is None:
        refs = party_refs(_tenure_ids(view))
    return {
        "id": s.pk,
        "title": s.title,
        "purpose": s.purpose,
        "kind": s.kind,
        "state": s.state,
        "holders": _refs(view.holders, refs),
        "former_holders": _refs(view.former_holders, refs),
        "guests": _refs(view.guests, refs),
        "former_guests": _refs(view.former_guests, refs),
        "claimed_approach": s.claimed_approach,
        "guest_permissions": list(s.guest_permissions or []),
        "charter": s.charter,
        "viewer": {"party": view.viewer_party, "relation": view.relation, "label": view.label},
        "currency": s.currency or None,
        "created_at": s.created_at,
        "activated_at": s.activated_at,
        "closed_at": s.closed_at,
        "close_reason": s.close_reason or None,
        "links": {
            name: reverse(f"api:space_{name}", kwargs={"id": s.pk})
            for name in ("fund", "proposals", "ledger", "audit")
        },
    }


def spaces(views: list[selectors.SpaceView]) -> list[dict[str, Any]]:
    refs = party_refs(i for v in views for i in _tenure_ids(v))
    return [space(v, refs) for v in views]


# --- proposals --------------------------------------------------------------------------


def _position(p: Position) -> dict[str, Any]:
    return {
        "party": p.party_id,
        "position": p.position,
        "reason": p.reason or None,
        "binding": p.binding,
    }


def proposal(p: Proposal, positions: list[Position]) -> dict[str, Any]:
    return {
        "id": p.pk,
        "space": p.space_id,
        "kind": p.kind,
        "title": p.title,
        "body": p.body,
        "proposed_by": {"person": p.proposed_by_person_id, "party": p.proposed_by_party_id},
        "state": p.state,
        "closes_at": p.closes_at,
        "positions": [_position(x) for x in positions],
        "version": p.version,
        "amount": money(p.amount, p.currency),
        "party": p.target_party_id,
        "charter": p.charter,
        "content": p.content_id or p.public_comment_id,
        "created_at": p.created_at,
        "resolved_at": p.resolved_at,
        "spent": p.spent_at is not None,
    }


def proposal_view(view: selectors.ProposalView) -> dict[str, Any]:
    return proposal(view.proposal, view.positions)


def proposals(items: Iterable[Proposal]) -> list[dict[str, Any]]:
    """Many proposals, with the positions on each one's current version in one query."""
    items = list(items)
    by_proposal: dict[str, list[Position]] = {p.pk: [] for p in items}
    versions = {p.pk: p.version for p in items}
    for pos in Position.objects.filter(proposal_id__in=list(by_proposal)).order_by(
        "-binding", "updated_at", "id"
    ):
        if versions[pos.proposal_id] == pos.version:
            by_proposal[pos.proposal_id].append(pos)
    return [proposal(p, by_proposal[p.pk]) for p in items]


# --- money ------------------------------------------------------------------------------


def fund_entry(e: FundEntry) -> dict[str, Any]:
    return {
        "id": str(e.pk),
        "kind": e.kind,
        "party": e.party_id,
        "amount": money(e.amount, e.currency),
        "proposal": e.proposal_id,
        "unilateral": e.unilateral,
        # Money given back as the space closed is no one's act: it names the group it went
        # back to in ``party`` and no actor (ADR 39).
        "by": {"person": e.person_id,
               "party": None if e.kind == FundEntryKind.RETURN else e.party_id},
        "created_at": e.created_at,
    }


def _by_party(amounts: dict[str, Decimal], currency: str) -> list[dict[str, Any]]:
    return [{"party": p, "amount": money(a, currency)} for p, a in amounts.items()]


def fund(f: selectors.FundView) -> dict[str, Any]:
    return {
        "currency": f.currency,
        "balance": money(f.balance, f.currency),
        "committed_by": _by_party(f.committed_by, f.currency),
        "unspent_by": _by_party(f.unspent_by, f.currency),
        "spent": money(f.spent, f.currency),
        "withdrawn": money(f.withdrawn, f.currency),
        "entries": [fund_entry(e) for e in f.entries],
    }


# --- invitations, parties, people -------------------------------------------------------


def _named(obj: Party | Person | None) -> dict[str, str] | None:
    return None if obj is None else {"id": obj.pk, "name": obj.name}


def invitation(i: Invitation) -> dict[str, Any]:
    return {
        "id": i.pk,
        "space": {"id": i.space.pk, "title": i.space.title, "kind": i.space.kind},
        "party": _named(i.party),
        "as": i.as_role,
        "invited_by": {"party": _named(i.invited_by_party), "person": _named(i.invited_by_person)},
        "created_at": i.created_at,
        "state": i.state,
        "proposal": i.via_proposal_id,
    }


def member(m: Membership) -> dict[str, Any]:
    return {"person": m.person_id, "name": m.person.name, "roles": m.roles}


def party(view: selectors.PartyView) -> dict[str, Any]:
    p = view.party
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "decision_rule": p.decision_rule,
        "quorum": p.quorum,
        "power_sources": list(p.power_sources or []),
        "members": [member(m) for m in view.members],
        "created_at": p.created_at,
    }


def me(person: Person, memberships: list[Membership]) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "email": person.email,
        "parties": [
            {"id": m.party.pk, "name": m.party.name, "kind": m.party.kind, "roles": m.roles}
            for m in memberships
        ],
    }


# --- outside decisions and comments -----------------------------------------------------


def outside_decision(d: OutsideDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "space": d.space_id,
        "made_by": d.made_by_id,
        "summary": d.summary,
        "made_on": d.made_on,
        "recorded_by": {"person": d.recorded_by_person_id, "party": d.recorded_by_party_id},
        "state": d.state,
        "reason": d.reason or None,
        "created_at": d.created_at,
        "answered_at": d.answered_at,
        "answered_by": d.answered_by_id,
    }


def comment(c: Comment) -> dict[str, Any]:
    removed = c.removed_at is not None
    return {
        "id": c.pk,
        "space": c.space_id,
        "proposal": c.proposal_id,
        "author": {"person": c.author_id, "party": c.party_id},
        "body": None if removed else c.body,
        "removed": removed,
        "created_at": c.created_at,
    }


def publication_summary(p: Publication) -> dict[str, Any]:
    return {
        "id": p.pk,
        "space": p.space_id,
        "proposal": p.proposal_id,
        "title": p.title,
        "published_at": p.published_at,
    }


def public_comment(c: PublicComment) -> dict[str, Any]:
    removed = c.removed_at is not None
    erased = c.author.erased_at is not None
    return {
        "id": c.pk,
        "publication": c.publication_id,
        # A hidden comment keeps its place, not who wrote it (as on the web page).
        "author": None if removed else {
            "person": c.author_id, "name": None if erased else c.author.name},
        "body": None if removed else c.body,
        "removed": removed,
        "created_at": c.created_at,
    }


def publication(p: Publication, comments: list[PublicComment]) -> dict[str, Any]:
    return {
        **publication_summary(p),
        "body": p.body,
        "comments": [public_comment(c) for c in comments],
    }
