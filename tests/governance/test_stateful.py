"""Random histories keep every rule of power (DESIGN §4), checked after every step.

A Hypothesis state machine lets random people of the cast try random actions in a shared
space, an own space and any spaces they open — many of them refused. After every step:
every chain verifies; a refused action wrote nothing and an allowed one at least one entry;
no holder was removed except by leaving; nothing that matters happened in a shared space
without a passed proposal with every holder's consent; no fund or share went below zero;
a closed space never changed (see ``invariants.py``).

Each example runs inside a savepoint that is rolled back afterwards, so every example
starts from the same cast and the same two spaces.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from typing import Any
from unittest import mock

from django.db import transaction
from django.db.models.signals import post_save
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from sharedspace.governance import actions
from sharedspace.governance.exceptions import GovernanceError
from sharedspace.governance.models import (
    Comment,
    Invitation,
    LedgerEntry,
    Meeting,
    MeetingAction,
    OutsideDecision,
    Proposal,
    Space,
)

from . import invariants
from .conftest import CHARTER, Cast, Clock, accept_all, make_cast

PEOPLE = ("carol", "owen", "sam", "mo", "ria", "gil", "olive")
PARTIES = ("council", "group", "guests", "outsiders")
PARTY_OF = {"carol": "council", "owen": "council", "sam": "group", "mo": "group",
            "ria": "group", "gil": "guests", "olive": "outsiders"}
SPEAKERS = {"council": ["carol"], "group": ["sam", "mo"], "guests": ["gil"],
            "outsiders": ["olive"]}
COORDINATOR = {"council": "carol", "group": "sam", "guests": "gil", "outsiders": "olive"}
START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
# 200 histories in `make test`; more for a long hunt: GOVERNANCE_HISTORIES=2000 pytest ...
EXAMPLES = int(os.environ.get("GOVERNANCE_HISTORIES", "200"))

people = st.sampled_from(PEOPLE)
parties = st.sampled_from(PARTIES)
# Mostly the acting person's own party, sometimes any party (usually refused).
for_party = st.sampled_from(("own", "own", "own", *PARTIES))
pick = st.integers(min_value=0, max_value=50)  # an index into whatever exists, modulo
spaces = st.integers(min_value=0, max_value=5)  # mostly the first spaces
proposers = st.sampled_from(("carol", "sam", "mo", "carol", "sam", *PEOPLE))  # mostly holders
amounts = st.sampled_from(["1", "10", "25.50", "40", "100", "333.33"])
kinds = st.sampled_from(["decision", "spend", "add_holder", "add_guest", "remove_guest",
                         "charter", "close", "remove_content", "publish"])


class Governance(RuleBasedStateMachine):
    """One random history; ``cast`` and ``clock`` are shared by every example."""

    cast: Cast
    clock: Clock
    start_spaces: list[str]  # made once; every example starts from them (savepoints)
    current: Governance | None = None  # the example running now (for the post_save record)
    seen: Counter[str]  # over all examples: what was allowed, what states were reached

    def __init__(self) -> None:
        super().__init__()
        self.clock.moment = START
        self.made: dict[str, int] = {}  # the pk of every row made in this example, in order
        Governance.current = self
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        self.spaces = list(self.start_spaces)
        self.closed_seen: dict[str, dict[str, Any]] = {}
        self.consent = invariants.Consent()
        self.tried = self.refused = 0

    @staticmethod
    def set_up(cast: Cast) -> list[str]:
        """Where every history starts: the council and the self-advocates share a space
        (guests may view, comment and give views); the council's own space has the carers
        forum as a guest that may also propose; both funds hold some money."""
        shared = actions.space_create(
            actor=cast.carol, title="Day service", purpose="Review it",
            holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction",
            charter=CHARTER, guest_permissions=["view", "comment", "give_views"])
        accept_all(shared, cast)
        own = actions.space_create(
            actor=cast.carol, title="Board", purpose="Hear people", holders=[cast.council.pk],
            claimed_approach="consultation",
            guest_permissions=["view", "comment", "propose", "give_views"])
        invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                          party_id=cast.guests.pk)
        actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
        for who, party, space, amount in ((cast.carol, cast.council, shared, "500"),
                                          (cast.sam, cast.group, shared, "200"),
                                          (cast.carol, cast.council, own, "300")):
            actions.fund_commit(actor=who, space_id=space.pk, party=party.pk, amount=amount)
        return [shared.pk, own.pk]

    def teardown(self) -> None:
        Governance.current = None
        self.count_outcomes()
        self.seen["tried"] += self.tried
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    # --- helpers ------------------------------------------------------------------------

    def who(self, name: str) -> Any:
        return getattr(self.cast, name)

    def party(self, name: str, who: str = "") -> str:
        """A party's id; ``own`` is the acting person's own party."""
        return getattr(self.cast, PARTY_OF[who] if name == "own" else name).pk

    def space(self, i: int) -> str:
        return self.spaces[i % len(self.spaces)]

    def any_open(self) -> bool:
        return Proposal.objects.filter(state="open").exists()

    def proposer(self, proposal_id: str, who: str, as_proposer: bool) -> Any:
        """The person who made the proposal, or ``who``."""
        if not as_proposer:
            return self.who(who)
        return Proposal.objects.get(pk=proposal_id).proposed_by_person

    def nth(self, model: Any, i: int, **filters: Any) -> str | None:
        """The i-th row (modulo) in the order the rows were made. Ids are random, so "by
        id" would pick other rows when Hypothesis replays the same steps (a flaky history);
        rows made before the examples come first, by id, as they are the same every time."""
        ids = list(model.objects.filter(**filters).values_list("pk", flat=True))
        made = self.made
        ids.sort(key=lambda pk: (made.get(pk, -1), pk))
        return ids[i % len(ids)] if ids else None

    def attempt(self, action: Any, **kwargs: Any) -> Any:
        """Try an action: a refusal must write nothing, a success at least one entry."""
        self.tried += 1
        before = LedgerEntry.objects.count()
        try:
            result = action(**kwargs)
        except GovernanceError as refusal:
            assert refusal.code and refusal.message
            assert LedgerEntry.objects.count() == before, f"refused {action.__name__} wrote"
            self.refused += 1
            return None
        assert LedgerEntry.objects.count() > before, f"{action.__name__} wrote no entry"
        self.seen[f"allowed {action.__name__}"] += 1
        return result

    # --- rules ------------------------------------------------------------------------

    @rule(who=proposers, space=spaces, kind=kinds, target_party=parties, amount=amounts, index=pick,
          deadline=st.none() | st.integers(1, 72))
    def propose(self, who, space, kind, target_party, amount, index, deadline):
        space_id = self.space(space)
        details: dict[str, Any] = {}
        if kind == "spend":
            details["amount"] = amount
        elif kind in ("add_holder", "add_guest", "remove_guest"):
            details["party"] = self.party(target_party)
        elif kind == "charter":
            details["charter"] = {"purpose": f"Purpose {index}"}
        elif kind == "remove_content":
            details["content"] = self.nth(Comment, index, space_id=space_id)
        elif kind == "publish":
            details["body"] = f"The work, part {index}."
        closes_at = None if deadline is None else self.clock.moment + dt.timedelta(hours=deadline)
        self.attempt(actions.proposal_submit, actor=self.who(who), space_id=space_id,
                     kind=kind, title=f"{kind} {index}", closes_at=closes_at, **details)

    @precondition(any_open)
    @rule(who=people, index=pick, party=for_party,
          position=st.sampled_from(["agree", "agree", "object", "stand_aside"]))
    def answer(self, who, index, party, position):
        proposal = self.nth(Proposal, index, state="open") or self.nth(Proposal, index)
        if proposal:
            self.attempt(actions.position_give, actor=self.who(who), proposal_id=proposal,
                         party=self.party(party, who), position=position,
                         reason="Not yet" if position == "object" else "")

    @precondition(any_open)
    @rule(index=pick, dissent=st.sampled_from([None, None, *PARTIES]))
    def everyone_answers(self, index, dissent):
        """Each party's speakers agree to an open proposal, one after the other — except a
        ``dissent`` party, which objects."""
        proposal_id = self.nth(Proposal, index, state="open")
        if proposal_id is not None:
            self.all_answer(proposal_id, dissent)

    def all_answer(self, proposal_id: str, dissent: str | None = None) -> None:
        for party in PARTIES:
            for who in SPEAKERS[party]:
                if Proposal.objects.get(pk=proposal_id).state == "open":
                    position = "object" if party == dissent else "agree"
                    self.attempt(actions.position_give, actor=self.who(who),
                                 proposal_id=proposal_id, party=self.party(party),
                                 position=position, reason="Not like this")

    @rule(who=proposers, amount=amounts, twice=st.booleans())
    def spend_together(self, who, amount, twice):
        """The whole path of shared money: propose a spend in the first space, everyone
        agrees, it is spent — and perhaps someone tries to spend it again."""
        proposal = self.attempt(actions.proposal_submit, actor=self.who(who),
                                space_id=self.spaces[0], kind="spend", title="Buy",
                                amount=amount)
        if proposal is None:
            return
        self.all_answer(proposal.pk)
        for spender in ("sam", "carol")[: 1 + twice]:
            self.attempt(actions.fund_spend, actor=self.who(spender), space_id=self.spaces[0],
                         amount=amount, proposal=proposal.pk)

    @rule(hours=st.integers(1, 100))
    def time_passes(self, hours):
        self.clock.advance(hours=hours)
        due = Proposal.objects.filter(state="open", closes_at__lte=self.clock.moment).count()
        before = LedgerEntry.objects.count()
        assert actions.proposals_resolve_due() == due
        assert LedgerEntry.objects.count() >= before + due

    @rule(who=people, space=spaces, party=for_party)
    def leave(self, who, space, party):
        self.attempt(actions.space_leave, actor=self.who(who), space_id=self.space(space),
                     party_id=self.party(party, who))

    @rule(who=proposers, space=spaces, remove=st.booleans(),
          party=st.sampled_from(("other", "other", *PARTIES)))
    def guests(self, who, space, party, remove):
        """Invite or remove a guest; ``other`` is the likely one: the guest to remove, or
        a party to invite that is not in the space yet."""
        if party == "other":
            party = "guests" if remove else ("group" if space % 2 else "outsiders")
        action = actions.guest_remove if remove else actions.guest_invite
        self.attempt(action, actor=self.who(who), space_id=self.space(space),
                     party_id=self.party(party))

    @rule(who=people, space=spaces, party=parties)
    def remove_holder(self, who, space, party):
        self.attempt(actions.holder_remove, actor=self.who(who), space_id=self.space(space),
                     party_id=self.party(party))

    @precondition(lambda self: Invitation.objects.filter(state="open").exists())
    @rule(who=people, index=pick, accept=st.sampled_from([True, True, False]),
          as_invited=st.booleans())
    def answer_invitation(self, who, index, accept, as_invited):
        invitation = self.nth(Invitation, index, state="open") or self.nth(Invitation, index)
        if invitation:
            if as_invited:  # the invited party's coordinator
                party = Invitation.objects.get(pk=invitation).party_id
                who = next(p for p in PARTIES if self.party(p) == party)
                who = COORDINATOR[who]
            action = actions.invitation_accept if accept else actions.invitation_decline
            self.attempt(action, actor=self.who(who), invitation_id=invitation)

    @rule(who=people, space=spaces, party=for_party, amount=amounts,
          currency=st.sampled_from([None, None, None, "EUR"]), by_coordinator=st.booleans())
    def give(self, who, space, party, amount, currency, by_coordinator):
        self.money(actions.fund_commit, who, space, party, amount, currency, by_coordinator)

    @rule(who=people, space=spaces, party=for_party, amount=amounts,
          currency=st.sampled_from([None, None, None, "EUR"]), by_coordinator=st.booleans())
    def take_back(self, who, space, party, amount, currency, by_coordinator):
        self.money(actions.fund_withdraw, who, space, party, amount, currency, by_coordinator)

    def money(self, action, who, space, party, amount, currency, by_coordinator):
        """Half the time the party's coordinator acts (who may), else anyone (often refused):
        drawn at random, a coordinator of the right party is rare enough that a whole run
        once gave no money at all."""
        name = PARTY_OF[who] if party == "own" else party
        if by_coordinator:
            who = COORDINATOR[name]
        self.attempt(action, actor=self.who(who), space_id=self.space(space),
                     party=self.party(name), amount=amount, currency=currency)

    @rule(who=proposers, space=spaces, amount=amounts, index=pick, with_proposal=st.booleans())
    def spend(self, who, space, amount, index, with_proposal):
        space_id = self.space(space)
        proposal = None
        if with_proposal:
            # Mostly a passed one — unspent, or already spent (a second spending must be
            # refused) — else any spend proposal of the space.
            proposal = (self.nth(Proposal, index, space_id=space_id, kind="spend",
                                 state="passed")
                        or self.nth(Proposal, index, space_id=space_id, kind="spend"))
            if proposal and index % 3:  # usually the amount that was agreed
                amount = str(Proposal.objects.get(pk=proposal).amount)
        self.attempt(actions.fund_spend, actor=self.who(who), space_id=space_id,
                     amount=amount, proposal=proposal)

    @rule(who=people, space=spaces, made_by=parties)
    def outside(self, who, space, made_by):
        self.attempt(actions.outside_decision_record, actor=self.who(who),
                     space_id=self.space(space), made_by=self.party(made_by),
                     summary="Decided elsewhere")

    @precondition(lambda self: OutsideDecision.objects.exists())
    @rule(who=people, index=pick, confirm=st.booleans(), as_named=st.booleans())
    def outside_answer(self, who, index, confirm, as_named):
        decision = self.nth(OutsideDecision, index, state="unanswered") or self.nth(
            OutsideDecision, index)
        if decision:
            if as_named:  # the named party's coordinator
                made_by = OutsideDecision.objects.get(pk=decision).made_by_id
                who = COORDINATOR[next(p for p in PARTIES if self.party(p) == made_by)]
            action = (actions.outside_decision_confirm if confirm
                      else actions.outside_decision_dispute)
            self.attempt(action, actor=self.who(who), decision_id=decision)

    @rule(who=people, space=spaces, change_settings=st.booleans())
    def talk(self, who, space, change_settings):
        if change_settings:
            self.attempt(actions.space_settings_update, actor=self.who(who),
                         space_id=self.space(space), guest_permissions=["view", "comment"])
        else:
            self.attempt(actions.comment_add, actor=self.who(who), space_id=self.space(space),
                         body="A thought")

    @rule(who=people, space=spaces, index=pick,
          what=st.sampled_from(["schedule", "agenda", "agenda", "notes", "action", "done",
                                "cancel"]))
    def meet(self, who, space, index, what):
        """Meetings (ADR 12): anyone tries; the rules decide."""
        actor, space_id = self.who(who), self.space(space)
        meeting = self.nth(Meeting, index, space_id=space_id)
        if what == "schedule" or meeting is None:
            self.attempt(actions.meeting_schedule, actor=actor, space_id=space_id, title="Meet",
                         starts_at=START)
        elif what == "agenda":
            self.attempt(actions.agenda_add, actor=actor, meeting_id=meeting, title="An item")
        elif what == "notes":
            self.attempt(actions.notes_record, actor=actor, meeting_id=meeting, body="Said")
        elif what == "action":
            self.attempt(actions.action_add, actor=actor, meeting_id=meeting, what="Do it",
                         party=self.party("own", who))
        elif what == "done":
            point = self.nth(MeetingAction, index, meeting__space_id=space_id)
            if point:
                self.attempt(actions.action_done, actor=actor, action_id=point)
        else:
            self.attempt(actions.meeting_cancel, actor=actor, meeting_id=meeting)

    @rule(who=people, party=for_party,
          decision_rule=st.sampled_from(["speaker", "majority", "all"]))
    def party_rule(self, who, party, decision_rule):
        self.attempt(actions.party_update, actor=self.who(who),
                     party_id=self.party(party, who), decision_rule=decision_rule)

    @precondition(lambda self: len(self.spaces) < 4)
    @rule(who=people, with_=st.lists(parties, min_size=1, max_size=3, unique=True))
    def open_space(self, who, with_):
        space = self.attempt(
            actions.space_create, actor=self.who(who), title="New work", purpose="Together",
            holders=[self.party(p) for p in with_], claimed_approach="co-design",
            charter=CHARTER, guest_permissions=["view", "propose"])
        if space is not None:
            self.spaces.append(space.pk)

    # --- invariants, after every step -------------------------------------------------------

    def count_outcomes(self) -> None:
        """What this history reached, so the test can check the histories cover the rules."""
        for kind, state in Proposal.objects.values_list("kind", "state").distinct():
            self.seen[f"{kind} {state}"] += 1
        for kind, state in Space.objects.values_list("kind", "state").distinct():
            self.seen[f"{kind} space {state}"] += 1

    @invariant()
    def rules_of_power_hold(self):
        invariants.chains_verify()
        invariants.holders_leave_only_by_leaving()
        invariants.money_never_below_zero()
        self.consent.check()
        invariants.closed_spaces_never_change(self.closed_seen)
        assert Space.objects.count() == len(self.spaces)


def _record_made(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    machine = Governance.current
    if created and machine is not None:
        machine.made.setdefault(str(instance.pk), len(machine.made))


def test_random_histories_keep_the_rules_of_power(db):
    """200 random histories of up to 20 steps: every invariant holds after every step."""
    Governance.clock = Clock(START)
    Governance.seen = Counter()
    post_save.connect(_record_made, dispatch_uid="stateful-made")
    try:
        with mock.patch("django.utils.timezone.now", Governance.clock):
            Governance.cast = make_cast()
            Governance.start_spaces = Governance.set_up(Governance.cast)
            run_state_machine_as_test(
                Governance,
                settings=settings(max_examples=EXAMPLES, stateful_step_count=20, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow]),
            )
    finally:
        post_save.disconnect(dispatch_uid="stateful-made")
        Governance.current = None
    # The histories reached what the rules are about, or the checks above say little.
    # (Hypothesis explores differently on every run, so only what every run reaches many
    # times is required; `pytest -s` prints the whole table.)
    reached = Governance.seen
    print(sorted(reached.items()))
    for action in ("proposal_submit", "position_give", "fund_commit", "fund_spend",
                   "space_leave", "space_create", "outside_decision_record", "comment_add"):
        assert reached[f"allowed {action}"], f"no history managed {action}"
    assert reached["shared space closed"], "no shared space ever closed"
    assert sum(n for key, n in reached.items() if key.endswith(" passed")), "nothing passed"
    allowed = sum(n for key, n in reached.items() if key.startswith("allowed "))
    tried = reached["tried"]
    assert 0.1 < allowed / tried < 0.9, "both allowed and refused actions are exercised"
