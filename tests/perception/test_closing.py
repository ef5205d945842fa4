"""Who may close a perception check (docs/adr/0013, amended): closing ends every group's
chance to answer, so one group may not end it for another group that holds the space and has
not answered yet; the round keeps who closed it, for which group, and who had not answered."""

from __future__ import annotations

import datetime as dt

import pytest

from sharedspace.governance import actions as gov
from sharedspace.governance import exceptions as ex
from sharedspace.perception import actions, selectors
from sharedspace.perception.closing import FAIR_CHANCE, may_close
from sharedspace.perception.models import Round
from tests.governance.conftest import CHARTER, accept_all, clock  # noqa: F401  (a fixture)


def _answer(cast, rnd, who):
    person, party = {
        "council": (cast.carol, cast.council),
        "group": (cast.sam, cast.group),
        "guests": (cast.gil, cast.guests),
        "outsiders": (cast.olive, cast.outsiders),
    }[who]
    actions.answers_submit(actor=person, round_id=rnd.pk, party=party.pk,
                           answers={"overall": "together"})


def test_a_group_that_answered_cannot_close_it_before_the_other_holder_answers(cast, shared):
    """The council has answered and the self-advocates have not: no one in the council may
    close the check. The refusal has a stable code and plain words, and changes nothing. The
    self-advocates may close it themselves: a group may give up its own chance."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    _answer(cast, rnd, "council")
    for officer in (cast.carol, cast.owen):
        with pytest.raises(ex.GroupsNotAnsweredYet) as refused:
            actions.round_close(actor=officer, round_id=rnd.pk)
    assert refused.value.code == "groups_not_answered_yet" and refused.value.status == 403
    assert "two weeks" in refused.value.message
    rnd.refresh_from_db()
    assert rnd.closed_at is None and rnd.closed_by is None and rnd.not_answered is None
    actions.round_close(actor=cast.mo, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert rnd.closed_at is not None
    assert (rnd.closed_by, rnd.closed_by_party, rnd.not_answered) == (
        cast.mo, cast.group, [cast.group.pk])


def test_once_every_holder_has_answered_any_holder_closes_it(cast, shared):
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    _answer(cast, rnd, "council")
    _answer(cast, rnd, "group")
    actions.round_close(actor=cast.owen, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert (rnd.closed_by, rnd.closed_by_party, rnd.not_answered) == (cast.owen, cast.council, [])


def test_a_check_no_one_answered_can_be_closed_and_says_who_had_not(cast, shared):
    """Nothing to leave anyone out of: any holder's person may close it; every group is kept
    as not having answered."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.round_close(actor=cast.carol, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert rnd.not_answered == [cast.council.pk, cast.group.pk]


