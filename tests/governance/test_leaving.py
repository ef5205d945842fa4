"""Exit is a right, never a weapon; closing is for good (DESIGN §4 rules 5, 7 and 8).

Any holder may leave at any time; fewer than two holders closes a shared space; a closed
space refuses every action with ``space_closed`` and deletes nothing; former holders keep
reading everything up to the moment they left, and every chain still verifies.
"""

from __future__ import annotations

from typing import Any

import pytest

from sharedspace.governance import actions, ledger, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.exceptions import GovernanceError

from .conftest import accept_all, pass_proposal, refused, snapshot, watch


@pytest.fixture
def three(cast, shared):
    """The shared space with the carers forum as a third holder."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    return shared


def test_any_holder_may_leave_and_the_rest_carry_on(cast, three):
    """One of three holders leaves: the space stays shared and active with two."""
    with watch() as written:
        actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    assert written.actions == ["space.leave"]
    three.refresh_from_db()
    assert three.state == "active" and three.kind == "shared"
    assert pol.holder_ids(three) == [cast.council.pk, cast.group.pk]
    assert pol.relation(three, cast.guests) == pol.FORMER_HOLDER


def test_former_holder_reads_but_cannot_act(cast, three):
    """A party that left keeps reading the space, its fund and ledger, and cannot act."""
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    view = selectors.space_get(viewer=cast.gil, space_id=three.pk)
    assert (view.relation, view.label) == ("former_holder", "shared_space")
    assert view.former_holders == [cast.guests.pk]
    assert selectors.ledger_verify(viewer=cast.gil, space_id=three.pk).ok
    refused("not_holder", actions.proposal_submit, actor=cast.gil, space_id=three.pk,
            kind="decision", title="Come back")
    refused("not_in_space", actions.space_leave, actor=cast.gil, space_id=three.pk,
            party_id=cast.guests.pk)


def test_only_a_coordinator_takes_a_party_out(cast, shared):
    """Leaving is the party's act: its coordinator's, not any member's."""
    refused("not_coordinator", actions.space_leave, actor=cast.mo, space_id=shared.pk,
            party_id=cast.group.pk)
    refused("not_member", actions.space_leave, actor=cast.carol, space_id=shared.pk,
            party_id=cast.group.pk)


def test_no_holder_can_be_removed_by_others(cast, three):
    """Removing a holder is refused to everyone, always (CONTRACT 403)."""
    for who in (cast.carol, cast.sam, cast.gil):
        for party in (cast.council, cast.group, cast.guests):
            refused("holder_cannot_be_removed", actions.holder_remove, actor=who,
                    space_id=three.pk, party_id=party.pk)


# --- a closed space ---------------------------------------------------------------------------


def row_ids() -> dict[str, set[Any]]:
    return {name: {r["id"] for r in rows} for name, rows in snapshot().items()
            if rows and "id" in rows[0]}


@pytest.fixture
def closed(cast, shared_guest) -> dict[str, Any]:
    """A shared space with a bit of everything, closed by the group leaving."""
    space = shared_guest
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group)):
        actions.fund_commit(actor=who, space_id=space.pk, party=party.pk, amount="50")
    spend = pass_proposal(cast, space, kind="spend", amount="20")
    pass_proposal(cast, space, kind="add_guest", party=cast.outsiders.pk)  # left unanswered
    things = {
        "space": space,
        "open": actions.proposal_submit(actor=cast.sam, space_id=space.pk, kind="decision",
                                        title="Still open"),
        "spend": spend,
        "by_council": actions.outside_decision_record(
            actor=cast.mo, space_id=space.pk, made_by=cast.council.pk, summary="Elsewhere"),
        "by_group": actions.outside_decision_record(
            actor=cast.owen, space_id=space.pk, made_by=cast.group.pk, summary="Elsewhere"),
        "invitation": space.invitations.get(party=cast.outsiders, state="open"),
    }
    before = row_ids()
    with watch() as written:
        actions.space_leave(actor=cast.sam, space_id=space.pk, party_id=cast.group.pk)
    things["written"] = written
    for name, ids in before.items():
        assert ids <= row_ids()[name], f"closing deleted {name} rows"
    space.refresh_from_db()
    return things


def test_fewer_than_two_holders_closes_the_space(cast, closed):
    """The group leaves a two-holder space: it closes; open proposals lapse; open
    invitations are withdrawn; money not spent goes back; nothing is deleted."""
    space, written = closed["space"], closed["written"]
    # Each group's unspent money goes back to it as the space closes (ADR 39).
    assert written.actions == ["space.leave", "proposal.resolve", "fund.return", "fund.return",
                               "space.close"]
    assert written.one("space.close")["data"] == {"why": "fewer_than_two_holders"}
    assert written.one("proposal.resolve")["data"]["why"] == "space_closed"
    assert space.state == "closed" and space.closed_at is not None
    closed["open"].refresh_from_db()
    closed["invitation"].refresh_from_db()
    assert closed["open"].state == "lapsed"
    assert closed["invitation"].state == "withdrawn"
    assert ledger.verify_all().ok


