"""The running counters always equal a recount from the ledger (DESIGN §5).

Random sequences of governance actions, with random but mostly valid choices (refusals are
part of life: they change nothing), on a shared space and on an own space with a guest. After
each sequence the counters kept with every append must equal a fold over the stored entries,
and agree with the governance tables they summarise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharedspace.audit import audit_space, compare, recount
from sharedspace.audit.engine import stored
from sharedspace.audit.report import build_report
from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import (
    AgendaItem,
    FundShare,
    OutsideDecision,
    Proposal,
    Space,
    Tenure,
)

from .conftest import CHARTER, accept_all

AMOUNTS = ("10", "25.50", "100", "0.01")
KINDS = ("decision", "decision", "spend", "add_guest", "remove_guest", "add_holder", "close")
POSITIONS = ("agree", "agree", "object", "stand_aside")


def _voters(cast):
    return [(cast.carol, cast.council), (cast.owen, cast.council), (cast.sam, cast.group),
            (cast.mo, cast.group), (cast.ria, cast.group), (cast.gil, cast.guests),
            (cast.olive, cast.outsiders)]


def _coordinators(cast):
    return {cast.council.pk: cast.carol, cast.group.pk: cast.sam, cast.guests.pk: cast.gil,
            cast.outsiders.pk: cast.olive}


def _parties(cast):
    return [cast.council, cast.group, cast.guests, cast.outsiders]


def _open(space, data, **filters):
    found = list(Proposal.objects.filter(space=space, **filters).order_by("created_at", "id"))
    return data.draw(st.sampled_from(found)) if found else None


def op_submit(cast, space, data):
    person, _ = data.draw(st.sampled_from(_voters(cast)))
    kind = data.draw(st.sampled_from(KINDS))
    actions.proposal_submit(
        actor=person, space_id=space.pk, kind=kind, title="Something",
        amount=data.draw(st.sampled_from(AMOUNTS)) if kind == "spend" else None,
        party=data.draw(st.sampled_from(_parties(cast))).pk if "_" in kind else None)


def op_vote(cast, space, data):
    """Mostly a speaker of a party in the space; now and then anyone at all."""
    proposal = _open(space, data, state="open")
    if proposal is None:
        return
    speakers = {cast.council.pk: [cast.carol], cast.group.pk: [cast.sam, cast.mo, cast.ria],
                cast.guests.pk: [cast.gil], cast.outsiders.pk: [cast.olive]}
    present = pol.holder_ids(space) + pol.guest_ids(space)
    if present and data.draw(st.integers(0, 9)):
        party_id = data.draw(st.sampled_from(present))
        person = data.draw(st.sampled_from(speakers[party_id]))
    else:
        person, party = data.draw(st.sampled_from(_voters(cast)))
        party_id = party.pk
    actions.position_give(actor=person, proposal_id=proposal.pk, party=party_id,
                          position=data.draw(st.sampled_from(POSITIONS)), reason="Because")


def op_amend_withdraw_close(cast, space, data):
    proposal = _open(space, data, state="open")
    if proposal is None:
        return
    what = data.draw(st.sampled_from(("amend", "withdraw", "close")))
    if what == "amend":
        actions.proposal_amend(actor=proposal.proposed_by_person, proposal_id=proposal.pk,
                               title="Changed")
    elif what == "withdraw":
        actions.proposal_withdraw(actor=proposal.proposed_by_person, proposal_id=proposal.pk)
    else:
        person = data.draw(st.sampled_from((cast.carol, cast.sam)))
        actions.proposal_close(actor=person, proposal_id=proposal.pk)


def op_money(cast, space, data):
    party = data.draw(st.sampled_from(_parties(cast)[:3]))
    person = _coordinators(cast)[party.pk]
    amount = data.draw(st.sampled_from(AMOUNTS))
    what = data.draw(st.sampled_from(("commit", "commit", "withdraw", "spend")))
    if what == "commit":
        actions.fund_commit(actor=person, space_id=space.pk, party=party.pk, amount=amount)
    elif what == "withdraw":
        actions.fund_withdraw(actor=person, space_id=space.pk, party=party.pk, amount=amount)
    else:
        spend = _open(space, data, state="passed", kind="spend", spent_at__isnull=True)
        if spend is not None:
            actions.fund_spend(actor=cast.carol, space_id=space.pk, amount=spend.amount,
                               proposal=spend.pk)
        else:
            actions.fund_spend(actor=cast.carol, space_id=space.pk, amount=amount)


def op_outside(cast, space, data):
    waiting = list(OutsideDecision.objects.filter(space=space, state="unanswered"))
    if waiting and data.draw(st.booleans()):
        decision = data.draw(st.sampled_from(waiting))
        person = _coordinators(cast)[decision.made_by_id]
        answer = data.draw(st.sampled_from((actions.outside_decision_confirm,
                                            actions.outside_decision_dispute)))
        answer(actor=person, decision_id=decision.pk)
    else:
        person = data.draw(st.sampled_from((cast.carol, cast.sam, cast.gil)))
        maker = data.draw(st.sampled_from(_parties(cast)))
        actions.outside_decision_record(actor=person, space_id=space.pk, made_by=maker.pk,
                                        summary="Decided at the board")


def op_people(cast, space, data):
    what = data.draw(st.sampled_from(("comment", "invite", "answer", "remove", "settings")))
    party = data.draw(st.sampled_from(_parties(cast)))
    if what == "comment":
        person, _ = data.draw(st.sampled_from(_voters(cast)))
        actions.comment_add(actor=person, space_id=space.pk, body="A thought")
    elif what == "invite":
        actions.guest_invite(actor=cast.carol, space_id=space.pk, party_id=party.pk)
    elif what == "answer":
        invitation = space.invitations.filter(state="open").order_by("created_at").first()
        if invitation is not None:
            answer = data.draw(st.sampled_from((actions.invitation_accept,
                                                actions.invitation_decline)))
            answer(actor=_coordinators(cast)[invitation.party_id], invitation_id=invitation.pk)
    elif what == "remove":
        guests = pol.guest_ids(space)
        target = data.draw(st.sampled_from(guests)) if guests else party.pk
        actions.guest_remove(actor=cast.carol, space_id=space.pk, party_id=target)
    else:
        perms = data.draw(st.lists(st.sampled_from(("view", "comment", "propose",
                                                    "give_views")), unique=True))
        actions.space_settings_update(actor=cast.carol, space_id=space.pk,
                                      guest_permissions=perms)


def op_consent(cast, space, data):
    """A proposal every holder agrees to, so proposals pass and take effect often."""
    kind = data.draw(st.sampled_from(KINDS))
    holders = pol.holder_ids(space)
    speakers = {cast.council.pk: [cast.carol], cast.group.pk: [cast.sam, cast.mo],
                cast.guests.pk: [cast.gil], cast.outsiders.pk: [cast.olive]}
    if not holders:
        return
    proposer = speakers[data.draw(st.sampled_from(holders))][0]
    proposal = actions.proposal_submit(
        actor=proposer, space_id=space.pk, kind=kind, title="Together",
        amount=data.draw(st.sampled_from(AMOUNTS)) if kind == "spend" else None,
        party=data.draw(st.sampled_from(_parties(cast))).pk if "_" in kind else None)
    for holder in holders:
        for person in speakers[holder]:
            actions.position_give(actor=person, proposal_id=proposal.pk, party=holder,
                                  position="agree")


def op_leave(cast, space, data):
    if data.draw(st.integers(0, 3)):
        return  # leaving ends most spaces: keep it rare
    party = data.draw(st.sampled_from(_parties(cast)))
    actions.space_leave(actor=_coordinators(cast)[party.pk], space_id=space.pk,
                        party_id=party.pk)


def op_meeting(cast, space, data):
    """Meetings: anyone may try to call one, add to an agenda, write notes or call it off."""
    person, _ = data.draw(st.sampled_from(_voters(cast)))
    meeting = space.meetings.order_by("created_at", "id").last()
    what = data.draw(st.sampled_from(("schedule", "agenda", "agenda", "notes", "cancel")))
    if what == "schedule" or meeting is None:
        actions.meeting_schedule(actor=person, space_id=space.pk, title="Meet",
                                 starts_at=dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC))
    elif what == "agenda":
        actions.agenda_add(actor=person, meeting_id=meeting.pk, title="An item")
    elif what == "notes":
        actions.notes_record(actor=person, meeting_id=meeting.pk, body="What was said")
    else:
        actions.meeting_cancel(actor=person, meeting_id=meeting.pk)


OPS = (op_consent, op_consent, op_submit, op_vote, op_vote, op_vote, op_amend_withdraw_close,
       op_money, op_money, op_outside, op_people, op_people, op_leave, op_meeting, op_meeting)


def _new_spaces(cast):
    shared = actions.space_create(
        actor=cast.carol, title="Review", purpose="Review together",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction",
        charter=CHARTER)
    accept_all(shared, cast)
    own = actions.space_create(
        actor=cast.carol, title="Board", purpose="Hear from people", holders=[cast.council.pk],
        claimed_approach="coproduction", guest_permissions=["view", "propose", "give_views"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    return [Space.objects.get(pk=shared.pk), Space.objects.get(pk=own.pk)]


def _agrees_with_the_tables(space):
    """The counters summarise what the governance tables hold."""
    report = audit_space(space.pk)
    for party, row in report["acceptance"].items():
        mine = Proposal.objects.filter(space=space, proposed_by_party_id=party)
        assert row["proposed"] == mine.count()
        for outcome in ("passed", "blocked", "lapsed", "withdrawn", "open"):
            assert row[outcome] == mine.filter(state=outcome).count()
    shares = {s.party_id: s for s in FundShare.objects.filter(space=space)}
    assert {p: Decimal(a) for p, a in report["money"]["committed_by"].items()} == {
        p: s.committed for p, s in shares.items() if s.committed}
    for state in ("confirmed", "disputed", "unanswered"):
        assert report["outside_decisions"][state] == OutsideDecision.objects.filter(
            space=space, state=state).count()
    assert set(report["holders"]) == set(pol.holder_ids(space))
    assert set(report["guests"]) == set(pol.guest_ids(space))
    assert report["exit_power"]["guest_removals"] == Tenure.objects.filter(
        space=space, end_reason="removed").count()
    assert report["kind"] == space.kind and report["state"] == space.state
    assert report["initiative"]["by_kind"].get("agenda_item", 0) == AgendaItem.objects.filter(
        meeting__space=space).count()


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_recount_equals_counters_after_random_actions(cast, data):
    """Whatever happens, counters == recount (and so do the reports built from them), and
    both agree with the governance tables."""
    spaces = _new_spaces(cast)
    for _ in range(data.draw(st.integers(min_value=1, max_value=60), label="steps")):
        space = data.draw(st.sampled_from(spaces))
        op = data.draw(st.sampled_from(OPS))
        with contextlib.suppress(ex.GovernanceError):  # a refusal changes nothing
            op(cast, Space.objects.get(pk=space.pk), data)
    for space in spaces:
        space.refresh_from_db()
        assert compare(space.pk) == []
        assert stored(space.pk) == recount(space.pk)
        assert build_report(stored(space.pk), {}) == build_report(recount(space.pk), {})
        _agrees_with_the_tables(space)
