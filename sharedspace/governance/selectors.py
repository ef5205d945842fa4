"""Viewer-scoped reads. Not found and not allowed look the same from outside.

Selectors never write. Deadlines are resolved by the edges before reading
(``actions.proposals_resolve_due``) so what people see is never stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from . import exceptions as ex
from . import ledger, tally
from . import policies as pol
from .choices import (
    FundEntryKind,
    InvitationState,
    MeetingState,
    OutsideDecisionState,
    ProposalKind,
    ProposalState,
    SpaceKind,
    SpaceState,
    TenureRole,
)
from .models import (
    AgendaItem,
    FundEntry,
    FundShare,
    Invitation,
    Meeting,
    MeetingAction,
    MeetingNote,
    Membership,
    OutsideDecision,
    Party,
    Person,
    Position,
    Proposal,
    PublicComment,
    Space,
    Tenure,
)

LABELS = {
    (SpaceKind.OWN, pol.HOLDER): "my_space",
    (SpaceKind.OWN, pol.FORMER_HOLDER): "my_space",
    (SpaceKind.OWN, pol.GUEST): "your_space",
    (SpaceKind.OWN, pol.FORMER_GUEST): "your_space",
    (SpaceKind.OWN, pol.INVITED): "your_space",
    (SpaceKind.SHARED, pol.HOLDER): "shared_space",
    (SpaceKind.SHARED, pol.FORMER_HOLDER): "shared_space",
    (SpaceKind.SHARED, pol.GUEST): "your_space",
    (SpaceKind.SHARED, pol.FORMER_GUEST): "your_space",
    (SpaceKind.SHARED, pol.INVITED): "shared_space",
}


@dataclass
class SpaceView:
    space: Space
    viewer_party: str | None
    relation: str | None
    holders: list[str] = field(default_factory=list)
    former_holders: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    former_guests: list[str] = field(default_factory=list)

    @property
    def label(self) -> str | None:
        if self.relation is None:
            return None
        return LABELS[(SpaceKind(self.space.kind), self.relation)]

    @property
    def can_read_ledger(self) -> bool:
        if self.relation in (pol.HOLDER, pol.FORMER_HOLDER):
            return True
        return self.relation in (pol.GUEST, pol.FORMER_GUEST) and pol.guest_may(self.space, "view")


def _tenure_lists(space: Space, tenures: list[Tenure]) -> dict[str, list[str]]:
    current_holders: list[str] = []
    current_guests: list[str] = []
    former_holders: list[str] = []
    former_guests: list[str] = []
    for t in tenures:
        if t.ended_at is None:
            (current_holders if t.role == TenureRole.HOLDER else current_guests).append(t.party_id)
    for t in tenures:
        if t.ended_at is not None and t.end_reason != "promoted":
            if t.role == TenureRole.HOLDER and t.party_id not in current_holders:
                former_holders.append(t.party_id)
            elif t.role == TenureRole.GUEST and t.party_id not in current_holders + current_guests:
                former_guests.append(t.party_id)
    return {
        "holders": current_holders,
        "guests": current_guests,
        "former_holders": list(dict.fromkeys(former_holders)),
        "former_guests": list(dict.fromkeys(former_guests)),
    }


def _view(viewer: Person | None, space: Space) -> SpaceView:
    party, rel = pol.viewer_relation(viewer, space)
    lists = _tenure_lists(space, list(space.tenures.all()))
    return SpaceView(space, party, rel, **lists)


def space_get(*, viewer: Person | None, space_id: str) -> SpaceView:
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    view = _view(viewer, space)
    if view.relation is None:
        raise ex.NotFound
    return view


def spaces_for(*, viewer: Person | None) -> list[SpaceView]:
    """The spaces a person may see, newest first."""
    parties = pol.party_ids_of(viewer)
    spaces = (
        Space.objects.filter(pol.visible_space_ids(viewer))
        .distinct()
        .order_by("-created_at")
        .prefetch_related(
            "tenures",
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(state=InvitationState.OPEN),
                to_attr="open_invitations",
            ),
        )
    )
    # Relations from the rows read above: a fixed number of queries however many spaces.
    views = []
    for space in spaces:
        tenures = list(space.tenures.all())
        invited = {i.party_id for i in space.open_invitations}
        best: tuple[str | None, str | None] = (None, None)
        for party_id in parties:
            rel = pol.relation_from_rows(
                (t.role, t.ended_at, t.end_reason) for t in tenures if t.party_id == party_id
            )
            if rel is None and party_id in invited:
                rel = pol.INVITED
            if pol.closer(rel, best[1]):
                best = (party_id, rel)
        views.append(SpaceView(space, best[0], best[1], **_tenure_lists(space, tenures)))
    return views


@dataclass
class ProposalView:
    proposal: Proposal
    positions: list[Position]


def proposal_get(*, viewer: Person | None, proposal_id: str) -> ProposalView:
    proposal = Proposal.objects.select_related("space").filter(pk=proposal_id).first()
    if proposal is None or not pol.can_see_space(viewer, proposal.space):
        raise ex.NotFound
    positions = list(
        Position.objects.filter(proposal=proposal, version=proposal.version).order_by(
            "-binding", "updated_at"
        )
    )
    return ProposalView(proposal, positions)


def proposals_for(*, viewer: Person | None, space_id: str) -> QuerySet[Proposal]:
    view = space_get(viewer=viewer, space_id=space_id)
    return Proposal.objects.filter(space=view.space).order_by("-created_at")


@dataclass
class FundView:
    currency: str
    balance: Decimal
    committed_by: dict[str, Decimal]
    unspent_by: dict[str, Decimal]
    spent: Decimal
    withdrawn: Decimal
    entries: list[FundEntry]
    # Each group's share of the spending and what it took back alone, beside what it gave.
    spent_by: dict[str, Decimal] = field(default_factory=dict)
    withdrawn_by: dict[str, Decimal] = field(default_factory=dict)
    # Of what each group took back, what went back to it as the space closed (ADR 39): part
    # of ``withdrawn`` and ``withdrawn_by``, but no group's act.
    returned_by: dict[str, Decimal] = field(default_factory=dict)


def fund_get(*, viewer: Person | None, space_id: str) -> FundView:
    """Everyone in the space sees the whole fund (rule 6: equal sight)."""
    view = space_get(viewer=viewer, space_id=space_id)
    shares = list(FundShare.objects.filter(space=view.space).order_by("id"))
    committed = sum((s.committed for s in shares), Decimal("0"))
    spent = sum((s.spent for s in shares), Decimal("0"))
    withdrawn = sum((s.withdrawn for s in shares), Decimal("0"))
    entries = list(FundEntry.objects.filter(space=view.space).order_by("created_at", "id"))
    returned_by: dict[str, Decimal] = {}
    for e in entries:
        if e.kind == FundEntryKind.RETURN and e.party_id:
            returned_by[e.party_id] = returned_by.get(e.party_id, Decimal("0")) + e.amount
    return FundView(
        currency=view.space.currency or "GBP",
        balance=committed - spent - withdrawn,
        committed_by={s.party_id: s.committed for s in shares},
        unspent_by={s.party_id: s.unspent for s in shares},
        spent=spent,
        withdrawn=withdrawn,
        entries=entries,
        spent_by={s.party_id: s.spent for s in shares},
        withdrawn_by={s.party_id: s.withdrawn for s in shares},
        returned_by=returned_by,
    )


def ledger_page(
    *, viewer: Person | None, space_id: str, after: int = 0, limit: int = 500
) -> tuple[list[dict[str, Any]], int | None]:
    """A page of the space's chain, and the ``after`` for the next page (or None)."""
    view = space_get(viewer=viewer, space_id=space_id)
    if not view.can_read_ledger:
        raise ex.NotFound
    rows = ledger.entries(view.space.pk, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1]["seq"] if more and rows else None)


