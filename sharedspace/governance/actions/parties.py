"""Parties run their own affairs (rule 9): members, roles, and how they decide.

Party events go on the party's own chain, named by the party's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from ..choices import DecisionRule, PartyKind, PowerSource, Role
from ..models import Membership, Party, Person
from ..policies import require_coordinator
from ._base import now, public_name
from .accounts import person_for_email


def _record(party: Party, action: str, *, person: Person | None, data: dict[str, Any]) -> None:
    ledger.append(
        chain=party.pk,
        action=action,
        person=person.pk if person else None,
        party=party.pk,
        data=data,
    )


def _choice(value: Any, choices: Iterable[str], field: str, words: str) -> str:
    if value not in set(choices):
        raise ex.InvalidInput(fields={field: f"Choose {words}: " + ", ".join(choices) + "."})
    return str(value)


def _power_sources(values: Any) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise ex.InvalidInput(fields={"power_sources": "Give a list of power sources."})
    for v in values:
        _choice(v, PowerSource.values, "power_sources", "from")
    return sorted(set(values), key=PowerSource.values.index)


def _quorum(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ex.InvalidInput(fields={"quorum": "The quorum is a number of members, 1 or more."})
    return int(value)


def _roles(values: Any) -> tuple[bool, bool]:
    if not isinstance(values, (list, tuple)) or not values:
        raise ex.InvalidInput(fields={"roles": "Give at least one role."})
    for v in values:
        _choice(v, Role.values, "roles", "roles from")
    return Role.COORDINATOR in values, Role.SPEAKER in values


@transaction.atomic
def party_create(
    *,
    actor: Person,
    name: str,
    kind: str,
    decision_rule: str,
    quorum: int | None = None,
    power_sources: Iterable[str] | None = None,
) -> Party:
    """Start a group. Its founder becomes its first coordinator and speaker."""
    party = Party.objects.create(
        name=public_name(name, field="name", max_length=200),
        kind=_choice(kind, PartyKind.values, "kind", "a kind"),
        decision_rule=_choice(decision_rule, DecisionRule.values, "decision_rule", "a rule"),
        quorum=_quorum(quorum),
        power_sources=_power_sources(power_sources),
    )
    joined = now()
    Membership.objects.create(
        party=party, person=actor, is_coordinator=True, is_speaker=True, joined_at=joined,
        added_by=actor, confirmed_at=joined,  # the founder chose to be in it
    )
    _record(
        party,
        "party.create",
        person=actor,
        data={
            "kind": party.kind,
            "decision_rule": party.decision_rule,
            "quorum": party.quorum,
            "power_sources": party.power_sources,
            "founder": actor.pk,
        },
    )
    return party


def _lock_party(party_id: str) -> Party:
    party = Party.objects.select_for_update().filter(pk=party_id).first()
    if party is None:
        raise ex.NotFound
    return party


@transaction.atomic
def party_member_add(
    *, actor: Person, party_id: str, email: str, roles: Iterable[str]
) -> Membership:
    """A coordinator adds a person (made an account if new) with roles. The person is then
    asked whether they want to be in the group (``party_member_confirm``), and may leave at
    once; until they say, the membership counts as any other (ADR 38)."""
    party = _lock_party(party_id)
    require_coordinator(actor, party)
    coordinator, speaker = _roles(list(roles))
    person = person_for_email(email)
    if Membership.objects.filter(party=party, person=person, left_at__isnull=True).exists():
        raise ex.AlreadyMember
    membership = Membership.objects.create(
        party=party,
        person=person,
        is_coordinator=coordinator,
        is_speaker=speaker,
        joined_at=now(),
        added_by=actor,
    )
    _record(
        party, "member.add", person=actor, data={"member": person.pk, "roles": membership.roles}
    )
    return membership


@transaction.atomic
def party_member_confirm(*, actor: Person, party_id: str) -> Membership:
    """A person put in a group by someone else says they want to be in it. Only they can
    say it, for themselves; saying it again changes nothing and records nothing."""
    party = _lock_party(party_id)
    membership = Membership.objects.filter(
        party=party, person=actor, left_at__isnull=True
    ).first()
    if membership is None:
        raise ex.NotFound
    if membership.confirmed_at is None:
        membership.confirmed_at = now()
        membership.save(update_fields=["confirmed_at"])
        _record(party, "member.confirm", person=actor, data={"member": actor.pk})
    return membership


@transaction.atomic
def party_member_set_roles(
    *, actor: Person, party_id: str, person_id: str, roles: Iterable[str]
) -> Membership:
    """A coordinator changes a member's roles. A party always keeps one coordinator."""
    party = _lock_party(party_id)
    require_coordinator(actor, party)
    coordinator, speaker = _roles(list(roles))
    membership = Membership.objects.filter(
        party=party, person_id=person_id, left_at__isnull=True
    ).first()
    if membership is None:
        raise ex.NotFound
    if membership.is_coordinator and not coordinator and not _other_coordinators(membership):
        raise ex.Conflict("A group needs at least one coordinator. Add another one first.")
    membership.is_coordinator, membership.is_speaker = coordinator, speaker
    membership.save(update_fields=["is_coordinator", "is_speaker"])
    _record(
        party, "member.roles", person=actor, data={"member": person_id, "roles": membership.roles}
    )
    return membership


