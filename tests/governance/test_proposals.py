"""Decisions by consent in the database (DESIGN §4 rule 5, §4a; CONTRACT proposals).

Deadlines, amendments, closing, and what each kind of proposal does when it passes (and
does not do when it does not).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from sharedspace.governance import actions, ledger
from sharedspace.governance import policies as pol
from sharedspace.governance.actions.proposals import resolve
from sharedspace.governance.models import Comment, Invitation, LedgerEntry

from .conftest import CHARTER, accept_all, agree_all, pass_proposal, refused, watch


def give(cast, proposal, who, position, reason=""):
    party = cast.council if who in ("carol", "owen") else cast.group
    actions.position_give(actor=getattr(cast, who), proposal_id=proposal.pk, party=party.pk,
                          position=position, reason=reason)
    proposal.refresh_from_db()
    return proposal


def submit(cast, space, closes_at=None, **kwargs):
    kwargs.setdefault("kind", "decision")
    kwargs.setdefault("title", "Meet on Tuesdays")
    return actions.proposal_submit(actor=kwargs.pop("actor", cast.carol), space_id=space.pk,
                                   closes_at=closes_at, **kwargs)


# --- passing the moment every holder's position is in ------------------------------------------


def test_passes_the_moment_the_last_holder_answers(cast, shared):
    """Every holder answered, none objects, one agrees: it passes at that moment."""
    p = submit(cast, shared)
    give(cast, p, "sam", "stand_aside")
    assert give(cast, p, "mo", "stand_aside").state == "open"  # group stands aside
    with watch() as written:
        assert give(cast, p, "carol", "agree").state == "passed"
    resolve = written.one("proposal.resolve")
    assert resolve["data"] == {"proposal": p.pk, "version": 1, "outcome": "passed",
                               "why": "positions",
                               "positions": {cast.council.pk: "agree",
                                             cast.group.pk: "stand_aside"}}


def test_an_objection_keeps_it_open(cast, shared):
    """An objection does not end the proposal: it stays open for amendment."""
    p = submit(cast, shared)
    give(cast, p, "carol", "object", "Too soon.")
    give(cast, p, "sam", "agree")
    assert give(cast, p, "mo", "agree").state == "open"
    assert p.positions.get(party=cast.council).reason == "Too soon."


def test_object_needs_a_reason(cast, shared):
    """An objection without a reason is refused as bad input (CONTRACT 422)."""
    p = submit(cast, shared)
    error = refused("reason_required", actions.position_give, actor=cast.carol,
                    proposal_id=p.pk, party=cast.council.pk, position="object")
    assert error.status == 422 and "reason" in error.fields


def test_positions_may_change_while_open(cast, shared):
    """A party may change its position while the proposal is open; the latest counts."""
    p = submit(cast, shared)
    give(cast, p, "carol", "object", "Too soon.")
    give(cast, p, "sam", "agree")
    give(cast, p, "mo", "agree")
    assert give(cast, p, "carol", "agree").state == "passed"


def test_group_position_follows_its_majority(cast, shared):
    """The group (majority of 3) has no position after one vote; a 1-1 tie is an objection;
    a third agree makes it agree."""
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "agree")
    assert not p.positions.filter(party=cast.group).exists()
    give(cast, p, "mo", "object", "Not at night.")
    assert p.positions.get(party=cast.group).position == "object"
    assert give(cast, p, "ria", "agree").state == "passed"


def test_all_rule_needs_every_member(cast, shared):
    """Under `all`, the group agrees only once every member has agreed or stood aside."""
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, decision_rule="all")
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "agree")
    assert give(cast, p, "mo", "stand_aside").state == "open"
    assert give(cast, p, "ria", "agree").state == "passed"


def test_all_rule_counts_the_members_there_now(clock, cast, shared):
    """Under `all`, "every member" is every member the party has now: someone who joins
    after the proposal opened cannot stand in for a member who has not answered, and
    someone who left is not waited for."""
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, decision_rule="all")
    clock.advance(minutes=1)
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    clock.advance(minutes=1)
    dee = actions.party_member_add(actor=cast.sam, party_id=cast.group.pk,
                                   email="dee@example.org", roles=["member"]).person
    for who in (cast.sam, cast.mo, dee):
        actions.position_give(actor=who, proposal_id=p.pk, party=cast.group.pk,
                              position="agree")
    p.refresh_from_db()
    assert p.state == "open" and not p.positions.filter(party=cast.group).exists()  # Ria?
    actions.party_member_remove(actor=cast.ria, party_id=cast.group.pk, person_id=cast.ria.pk)
    actions.position_give(actor=dee, proposal_id=p.pk, party=cast.group.pk, position="agree")
    p.refresh_from_db()
    assert p.state == "passed"  # Sam, Mo and Dee are every member now


def test_majority_quorum_counts_the_members_when_it_opened(clock, cast, shared):
    """A majority's default quorum is more than half of the members when the proposal
    opened: two of three, even after a fourth joins."""
    clock.advance(minutes=1)
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    clock.advance(minutes=1)
    actions.party_member_add(actor=cast.sam, party_id=cast.group.pk,
                             email="dee@example.org", roles=["member"])
    give(cast, p, "sam", "agree")
    assert give(cast, p, "mo", "agree").state == "passed"


def test_speaker_rule_refuses_a_non_speaker(cast, shared):
    """The council decides through its speaker: Owen, a member, cannot give its position."""
    p = submit(cast, shared)
    refused("not_a_speaker", actions.position_give, actor=cast.owen, proposal_id=p.pk,
            party=cast.council.pk, position="agree")
    actions.party_member_set_roles(actor=cast.carol, party_id=cast.council.pk,
                                   person_id=cast.owen.pk, roles=["member", "speaker"])
    give(cast, p, "owen", "agree")
    assert p.positions.get(party=cast.council).position == "agree"


def test_guest_answers_in_a_shared_space_never_bind(cast):
    """A guest allowed to give views in a shared space is heard, never counted: its
    objection does not hold the proposal open."""
    space = actions.space_create(
        actor=cast.carol, title="Parks", purpose="Better parks",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction",
        charter=CHARTER, guest_permissions=["view", "give_views"],
    )
    accept_all(space, cast)
    pass_proposal(cast, space, kind="add_guest", party=cast.guests.pk)
    accept_all(space, cast)
    p = submit(cast, space)
    with watch() as written:
        actions.position_give(actor=cast.gil, proposal_id=p.pk, party=cast.guests.pk,
                              position="object", reason="Not for us.")
    assert written.one("vote.cast")["data"]["binding"] is False
    assert agree_all(cast, p).state == "passed"
    view = p.positions.get(party=cast.guests)
    assert (view.position, view.binding) == ("object", False)


# --- amending -----------------------------------------------------------------------------


def test_amend_resets_every_position(cast, shared):
    """Amending makes a new version; no one's earlier answer counts for it."""
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "object", "Tuesdays are bad.")
    give(cast, p, "mo", "object", "Tuesdays are bad.")
    with watch() as written:
        p = actions.proposal_amend(actor=cast.carol, proposal_id=p.pk, title="Meet on Thursdays")
    assert written.one("proposal.amend")["data"]["version"] == 2
    assert p.version == 2 and not p.positions.filter(version=2).exists()
    give(cast, p, "sam", "agree")
    assert not p.positions.filter(version=2, party=cast.group).exists()  # old votes gone
    give(cast, p, "mo", "agree")
    assert p.state == "open"  # the council's agreement to version 1 does not count
    assert give(cast, p, "carol", "agree").state == "passed"


