"""What every chapter of the demo story shares: the cast, the clock and small helpers.

Every change goes through a governance action, as the person in the story would make it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sharedspace.governance import actions
from sharedspace.governance.models import Meeting, Party, Person, Proposal, Space

from .cast import PARTIES, PEOPLE, PEOPLE_BY_KEY
from .clock import StoryClock


class StoryWentWrong(RuntimeError):
    """The governance core did not do what the story expected (a bug in the demo or core)."""


@dataclass
class Story:
    clock: StoryClock
    people: dict[str, Person] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    spaces: dict[str, Space] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    rounds: dict[str, Any] = field(default_factory=dict)  # perception rounds
    workshops: dict[str, Any] = field(default_factory=dict)  # workshop sessions

    def who(self, key: str) -> Person:
        return self.people[key]

    def party(self, key: str) -> str:
        return self.parties[key].pk

    def space(self, key: str) -> str:
        return self.spaces[key].pk

    def propose(self, key: str, *, by: str, space: str, kind: str, title: str, body: str = "",
                **extra: object) -> Proposal:
        proposal = actions.proposal_submit(
            actor=self.who(by), space_id=self.space(space), kind=kind, title=title, body=body,
            **extra,  # type: ignore[arg-type]
        )
        self.proposals[key] = proposal
        return proposal

    def vote(
        self,
        key: str,
        party: str,
        voters: Iterable[str],
        position: str,
        reason: str = "",
    ) -> None:
        """Each named member of ``party`` gives the same answer, a few minutes apart."""
        for voter in voters:
            self.clock.later(minutes=7)
            actions.position_give(
                actor=self.who(voter),
                proposal_id=self.proposals[key].pk,
                party=self.party(party),
                position=position,
                reason=reason,
            )

    def comment(self, *, by: str, space: str, body: str, on: str | None = None) -> None:
        self.clock.later(minutes=11)
        actions.comment_add(
            actor=self.who(by),
            space_id=self.space(space),
            body=body,
            proposal_id=self.proposals[on].pk if on else None,
        )

    def expect(self, key: str, state: str) -> None:
        proposal = self.proposals[key]
        proposal.refresh_from_db()
        if proposal.state != state:
            raise StoryWentWrong(
                f"demo proposal {key!r} should be {state} but is {proposal.state}"
            )


def cast_everyone(story: Story) -> None:
    """Day 0: everyone gets an account; each group starts and adds its members."""
    story.clock.day(0, 9, 30)
    for person in PEOPLE:
        story.people[person.key] = actions.person_create(email=person.email, name=person.name)
        story.clock.later(minutes=2)
    for demo_party in PARTIES:
        founder = story.who(demo_party.founder)
        party = actions.party_create(
            actor=founder,
            name=demo_party.name,
            kind=demo_party.kind,
            decision_rule=demo_party.decision_rule,
            power_sources=list(demo_party.power_sources),
        )
        story.parties[demo_party.key] = party
        for member, roles in demo_party.members:
            story.clock.later(minutes=3)
            actions.party_member_add(
                actor=founder,
                party_id=party.pk,
                email=PEOPLE_BY_KEY[member].email,
                roles=list(roles),
            )
            # Each said yes when asked (ADR 38); whoever is added later is asked too.
            story.clock.later(minutes=1)
            actions.party_member_confirm(actor=story.who(member), party_id=party.pk)
        story.clock.later(minutes=20)