def every_action(cast: Any, c: dict[str, Any], who: Any, party: Any) -> list[tuple[Any, dict]]:
    """Every governed action, aimed at the closed space, done by ``who`` for ``party``."""
    space = c["space"].pk
    p, spend = c["open"].pk, c["spend"].pk
    return [
        (actions.proposal_submit, dict(space_id=space, kind="decision", title="More")),
        (actions.position_give, dict(proposal_id=p, party=party.pk, position="agree")),
        (actions.proposal_amend, dict(proposal_id=p, title="Changed")),
        (actions.proposal_close, dict(proposal_id=p)),
        (actions.proposal_withdraw, dict(proposal_id=p)),
        (actions.guest_invite, dict(space_id=space, party_id=cast.outsiders.pk)),
        (actions.guest_remove, dict(space_id=space, party_id=cast.guests.pk)),
        (actions.space_leave, dict(space_id=space, party_id=party.pk)),
        (actions.space_settings_update, dict(space_id=space, title="New")),
        (actions.comment_add, dict(space_id=space, body="Hello?")),
        (actions.fund_commit, dict(space_id=space, party=party.pk, amount="5")),
        (actions.fund_withdraw, dict(space_id=space, party=party.pk, amount="5")),
        (actions.fund_spend, dict(space_id=space, amount="20", proposal=spend)),
        (actions.outside_decision_record, dict(space_id=space, made_by=party.pk,
                                               summary="Later")),
        (actions.outside_decision_confirm, dict(decision_id=c["by_council"].pk)),
        (actions.outside_decision_dispute, dict(decision_id=c["by_group"].pk)),
    ]


@pytest.mark.parametrize("who", ["carol", "owen", "sam", "mo", "gil"])
def test_closed_space_refuses_every_action(cast, closed, who):
    """Whoever asks (a remaining holder, the one that left, a guest), a closed space
    refuses every action with `space_closed`, and nothing changes."""
    actor = getattr(cast, who)
    party = {"carol": cast.council, "owen": cast.council, "sam": cast.group,
             "mo": cast.group, "gil": cast.guests}[who]
    for action, kwargs in every_action(cast, closed, actor, party):
        refused("space_closed", action, actor=actor, **kwargs)
    refused("space_closed", actions.invitation_accept, actor=cast.olive,
            invitation_id=closed["invitation"].pk)
    refused("space_closed", actions.invitation_decline, actor=cast.olive,
            invitation_id=closed["invitation"].pk)


def test_closed_space_stays_readable_to_everyone_who_was_in_it(cast, closed):
    """Everything stays readable to holders, former holders and guests; the ledger
    verifies; outsiders see nothing."""
    space = closed["space"]
    for who in (cast.carol, cast.sam, cast.mo, cast.gil):
        view = selectors.space_get(viewer=who, space_id=space.pk)
        assert view.space.state == "closed"
        # Every movement of money stays readable, with each group's money given back.
        fund = selectors.fund_get(viewer=who, space_id=space.pk)
        assert [e.kind for e in fund.entries] == ["commitment", "commitment", "return", "return"]
        assert sum(fund.committed_by.values()) == 100 and fund.balance == 0
        assert len(selectors.proposals_for(viewer=who, space_id=space.pk)) >= 4
        assert len(selectors.outside_decisions_for(viewer=who, space_id=space.pk)) == 2
        entries, _ = selectors.ledger_page(viewer=who, space_id=space.pk)
        assert entries[-1]["action"] == "space.close"
        assert selectors.ledger_verify(viewer=who, space_id=space.pk).ok
    with pytest.raises(GovernanceError) as caught:
        selectors.space_get(viewer=cast.olive, space_id=space.pk)
    assert caught.value.code == "not_found"


def test_deadlines_pass_a_closed_space_by(cast, closed, clock):
    """The deadline sweep never touches a closed space."""
    clock.advance(days=365)
    with watch() as written:
        actions.proposals_resolve_due()
    assert written.entries == []


def test_host_leaving_closes_its_own_space(cast, own):
    """The host leaves its own space: it closes; the guest keeps reading."""
    with watch() as written:
        actions.space_leave(actor=cast.carol, space_id=own.pk, party_id=cast.council.pk)
    assert written.one("space.close")["data"] == {"why": "host_left"}
    own.refresh_from_db()
    assert own.state == "closed"
    assert selectors.space_get(viewer=cast.gil, space_id=own.pk).relation == "guest"


def test_guest_may_leave_an_own_space(cast, own):
    """A guest leaves when it wants to; the host's space goes on."""
    actions.space_leave(actor=cast.gil, space_id=own.pk, party_id=cast.guests.pk)
    own.refresh_from_db()
    assert own.state == "active"
    assert selectors.space_get(viewer=cast.gil, space_id=own.pk).label == "your_space"


def test_a_group_that_left_an_open_space_can_still_take_its_money_back(cast, three):
    """Leaving keeps the space open for the other two, and the group's unspent money stays
    in the fund, where spending draws on it as on every group's (DESIGN rule 10). Exit is
    not a trap: the group that left can still take back what is unspent, and it is
    recorded as its own act."""
    actions.fund_commit(actor=cast.gil, space_id=three.pk, party=cast.guests.pk, amount="50")
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    with watch() as written:
        actions.fund_withdraw(actor=cast.gil, space_id=three.pk, party=cast.guests.pk,
                              amount="50")
    assert written.actions == ["fund.withdraw"]
    assert written.one("fund.withdraw")["data"]["unilateral"] is True
    assert selectors.fund_get(viewer=cast.gil, space_id=three.pk).unspent_by[
        cast.guests.pk] == 0
    refused("more_than_unspent", actions.fund_withdraw, actor=cast.gil, space_id=three.pk,
            party=cast.guests.pk, amount="1")
