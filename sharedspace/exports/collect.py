"""What one party may see, as plain data for the export.

The rules are those of the API (CONTRACT.md, "Who may read what"), applied to the party
itself rather than to one of its people (a person may belong to several parties; the
export is the party's, so it must not show what only another of that person's parties may
see). For every space the party holds or held, visits or visited, or is invited to:

- the space, its proposals (with positions), its fund and its outside decisions;
- the discussion, for holders and former holders, and for guests the host let view or comment;
- the ledger, for holders and former holders, and for guests the host let view;
- members' individual votes where the party may read the ledger (the ledger holds every vote
  anyway); otherwise only its own members' votes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from sharedspace.governance import ledger, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import GuestPermission, InvitationState, SpaceKind
from sharedspace.governance.models import (
    ChainHead,
    Comment,
    FundEntry,
    FundShare,
    Invitation,
    Meeting,
    Membership,
    OutsideDecision,
    Party,
    Person,
    Position,
    Proposal,
    ProposalVersion,
    Publication,
    PublicComment,
    Space,
    Tenure,
    Vote,
)
from sharedspace.governance.selectors import LABELS


def when(moment: dt.datetime | dt.date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def money(amount: Decimal | None, currency: str) -> dict[str, str] | None:
    if amount is None:
        return None
    return {"amount": str(amount.quantize(Decimal("0.01"))), "currency": currency or "GBP"}


@dataclass
class Names:
    """Every party and person an export mentions, so names.json can say who they are."""

    parties: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)

    def party(self, party_id: str | None) -> str | None:
        if party_id:
            self.parties.add(party_id)
        return party_id

    def person(self, person_id: str | None) -> str | None:
        if person_id:
            self.people.add(person_id)
        return person_id

    def as_data(self) -> dict[str, dict[str, str]]:
        parties = dict(Party.objects.filter(pk__in=self.parties).values_list("pk", "name"))
        people = dict(Person.objects.filter(pk__in=self.people).values_list("pk", "name"))
        return {"parties": dict(sorted(parties.items())), "people": dict(sorted(people.items()))}


@dataclass(frozen=True)
class Sight:
    """What the party may see of one space."""

    space: Space
    relation: str

    @property
    def can_read_ledger(self) -> bool:
        if self.relation in (pol.HOLDER, pol.FORMER_HOLDER):
            return True
        return self.relation in (pol.GUEST, pol.FORMER_GUEST) and pol.guest_may(
            self.space, GuestPermission.VIEW
        )

    @property
    def can_read_comments(self) -> bool:
        if self.relation in (pol.HOLDER, pol.FORMER_HOLDER):
            return True
        return self.relation in (pol.GUEST, pol.FORMER_GUEST) and (
            pol.guest_may(self.space, GuestPermission.VIEW)
            or pol.guest_may(self.space, GuestPermission.COMMENT)
        )


def _tenure_rows(party: Party) -> dict[str, list[tuple[str, Any, str]]]:
    """The party's tenure rows ``(role, ended_at, end_reason)``, by space."""
    rows: dict[str, list[tuple[str, Any, str]]] = {}
    for space_id, role, ended_at, end_reason in Tenure.objects.filter(party=party).values_list(
        "space_id", "role", "ended_at", "end_reason"
    ):
        rows.setdefault(space_id, []).append((role, ended_at, end_reason))
    return rows


def _invited_to(party: Party) -> set[str]:
    return set(
        Invitation.objects.filter(party=party, state=InvitationState.OPEN).values_list(
            "space_id", flat=True
        )
    )


def space_ids(party: Party) -> set[str]:
    """The ids of the spaces a party is or was part of, or is invited to (two queries)."""
    return set(_tenure_rows(party)) | _invited_to(party)


