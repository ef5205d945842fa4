"""Who may do what: small predicates combined into named rules (DESIGN §4).

Each ``require_*`` rule returns what the action needs (usually the party the person acts
for) or raises a refusal with a stable code. Actions call them before writing; the web and
API call ``allowed`` to show or hide a control. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Q

from . import exceptions as ex
from .choices import GuestPermission, SpaceKind, SpaceState, TenureRole
from .models import (
    Meeting,
    MeetingAction,
    Membership,
    OutsideDecision,
    Party,
    Person,
    Proposal,
    Space,
    Tenure,
)

HOLDER = "holder"
GUEST = "guest"
FORMER_HOLDER = "former_holder"
FORMER_GUEST = "former_guest"
INVITED = "invited"
_RANK = {HOLDER: 0, GUEST: 1, FORMER_HOLDER: 2, FORMER_GUEST: 3, INVITED: 4}

# Who belongs to which party, and which parties hold or visit a space, read once per block
# where nothing changes (see ``remembering``); None outside such a block.
_memo: ContextVar[dict[tuple[str, str], list[str]] | None] = ContextVar(
    "policies_memo", default=None
)


@contextmanager
def remembering() -> Iterator[None]:
    """While a page is drawn nothing is written, so the membership and tenure rows that many
    rules ask for are read once. Never around an action: actions must read fresh rows."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _remembered(key: tuple[str, str], read: Callable[[], list[str]]) -> list[str]:
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return list(memo[key])


# --- predicates ---------------------------------------------------------------------------


def membership(person: Person | None, party: Party | str) -> Membership | None:
    if person is None or not person.is_authenticated:
        return None
    party_id = party if isinstance(party, str) else party.pk
    return Membership.objects.filter(person=person, party_id=party_id, left_at__isnull=True).first()


def is_member(person: Person | None, party: Party | str) -> bool:
    return membership(person, party) is not None


def is_coordinator(person: Person | None, party: Party | str) -> bool:
    m = membership(person, party)
    return m is not None and m.is_coordinator


def party_ids_of(person: Person | None) -> list[str]:
    """The parties a person currently belongs to."""
    if person is None or not person.is_authenticated:
        return []
    return _remembered(
        ("member", person.pk),
        lambda: list(
            Membership.objects.filter(person=person, left_at__isnull=True).values_list(
                "party_id", flat=True
            )
        ),
    )


def current_tenure(space: Space, party: Party | str) -> Tenure | None:
    party_id = party if isinstance(party, str) else party.pk
    return Tenure.objects.filter(space=space, party_id=party_id, ended_at__isnull=True).first()


def holder_ids(space: Space) -> list[str]:
    """The parties holding the space now, in the order they joined."""
    return _remembered(
        ("holders", space.pk),
        lambda: list(
            Tenure.objects.filter(
                space=space, role=TenureRole.HOLDER, ended_at__isnull=True
            ).values_list("party_id", flat=True)
        ),
    )


def guest_ids(space: Space) -> list[str]:
    return _remembered(
        ("guests", space.pk),
        lambda: list(
            Tenure.objects.filter(
                space=space, role=TenureRole.GUEST, ended_at__isnull=True
            ).values_list("party_id", flat=True)
        ),
    )


def relation_from_rows(rows: Iterable[tuple[str, Any, str]]) -> str | None:
    """The closest relation among a party's tenure rows ``(role, ended_at, end_reason)``."""
    best: str | None = None
    for role, ended_at, end_reason in rows:
        if ended_at is None:
            found = HOLDER if role == TenureRole.HOLDER else GUEST
        elif end_reason == "promoted":
            continue
        else:
            found = FORMER_HOLDER if role == TenureRole.HOLDER else FORMER_GUEST
        if best is None or _RANK[found] < _RANK[best]:
            best = found
    return best


def closer(a: str | None, b: str | None) -> bool:
    """Whether relation ``a`` is closer to the space than ``b``."""
    return a is not None and (b is None or _RANK[a] < _RANK[b])


def relation(space: Space, party: Party | str) -> str | None:
    """How a party stands to a space: holder, guest, former_holder, former_guest, invited."""
    party_id = party if isinstance(party, str) else party.pk
    best = relation_from_rows(
        Tenure.objects.filter(space=space, party_id=party_id).values_list(
            "role", "ended_at", "end_reason"
        )
    )
    if best is None and space.invitations.filter(party_id=party_id, state="open").exists():
        best = INVITED
    return best