def test_only_spend_proposals_have_an_amount(cast, shared):
    """Amending a spending proposal's amount is allowed; giving others one is bad input."""
    p = submit(cast, shared)
    refused("invalid_input", actions.proposal_amend, actor=cast.carol, proposal_id=p.pk,
            amount="5")
    spend = submit(cast, shared, kind="spend", amount="10")
    spend = actions.proposal_amend(actor=cast.carol, proposal_id=spend.pk, amount="12.5")
    assert str(spend.amount) == "12.50"


# --- deadlines -------------------------------------------------------------------------------


def test_deadline_silence_is_never_consent(cast, shared, clock):
    """The council agrees, the group says nothing: at the deadline it lapses."""
    p = submit(cast, shared, closes_at=clock.moment + dt.timedelta(days=7))
    give(cast, p, "carol", "agree")
    clock.advance(days=6)
    assert actions.proposals_resolve_due() == 0
    clock.advance(days=1)
    with watch() as written:
        assert actions.proposals_resolve_due() == 1
    p.refresh_from_db()
    assert p.state == "lapsed"
    resolve = written.one("proposal.resolve")
    assert resolve["actor"] == {"person": None, "party": None}
    assert resolve["data"]["why"] == "deadline" and resolve["data"]["outcome"] == "lapsed"
    assert actions.proposals_resolve_due() == 0  # once only


