"""No entry, no change (DESIGN §4 rule 1): a crash anywhere inside an action leaves
nothing half-written — no ledger entry and no governed row changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest

from sharedspace.governance import actions, ledger
from sharedspace.governance.actions import spaces
from sharedspace.governance.models import FundEntry

from .conftest import pass_proposal, snapshot


class Crash(Exception):
    """The crash a test causes on purpose."""


def crashes_cleanly(call: Callable[[], Any]) -> None:
    before = snapshot()
    with pytest.raises(Crash):
        call()
    assert snapshot() == before, "a crash left something half-written"
    assert ledger.verify_all().ok


def failing_append(on_call: int) -> Callable[..., Any]:
    """A ledger.append that works ``on_call - 1`` times, then crashes."""
    real = ledger.append
    calls = {"n": 0}

    def append(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == on_call:
            raise Crash
        return real(**kwargs)

    return append


@pytest.mark.parametrize("on_call", [1, 2, 3])
def test_crash_while_passing_and_taking_effect(cast, shared, on_call):
    """The last vote on a close proposal writes the vote, the outcome and the closing: a
    crash at any of those appends undoes the vote, the position and the outcome."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="close", title="End")
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    actions.position_give(actor=cast.sam, proposal_id=p.pk, party=cast.group.pk,
                          position="agree")
    with mock.patch.object(ledger, "append", failing_append(on_call)):
        crashes_cleanly(lambda: actions.position_give(
            actor=cast.mo, proposal_id=p.pk, party=cast.group.pk, position="agree"))
    p.refresh_from_db()
    shared.refresh_from_db()
    assert (p.state, shared.state) == ("open", "active")


def test_crash_after_the_entry_is_written(cast, shared):
    """A crash after the ledger entry (in the close that a passed proposal causes) also
    takes the entry back."""
    pass_proposal(cast, shared, kind="decision")  # some history before the crash
    close = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="close",
                                    title="End")
    actions.position_give(actor=cast.carol, proposal_id=close.pk, party=cast.council.pk,
                          position="agree")
    actions.position_give(actor=cast.sam, proposal_id=close.pk, party=cast.group.pk,
                          position="agree")
    with mock.patch.object(spaces, "close_space", side_effect=Crash):
        crashes_cleanly(lambda: actions.position_give(
            actor=cast.mo, proposal_id=close.pk, party=cast.group.pk, position="agree"))


def test_crash_in_the_middle_of_spending(cast, shared):
    """Shares drawn down but the spending not recorded: the crash undoes the draw."""
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group)):
        actions.fund_commit(actor=who, space_id=shared.pk, party=party.pk, amount="50")
    p = pass_proposal(cast, shared, kind="spend", amount="30")
    with mock.patch.object(FundEntry.objects, "create", side_effect=Crash):
        crashes_cleanly(lambda: actions.fund_spend(actor=cast.carol, space_id=shared.pk,
                                                   amount="30", proposal=p.pk))
    p.refresh_from_db()
    assert p.spent_at is None  # still spendable, once


@pytest.mark.parametrize("on_call", [1, 2, 3])
def test_crash_while_leaving_closes(cast, shared, on_call):
    """Leaving writes `space.leave`, lapses open proposals and closes: a crash at any
    point leaves the party still holding an open space."""
    actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="Open")
    with mock.patch.object(ledger, "append", failing_append(on_call)):
        crashes_cleanly(lambda: actions.space_leave(actor=cast.sam, space_id=shared.pk,
                                                    party_id=cast.group.pk))


def test_crash_in_a_listener(cast, shared):
    """A listener (the audit's counters) failing undoes the action it listened to."""

    def listener(entry: Any, payload: Any) -> None:
        raise Crash

    ledger.register_listener(listener)
    try:
        crashes_cleanly(lambda: actions.comment_add(actor=cast.mo, space_id=shared.pk,
                                                    body="Hello"))
    finally:
        ledger._listeners.remove(listener)


@pytest.mark.parametrize("call", ["party_update", "party_member_add", "invitation_accept",
                                  "fund_commit", "outside_decision_record"])
def test_crash_at_the_append_of_any_action(cast, shared, own, call):
    """Every action writes its change and its entry together, or neither."""
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                      party_id=cast.group.pk)
    calls = {
        "party_update": lambda: actions.party_update(actor=cast.sam, party_id=cast.group.pk,
                                                     decision_rule="all"),
        "party_member_add": lambda: actions.party_member_add(
            actor=cast.sam, party_id=cast.group.pk, email="new@example.org", roles=["member"]),
        "invitation_accept": lambda: actions.invitation_accept(actor=cast.sam,
                                                               invitation_id=invitation.pk),
        "fund_commit": lambda: actions.fund_commit(actor=cast.carol, space_id=shared.pk,
                                                   party=cast.council.pk, amount="5"),
        "outside_decision_record": lambda: actions.outside_decision_record(
            actor=cast.mo, space_id=shared.pk, made_by=cast.council.pk, summary="Elsewhere"),
    }
    with mock.patch.object(ledger, "append", side_effect=Crash):
        crashes_cleanly(calls[call])
