"""Every rule of DESIGN §4 in an own space, for every role (STYLE §7).

The council holds the space alone; the carers forum is its guest, allowed to view, comment,
propose and give views. The self-advocates are not in it at all. Each line of the table is the
expected result for every person (``OK`` or a refusal code); allowed actions are checked
against their ledger entry, refusals against every governance row (see ``roles.run_case``).
"""

from __future__ import annotations

import pytest

from sharedspace.governance import actions

from .conftest import refused, watch
from .roles import OK, cases, ids, row, run_case

NOT_IN_SPACE = {"sam": "not_found", "mo": "not_found", "ria": "not_found",
                "olive": "not_found"}

TABLE: dict[str, dict[str, str | None]] = {
    # Rule 3: the host and the guests it allowed to propose may propose.
    "proposal_submit": row(carol=OK, owen=OK, gil=OK, **NOT_IN_SPACE),
    # The host's speaker decides at once; a guest's answer is a view, never binding.
    "position_give": row(carol=OK, owen="not_a_speaker", gil=OK, **NOT_IN_SPACE),
    "position_give_for_another_party": row(carol="not_member", owen="not_member",
                                           gil="not_member", **NOT_IN_SPACE),
    "proposal_amend": row(carol=OK, owen="not_proposer", gil="not_proposer", **NOT_IN_SPACE),
    "proposal_withdraw": row(carol=OK, owen="not_proposer", gil="not_proposer",
                             **NOT_IN_SPACE),
    "proposal_close": row(carol=OK, owen="not_coordinator_or_speaker", gil="not_holder",
                          **NOT_IN_SPACE),
    # Rule 3: only the host, through its coordinators, invites and removes guests and
    # changes settings; removing a guest is always possible and recorded.
    "guest_invite": row(carol=OK, owen="not_host", gil="not_host", **NOT_IN_SPACE),
    "guest_remove": row(carol=OK, owen="not_host", gil="not_host", **NOT_IN_SPACE),
    "space_settings_update": row(carol=OK, owen="not_host", gil="not_host", **NOT_IN_SPACE),
    "holder_remove": row(carol="holder_cannot_be_removed", owen="holder_cannot_be_removed",
                         gil="holder_cannot_be_removed", **NOT_IN_SPACE),
    # Rule 7: the host leaving closes its own space; a guest may leave at any time.
    "space_leave": row(carol=OK, owen="not_coordinator", gil=OK, **NOT_IN_SPACE),
    "comment_add": row(carol=OK, owen=OK, gil=OK, **NOT_IN_SPACE),
    # Rule 10: anyone in the space may give; only the host spends its own fund.
    "fund_commit": row(carol=OK, owen="not_coordinator", gil=OK, **NOT_IN_SPACE),
    "fund_withdraw": row(carol=OK, owen="not_coordinator", gil=OK, **NOT_IN_SPACE),
    "fund_spend_without_proposal": row(carol=OK, owen="not_host", gil="not_host",
                                       **NOT_IN_SPACE),
    "fund_spend_passed_proposal": row(carol=OK, owen="not_host", gil="not_host",
                                      **NOT_IN_SPACE),
    # Rule 11: the holder records; only the named party answers, even from outside.
    "outside_decision_record": row(carol=OK, owen=OK, gil="not_holder", **NOT_IN_SPACE),
    "outside_decision_confirm": row(carol=OK, owen="not_named_party", gil="not_named_party",
                                    **NOT_IN_SPACE),
    "outside_decision_dispute": row(
        carol="not_named_party", owen="not_named_party", gil="not_named_party",
        # The self-advocates are named, so their speaker answers though they are not in
        # the space; their members who are not speakers cannot.
        sam=OK, mo="not_named_party", ria="not_named_party", olive="not_found"),
}
CASES = cases(TABLE)


@pytest.mark.parametrize(("action", "who", "expected"), CASES, ids=ids(CASES))
def test_own_space_rule(cast, own, action, who, expected):
    """Each person gets exactly the result the rules of power give their role."""
    run_case(cast, own, action, who, expected)


@pytest.fixture
def view_only(cast):
    """The council's own space with the carers forum as a guest that may only view."""
    space = actions.space_create(
        actor=cast.carol, title="Briefing", purpose="Tell people", holders=[cast.council.pk],
        claimed_approach="informing",
    )
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    return space


def test_guest_does_only_what_the_host_granted(cast, view_only):
    """Rule 3: a guest allowed only to view cannot comment, propose or give views."""
    assert view_only.guest_permissions == ["view"]
    refused("guest_permission_missing", actions.comment_add, actor=cast.gil,
            space_id=view_only.pk, body="Hello")
    refused("guest_permission_missing", actions.proposal_submit, actor=cast.gil,
            space_id=view_only.pk, kind="decision", title="Ask us")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=view_only.pk,
                                       kind="decision", title="Open on Saturdays")
    refused("guest_permission_missing", actions.position_give, actor=cast.gil,
            proposal_id=proposal.pk, party=cast.guests.pk, position="agree")


def test_host_grants_more_and_it_is_recorded(cast, view_only):
    """The host widens what guests may do; the ledger records the new permissions."""
    with watch() as written:
        actions.space_settings_update(actor=cast.carol, space_id=view_only.pk,
                                      guest_permissions=["comment", "view"])
    assert written.one("space.settings")["data"] == {"guest_permissions": ["view", "comment"]}
    actions.comment_add(actor=cast.gil, space_id=view_only.pk, body="Thank you")


def test_guest_views_never_decide(cast, own):
    """An own space's guests can all object: it does not block; the host decides alone."""
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                       title="Pay people for their time")
    actions.position_give(actor=cast.gil, proposal_id=proposal.pk, party=cast.guests.pk,
                          position="agree")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="No budget this year.")
    proposal.refresh_from_db()
    assert proposal.state == "blocked"  # the host said no, alone
    positions = {p.party_id: (p.position, p.binding) for p in proposal.positions.all()}
    assert positions == {cast.guests.pk: ("agree", False), cast.council.pk: ("object", True)}


@pytest.mark.parametrize(("position", "state"), [("agree", "passed"), ("object", "blocked"),
                                                 ("stand_aside", "lapsed")])
def test_host_position_ends_it_at_once(cast, own, position, state):
    """Own space: the host's binding position ends the proposal at once (CONTRACT)."""
    proposal = actions.proposal_submit(actor=cast.owen, space_id=own.pk, kind="decision",
                                       title="Move the meeting")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position=position, reason="Not now." if position == "object" else "")
    proposal.refresh_from_db()
    assert proposal.state == state