def ledger_verify(*, viewer: Person | None, space_id: str) -> ledger.Verdict:
    view = space_get(viewer=viewer, space_id=space_id)
    if not view.can_read_ledger:
        raise ex.NotFound
    return ledger.verify_chain(view.space.pk)


def invitations_open(*, viewer: Person | None) -> list[Invitation]:
    """Unanswered invitations addressed to the viewer's parties."""
    parties = pol.party_ids_of(viewer)
    return list(
        Invitation.objects.filter(party_id__in=parties, state=InvitationState.OPEN)
        .select_related("space", "party", "invited_by_party", "invited_by_person")
        .order_by("created_at")
    )


@dataclass
class PartyView:
    party: Party
    members: list[Membership]
    viewer_is_member: bool


def party_get(*, viewer: Person | None, party_id: str) -> PartyView:
    """Anyone signed in sees a party's name and rule; members only its own people."""
    if viewer is None or not viewer.is_authenticated:
        raise ex.NotFound
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise ex.NotFound
    own = pol.is_member(viewer, party)
    members = (
        list(
            Membership.objects.filter(party=party, left_at__isnull=True)
            .select_related("person")
            .order_by("joined_at", "id")
        )
        if own
        else []
    )
    return PartyView(party, members, own)


def hidden_by_groups(comments: Iterable[PublicComment]) -> dict[str, str]:
    """``{comment id: proposal id}`` for the critical friends' comments here that the groups
    hid: a passed ``remove_content`` proposal that passed before the comment was hidden (one
    that passed after found it taken back by its author already, and changed nothing).
    Any other removed comment was taken back by its author (ADR 36). One query."""
    removed = {c.pk: c.removed_at for c in comments if c.removed_at is not None}
    if not removed:
        return {}
    hid: dict[str, str] = {}
    for comment, proposal, resolved in (
        Proposal.objects.filter(public_comment_id__in=list(removed),
                                kind=ProposalKind.REMOVE_CONTENT, state=ProposalState.PASSED)
        .order_by("resolved_at", "id")
        .values_list("public_comment_id", "id", "resolved_at")
    ):
        if resolved is not None and resolved <= removed[comment]:
            hid.setdefault(comment, proposal)
    return hid