def test_after_the_fair_chance_any_holder_may_close_it(cast, shared, clock):  # noqa: F811
    """Two weeks after it started, a group that has not answered no longer holds it up; the
    round keeps that it had not answered."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    _answer(cast, rnd, "council")
    clock.advance(seconds=FAIR_CHANCE.total_seconds() - 1)
    with pytest.raises(ex.GroupsNotAnsweredYet):
        actions.round_close(actor=cast.carol, round_id=rnd.pk)
    clock.advance(seconds=1)
    actions.round_close(actor=cast.carol, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert rnd.closed_at == rnd.opened_at + FAIR_CHANCE
    assert (rnd.closed_by_party, rnd.not_answered) == (cast.council, [cast.group.pk])


def test_a_guest_does_not_hold_it_up_but_is_kept_as_not_answered(cast, own, shared_guest):
    """An own space's host, or holders who have all answered, may close while a guest has
    not answered; the round keeps that the guest had not."""
    in_own = actions.round_open(actor=cast.carol, space_id=own.pk)
    _answer(cast, in_own, "council")
    actions.round_close(actor=cast.carol, round_id=in_own.pk)
    in_shared = actions.round_open(actor=cast.carol, space_id=shared_guest.pk)
    _answer(cast, in_shared, "council")
    _answer(cast, in_shared, "group")
    actions.round_close(actor=cast.sam, round_id=in_shared.pk)
    assert [Round.objects.get(pk=r.pk).not_answered for r in (in_own, in_shared)] == [
        [cast.guests.pk], [cast.guests.pk]]


def test_with_three_holders_one_of_two_waiting_groups_cannot_close_for_the_other(cast):
    """The council answered; the self-advocates and the other charity have not. The
    self-advocates may not end the charity's chance, nor the charity theirs. Once the charity
    answers, the self-advocates are the last to answer and may close it."""
    space = gov.space_create(
        actor=cast.carol, title="Three", purpose="Three groups",
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        claimed_approach="coproduction", charter=CHARTER,
    )
    accept_all(space, cast)
    rnd = actions.round_open(actor=cast.carol, space_id=space.pk)
    _answer(cast, rnd, "council")
    for who in (cast.sam, cast.olive, cast.carol):
        with pytest.raises(ex.GroupsNotAnsweredYet):
            actions.round_close(actor=who, round_id=rnd.pk)
    _answer(cast, rnd, "outsiders")
    with pytest.raises(ex.GroupsNotAnsweredYet):
        actions.round_close(actor=cast.olive, round_id=rnd.pk)
    actions.round_close(actor=cast.ria, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert (rnd.closed_by_party, rnd.not_answered) == (cast.group, [cast.group.pk])


def test_closing_again_changes_nothing_and_the_summary_says_who_closed(cast, shared):
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    _answer(cast, rnd, "council")
    actions.round_close(actor=cast.sam, round_id=rnd.pk)
    actions.round_close(actor=cast.carol, round_id=rnd.pk)  # closed already: no refusal
    summary = selectors.round_summary(viewer=cast.owen, round_id=rnd.pk)
    assert summary["closed_by"] == {"person": cast.sam.pk, "party": cast.group.pk}
    assert summary["not_answered_at_close"] == [cast.group.pk]
    opened = actions.round_open(actor=cast.carol, space_id=shared.pk)
    summary = selectors.round_summary(viewer=cast.owen, round_id=opened.pk)
    assert summary["closed_by"] is None and summary["not_answered_at_close"] is None


def test_what_a_page_is_told_before_the_close_button(cast, shared):
    """``selectors.closing`` says what the core would do: who has not answered, whether this
    person may close it now, and from when anyone holding the space may."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    _answer(cast, rnd, "council")
    for_carol = selectors.closing(viewer=cast.carol, found=rnd)
    assert (for_carol.allowed, for_carol.holders_waiting, for_carol.guests_waiting) == (
        False, [cast.group.pk], [])
    assert for_carol.fair_chance_ends == rnd.opened_at + FAIR_CHANCE
    for_sam = selectors.closing(viewer=cast.sam, found=rnd)
    assert for_sam.allowed and for_sam.party == cast.group.pk
    with pytest.raises(ex.NotFound):
        selectors.closing(viewer=cast.olive, found=rnd)


START = dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("waiting", "anyone", "mine", "later", "allowed"),
    [
        ([], True, ["a"], 0, True),  # every holder answered
        (["a", "b"], False, ["a"], 0, True),  # no one answered
        (["b"], True, ["a"], 0, False),  # a answered, b has not: a may not close
        (["b"], True, ["b"], 0, True),  # b gives up its own chance
        (["b", "c"], True, ["b"], 0, False),  # b may not end c's chance
        (["b", "c"], True, ["b", "c"], 0, True),  # a person in both gives up both
        (["b"], True, ["a"], 14, True),  # the fair chance is over
        (["b"], True, ["a"], 13, False),
    ],
)
def test_the_rule(waiting, anyone, mine, later, allowed):
    now = START + dt.timedelta(days=later)
    assert may_close(holders_waiting=waiting, anyone_answered=anyone, mine=mine,
                     opened_at=START, now=now) is allowed
