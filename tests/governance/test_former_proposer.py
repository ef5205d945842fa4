"""A group that left a space, or that the host stopped involving, holds no power there: its
person can no longer change or take back a proposal it made while it was in (DESIGN rule 5
and rule 7, ADR 27). The proposal stays open, and the groups still in the space decide it.

A security review found that a holder that left a three-holder space could amend its open
proposal (which wiped the remaining groups' answers) and then withdraw it.
"""

from __future__ import annotations

import pytest

from sharedspace.governance import actions
from sharedspace.governance import policies as pol
from sharedspace.governance.models import LedgerEntry, Position

from .conftest import accept_all, pass_proposal, refused

LEFT = "Your group has left this space"
REMOVED = "The host stopped involving your group in this space"


@pytest.fixture
def three(cast, shared):
    """The shared space with the carers forum as a third holder."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    return shared


@pytest.fixture
def answered(cast, three):
    """Gil proposes for the carers forum; the council agrees and the self-advocates object
    (two of its three members), so the proposal stays open for amendment."""
    proposal = actions.proposal_submit(actor=cast.gil, space_id=three.pk, kind="decision",
                                       title="Meet at the library", as_party=cast.guests.pk)
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    for who in (cast.sam, cast.mo):
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="object", reason="The library has no step-free way in.")
    proposal.refresh_from_db()
    assert proposal.state == "open"
    return proposal


def positions_of(proposal) -> dict[str, str]:
    return dict(Position.objects.filter(proposal=proposal, version=proposal.version)
                .values_list("party_id", "position"))


def test_a_holder_that_left_cannot_amend_or_withdraw(cast, three, answered):
    """Gil's group leaves; Gil can change nothing: the refusal is 403 `not_in_space`, it says
    why, and every answer the remaining groups gave is kept."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    given = positions_of(answered)
    assert given == {cast.council.pk: "agree", cast.group.pk: "object"}
    entries = LedgerEntry.objects.count()
    error = refused("not_in_space", actions.proposal_amend, actor=cast.gil,
                    proposal_id=answered.pk, title="Meet at the town hall")
    assert error.status == 403 and error.message.startswith(LEFT)
    error = refused("not_in_space", actions.proposal_withdraw, actor=cast.gil,
                    proposal_id=answered.pk)
    assert error.message.startswith(LEFT)
    answered.refresh_from_db()
    assert answered.state == "open" and answered.version == 1
    assert answered.title == "Meet at the library"
    assert positions_of(answered) == given
    assert LedgerEntry.objects.count() == entries


def test_the_remaining_groups_decide_what_a_group_that_left_proposed(cast, three, answered):
    """The group that left is not counted: once the two groups still holding the space
    agree, the proposal passes, though the proposing group never answered."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    assert pol.holder_ids(three) == [cast.council.pk, cast.group.pk]
    for who in (cast.sam, cast.mo):
        actions.position_give(actor=who, proposal_id=answered.pk, party=cast.group.pk,
                              position="agree")
    answered.refresh_from_db()
    assert answered.state == "passed"
    assert cast.guests.pk not in positions_of(answered)


def test_a_remaining_holder_may_still_close_it(cast, three, answered):
    """A remaining group that wants it ended closes it: the objection stands, so it is
    blocked (the proposer's group no longer counts either way)."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    actions.proposal_close(actor=cast.sam, proposal_id=answered.pk)
    answered.refresh_from_db()
    assert answered.state == "blocked"


def test_former_holders_people_cannot_act_on_it_in_any_other_way(cast, three, answered):
    """Answering and closing were already refused to a group that left; they still are."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    refused("not_in_space", actions.position_give, actor=cast.gil, proposal_id=answered.pk,
            party=cast.guests.pk, position="agree")
    refused("not_holder", actions.proposal_close, actor=cast.gil, proposal_id=answered.pk)
    refused("not_holder", actions.meeting_schedule, actor=cast.gil, space_id=three.pk,
            title="Come back", starts_at=answered.created_at)
    refused("not_in_space", actions.comment_add, actor=cast.gil, space_id=three.pk,
            body="We still think so.")


# --- a guest's proposal in an own space ----------------------------------------------------


@pytest.fixture
def guest_proposal(cast, own):
    """Gil's carers forum, a guest allowed to propose, proposes; it gives its own view."""
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                       title="Pay carers for their time")
    actions.position_give(actor=cast.gil, proposal_id=proposal.pk, party=cast.guests.pk,
                          position="agree")
    return proposal