def memberships_of(person: Person) -> list[Membership]:
    return list(
        Membership.objects.filter(person=person, left_at__isnull=True)
        .select_related("party", "added_by")
        .order_by("joined_at", "id")
    )


@dataclass
class ErasurePreview:
    """What erasing the viewer's personal data would do to their groups (docs/adr/0021)."""

    groups: list[Party]
    # Groups they are the only coordinator of, with other members: erasure is refused.
    need_coordinator: list[Party]
    # Groups they are the only member of: these stay, with no members.
    left_empty: list[Party]

    @property
    def allowed(self) -> bool:
        return not self.need_coordinator


def erasure_preview(*, viewer: Person) -> ErasurePreview:
    """The viewer's current groups, and which of them block erasure or would be left empty
    (one query, however many groups)."""
    others = Q(party__memberships__left_at__isnull=True) & ~Q(party__memberships__person=viewer)
    rows = list(
        Membership.objects.filter(person=viewer, left_at__isnull=True)
        .select_related("party")
        .annotate(
            others=Count("party__memberships", filter=others, distinct=True),
            other_coordinators=Count(
                "party__memberships",
                filter=others & Q(party__memberships__is_coordinator=True),
                distinct=True,
            ),
        )
        .order_by("party__name", "party_id")
    )
    return ErasurePreview(
        groups=[m.party for m in rows],
        need_coordinator=[
            m.party for m in rows if m.is_coordinator and m.others and not m.other_coordinators
        ],
        left_empty=[m.party for m in rows if not m.others],
    )


def outside_decisions_for(*, viewer: Person | None, space_id: str) -> list[OutsideDecision]:
    view = space_get(viewer=viewer, space_id=space_id)
    return list(OutsideDecision.objects.filter(space=view.space).order_by("created_at", "id"))


def outside_decision_get(*, viewer: Person | None, decision_id: str) -> OutsideDecision:
    decision = OutsideDecision.objects.select_related("space").filter(pk=decision_id).first()
    if decision is None:
        raise ex.NotFound
    if not (
        pol.can_see_space(viewer, decision.space) or pol.is_member(viewer, decision.made_by_id)
    ):
        raise ex.NotFound
    return decision