def spaces_seen_by(party: Party) -> list[Sight]:
    """The spaces a party is or was part of, or is invited to, oldest first. How the party
    stands to each (``policies.relation``) is worked out from rows read once for all."""
    rows = _tenure_rows(party)
    invited = _invited_to(party)
    sights = []
    for space in Space.objects.filter(pk__in=set(rows) | invited).order_by("created_at", "id"):
        relation = pol.relation_from_rows(rows.get(space.pk, []))
        if relation is None and space.pk in invited:
            relation = pol.INVITED
        if relation is not None:
            sights.append(Sight(space, relation))
    return sights


def party_data(party: Party, names: Names) -> dict[str, Any]:
    members = Membership.objects.filter(party=party).order_by("joined_at", "id")
    head = ChainHead.objects.filter(chain=party.pk).first()
    return {
        "id": party.pk,
        "name": party.name,
        "kind": party.kind,
        "decision_rule": party.decision_rule,
        "quorum": party.quorum,
        "power_sources": list(party.power_sources or []),
        "created_at": when(party.created_at),
        "members": [
            {
                "person": names.person(m.person_id),
                "roles": m.roles,
                "joined_at": when(m.joined_at),
                "left_at": when(m.left_at),
            }
            for m in members
        ],
        "ledger_head": {"seq": head.seq, "hash": head.hash} if head else None,
    }


def space_data(sight: Sight, party: Party, names: Names) -> dict[str, Any]:
    space = sight.space
    tenures = list(space.tenures.order_by("started_at", "id"))
    current = {(t.party_id, t.role) for t in tenures if t.ended_at is None}
    holders = [names.party(p) for p, role in sorted(current) if role == "holder"]
    guests = [names.party(p) for p, role in sorted(current) if role == "guest"]
    head = ChainHead.objects.filter(chain=space.pk).first() if sight.can_read_ledger else None
    return {
        "id": space.pk,
        "title": space.title,
        "purpose": space.purpose,
        "kind": space.kind,
        "state": space.state,
        "holders": holders,
        "guests": guests,
        "claimed_approach": space.claimed_approach,
        "guest_permissions": list(space.guest_permissions or []),
        "charter": space.charter,
        "created_at": when(space.created_at),
        "activated_at": when(space.activated_at),
        "closed_at": when(space.closed_at),
        "close_reason": space.close_reason or None,
        "viewer": {
            "party": party.pk,
            "relation": sight.relation,
            "label": LABELS[(SpaceKind(space.kind), sight.relation)],
        },
        "tenures": [
            {
                "party": names.party(t.party_id),
                "role": t.role,
                "started_at": when(t.started_at),
                "ended_at": when(t.ended_at),
                "end_reason": t.end_reason or None,
            }
            for t in tenures
        ],
        "ledger_head": {"seq": head.seq, "hash": head.hash} if head else None,
    }


def proposals_data(sight: Sight, party: Party, names: Names) -> list[dict[str, Any]]:
    space = sight.space
    result = []
    votes = Vote.objects.order_by("created_at", "id")
    if not sight.can_read_ledger:
        votes = votes.filter(party=party)
    # Positions, votes and earlier words read once for all the space's proposals.
    proposals = (
        Proposal.objects.filter(space=space)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("positions",
                     queryset=Position.objects.order_by("version", "updated_at", "id")),
            Prefetch("votes", queryset=votes),
            Prefetch("earlier_versions", queryset=ProposalVersion.objects.order_by("version")),
        )
    )
    for p in proposals:
        positions = p.positions.all()
        result.append(
            {
                "id": p.pk,
                "kind": p.kind,
                "title": p.title,
                "body": p.body,
                "amount": money(p.amount, p.currency),
                "party": names.party(p.target_party_id),
                "charter": p.charter,
                "content": p.content_id or p.public_comment_id,
                "proposed_by": {
                    "person": names.person(p.proposed_by_person_id),
                    "party": names.party(p.proposed_by_party_id),
                },
                "state": p.state,
                "closes_at": when(p.closes_at),
                "version": p.version,
                # The words each earlier version had, before the proposer changed them (the
                # ledger holds only their digests; ADR 28).
                "earlier_versions": [
                    {
                        "version": v.version,
                        "title": v.title,
                        "body": v.body,
                        "amount": money(v.amount, p.currency),
                        "charter": v.charter,  # a charter proposal's charter then (ADR 37)
                        "replaced_at": when(v.replaced_at),
                    }
                    for v in p.earlier_versions.all()
                ],
                "created_at": when(p.created_at),
                "resolved_at": when(p.resolved_at),
                "spent_at": when(p.spent_at),
                "positions": [
                    {
                        "party": names.party(pos.party_id),
                        "position": pos.position,
                        "reason": pos.reason,
                        "binding": pos.binding,
                        "version": pos.version,
                        "current": pos.version == p.version,
                        "updated_at": when(pos.updated_at),
                    }
                    for pos in positions
                ],
                "votes": [
                    {
                        "person": names.person(v.person_id),
                        "party": names.party(v.party_id),
                        "version": v.version,
                        "position": v.position,
                        "reason": v.reason,
                        "created_at": when(v.created_at),
                    }
                    for v in p.votes.all()
                ],
            }
        )
    return result


