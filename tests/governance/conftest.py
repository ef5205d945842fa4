"""Named people for every role (STYLE §7).

- Carol coordinates the council team (rule: speaker); Owen is a council officer (member).
- Sam is the self-advocacy group's speaker; Mo and Ria are members (rule: majority).
- Gil coordinates the guest group; Olive is an outsider with a group of her own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sharedspace.governance import actions
from sharedspace.governance.models import Party, Person


@dataclass
class Cast:
    carol: Person
    owen: Person
    sam: Person
    mo: Person
    ria: Person
    gil: Person
    olive: Person
    council: Party
    group: Party
    guests: Party
    outsiders: Party


@pytest.fixture
def cast(db) -> Cast:
    people = {
        key: actions.person_create(email=f"{key}@example.org", name=key.title())
        for key in ("carol", "owen", "sam", "mo", "ria", "gil", "olive")
    }
    council = actions.party_create(
        actor=people["carol"], name="Council team", kind="organisation",
        decision_rule="speaker", power_sources=["money", "mandate", "professional"],
    )
    actions.party_member_add(
        actor=people["carol"], party_id=council.pk, email="owen@example.org", roles=["member"]
    )
    group = actions.party_create(
        actor=people["sam"], name="Self-advocates", kind="people", decision_rule="majority",
        power_sources=["lived_experience"],
    )
    for key in ("mo", "ria"):
        actions.party_member_add(
            actor=people["sam"], party_id=group.pk, email=f"{key}@example.org", roles=["member"]
        )
    guests = actions.party_create(
        actor=people["gil"], name="Carers forum", kind="people", decision_rule="speaker"
    )
    outsiders = actions.party_create(
        actor=people["olive"], name="Other charity", kind="organisation", decision_rule="speaker"
    )
    return Cast(**people, council=council, group=group, guests=guests, outsiders=outsiders)


CHARTER = {"purpose": "Make the day service better together."}


def accept_all(space, cast: Cast) -> None:
    """Every invited holder's coordinator accepts."""
    coordinators = {cast.council.pk: cast.carol, cast.group.pk: cast.sam,
                    cast.guests.pk: cast.gil, cast.outsiders.pk: cast.olive}
    for invitation in space.invitations.filter(state="open"):
        actions.invitation_accept(
            actor=coordinators[invitation.party_id], invitation_id=invitation.pk
        )


@pytest.fixture
def shared(cast):
    """An active shared space held by the council and the self-advocates."""
    space = actions.space_create(
        actor=cast.carol, title="Day service review", purpose="Review the day service",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction",
        charter=CHARTER,
    )
    accept_all(space, cast)
    space.refresh_from_db()
    return space


@pytest.fixture
def own(cast):
    """The council's own space, with the carers forum as a guest that can propose and
    give views."""
    space = actions.space_create(
        actor=cast.carol, title="Coproduction board", purpose="Hear from people",
        holders=[cast.council.pk], claimed_approach="coproduction",
        guest_permissions=["view", "comment", "propose", "give_views"],
    )
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk, party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    space.refresh_from_db()
    return space
