"""The consent arithmetic (DESIGN §4a, §4 rule 5, CONTRACT "Proposals and positions").

Pure functions, tested rule by rule with worked examples and with Hypothesis properties.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sharedspace.governance import consent
from sharedspace.governance.consent import (
    AGREE,
    BLOCKED,
    LAPSED,
    OBJECT,
    PASSED,
    STAND_ASIDE,
    MemberVote,
    PartyPosition,
    allocate_spending,
    default_quorum,
    outcome_at_deadline,
    outcome_now,
    party_position,
)

POSITIONS = (AGREE, OBJECT, STAND_ASIDE)


def votes(*positions: str, speakers: tuple[int, ...] = ()) -> list[MemberVote]:
    """Votes in order, person ``m0``, ``m1`` …; objections carry a reason naming the person."""
    return [
        MemberVote(f"m{i}", p, f"reason {i}" if p == OBJECT else "", i in speakers)
        for i, p in enumerate(positions)
    ]


# --- speaker ---------------------------------------------------------------------------------


def test_speaker_rule_has_no_position_until_a_speaker_votes():
    """Under `speaker`, members who are not speakers never make the party's position."""
    assert party_position("speaker", votes(AGREE, OBJECT), member_count=3) is None
    assert party_position("speaker", [], member_count=3) is None


@pytest.mark.parametrize("position", POSITIONS)
def test_speaker_rule_takes_the_speakers_vote(position):
    """Under `speaker`, a speaker's vote is the party's position, whatever members say."""
    got = party_position(
        "speaker", votes(OBJECT, position, AGREE, speakers=(1,)), member_count=3
    )
    assert got == PartyPosition(position, "reason 1" if position == OBJECT else "")


def test_speaker_rule_takes_the_latest_of_several_speakers():
    """Under `speaker`, the latest vote of any speaker counts (votes come in time order)."""
    got = party_position("speaker", votes(AGREE, OBJECT, speakers=(0, 1)), member_count=2)
    assert got == PartyPosition(OBJECT, "reason 1")
    got = party_position("speaker", votes(OBJECT, AGREE, speakers=(0, 1)), member_count=2)
    assert got == PartyPosition(AGREE, "")


def test_speaker_rule_ignores_quorum():
    """One speaker decides even when the party set a quorum."""
    assert party_position(
        "speaker", votes(AGREE, speakers=(0,)), member_count=10, quorum=8
    ) == PartyPosition(AGREE)


# --- majority --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "quorum"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (10, 6)]
)
def test_default_quorum_is_more_than_half(members, quorum):
    """Default quorum: more than half of the members when the proposal opened."""
    assert default_quorum(members) == quorum


def test_majority_waits_for_the_default_quorum():
    """With 3 members and no quorum set, one vote is not enough, two are."""
    assert party_position("majority", votes(AGREE), member_count=3) is None
    assert party_position("majority", votes(AGREE, AGREE), member_count=3) == PartyPosition(AGREE)


def test_majority_waits_for_an_explicit_quorum():
    """An explicit quorum replaces the default, higher or lower."""
    assert party_position("majority", votes(AGREE, AGREE), member_count=3, quorum=3) is None
    assert party_position(
        "majority", votes(AGREE, AGREE, STAND_ASIDE), member_count=3, quorum=3
    ) == PartyPosition(AGREE)
    assert party_position("majority", votes(AGREE), member_count=10, quorum=1) == PartyPosition(
        AGREE
    )


def test_majority_quorum_counts_stand_asides_and_objections():
    """Every answer counts towards the quorum, not only agreement."""
    assert party_position(
        "majority", votes(STAND_ASIDE, STAND_ASIDE), member_count=3
    ) == PartyPosition(STAND_ASIDE)
    assert party_position("majority", votes(OBJECT, STAND_ASIDE), member_count=3) == PartyPosition(
        OBJECT, "reason 0"
    )


def test_majority_tie_never_passes():
    """A tie between agree and object is an objection: a tie never passes."""
    got = party_position("majority", votes(AGREE, OBJECT), member_count=2)
    assert got == PartyPosition(OBJECT, "reason 1")
    got = party_position("majority", votes(AGREE, OBJECT, AGREE, OBJECT), member_count=4)
    assert got is not None and got.position == OBJECT


def test_majority_more_agree_than_object_agrees():
    """More agreement than objection (and some agreement) makes the party agree."""
    got = party_position("majority", votes(AGREE, OBJECT, AGREE), member_count=3)
    assert got == PartyPosition(AGREE, "")


def test_majority_objecting_reasons_are_the_objectors_reasons():
    """An objecting party's reason is the reasons its objecting members gave, in order."""
    got = party_position("majority", votes(OBJECT, AGREE, OBJECT), member_count=3)
    assert got == PartyPosition(OBJECT, "reason 0\nreason 2")


def test_majority_with_no_members_still_needs_one_vote():
    """A quorum is never below one vote."""
    assert party_position("majority", [], member_count=0) is None


# --- all -------------------------------------------------------------------------------------