def test_a_removed_guest_cannot_amend_or_withdraw(cast, own, guest_proposal):
    """The council stops involving the carers forum: Gil can no longer change or take back
    the forum's proposal, the refusal says who ended its time, and nothing is written."""
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    entries = LedgerEntry.objects.count()
    error = refused("not_in_space", actions.proposal_amend, actor=cast.gil,
                    proposal_id=guest_proposal.pk, body="And their travel.")
    assert error.status == 403 and error.message.startswith(REMOVED)
    error = refused("not_in_space", actions.proposal_withdraw, actor=cast.gil,
                    proposal_id=guest_proposal.pk)
    assert error.message.startswith(REMOVED)
    guest_proposal.refresh_from_db()
    assert guest_proposal.state == "open" and guest_proposal.version == 1
    assert positions_of(guest_proposal) == {cast.guests.pk: "agree"}
    assert LedgerEntry.objects.count() == entries


def test_the_host_still_decides_a_removed_guests_proposal(cast, own, guest_proposal):
    """In its own space the host's answer ends it, as for any proposal there."""
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    actions.position_give(actor=cast.carol, proposal_id=guest_proposal.pk,
                          party=cast.council.pk, position="agree")
    guest_proposal.refresh_from_db()
    assert guest_proposal.state == "passed"


def test_a_guest_that_left_is_told_it_left(cast, own, guest_proposal):
    actions.space_leave(actor=cast.gil, space_id=own.pk, party_id=cast.guests.pk)
    error = refused("not_in_space", actions.proposal_withdraw, actor=cast.gil,
                    proposal_id=guest_proposal.pk)
    assert error.message.startswith(LEFT)


def test_a_guest_no_longer_allowed_to_propose_cannot_amend_or_withdraw(cast, own,
                                                                       guest_proposal):
    """A guest proposes under the host's `propose` permission; once the host takes it away,
    the guest's proposals are the host's to decide, not the guest's to change."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment", "give_views"])
    for action, kwargs in ((actions.proposal_amend, {"title": "Changed"}),
                           (actions.proposal_withdraw, {})):
        error = refused("guest_permission_missing", action, actor=cast.gil,
                        proposal_id=guest_proposal.pk, **kwargs)
        assert "no longer lets guests make proposals" in error.message
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment", "propose", "give_views"])
    actions.proposal_withdraw(actor=cast.gil, proposal_id=guest_proposal.pk)


def test_a_guests_proposal_in_a_space_that_became_shared(cast, own, guest_proposal):
    """The host lets another group hold its space too, so it becomes shared, where only
    holders propose: the guest's proposal is the holders' to decide now."""
    add = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="add_holder",
                                  title="Share it", party=cast.outsiders.pk)
    actions.position_give(actor=cast.carol, proposal_id=add.pk, party=cast.council.pk,
                          position="agree")
    accept_all(own, cast)
    own.refresh_from_db()
    assert own.is_shared
    guest_proposal.refresh_from_db()
    assert guest_proposal.state == "open"
    refused("not_holder", actions.proposal_amend, actor=cast.gil,
            proposal_id=guest_proposal.pk, title="Changed")
    refused("not_holder", actions.proposal_withdraw, actor=cast.gil,
            proposal_id=guest_proposal.pk)


def test_a_proposer_who_left_the_group_cannot_act_for_it(cast, shared):
    """The proposal is the group's: a person who has left the group that made it no longer
    speaks for it, even while still in the space through another group (rule 9)."""
    proposal = actions.proposal_submit(actor=cast.owen, space_id=shared.pk, kind="decision",
                                       title="Meet on Tuesdays")
    actions.party_member_add(actor=cast.sam, party_id=cast.group.pk, email=cast.owen.email,
                             roles=["member"])
    actions.party_member_remove(actor=cast.carol, party_id=cast.council.pk,
                                person_id=cast.owen.pk)
    for action, kwargs in ((actions.proposal_amend, {"title": "Changed"}),
                           (actions.proposal_withdraw, {})):
        error = refused("not_member", action, actor=cast.owen, proposal_id=proposal.pk,
                        **kwargs)
        assert "no longer in the group that made this proposal" in error.message


def test_someone_else_is_still_told_only_the_proposer_may(cast, three, answered):
    """The proposer check comes first, as before: a remaining holder's person is told only
    the proposer changes it, not anything about the proposing group."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    refused("not_proposer", actions.proposal_amend, actor=cast.carol, proposal_id=answered.pk,
            title="Ours now")
    refused("not_proposer", actions.proposal_withdraw, actor=cast.sam, proposal_id=answered.pk)


def test_a_current_holder_still_amends_and_withdraws(cast, three, answered):
    """Nothing changes for a group still holding the space."""
    actions.proposal_amend(actor=cast.gil, proposal_id=answered.pk, title="Meet at the hall")
    answered.refresh_from_db()
    assert answered.version == 2 and positions_of(answered) == {}
    actions.proposal_withdraw(actor=cast.gil, proposal_id=answered.pk)
    answered.refresh_from_db()
    assert answered.state == "withdrawn"