def viewer_relation(person: Person | None, space: Space) -> tuple[str | None, str | None]:
    """The person's closest party to the space and how it stands: (party id, relation)."""
    best: tuple[str | None, str | None] = (None, None)
    for party_id in party_ids_of(person):
        rel = relation(space, party_id)
        if rel is not None and (best[1] is None or _RANK[rel] < _RANK[best[1]]):
            best = (party_id, rel)
    return best


def visible_space_ids(person: Person | None) -> Q:
    """A filter for the spaces a person may read (current or former tenure, or invited)."""
    parties = party_ids_of(person)
    return Q(tenures__party_id__in=parties) | Q(
        invitations__party_id__in=parties, invitations__state="open"
    )


def can_see_space(person: Person | None, space: Space) -> bool:
    return viewer_relation(person, space)[1] is not None


def can_read_ledger(person: Person | None, space: Space) -> bool:
    """Holders and former holders read the whole ledger; guests where the host gave view."""
    rel = viewer_relation(person, space)[1]
    if rel in (HOLDER, FORMER_HOLDER):
        return True
    return rel in (GUEST, FORMER_GUEST) and GuestPermission.VIEW in space.guest_permissions


def guest_may(space: Space, permission: str) -> bool:
    return permission in (space.guest_permissions or [])


# --- rules ----------------------------------------------------------------------------------


def require_visible(person: Person | None, space: Space) -> str:
    """Anyone who cannot see a space is told it does not exist (CONTRACT: 404)."""
    party_id, rel = viewer_relation(person, space)
    if rel is None or party_id is None:
        raise ex.NotFound
    return party_id


def require_active(space: Space) -> None:
    """A closed space is read-only forever (rule 8); a forming one waits for acceptance."""
    if space.state == SpaceState.CLOSED:
        raise ex.SpaceClosed
    if space.state == SpaceState.FORMING:
        raise ex.SpaceNotActive


def require_coordinator(person: Person, party: Party | str) -> Membership:
    """Only a party's own coordinators act for it on membership, money and tenure (rule 9)."""
    m = membership(person, party)
    if m is None:
        raise ex.NotMember
    if not m.is_coordinator:
        raise ex.NotCoordinator
    return m


def require_host_coordinator(person: Person, space: Space) -> str:
    """Own space: only the host, through its coordinators, runs the space (rule 3)."""
    if space.kind == SpaceKind.SHARED:
        raise ex.NeedsPassedProposal
    holders = holder_ids(space)
    if not holders:
        raise ex.NotHost
    host = holders[0]
    if not is_coordinator(person, host):
        raise ex.NotHost
    return host


def require_holder_member(person: Person, space: Space, as_party: str | None = None) -> str:
    """A person of a holder party: who may propose, record and close in a shared space."""
    holders = holder_ids(space)
    mine = [p for p in party_ids_of(person) if p in holders]
    if as_party is not None:
        if as_party not in mine:
            raise ex.NotHolder
        return as_party
    if not mine:
        raise ex.NotHolder
    return mine[0]


def require_may_close_early(person: Person, space: Space) -> str:
    """Closing a proposal before its deadline ends every group's time to answer, so only
    someone who takes part in a holder's answer may: any member of a group that decides by
    its members; for a group that answers through speakers, a speaker or a coordinator, not
    any of its officers (ADR 28)."""
    holders = holder_ids(space)
    mine = [p for p in party_ids_of(person) if p in holders]
    if not mine:
        raise ex.NotHolder
    for party in mine:
        m = membership(person, party)
        if m is not None and (m.is_coordinator or m.is_speaker
                              or m.party.decision_rule != "speaker"):
            return party
    raise ex.MayNotCloseEarly


def require_may_propose(person: Person, space: Space, as_party: str | None = None) -> str:
    """Shared: any holder's person. Own: the host's people and guests granted ``propose``."""
    holders = holder_ids(space)
    guests = guest_ids(space)
    mine = party_ids_of(person)
    candidates = [p for p in mine if p in holders]
    if not space.is_shared and guest_may(space, GuestPermission.PROPOSE):
        candidates += [p for p in mine if p in guests]
    if as_party is not None:
        if as_party in candidates:
            return as_party
        if as_party in guests and as_party in mine:
            raise ex.GuestPermissionMissing
        raise ex.NotHolder
    if candidates:
        return candidates[0]
    if any(p in guests for p in mine):
        raise ex.GuestPermissionMissing
    raise ex.NotHolder