def test_deadline_blocks_on_a_standing_objection(cast, shared, clock):
    """An objection still standing at the deadline blocks the proposal."""
    p = submit(cast, shared, closes_at=clock.moment + dt.timedelta(hours=1))
    give(cast, p, "carol", "object", "No money.")
    give(cast, p, "sam", "agree")
    give(cast, p, "mo", "agree")
    assert actions.proposals_resolve_due(at=clock.moment + dt.timedelta(hours=1)) == 1
    p.refresh_from_db()
    assert p.state == "blocked"


def test_deadline_lapses_when_every_holder_stood_aside(cast, shared, clock):
    """Everyone standing aside is no decision: it lapses."""
    p = submit(cast, shared, closes_at=clock.moment + dt.timedelta(hours=1))
    give(cast, p, "carol", "stand_aside")
    give(cast, p, "sam", "stand_aside")
    give(cast, p, "mo", "stand_aside")
    assert p.state == "open"
    clock.advance(hours=2)
    actions.proposals_resolve_due()
    p.refresh_from_db()
    assert p.state == "lapsed"


def test_deadline_lapses_below_a_partys_quorum(cast, shared, clock):
    """The group's one vote of three is below its quorum: the group has not answered."""
    p = submit(cast, shared, closes_at=clock.moment + dt.timedelta(hours=1))
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "agree")
    clock.advance(hours=1)
    actions.proposals_resolve_due()
    p.refresh_from_db()
    assert p.state == "lapsed"


def test_proposal_that_passed_is_not_touched_at_its_deadline(cast, shared, clock):
    """A proposal that already passed stays passed; the deadline writes nothing more."""
    p = submit(cast, shared, closes_at=clock.moment + dt.timedelta(hours=1))
    agree_all(cast, p)
    clock.advance(days=1)
    with watch() as written:
        assert actions.proposals_resolve_due() == 0
    assert written.entries == []


def test_resolve_due_can_be_limited_to_one_space(cast, shared, own, clock):
    """``space_id`` limits which proposals the deadline sweep looks at."""
    a = submit(cast, shared, closes_at=clock.moment + dt.timedelta(hours=1))
    b = submit(cast, own, closes_at=clock.moment + dt.timedelta(hours=1))
    clock.advance(hours=2)
    assert actions.proposals_resolve_due(space_id=own.pk) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, b.state) == ("open", "lapsed")


def test_own_space_deadline_without_the_host_lapses(cast, own, clock):
    """In an own space, guests' views alone never decide: without the host, it lapses."""
    p = submit(cast, own, closes_at=clock.moment + dt.timedelta(hours=1), actor=cast.gil)
    actions.position_give(actor=cast.gil, proposal_id=p.pk, party=cast.guests.pk,
                          position="agree")
    clock.advance(hours=1)
    actions.proposals_resolve_due()
    p.refresh_from_db()
    assert p.state == "lapsed"