def test_all_objects_as_soon_as_anyone_objects():
    """Under `all`, one objection is the party's position at once."""
    assert party_position("all", votes(OBJECT), member_count=5) == PartyPosition(
        OBJECT, "reason 0"
    )


def test_all_agrees_only_once_everyone_voted():
    """Under `all`, agreement needs every member's vote, with no objection."""
    assert party_position("all", votes(AGREE, AGREE), member_count=3) is None
    assert party_position("all", votes(AGREE, AGREE, STAND_ASIDE), member_count=3) == (
        PartyPosition(AGREE)
    )


def test_all_stands_aside_when_everyone_stood_aside():
    """Under `all`, every member standing aside makes the party stand aside."""
    assert party_position("all", votes(STAND_ASIDE, STAND_ASIDE), member_count=2) == (
        PartyPosition(STAND_ASIDE)
    )
    assert party_position("all", votes(STAND_ASIDE), member_count=2) is None


def test_unknown_rule_is_an_error():
    """A rule outside the vocabulary is a programming error, not a silent default."""
    with pytest.raises(ValueError, match="unknown decision rule"):
        party_position("loudest", votes(AGREE), member_count=1)


# --- the same rules as properties ------------------------------------------------------------

vote_lists = st.lists(st.sampled_from(POSITIONS), max_size=12)