def require_may_change_proposal(person: Person, proposal: Proposal) -> str:
    """Only the person who made a proposal changes it or takes it back, for the group it
    was made for, and only while that group still has the power it proposed with: a holder
    of the space, or a guest of an own space whose host still lets guests propose. A group
    that left, or that the host stopped involving, holds no power there: the groups in the
    space decide what it proposed (ADR 27). Returns the proposing party."""
    if proposal.proposed_by_person_id != person.pk:
        raise ex.NotProposer
    space, party = proposal.space, proposal.proposed_by_party_id
    if not is_member(person, party):
        raise ex.NotMember("You are no longer in the group that made this proposal, so you "
                           "can no longer change it or take it back.")
    rel = relation(space, party)
    if rel == HOLDER:
        return party
    if rel == GUEST:
        if space.is_shared:  # only holders propose in a shared space
            raise ex.NotHolder
        if not guest_may(space, GuestPermission.PROPOSE):
            raise ex.GuestPermissionMissing(
                "The host no longer lets guests make proposals here, so your group can no "
                "longer change this proposal or take it back.")
        return party
    last = (Tenure.objects.filter(space=space, party_id=party, ended_at__isnull=False)
            .exclude(end_reason="promoted").order_by("-ended_at").first())
    if last is not None and last.end_reason == "removed":
        raise ex.NotInSpace("The host stopped involving your group in this space, so it can "
                            "no longer change this proposal or take it back.")
    raise ex.NotInSpace("Your group has left this space, so it can no longer change this "
                        "proposal or take it back.")


def require_may_answer(person: Person, proposal: Proposal, party: str) -> bool:
    """Parties speak for themselves, by their own rule (rule 9). Returns ``binding``."""
    m = membership(person, party)
    if m is None:
        raise ex.NotMember
    space = proposal.space
    rel = relation(space, party)
    if rel == HOLDER:
        binding = True
    elif rel == GUEST:
        if not guest_may(space, GuestPermission.GIVE_VIEWS):
            raise ex.GuestPermissionMissing
        binding = False
    else:
        raise ex.NotInSpace
    if m.party.decision_rule == "speaker" and not m.is_speaker:
        raise ex.NotASpeaker
    return binding


def require_may_comment(person: Person, space: Space) -> str:
    holders = holder_ids(space)
    guests = guest_ids(space)
    mine = party_ids_of(person)
    for p in mine:
        if p in holders:
            return p
    for p in mine:
        if p in guests:
            if guest_may(space, GuestPermission.COMMENT):
                return p
            raise ex.GuestPermissionMissing
    raise ex.NotInSpace


def require_named_party(person: Person, decision: OutsideDecision) -> str:
    """Only the party named as the decision maker confirms or disputes (rule 11)."""
    m = membership(person, decision.made_by_id)
    if m is None or not (m.is_coordinator or m.is_speaker):
        raise ex.NotNamedParty
    return decision.made_by_id


# --- meetings (docs/adr/0012-meetings.md) -----------------------------------------------------


def require_may_run_meetings(person: Person, space: Space, as_party: str | None = None) -> str:
    """Holders run meetings: schedule, write notes, add action points (the host alone in an
    own space; any holder's people in a shared space, each equally)."""
    if not space.is_shared:
        holders = holder_ids(space)
        mine = [p for p in party_ids_of(person) if p in holders]
        if not mine or (as_party is not None and as_party not in mine):
            raise ex.NotHost
        return as_party or mine[0]
    return require_holder_member(person, space, as_party)


def require_may_add_agenda_item(person: Person, space: Space, as_party: str | None = None) -> str:
    """Anyone who may start a proposal may put an item on the agenda: any holder's people;
    in an own space also guests the host granted ``propose`` (DESIGN §4a: an initiative)."""
    return require_may_propose(person, space, as_party)


def require_may_cancel_meeting(person: Person, meeting: Meeting) -> str:
    """The group that called a meeting calls it off; if that group no longer holds the
    space, any holder may."""
    space = meeting.space
    holders = holder_ids(space)
    mine = [p for p in party_ids_of(person) if p in holders]
    if not mine:
        raise ex.NotHost if not space.is_shared else ex.NotHolder
    caller = meeting.created_by_party_id
    if caller in mine:
        return caller
    if caller in holders:
        raise ex.NotMeetingCaller
    return mine[0]


def require_may_mark_action_done(person: Person, action: MeetingAction) -> str:
    """The group an action point is for marks it done, or a group holding the space."""
    space = action.meeting.space
    mine = party_ids_of(person)
    if action.party_id in mine and action.party_id in holder_ids(space) + guest_ids(space):
        return action.party_id
    holders = holder_ids(space)
    for p in mine:
        if p in holders:
            return p
    raise ex.NotActionParty


def allowed(rule: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """True when ``rule`` would let it happen: for showing or hiding a control."""
    try:
        rule(*args, **kwargs)
    except ex.GovernanceError:
        return False
    return True