def fund_data(sight: Sight, names: Names) -> dict[str, Any]:
    space = sight.space
    currency = space.currency or "GBP"
    shares = list(FundShare.objects.filter(space=space).order_by("id"))
    committed = sum((s.committed for s in shares), Decimal("0"))
    spent = sum((s.spent for s in shares), Decimal("0"))
    withdrawn = sum((s.withdrawn for s in shares), Decimal("0"))
    return {
        "balance": money(committed - spent - withdrawn, currency),
        "committed_by": [
            {"party": names.party(s.party_id), "amount": money(s.committed, currency),
             "unspent": money(s.unspent, currency)}
            for s in shares
        ],
        "spent": money(spent, currency),
        "withdrawn": money(withdrawn, currency),
        "entries": [
            {
                "kind": e.kind,
                "party": names.party(e.party_id),
                "amount": money(e.amount, e.currency),
                "proposal": e.proposal_id,
                "unilateral": e.unilateral,
                "person": names.person(e.person_id),
                "created_at": when(e.created_at),
            }
            for e in FundEntry.objects.filter(space=space).order_by("created_at", "id")
        ],
    }


def outside_decisions_data(sight: Sight, names: Names) -> list[dict[str, Any]]:
    return [
        {
            "id": d.pk,
            "made_by": names.party(d.made_by_id),
            "summary": d.summary,
            "made_on": when(d.made_on),
            "recorded_by": {
                "person": names.person(d.recorded_by_person_id),
                "party": names.party(d.recorded_by_party_id),
            },
            "state": d.state,
            "reason": d.reason,
            "created_at": when(d.created_at),
            "answered_at": when(d.answered_at),
            "answered_by": names.person(d.answered_by_id),
        }
        for d in OutsideDecision.objects.filter(space=sight.space).order_by("created_at", "id")
    ]


def meetings_data(sight: Sight, names: Names) -> list[dict[str, Any]]:
    """Every meeting, with its agenda, notes and action points (ADR 12): anyone who sees the
    space sees its meetings."""
    meetings = list(
        Meeting.objects.filter(space=sight.space)
        .prefetch_related("agenda", "notes", "actions")
        .order_by("starts_at", "id")
    )
    return [
        {
            "id": m.pk,
            "title": m.title,
            "starts_at": when(m.starts_at),
            "place": m.place,
            "state": m.state,
            "called_by": {
                "person": names.person(m.created_by_person_id),
                "party": names.party(m.created_by_party_id),
            },
            "created_at": when(m.created_at),
            "held_at": when(m.held_at),
            "cancelled_at": when(m.cancelled_at),
            "agenda": [
                {
                    "id": i.pk,
                    "order": i.order,
                    "title": i.title,
                    "added_by": {
                        "person": names.person(i.added_by_person_id),
                        "party": names.party(i.added_by_party_id),
                    },
                    "created_at": when(i.created_at),
                }
                for i in sorted(m.agenda.all(), key=lambda i: (i.order, i.pk))
            ],
            "notes": [
                {
                    "id": n.pk,
                    "body": n.body,
                    "written_by": {
                        "person": names.person(n.written_by_person_id),
                        "party": names.party(n.written_by_party_id),
                    },
                    "created_at": when(n.created_at),
                }
                for n in sorted(m.notes.all(), key=lambda n: (n.created_at, n.pk))
            ],
            "action_points": [
                {
                    "id": a.pk,
                    "what": a.what,
                    "party": names.party(a.party_id),
                    "person": names.person(a.person_id),
                    "due_on": when(a.due_on),
                    "added_by": {
                        "person": names.person(a.added_by_person_id),
                        "party": names.party(a.added_by_party_id),
                    },
                    "created_at": when(a.created_at),
                    "done_at": when(a.done_at),
                    "done_by": names.person(a.done_by_id),
                }
                for a in sorted(m.actions.all(), key=lambda a: (a.created_at, a.pk))
            ],
        }
        for m in meetings
    ]


