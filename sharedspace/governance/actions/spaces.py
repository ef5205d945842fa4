"""Opening spaces, inviting and answering, removing guests, leaving and closing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..choices import (
    LADDER,
    GuestPermission,
    InvitationState,
    ProposalState,
    SpaceKind,
    SpaceState,
    TenureRole,
)
from ..models import Invitation, Party, Person, Proposal, Space, Tenure
from ._base import charter_clean, get_party, lock_space, now, public_name, record, text
from .money import return_unspent


def _guest_permissions(values: Any) -> list[str]:
    if values is None:
        return [GuestPermission.VIEW.value]
    if not isinstance(values, (list, tuple)):
        raise ex.InvalidInput(fields={"guest_permissions": "Give a list of permissions."})
    for v in values:
        if v not in GuestPermission.values:
            raise ex.InvalidInput(
                fields={
                    "guest_permissions": "Choose from: " + ", ".join(GuestPermission.values) + "."
                }
            )
    return [p for p in GuestPermission.values if p in values]


def _approach(value: Any) -> str:
    if value not in LADDER:
        raise ex.InvalidInput(
            fields={"claimed_approach": "Choose one of: " + ", ".join(LADDER) + "."}
        )
    return str(value)


@transaction.atomic
def space_create(
    *,
    actor: Person,
    title: str,
    purpose: str,
    holders: Iterable[str],
    claimed_approach: str,
    guest_permissions: Iterable[str] | None = None,
    charter: dict[str, Any] | None = None,
) -> Space:
    """Open a space. One holder: an own space. Several: a shared space that forms once every
    other holder's coordinator accepts (rule 4: no one is enrolled without agreeing)."""
    title = public_name(title, field="title", max_length=200)
    purpose = text(purpose, field="purpose")
    holder_list = list(holders or [])
    if not holder_list:
        raise ex.InvalidInput(fields={"holders": "Name at least one group that holds the space."})
    if len(set(holder_list)) != len(holder_list):
        raise ex.InvalidInput(fields={"holders": "Name each group once."})
    parties = [get_party(p, field="holders") for p in holder_list]
    approach = _approach(claimed_approach)
    permissions = _guest_permissions(guest_permissions)
    shared = len(parties) > 1
    if shared or charter is not None:
        cleaned_charter: dict[str, str] | None = charter_clean(charter)
    else:
        cleaned_charter = None
    creator = next((p for p in parties if pol.is_coordinator(actor, p)), None)
    if creator is None:
        raise ex.ShapeOfSpace
    stamp = now()
    space = Space.objects.create(
        title=title,
        purpose=purpose,
        kind=SpaceKind.SHARED if shared else SpaceKind.OWN,
        state=SpaceState.FORMING if shared else SpaceState.ACTIVE,
        claimed_approach=approach,
        guest_permissions=permissions,
        charter=cleaned_charter,
        created_by=creator,
        created_at=stamp,
        activated_at=None if shared else stamp,
    )
    Tenure.objects.create(space=space, party=creator, role=TenureRole.HOLDER, started_at=stamp)
    record(
        space,
        "space.create",
        person=actor,
        party=creator,
        data={
            "kind": space.kind,
            "state": space.state,
            "holders": holder_list,
            "claimed_approach": approach,
            "guest_permissions": permissions,
            "title_sha256": ledger.digest(title),
            "purpose_sha256": ledger.digest(purpose),
            "charter_sha256": ledger.digest(ledger.canonical(cleaned_charter))
            if cleaned_charter
            else None,
        },
    )
    for party in parties:
        if party != creator:
            _invite(space, party, TenureRole.HOLDER, person=actor, by_party=creator)
    return space


def _invite(
    space: Space,
    party: Party,
    as_role: str,
    *,
    person: Person | None,
    by_party: Party | str,
    proposal: Proposal | None = None,
) -> Invitation:
    by_party_id = by_party if isinstance(by_party, str) else by_party.pk
    invitation = Invitation.objects.create(
        space=space,
        party=party,
        as_role=as_role,
        invited_by_party_id=by_party_id,
        invited_by_person=person,
        via_proposal=proposal,
        created_at=now(),
    )
    record(
        space,
        "invitation.create",
        person=person,
        party=by_party_id,
        data={
            "invitation": invitation.pk,
            "party": party.pk,
            "as": as_role,
            "proposal": proposal.pk if proposal else None,
        },
    )
    return invitation