@given(positions=vote_lists, extra=st.integers(0, 5), quorum=st.none() | st.integers(1, 15))
def test_majority_property(positions, extra, quorum):
    """`majority` is exactly §4a: none below quorum; object if o >= a and o > 0; else agree
    if a > 0; else stand aside."""
    members = len(positions) + extra
    got = party_position("majority", votes(*positions), member_count=members, quorum=quorum)
    a, o = positions.count(AGREE), positions.count(OBJECT)
    needed = max(quorum if quorum is not None else members // 2 + 1, 1)
    if len(positions) < needed:
        assert got is None
    elif o >= a and o > 0:
        assert got is not None and got.position == OBJECT
    elif a > 0:
        assert got == PartyPosition(AGREE)
    else:
        assert got == PartyPosition(STAND_ASIDE)


@given(positions=vote_lists, extra=st.integers(0, 3))
def test_all_property(positions, extra):
    """`all` is exactly §4a: object on any objection; agree once everyone voted with one
    agree; stand aside once everyone stood aside; otherwise no position yet."""
    members = len(positions) + extra
    got = party_position("all", votes(*positions), member_count=members)
    if OBJECT in positions:
        assert got is not None and got.position == OBJECT
    elif extra or not positions:
        assert got is None
    elif AGREE in positions:
        assert got == PartyPosition(AGREE)
    else:
        assert got == PartyPosition(STAND_ASIDE)


@given(positions=vote_lists, flags=st.lists(st.booleans(), min_size=12, max_size=12))
def test_speaker_property(positions, flags):
    """`speaker` is exactly the latest speaker's vote, or nothing if no speaker voted."""
    speakers = tuple(i for i, f in enumerate(flags[: len(positions)]) if f)
    got = party_position("speaker", votes(*positions, speakers=speakers), member_count=12)
    if not speakers:
        assert got is None
    else:
        assert got is not None and got.position == positions[speakers[-1]]


# --- outcomes --------------------------------------------------------------------------------

HOLDERS = ["council", "group"]


@pytest.mark.parametrize(
    ("positions", "now", "deadline"),
    [
        ({}, None, LAPSED),
        ({"council": AGREE}, None, LAPSED),  # silence is never consent
        ({"council": AGREE, "group": AGREE}, PASSED, PASSED),
        ({"council": AGREE, "group": STAND_ASIDE}, PASSED, PASSED),
        ({"council": STAND_ASIDE, "group": STAND_ASIDE}, None, LAPSED),
        ({"council": STAND_ASIDE}, None, LAPSED),
        ({"council": OBJECT, "group": AGREE}, None, BLOCKED),  # objection keeps it open
        ({"council": OBJECT}, None, BLOCKED),  # an objection that stands blocks
        ({"council": OBJECT, "group": OBJECT}, None, BLOCKED),
        ({"council": OBJECT, "group": STAND_ASIDE}, None, BLOCKED),
        ({"group": AGREE, "outsider": AGREE}, None, LAPSED),  # only holders count
        ({"council": AGREE, "group": AGREE, "guest": OBJECT}, PASSED, PASSED),
    ],
)
def test_shared_space_outcomes(positions, now, deadline):
    """Shared space: passes the moment every holder answered, none objects, one agrees;
    at the deadline or on close: blocked on a standing objection, lapsed on silence or
    all standing aside (CONTRACT)."""
    assert outcome_now(shared=True, holders=HOLDERS, positions=positions) == now
    assert outcome_at_deadline(shared=True, holders=HOLDERS, positions=positions) == deadline


@pytest.mark.parametrize(
    ("position", "outcome"), [(AGREE, PASSED), (OBJECT, BLOCKED), (STAND_ASIDE, LAPSED)]
)
def test_own_space_host_position_ends_it_at_once(position, outcome):
    """Own space: the host's binding position ends the proposal at once."""
    assert outcome_now(shared=False, holders=["council"], positions={"council": position}) == (
        outcome
    )
    assert outcome_at_deadline(
        shared=False, holders=["council"], positions={"council": position}
    ) == outcome


def test_own_space_without_the_hosts_position():
    """Own space: others' answers are not the host's; at the deadline it lapses."""
    positions = {"guests": AGREE}
    assert outcome_now(shared=False, holders=["council"], positions=positions) is None
    assert outcome_at_deadline(shared=False, holders=["council"], positions=positions) == LAPSED


def test_no_holders_lapses():
    """A proposal in a space with no holders can only lapse."""
    assert outcome_now(shared=True, holders=[], positions={}) == LAPSED
    assert outcome_at_deadline(shared=True, holders=[], positions={}) == LAPSED


holder_positions = st.lists(
    st.none() | st.sampled_from(POSITIONS), min_size=1, max_size=6
)


@given(given_positions=holder_positions)
def test_shared_outcome_properties(given_positions):
    """The contract's rule, for any number of holders: passes now iff all answered, none
    objects, one agrees; at the deadline blocked iff anyone objects, passed iff it would pass
    now, otherwise lapsed. Silence is never consent."""
    holders = [f"h{i}" for i in range(len(given_positions))]
    positions = {h: p for h, p in zip(holders, given_positions, strict=True) if p is not None}
    everyone = len(positions) == len(holders)
    now = outcome_now(shared=True, holders=holders, positions=positions)
    end = outcome_at_deadline(shared=True, holders=holders, positions=positions)
    passes = everyone and OBJECT not in given_positions and AGREE in given_positions
    assert now == (PASSED if passes else None)
    if OBJECT in given_positions:
        assert end == BLOCKED
    elif passes:
        assert end == PASSED
    else:
        assert end == LAPSED
    if not everyone:
        assert end != PASSED  # silence is never consent


# --- allocating spending ---------------------------------------------------------------------

CENT = Decimal("0.01")


def test_allocate_spending_in_proportion():
    """Spending draws on every party's unspent money in proportion to it."""
    assert allocate_spending({"a": Decimal("300"), "b": Decimal("100")}, Decimal("40")) == {
        "a": Decimal("30.00"),
        "b": Decimal("10.00"),
    }


def test_allocate_spending_leftover_pennies_go_to_largest_remainders():
    """Pennies left after rounding down go to the largest remainders, ties by party id."""
    got = allocate_spending(
        {"a": Decimal("1"), "b": Decimal("1"), "c": Decimal("1")}, Decimal("1.00")
    )
    assert got == {"a": Decimal("0.34"), "b": Decimal("0.33"), "c": Decimal("0.33")}


def test_allocate_spending_skips_parties_with_nothing_unspent():
    """A party with nothing unspent pays nothing and is left out."""
    got = allocate_spending({"a": Decimal("0"), "b": Decimal("5")}, Decimal("5"))
    assert got == {"b": Decimal("5")}


@pytest.mark.parametrize("amount", ["0", "-1", "10.01"])
def test_allocate_spending_refuses_nothing_or_too_much(amount):
    """The amount must be positive and no more than the unspent total."""
    with pytest.raises(ValueError, match="amount"):
        allocate_spending({"a": Decimal("4"), "b": Decimal("6")}, Decimal(amount))


cents = st.integers(min_value=0, max_value=99_999_999_999_999).map(lambda c: Decimal(c) / 100)


@st.composite
def fund_and_amount(draw):
    unspent = draw(
        st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), cents, min_size=1,
                        max_size=6)
    )
    total_cents = int(sum(unspent.values(), Decimal(0)) * 100)
    if total_cents == 0:
        unspent[next(iter(unspent))] = Decimal("0.01")
        total_cents = 1
    amount = Decimal(draw(st.integers(1, total_cents))) / 100
    return unspent, amount


@given(case=fund_and_amount())
@example(case=({"a": Decimal("1"), "b": Decimal("1"), "c": Decimal("1")}, Decimal("1")))
@example(
    # Large amounts, where 28-digit decimal division is not exact.
    case=(
        {"a": Decimal("999999999999.99"), "b": Decimal("999999999999.97"),
         "c": Decimal("333333333333.33")},
        Decimal("999999999999.99"),
    )
)
def test_allocate_spending_properties(case):
    """Parts sum exactly to the amount, are whole pennies, never exceed a party's unspent,
    and each is within a penny of its exact proportional share."""
    unspent, amount = case
    parts = allocate_spending(unspent, amount)
    total = sum(unspent.values(), Decimal(0))
    assert sum(parts.values(), Decimal(0)) == amount
    for party, part in parts.items():
        assert part > 0
        assert part == part.quantize(CENT)
        assert part <= unspent[party]
    for party, available in unspent.items():
        exact = amount * available / total
        assert abs(parts.get(party, Decimal(0)) - exact) < CENT


def test_consent_module_is_pure():
    """The arithmetic imports nothing from Django: it can be replayed over any ledger."""
    source = open(consent.__file__, encoding="utf-8").read()  # noqa: SIM115
    assert "django" not in source