@pytest.mark.parametrize("closes_at", ["past", "naive"])
def test_deadline_must_be_a_future_time_with_a_zone(cast, shared, clock, closes_at):
    """A deadline in the past, or without a time zone, is bad input."""
    value = (clock.moment - dt.timedelta(minutes=1) if closes_at == "past"
             else dt.datetime(2030, 1, 1, 12, 0))
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="decision", title="Late", closes_at=value)


# --- closing and withdrawing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [([], "lapsed"), ([("carol", "agree")], "lapsed"),
     ([("carol", "object", "No."), ("sam", "agree"), ("mo", "agree")], "blocked"),
     ([("carol", "stand_aside"), ("sam", "stand_aside"), ("mo", "stand_aside")], "lapsed")],
)
def test_close_resolves_as_at_the_deadline(cast, shared, answers, outcome):
    """A holder's person who takes part in its answer may close a proposal (Ria is a member
    of the self-advocates, who decide by their members); it ends as at its deadline."""
    p = submit(cast, shared)
    for answer in answers:
        give(cast, p, *answer)
    with watch() as written:
        actions.proposal_close(actor=cast.ria, proposal_id=p.pk)
    p.refresh_from_db()
    assert p.state == outcome
    resolve = written.one("proposal.resolve")
    assert resolve["data"]["why"] == "closed_by_holder"
    assert resolve["actor"] == {"person": cast.ria.pk, "party": cast.group.pk}
    refused("proposal_closed", actions.proposal_close, actor=cast.carol, proposal_id=p.pk)
    refused("proposal_closed", actions.position_give, actor=cast.carol, proposal_id=p.pk,
            party=cast.council.pk, position="agree")


def test_an_officer_who_cannot_answer_cannot_close_early(cast, shared):
    """Closing early ends every group's time to answer, so it is for those who take part in
    a holder's answer. Owen is a council officer, and the council answers through its
    speaker: refused, nothing written. An outsider cannot even see the proposal."""
    p = submit(cast, shared)
    refused("not_coordinator_or_speaker", actions.proposal_close, actor=cast.owen,
            proposal_id=p.pk)
    refused("not_found", actions.proposal_close, actor=cast.olive, proposal_id=p.pk)
    actions.proposal_close(actor=cast.carol, proposal_id=p.pk)  # coordinator and speaker
    p.refresh_from_db()
    assert p.state == "lapsed"


def test_withdrawn_proposal_takes_no_effect(cast, shared):
    """A withdrawn close proposal closes nothing."""
    p = submit(cast, shared, kind="close", title="Stop")
    actions.proposal_withdraw(actor=cast.carol, proposal_id=p.pk)
    p.refresh_from_db()
    shared.refresh_from_db()
    assert p.state == "withdrawn" and shared.state == "active"


# --- what each kind does when it passes --------------------------------------------------------


def test_add_guest_invites_and_the_guest_accepts(cast, shared):
    """A passed add_guest proposal invites the party; it is a guest only once it accepts."""
    with watch() as written:
        p = pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    invite = written.one("invitation.create")
    assert invite["data"]["proposal"] == p.pk and invite["data"]["as"] == "guest"
    assert pol.relation(shared, cast.guests) == pol.INVITED
    accept_all(shared, cast)
    assert pol.relation(shared, cast.guests) == pol.GUEST


@pytest.mark.parametrize("kind", ["add_guest", "add_holder"])
def test_a_passed_invitation_comes_from_its_proposer(cast, shared, kind):
    """Carol proposes for the council; Mo, of the self-advocates, gives the last answer.
    The invitation is the council's, by Carol (who proposed it), and its ledger entry names
    the same pair: not Mo, who does not speak for the council."""
    with watch() as written:
        p = pass_proposal(cast, shared, kind=kind, party=cast.guests.pk)
    last_answer = [e for e in written.entries if e["action"] == "vote.cast"][-1]
    assert last_answer["actor"] == {"person": cast.mo.pk, "party": cast.group.pk}
    invitation = Invitation.objects.get(via_proposal=p)
    assert (invitation.invited_by_person, invitation.invited_by_party) == (cast.carol,
                                                                           cast.council)
    entry = written.one("invitation.create")
    assert entry["actor"] == {"person": cast.carol.pk, "party": cast.council.pk}
    assert entry["data"] == {"invitation": invitation.pk, "party": cast.guests.pk,
                             "as": kind.removeprefix("add_"), "proposal": p.pk}