def _check_can_join(space: Space, party: Party, as_role: str) -> None:
    """A party already holding the space, or already invited to it, cannot be invited again."""
    rel = pol.relation(space, party)
    if rel == pol.HOLDER or rel == pol.INVITED or (rel == pol.GUEST and as_role == "guest"):
        raise ex.AlreadyThere
    if space.invitations.filter(party=party, state=InvitationState.OPEN).exists():
        raise ex.AlreadyThere


@transaction.atomic
def guest_invite(*, actor: Person, space_id: str, party_id: str) -> Invitation:
    """Own space: the host's coordinator invites a guest (rule 3). Shared: by proposal only."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    host = pol.require_host_coordinator(actor, space)
    party = get_party(party_id)
    _check_can_join(space, party, TenureRole.GUEST)
    return _invite(space, party, TenureRole.GUEST, person=actor, by_party=host)


def _lock_invitation(actor: Person, invitation_id: str) -> tuple[Invitation, Space]:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None or not pol.is_member(actor, invitation.party_id):
        raise ex.NotFound
    space = lock_space(invitation.space_id)
    invitation.refresh_from_db()
    if space.is_closed:  # before the state: closing withdraws every open invitation
        raise ex.SpaceClosed
    if invitation.state != InvitationState.OPEN:
        raise ex.AlreadyAnswered
    pol.require_coordinator(actor, invitation.party_id)
    return invitation, space


@transaction.atomic
def invitation_accept(*, actor: Person, invitation_id: str) -> Invitation:
    """The invited party's own coordinator accepts; only then is it enrolled (rule 4)."""
    invitation, space = _lock_invitation(actor, invitation_id)
    stamp = now()
    invitation.state = InvitationState.ACCEPTED
    invitation.answered_at, invitation.answered_by = stamp, actor
    invitation.save()
    current = pol.current_tenure(space, invitation.party_id)
    if current is not None:  # a guest becoming a holder
        current.ended_at, current.end_reason = stamp, "promoted"
        current.save()
    Tenure.objects.create(
        space=space, party_id=invitation.party_id, role=invitation.as_role, started_at=stamp
    )
    record(
        space,
        "invitation.accept",
        person=actor,
        party=invitation.party_id,
        data={"invitation": invitation.pk, "party": invitation.party_id, "as": invitation.as_role},
    )
    if invitation.as_role == TenureRole.HOLDER:
        _after_holders_change(space, actor=actor, party=invitation.party_id)
    return invitation


@transaction.atomic
def invitation_decline(*, actor: Person, invitation_id: str) -> Invitation:
    """The invited party's own coordinator says no. Nothing is imposed on it."""
    invitation, space = _lock_invitation(actor, invitation_id)
    invitation.state = InvitationState.DECLINED
    invitation.answered_at, invitation.answered_by = now(), actor
    invitation.save()
    record(
        space,
        "invitation.decline",
        person=actor,
        party=invitation.party_id,
        data={"invitation": invitation.pk, "party": invitation.party_id, "as": invitation.as_role},
    )
    if invitation.as_role == TenureRole.HOLDER:
        _after_holders_change(space, actor=actor, party=invitation.party_id)
    return invitation


def _open_holder_invitations(space: Space) -> int:
    return space.invitations.filter(state=InvitationState.OPEN, as_role=TenureRole.HOLDER).count()


def _after_holders_change(space: Space, *, actor: Person | None, party: str | None) -> None:
    """Keep kind and state true to the holders: form, become shared, or close (rule 7)."""
    holders = pol.holder_ids(space)
    waiting = _open_holder_invitations(space)
    if space.state == SpaceState.FORMING:
        if len(holders) + waiting < 2:
            close_space(space, why="did_not_form", actor=actor, party=party)
        elif waiting == 0:
            space.state, space.activated_at = SpaceState.ACTIVE, now()
            space.save()
            record(space, "space.activate", person=actor, party=party, data={"holders": holders})
        return
    if space.state != SpaceState.ACTIVE:
        return
    if space.kind == SpaceKind.OWN and len(holders) >= 2:
        space.kind = SpaceKind.SHARED
        space.save()
        record(space, "space.become_shared", person=actor, party=party, data={"holders": holders})
    elif space.kind == SpaceKind.SHARED and len(holders) < 2:
        close_space(space, why="fewer_than_two_holders", actor=actor, party=party)
    elif space.kind == SpaceKind.OWN and not holders:
        close_space(space, why="host_left", actor=actor, party=party)
    else:
        from .proposals import reconsider_open_proposals

        reconsider_open_proposals(space, actor=actor, party=party)


