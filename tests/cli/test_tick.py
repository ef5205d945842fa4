"""`sharedspace tick`: the periodic job that resolves proposals whose deadline has passed."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.utils import timezone

from sharedspace.governance import actions


def test_tick_resolves_overdue_proposals_and_prints_how_many(cli, cast, shared):
    """Once a deadline has passed, `tick` resolves that proposal (silence is never consent:
    it lapses) and prints `resolved: 1 proposal`; a second tick finds nothing."""
    deadline = timezone.now() + dt.timedelta(hours=1)
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet on Fridays",
        closes_at=deadline,
    )
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    assert cli("tick").out == "resolved: 0 proposals\n"
    later = deadline + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        result = cli("tick")
        again = cli("tick")
    assert (result.code, result.out) == (0, "resolved: 1 proposal\n")
    proposal.refresh_from_db()
    assert proposal.state == "lapsed"
    assert again.out == "resolved: 0 proposals\n"