def _other_coordinators(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            party_id=membership.party_id, is_coordinator=True, left_at__isnull=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def party_member_remove(*, actor: Person, party_id: str, person_id: str) -> None:
    """A coordinator removes a member, or a member leaves. The last coordinator stays."""
    party = _lock_party(party_id)
    if actor.pk != person_id:
        require_coordinator(actor, party)
    membership = Membership.objects.filter(
        party=party, person_id=person_id, left_at__isnull=True
    ).first()
    if membership is None:
        raise ex.NotFound
    if membership.is_coordinator and not _other_coordinators(membership):
        raise ex.Conflict("A group needs at least one coordinator. Add another one first.")
    _end_membership(party, membership, actor=actor)


def _end_membership(party: Party, membership: Membership, *, actor: Person) -> None:
    """The member leaves; the party's chain records it, as every removal is recorded."""
    membership.left_at = now()
    membership.save(update_fields=["left_at"])
    _record(party, "member.remove", person=actor, data={"member": membership.person_id})


def person_leave_every_group(*, actor: Person, person: Person) -> list[Party]:
    """A person being erased leaves every group (rule 9: each group's chain records it).

    Refuses, changing nothing, while they are the only coordinator of a group that still
    has other members: that group would be left with no one able to run it. A group whose
    only member they are keeps existing, with no members (docs/adr/0021). Runs inside the
    caller's transaction; parties are locked in id order so two erasures cannot deadlock.
    """
    party_ids = sorted(
        Membership.objects.filter(person=person, left_at__isnull=True).values_list(
            "party_id", flat=True
        )
    )
    parties = [_lock_party(pk) for pk in party_ids]
    memberships = {
        m.party_id: m
        for m in Membership.objects.filter(person=person, left_at__isnull=True, party__in=parties)
    }
    stuck = [
        party
        for party in parties
        if memberships[party.pk].is_coordinator
        and not _other_coordinators(memberships[party.pk])
        and Membership.objects.filter(party=party, left_at__isnull=True)
        .exclude(person=person)
        .exists()
    ]
    if stuck:
        names = ", ".join(party.name for party in sorted(stuck, key=lambda p: p.name))
        raise ex.LastCoordinator(
            f"You are the only coordinator of {names}. Make someone else a coordinator first."
        )
    for party in parties:
        _end_membership(party, memberships[party.pk], actor=actor)
    return parties


_UNSET: Any = object()


@transaction.atomic
def party_update(
    *,
    actor: Person,
    party_id: str,
    decision_rule: str | None = None,
    quorum: int | None = _UNSET,
    power_sources: Iterable[str] | None = None,
    name: str | None = None,
) -> Party:
    """A party changes its own rule or power sources; no one else can (rule 9)."""
    party = _lock_party(party_id)
    require_coordinator(actor, party)
    changes: dict[str, Any] = {}
    if decision_rule is not None:
        party.decision_rule = _choice(decision_rule, DecisionRule.values, "decision_rule", "a rule")
        changes["decision_rule"] = party.decision_rule
    if quorum is not _UNSET:
        party.quorum = _quorum(quorum)
        changes["quorum"] = party.quorum
    if power_sources is not None:
        party.power_sources = _power_sources(power_sources)
        changes["power_sources"] = party.power_sources
    if name is not None:
        party.name = public_name(name, field="name", max_length=200)
        changes["name_changed"] = True
    party.save()
    _record(party, "party.update", person=actor, data=changes)
    return party
