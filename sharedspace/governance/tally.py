"""How far a party has got in deciding its own answer to a proposal (rule 9: parties speak
for themselves, by their own rule). Reads only: the actions work a party's position out from
this (`consent.party_position`), and the proposal page shows it to the party's own people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from . import consent
from .models import Membership, Party, Proposal, Vote


def _members_when_opened(party_id: str, opened: dt.datetime) -> int:
    return (
        Membership.objects.filter(party_id=party_id, joined_at__lte=opened)
        .filter(Q(left_at__isnull=True) | Q(left_at__gt=opened))
        .count()
    )


@dataclass(frozen=True)
class PartyTally:
    """A party's own decision on a proposal so far: its rule, the members whose votes count
    (person id to is_speaker), their latest votes on the current version, and how many
    members it had when the proposal opened (a majority's default quorum counts those)."""

    rule: str
    quorum: int | None
    members: dict[str, bool]
    votes: list[consent.MemberVote]
    opened: int

    @property
    def member_count(self) -> int:
        # `all` means every member the party has now (the votes counted are theirs); a
        # majority's default quorum counts the members when the proposal opened (§4a).
        return len(self.members) if self.rule == "all" else self.opened

    @property
    def needed(self) -> int:
        """How many members' answers the party needs before it has a position (the same
        rule `consent.party_position` applies)."""
        return consent.answers_needed(self.rule, member_count=self.member_count,
                                      quorum=self.quorum)

    def position(self) -> consent.PartyPosition | None:
        return consent.party_position(self.rule, self.votes, member_count=self.member_count,
                                      quorum=self.quorum)


def party_tally(proposal: Proposal, party_id: str) -> PartyTally:
    """Read what a party's position on a proposal is worked out from (no writes)."""
    party = Party.objects.get(pk=party_id)
    members = dict(
        Membership.objects.filter(party_id=party_id, left_at__isnull=True).values_list(
            "person_id", "is_speaker"
        )
    )
    latest: dict[str, Vote] = {}
    for vote in Vote.objects.filter(
        proposal=proposal, version=proposal.version, party_id=party_id
    ).order_by("created_at", "id"):
        if vote.person_id in members:
            latest.pop(vote.person_id, None)
            latest[vote.person_id] = vote
    votes = [
        consent.MemberVote(v.person_id, v.position, v.reason, members[v.person_id])
        for v in latest.values()
    ]
    opened = _members_when_opened(party_id, proposal.created_at) or len(members)
    return PartyTally(party.decision_rule, party.quorum, members, votes, opened)
