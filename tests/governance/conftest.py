"""Named people for every role (STYLE §7).

- Carol coordinates the council team (rule: speaker); Owen is a council officer (member).
- Sam is the self-advocacy group's speaker; Mo and Ria are members (rule: majority).
- Gil coordinates the guest group; Olive is an outsider with a group of her own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.db.models import Max

from sharedspace.governance import actions, policies
from sharedspace.governance.exceptions import GovernanceError
from sharedspace.governance.models import LedgerEntry, Party, Person, Proposal, Space


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
    return make_cast()


def make_cast() -> Cast:
    """Create the named people and their parties (needs database access)."""
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


# --- helpers for asserting what actions write -------------------------------------------------


def person(cast: Cast, who: str) -> Person:
    """The named person of the cast: ``person(cast, "carol")``."""
    return getattr(cast, who)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every governance model, so a test can tell that nothing changed."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_app_config("governance").get_models():
        rows[model.__name__] = list(model._default_manager.order_by("pk").values())
    return rows


@dataclass
class Written:
    """The ledger entries an action appended, parsed (see ``watch``)."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def actions(self) -> list[str]:
        return [e["action"] for e in self.entries]

    def one(self, action: str) -> dict[str, Any]:
        """The single entry with this action name."""
        found = [e for e in self.entries if e["action"] == action]
        assert len(found) == 1, f"expected one {action!r} entry, got {self.actions}"
        return found[0]


@contextmanager
def watch() -> Iterator[Written]:
    """Collect the ledger entries appended inside the block."""
    last = LedgerEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    written = Written()
    yield written
    for row in LedgerEntry.objects.filter(pk__gt=last).order_by("pk"):
        payload = json.loads(row.content)
        assert payload["action"] == row.action and payload["chain"] == row.chain
        written.entries.append(payload)


def refused(code: str, action: Callable[..., Any], /, **kwargs: Any) -> GovernanceError:
    """Call ``action(**kwargs)``; it must refuse with ``code`` and change nothing at all:
    no ledger entry and every governance row as it was."""
    before = snapshot()
    with pytest.raises(GovernanceError) as caught:
        action(**kwargs)
    assert caught.value.code == code, f"expected {code!r}, got {caught.value.code!r}"
    assert caught.value.message, "every refusal has a plain-words message"
    assert snapshot() == before, "a refusal changed something"
    return caught.value


def agree_all(cast: Cast, proposal: Proposal) -> Proposal:
    """Every current holder agrees, each by its own rule (the group is majority of 3)."""
    speakers = {cast.council.pk: [cast.carol], cast.group.pk: [cast.sam, cast.mo],
                cast.guests.pk: [cast.gil], cast.outsiders.pk: [cast.olive]}
    for party in policies.holder_ids(proposal.space):
        for who in speakers[party]:
            proposal.refresh_from_db()
            if proposal.state != "open":
                break
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party,
                                  position="agree")
    proposal.refresh_from_db()
    return proposal


def pass_proposal(cast: Cast, space: Space, **kwargs: Any) -> Proposal:
    """Carol proposes; every holder agrees; the proposal has passed."""
    kwargs.setdefault("title", "A proposal")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=space.pk, **kwargs)
    proposal = agree_all(cast, proposal)
    assert proposal.state == "passed", proposal.state
    return proposal


@pytest.fixture
def shared_guest(cast, shared):
    """The shared space with the carers forum as a guest, let in by a passed proposal
    (guests in a shared space may only view)."""
    pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    invitation = shared.invitations.get(party=cast.guests, state="open")
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    shared.refresh_from_db()
    return shared


class Clock:
    """A clock the test moves by hand. Everything that asks Django for the time sees it:
    actions (through ``actions._base.now``), the ledger and ``auto_now`` fields."""

    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> dt.datetime:
        self.moment += dt.timedelta(**delta)
        return self.moment


@pytest.fixture
def clock() -> Iterator[Clock]:
    """Stop real time and hand the test a clock it moves itself.

    ``actions._base.now`` is imported by name into each action module, so patching it alone
    would miss them; patching Django's ``timezone.now`` reaches every caller.
    """
    # Just after the real time, so the clock only moves on from rows made before it.
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=1)
    moment = Clock(start)
    with mock.patch("django.utils.timezone.now", moment):
        yield moment