def comments_data(sight: Sight, names: Names) -> list[dict[str, Any]]:
    if not sight.can_read_comments:
        return []
    return [
        {
            "id": c.pk,
            "proposal": c.proposal_id,
            "author": {"person": names.person(c.author_id), "party": names.party(c.party_id)},
            "body": c.body,
            "created_at": when(c.created_at),
            "removed": c.removed_at is not None,
            "removed_at": when(c.removed_at),
        }
        for c in Comment.objects.filter(space=sight.space).order_by("created_at", "id")
    ]


def publications_data(sight: Sight, names: Names) -> list[dict[str, Any]]:
    """The space's published work and its critical friends' comments (ADR 36). The work is
    public; a removed comment's words go only to those who may read the space's comments."""
    rows = []
    publications = Publication.objects.filter(space=sight.space).order_by("published_at", "id")
    comments: dict[str, list[PublicComment]] = {}
    for c in PublicComment.objects.filter(publication__space=sight.space).order_by(
        "created_at", "id"
    ):
        comments.setdefault(c.publication_id, []).append(c)
    # Who removed a removed comment: the groups (by this proposal), or else its author.
    hid = selectors.hidden_by_groups(c for listed in comments.values() for c in listed)
    for p in publications:
        rows.append({
            "id": p.pk,
            "proposal": p.proposal_id,
            "title": p.title,
            "body": p.body,
            "published_at": when(p.published_at),
            "comments": [
                {
                    "id": c.pk,
                    # A removed comment's words, and who wrote it, only for those who may
                    # read the space's discussion (as the public page shows neither).
                    "author": {"person": names.person(c.author_id)}
                    if c.removed_at is None or sight.can_read_comments else None,
                    "body": c.body if c.removed_at is None or sight.can_read_comments else None,
                    "created_at": when(c.created_at),
                    "removed": c.removed_at is not None,
                    "removed_at": when(c.removed_at),
                    "removed_by": None if c.removed_at is None
                    else "proposal" if c.pk in hid else "author",
                    "removal_proposal": hid.get(c.pk),
                }
                for c in comments.get(p.pk, [])
            ],
        })
    return rows


def ledger_lines(chain: str, names: Names, *, up_to: int | None = None) -> Iterator[str]:
    """One JSON line per entry: the stored ``content`` (exactly as hashed) and the hashes,
    with ``seq``, ``at``, ``action``, ``actor`` and ``data`` copied out for reading. With
    ``up_to``, the entries to that seq only: the head the export's JSON file names, so the
    file ends where that head says even if an entry was written meanwhile."""
    for entry in ledger.iter_entries(chain):
        if up_to is not None and entry["seq"] > up_to:
            break
        line: dict[str, Any] = {"seq": entry["seq"]}
        if entry["action"] != ledger.UNREADABLE:
            line.update(at=entry["at"], action=entry["action"], actor=entry["actor"],
                        data=entry["data"])
            names.person(entry["actor"].get("person"))
            names.party(entry["actor"].get("party"))
        # a damaged entry is exported as stored; verify_ledger.py will name it
        line.update(content=entry["content"], prev_hash=entry["prev_hash"], hash=entry["hash"])
        yield json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