def close_space(space: Space, *, why: str, actor: Person | None, party: str | None) -> None:
    """Close for good: open proposals lapse, open invitations are withdrawn, and each group's
    unspent money goes back to it (rules 7 and 8; ADR 39)."""
    stamp = now()
    for proposal in Proposal.objects.filter(space=space, state=ProposalState.OPEN):
        proposal.state, proposal.resolved_at = ProposalState.LAPSED, stamp
        proposal.save()
        record(
            space,
            "proposal.resolve",
            person=actor,
            party=party,
            data={
                "proposal": proposal.pk,
                "version": proposal.version,
                "outcome": "lapsed",
                "why": "space_closed",
                "positions": {},
            },
        )
    space.invitations.filter(state=InvitationState.OPEN).update(
        state=InvitationState.WITHDRAWN, answered_at=stamp
    )
    return_unspent(space, why=why)
    space.state, space.closed_at, space.close_reason = SpaceState.CLOSED, stamp, why
    space.save()
    record(space, "space.close", person=actor, party=party, data={"why": why})


@transaction.atomic
def guest_remove(*, actor: Person, space_id: str, party_id: str) -> None:
    """Own space: the host can always stop involving a guest, and it is recorded (rule 3).
    Shared space: only by a passed remove_guest proposal (rule 5)."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    host = pol.require_host_coordinator(actor, space)
    tenure = pol.current_tenure(space, party_id)
    if tenure is None or tenure.role != TenureRole.GUEST:
        raise ex.NotFound("That group is not a guest in this space.")
    end_guest(space, tenure, actor=actor, party=host, proposal=None)


def end_guest(
    space: Space,
    tenure: Tenure,
    *,
    actor: Person | None,
    party: str | None,
    proposal: Proposal | None,
) -> None:
    tenure.ended_at, tenure.end_reason = now(), "removed"
    tenure.save()
    record(
        space,
        "guest.remove",
        person=actor,
        party=party,
        data={
            "party": tenure.party_id,
            "proposal": proposal.pk if proposal else None,
            "what_happened": "stopped_involving",
        },
    )


@transaction.atomic
def holder_remove(*, actor: Person, space_id: str, party_id: str) -> None:
    """No holder can be removed by others, ever (rule 5). A party can only leave."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    raise ex.HolderCannotBeRemoved


@transaction.atomic
def space_leave(*, actor: Person, space_id: str, party_id: str) -> Space:
    """Any holder or guest may leave at any time. Nothing is deleted; read access stays."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    if space.is_closed:
        raise ex.SpaceClosed
    pol.require_coordinator(actor, party_id)
    tenure = pol.current_tenure(space, party_id)
    if tenure is None:
        raise ex.NotInSpace
    tenure.ended_at, tenure.end_reason = now(), "left"
    tenure.save()
    record(
        space,
        "space.leave",
        person=actor,
        party=party_id,
        data={"party": party_id, "role": tenure.role},
    )
    if tenure.role == TenureRole.HOLDER:
        _after_holders_change(space, actor=actor, party=party_id)
    return space


@transaction.atomic
def space_settings_update(
    *,
    actor: Person,
    space_id: str,
    title: str | None = None,
    purpose: str | None = None,
    claimed_approach: str | None = None,
    guest_permissions: Iterable[str] | None = None,
) -> Space:
    """Own space: the host changes its settings. Shared: by passed proposal only."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    host = pol.require_host_coordinator(actor, space)
    data: dict[str, Any] = {}
    if title is not None:
        space.title = public_name(title, field="title", max_length=200)
        data["title_sha256"] = ledger.digest(space.title)
    if purpose is not None:
        space.purpose = text(purpose, field="purpose")
        data["purpose_sha256"] = ledger.digest(space.purpose)
    if claimed_approach is not None:
        space.claimed_approach = _approach(claimed_approach)
        data["claimed_approach"] = space.claimed_approach
    if guest_permissions is not None:
        space.guest_permissions = _guest_permissions(list(guest_permissions))
        data["guest_permissions"] = space.guest_permissions
    space.save()
    record(space, "space.settings", person=actor, party=host, data=data)
    return space