def outside_decisions_naming(
    *, viewer: Person | None, answered_since: dt.datetime | None = None
) -> list[OutsideDecision]:
    """Outside decisions said to be made by one of the viewer's groups that still wait for
    that group's answer, oldest first, with their space and the groups named; with
    ``answered_since``, also those answered since then (newest answer first, after the
    waiting ones), so a group can find again what it just answered. The rule of
    ``outside_decision_get``: a group's members may read the decisions that name it, even in
    a space the group has no part in. Closed spaces are left out of the waiting ones: nothing
    in them can be answered any more. Two queries, however many decisions."""
    parties = pol.party_ids_of(viewer)
    if not parties:
        return []
    waiting = Q(state=OutsideDecisionState.UNANSWERED) & ~Q(space__state=SpaceState.CLOSED)
    wanted = waiting
    if answered_since is not None:
        wanted |= ~Q(state=OutsideDecisionState.UNANSWERED) & Q(answered_at__gte=answered_since)
    found = list(
        OutsideDecision.objects.filter(wanted, made_by_id__in=parties)
        .select_related("space", "made_by", "recorded_by_party", "answered_by")
        .order_by("created_at", "id")
    )
    unanswered = [d for d in found if d.state == OutsideDecisionState.UNANSWERED]
    answered = sorted(
        (d for d in found if d.state != OutsideDecisionState.UNANSWERED),
        key=lambda d: (d.answered_at, d.pk), reverse=True,
    )
    return unanswered + answered


def invitation_get(*, viewer: Person | None, invitation_id: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("space", "party").filter(pk=invitation_id).first()
    )
    if invitation is None or not pol.is_member(viewer, invitation.party_id):
        raise ex.NotFound
    return invitation


@dataclass
class MeetingView:
    meeting: Meeting
    agenda: list[AgendaItem]
    notes: list[MeetingNote]
    actions: list[MeetingAction]
    # At an action learning set (ADR 35): actions of earlier sets in the space not yet
    # reviewed, oldest first, and those reviewed at this set.
    to_review: list[MeetingAction] = field(default_factory=list)
    reviewed: list[MeetingAction] = field(default_factory=list)


def meetings_for(*, viewer: Person | None, space_id: str) -> list[Meeting]:
    """Every meeting of a space, soonest first, for anyone who can see the space."""
    view = space_get(viewer=viewer, space_id=space_id)
    return list(
        Meeting.objects.filter(space=view.space)
        .annotate(agenda_count=Count("agenda"))
        .order_by("starts_at", "id")
    )


def meeting_get(*, viewer: Person | None, meeting_id: str) -> MeetingView:
    """A meeting with its agenda, notes and action points: anyone who can see its space."""
    meeting = Meeting.objects.select_related("space").filter(pk=meeting_id).first()
    if meeting is None or not pol.can_see_space(viewer, meeting.space):
        raise ex.NotFound
    to_review: list[MeetingAction] = []
    reviewed: list[MeetingAction] = []
    if meeting.is_learning_set:
        to_review = list(
            MeetingAction.objects.select_related("meeting")
            .filter(meeting__space_id=meeting.space_id, meeting__kind=meeting.kind,
                    meeting__starts_at__lt=meeting.starts_at, person__isnull=False,
                    reviewed_at__isnull=True)
            .exclude(meeting__state=MeetingState.CANCELLED)
            .order_by("meeting__starts_at", "created_at", "id")
        )
        reviewed = list(
            meeting.reviews.select_related("meeting").order_by("reviewed_at", "id")
        )
    return MeetingView(
        meeting,
        agenda=list(meeting.agenda.order_by("order", "id")),
        notes=list(meeting.notes.order_by("created_at", "id")),
        actions=list(meeting.actions.order_by("created_at", "id")),
        to_review=to_review,
        reviewed=reviewed,
    )


def vote_tally(*, viewer: Person | None, proposal: Proposal, party_id: str) -> tally.PartyTally:
    """How far one of the viewer's own groups has got in deciding its answer to a proposal:
    its rule, how many answers it needs and has. A group's votes are its own people's
    business (rule 9), so anyone else gets NotFound."""
    if party_id not in pol.party_ids_of(viewer) or not pol.can_see_space(viewer, proposal.space):
        raise ex.NotFound
    return tally.party_tally(proposal, party_id)


__all__ = [
    "FundView",
    "MeetingView",
    "PartyView",
    "ProposalView",
    "SpaceView",
]