def test_an_invitation_passed_by_a_change_of_holders_comes_from_its_proposer(cast, shared):
    """The council and the self-advocates agree to invite the other charity; the carers
    forum, the third holder, leaves instead of answering, and so the proposal passes as Gil
    leaves. The invitation is still the council's, by Carol."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    p = submit(cast, shared, kind="add_guest", party=cast.outsiders.pk)
    for who in ("carol", "sam", "mo"):
        give(cast, p, who, "agree")
    assert p.state == "open"  # waiting for the carers forum
    with watch() as written:
        actions.space_leave(actor=cast.gil, space_id=shared.pk, party_id=cast.guests.pk)
    p.refresh_from_db()
    assert p.state == "passed"
    assert written.one("proposal.resolve")["actor"] == {"person": cast.gil.pk,
                                                        "party": cast.guests.pk}
    invitation = Invitation.objects.get(via_proposal=p)
    assert (invitation.invited_by_person, invitation.invited_by_party) == (cast.carol,
                                                                           cast.council)
    assert written.one("invitation.create")["actor"] == {"person": cast.carol.pk,
                                                         "party": cast.council.pk}


def test_an_invitation_that_passed_with_no_one_acting_comes_from_its_proposer(cast, shared):
    """Ended by no one (as a deadline ends a proposal: no actor), the invitation still
    names the proposer as well as the proposer's group."""
    p = submit(cast, shared, kind="add_guest", party=cast.guests.pk)
    for who in ("carol", "sam"):
        give(cast, p, who, "agree")
    with watch() as written, transaction.atomic():
        resolve(p, shared, "passed", why="deadline", actor=None, party=None)
    assert written.one("proposal.resolve")["actor"] == {"person": None, "party": None}
    invitation = Invitation.objects.get(via_proposal=p)
    assert (invitation.invited_by_person, invitation.invited_by_party) == (cast.carol,
                                                                           cast.council)
    assert written.one("invitation.create")["actor"] == {"person": cast.carol.pk,
                                                         "party": cast.council.pk}


def test_remove_guest_by_passed_proposal(cast, shared_guest):
    """A passed remove_guest proposal ends the guest's involvement, and says so."""
    with watch() as written:
        p = pass_proposal(cast, shared_guest, kind="remove_guest", party=cast.guests.pk)
    assert written.one("guest.remove")["data"] == {
        "party": cast.guests.pk, "proposal": p.pk, "what_happened": "stopped_involving"}
    assert pol.relation(shared_guest, cast.guests) == pol.FORMER_GUEST


def test_blocked_remove_guest_leaves_the_guest(cast, shared_guest):
    """A remove_guest proposal that does not pass removes no one."""
    p = submit(cast, shared_guest, kind="remove_guest", party=cast.guests.pk)
    give(cast, p, "sam", "object", "They help us.")
    give(cast, p, "mo", "object", "They help us.")
    actions.proposal_close(actor=cast.carol, proposal_id=p.pk)
    assert pol.relation(shared_guest, cast.guests) == pol.GUEST


def test_charter_changes_only_by_passed_proposal(cast, shared):
    """The charter changes when a charter proposal passes, with its digest in the ledger."""
    new = {"purpose": "Run the day service together.", "payment": "Everyone is paid."}
    p = submit(cast, shared, kind="charter", title="New charter", charter=new)
    give(cast, p, "carol", "agree")
    shared.refresh_from_db()
    assert shared.charter == CHARTER  # not yet
    with watch() as written:
        give(cast, p, "sam", "agree")
        give(cast, p, "mo", "agree")
    assert written.one("charter.change")["data"] == {
        "proposal": p.pk, "charter_sha256": ledger.digest(ledger.canonical(new))}
    shared.refresh_from_db()
    assert shared.charter == new


