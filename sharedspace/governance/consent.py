"""The consent arithmetic (DESIGN §4a): pure functions over plain data.

Nothing here touches the database, so it can be tested exhaustively and replayed over a
ledger. Actions gather the facts, call these, and write what they decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

AGREE = "agree"
OBJECT = "object"
STAND_ASIDE = "stand_aside"

PASSED = "passed"
BLOCKED = "blocked"
LAPSED = "lapsed"


@dataclass(frozen=True)
class MemberVote:
    """A member's latest vote for their party on the current version of a proposal."""

    person: str
    position: str
    reason: str = ""
    is_speaker: bool = False


@dataclass(frozen=True)
class PartyPosition:
    position: str
    reason: str = ""


def default_quorum(member_count: int) -> int:
    """More than half of the members."""
    return member_count // 2 + 1


def answers_needed(rule: str, *, member_count: int, quorum: int | None = None) -> int:
    """How many members' answers a party needs before it has a position: ``speaker`` one
    (a speaker's), ``majority`` its quorum (more than half of its members unless it set
    one, and at least one), ``all`` every member."""
    if rule == "speaker":
        return 1
    if rule == "all":
        return member_count
    return max(quorum if quorum is not None else default_quorum(member_count), 1)


def _reasons(votes: Sequence[MemberVote]) -> str:
    return "\n".join(v.reason for v in votes if v.position == OBJECT and v.reason)


def party_position(
    rule: str,
    votes: Sequence[MemberVote],
    *,
    member_count: int,
    quorum: int | None = None,
) -> PartyPosition | None:
    """A party's position from its members' latest votes (in order), or None if none yet.

    ``speaker``: the latest vote of any speaker. ``majority``: none until the quorum has
    voted; then object if o >= a and o > 0, else agree if a > 0, else stand aside (a tie
    never passes). ``all``: object as soon as anyone objects; agree once every member voted
    with at least one agree; stand aside once every member stood aside.
    """
    if rule == "speaker":
        spoken = [v for v in votes if v.is_speaker]
        if not spoken:
            return None
        last = spoken[-1]
        return PartyPosition(last.position, last.reason if last.position == OBJECT else "")
    agree = sum(1 for v in votes if v.position == AGREE)
    objecting = sum(1 for v in votes if v.position == OBJECT)
    aside = sum(1 for v in votes if v.position == STAND_ASIDE)
    answered = agree + objecting + aside
    if rule == "majority":
        if answered < answers_needed(rule, member_count=member_count, quorum=quorum):
            return None
        if objecting >= agree and objecting > 0:
            return PartyPosition(OBJECT, _reasons(votes))
        if agree > 0:
            return PartyPosition(AGREE)
        return PartyPosition(STAND_ASIDE)
    if rule == "all":
        if objecting:
            return PartyPosition(OBJECT, _reasons(votes))
        if answered >= member_count and member_count > 0:
            return PartyPosition(AGREE) if agree else PartyPosition(STAND_ASIDE)
        return None
    raise ValueError(f"unknown decision rule {rule!r}")


def outcome_now(
    *, shared: bool, holders: Sequence[str], positions: Mapping[str, str]
) -> str | None:
    """The outcome a proposal reaches the moment positions change, or None: still open.

    Shared space: passes once every holder has a position, none objects and one agrees.
    An objection keeps it open for amendment. Own space: the host's position ends it.
    """
    if not holders:
        return LAPSED
    if not shared:
        host_positions = [positions[h] for h in holders if h in positions]
        if not host_positions:
            return None
        return {AGREE: PASSED, OBJECT: BLOCKED, STAND_ASIDE: LAPSED}[host_positions[0]]
    given = [positions.get(h) for h in holders]
    if any(p is None for p in given) or OBJECT in given:
        return None
    return PASSED if AGREE in given else None


def outcome_at_deadline(
    *, shared: bool, holders: Sequence[str], positions: Mapping[str, str]
) -> str:
    """The outcome when the deadline comes or a holder closes it. Silence is never consent."""
    early = outcome_now(shared=shared, holders=holders, positions=positions)
    if early is not None:
        return early
    given = [positions.get(h) for h in holders]
    if OBJECT in given:
        return BLOCKED
    if any(p is None for p in given) or AGREE not in given:
        return LAPSED
    return PASSED  # pragma: no cover - outcome_now already passed it


CENT = Decimal("0.01")


def allocate_spending(unspent: Mapping[str, Decimal], amount: Decimal) -> dict[str, Decimal]:
    """Split a spending across parties in proportion to their unspent commitments.

    Shares are rounded down to the penny; the pennies left over go to the largest
    remainders (ties by party id), so the parts always add up to ``amount`` exactly and no
    party pays more than it has unspent. The caller checks ``amount`` <= the total.
    """
    total = sum(unspent.values(), Decimal("0"))
    if amount <= 0 or amount > total:
        raise ValueError("amount must be positive and no more than the unspent total")
    parts: dict[str, Decimal] = {}
    remainders: list[tuple[Decimal, str]] = []
    for party, available in sorted(unspent.items()):
        if available <= 0:
            continue
        exact = amount * available / total
        part = exact.quantize(CENT, rounding=ROUND_DOWN)
        parts[party] = part
        remainders.append((exact - part, party))
    left = amount - sum(parts.values(), Decimal("0"))
    remainders.sort(key=lambda item: (-item[0], item[1]))
    i = 0
    while left > 0:
        _, party = remainders[i % len(remainders)]
        if parts[party] + CENT <= unspent[party]:
            parts[party] += CENT
            left -= CENT
        i += 1
    return {p: v for p, v in parts.items() if v > 0}