def test_close_proposal_closes_the_space(cast, shared):
    """A passed close proposal closes the space for good; nothing is deleted."""
    entries = LedgerEntry.objects.filter(chain=shared.pk).count()
    with watch() as written:
        pass_proposal(cast, shared, kind="close", title="We are done")
    assert written.one("space.close")["data"] == {"why": "passed_proposal"}
    shared.refresh_from_db()
    assert shared.state == "closed" and shared.close_reason == "passed_proposal"
    assert LedgerEntry.objects.filter(chain=shared.pk).count() > entries
    assert pol.holder_ids(shared) == [cast.council.pk, cast.group.pk]  # still its holders


def test_remove_content_hides_but_keeps(cast, shared):
    """A passed remove_content proposal hides a comment; its text is kept."""
    comment = actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Rude words")
    with watch() as written:
        p = pass_proposal(cast, shared, kind="remove_content", content=comment.pk)
    assert written.one("content.remove")["data"] == {"comment": comment.pk, "proposal": p.pk}
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.removed_at is not None and comment.body == "Rude words"


def test_add_holder_makes_a_three_party_shared_space(cast, shared):
    """A passed add_holder proposal invites the party as an equal; once it accepts, every
    later proposal needs its position too."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    assert pol.holder_ids(shared) == [cast.council.pk, cast.group.pk, cast.guests.pk]
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "agree")
    assert give(cast, p, "mo", "agree").state == "open"  # waiting for the carers forum
    actions.position_give(actor=cast.gil, proposal_id=p.pk, party=cast.guests.pk,
                          position="agree")
    p.refresh_from_db()
    assert p.state == "passed"


def test_own_space_becomes_shared_when_a_holder_joins(cast, own):
    """The host proposes its guest as a second holder: once it accepts, the space is shared
    and the host can no longer act alone."""
    pass_proposal(cast, own, kind="add_holder", party=cast.guests.pk)
    with watch() as written:
        accept_all(own, cast)
    assert written.one("space.become_shared")["data"] == {
        "holders": [cast.council.pk, cast.guests.pk]}
    own.refresh_from_db()
    assert own.kind == "shared"
    refused("needs_passed_proposal", actions.guest_invite, actor=cast.carol, space_id=own.pk,
            party_id=cast.group.pk)


def test_a_leaving_silent_holder_lets_the_rest_decide(cast, shared):
    """When a holder that never answered leaves, the others' consent is complete: it passes
    at that moment (the holders changed)."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    p = submit(cast, shared)
    give(cast, p, "carol", "agree")
    give(cast, p, "sam", "agree")
    give(cast, p, "mo", "agree")
    with watch() as written:
        actions.space_leave(actor=cast.gil, space_id=shared.pk, party_id=cast.guests.pk)
    assert written.one("proposal.resolve")["data"]["why"] == "holders_changed"
    p.refresh_from_db()
    assert p.state == "passed"


def test_proposal_needs_what_its_kind_needs(cast, shared):
    """A spend needs an amount, add_guest a party, charter a purpose: else bad input."""
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="spend", title="Buy")
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="add_guest", title="Invite")
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="charter", title="Rewrite", charter={"payment": "Yes"})
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="add_holder", title="Again", party=cast.group.pk)
    refused("invalid_input", actions.proposal_submit, actor=cast.carol, space_id=shared.pk,
            kind="shout", title="Loud")


@pytest.mark.parametrize("text", ["half a pair \ud800", "\udfff"])
def test_broken_text_is_bad_input_not_a_crash(cast, shared, text):
    """Text holding half of a character pair (possible in JSON: "\\ud800") cannot be stored
    or hashed: it is refused as bad input, naming the field, and nothing is written."""
    error = refused("invalid_input", actions.proposal_submit, actor=cast.mo,
                    space_id=shared.pk, kind="decision", title=text)
    assert "title" in error.fields
    refused("invalid_input", actions.comment_add, actor=cast.mo, space_id=shared.pk,
            body=text)
    refused("invalid_input", actions.person_create, email="zed@example.org", name=text)

