"""How to do each governed action as a named person, and what its ledger entry must say.

Shared by the role tables (``test_rules_*.py``): ``do_<action>(ctx)`` prepares what the
action needs and returns the action and its arguments; ``check_<action>(written, ctx,
result)`` checks the ledger entry an allowed action appended and the change it made.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sharedspace.governance import actions, ledger
from sharedspace.governance import policies as pol
from sharedspace.governance.models import FundEntry, OutsideDecision, Proposal, Space

from .conftest import pass_proposal, person, refused, watch

OK = None
PEOPLE = ("carol", "owen", "sam", "mo", "ria", "gil", "olive")
PARTY_OF = {"carol": "council", "owen": "council", "sam": "group", "mo": "group",
            "ria": "group", "gil": "guests", "olive": "outsiders"}


def row(**expected: str | None) -> dict[str, str | None]:
    """One line of a role table: the expected result for every person of the cast."""
    assert set(expected) == set(PEOPLE), "every role has an expected result"
    return expected


def cases(table: dict[str, dict[str, str | None]]) -> list[tuple[str, str, str | None]]:
    return [(action, who, expected) for action, by in table.items()
            for who, expected in by.items()]


def ids(table_cases: list[tuple[str, str, str | None]]) -> list[str]:
    return [f"{a}-{w}" for a, w, _ in table_cases]


class Ctx:
    """What one case works with: the cast, the space, the acting person and their party."""

    ctx_proposal: Proposal

    def __init__(self, cast: Any, space: Space, who: str) -> None:
        self.cast, self.space, self.who = cast, space, who
        self.actor = person(cast, who)
        self.party = getattr(cast, PARTY_OF[who])
        self.extra: dict[str, Any] = {}

    def proposal(self, **kwargs: Any) -> Proposal:
        kwargs.setdefault("kind", "decision")
        kwargs.setdefault("title", "Meet on Tuesdays")
        return actions.proposal_submit(actor=self.cast.carol, space_id=self.space.pk, **kwargs)


def entry_by(w: Any, c: Ctx, action: str, party: Any = None) -> dict[str, Any]:
    """The one entry named ``action``: on the space's chain, by the acting person."""
    e = w.one(action)
    assert e["chain"] == c.space.pk
    assert e["actor"]["person"] == c.actor.pk
    assert e["actor"]["party"] == (party or c.party).pk
    return e


def do_proposal_submit(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.proposal_submit, dict(actor=c.actor, space_id=c.space.pk, kind="decision",
                                         title="Meet on Tuesdays", body="At the library.")


def check_proposal_submit(w: Any, c: Ctx, result: Proposal) -> None:
    e = entry_by(w, c, "proposal.submit")
    assert e["data"]["proposal"] == result.pk and e["data"]["kind"] == "decision"
    assert e["data"]["title_sha256"] == ledger.digest("Meet on Tuesdays")
    assert e["data"]["body_sha256"] == ledger.digest("At the library.")
    assert e["data"]["version"] == 1
    assert result.state == "open" and result.proposed_by_party_id == c.party.pk


def do_position_give(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.ctx_proposal = c.proposal()
    return actions.position_give, dict(actor=c.actor, proposal_id=c.ctx_proposal.pk,
                                       party=c.party.pk, position="agree")


def check_position_give(w: Any, c: Ctx, result: Any) -> None:
    e = entry_by(w, c, "vote.cast")
    assert e["data"]["proposal"] == c.ctx_proposal.pk and e["data"]["vote"] == "agree"
    c.ctx_proposal.refresh_from_db()
    if c.space.is_shared:
        assert e["data"]["binding"] is True
        # The council speaks through one speaker; the group needs two of its three members.
        expected = "agree" if c.party == c.cast.council else None
        assert e["data"]["party_position"] == expected
        assert "proposal.resolve" not in w.actions  # the other holder has not answered
        assert c.ctx_proposal.state == "open"
    elif c.party == c.cast.council:  # own space: the host's position ends it at once
        assert e["data"]["binding"] is True and e["data"]["party_position"] == "agree"
        resolve = w.one("proposal.resolve")
        assert resolve["data"]["outcome"] == "passed" and resolve["data"]["why"] == "positions"
        assert c.ctx_proposal.state == "passed"
    else:  # own space: a guest's answer is a view, recorded and never binding
        assert e["data"]["binding"] is False and e["data"]["party_position"] == "agree"
        assert result.binding is False
        assert "proposal.resolve" not in w.actions and c.ctx_proposal.state == "open"


def do_position_give_for_another_party(c: Ctx) -> tuple[Any, dict[str, Any]]:
    proposal = c.proposal()
    other = c.cast.group if c.party == c.cast.council else c.cast.council
    return actions.position_give, dict(actor=c.actor, proposal_id=proposal.pk,
                                       party=other.pk, position="agree")


def do_proposal_amend(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.ctx_proposal = c.proposal()
    # A position that amending must reset (in an own space, the guest's view: the host's
    # own position would end the proposal at once).
    who, party = ((c.cast.carol, c.cast.council) if c.space.is_shared
                  else (c.cast.gil, c.cast.guests))
    actions.position_give(actor=who, proposal_id=c.ctx_proposal.pk, party=party.pk,
                          position="agree")
    return actions.proposal_amend, dict(actor=c.actor, proposal_id=c.ctx_proposal.pk,
                                        title="Meet on Wednesdays")


def check_proposal_amend(w: Any, c: Ctx, result: Proposal) -> None:
    e = entry_by(w, c, "proposal.amend")
    assert e["data"] == {"proposal": result.pk, "version": 2, "amount": None,
                         "title_sha256": ledger.digest("Meet on Wednesdays"),
                         "body_sha256": ledger.digest("")}
    assert result.version == 2 and result.title == "Meet on Wednesdays"
    assert not result.positions.filter(version=2).exists()  # every position resets


def do_proposal_withdraw(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.ctx_proposal = c.proposal()
    return actions.proposal_withdraw, dict(actor=c.actor, proposal_id=c.ctx_proposal.pk)


def check_proposal_withdraw(w: Any, c: Ctx, result: Proposal) -> None:
    e = entry_by(w, c, "proposal.withdraw")
    assert e["data"] == {"proposal": result.pk, "version": 1}
    assert result.state == "withdrawn"


def do_proposal_close(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.ctx_proposal = c.proposal()
    return actions.proposal_close, dict(actor=c.actor, proposal_id=c.ctx_proposal.pk)


def check_proposal_close(w: Any, c: Ctx, result: Proposal) -> None:
    e = entry_by(w, c, "proposal.resolve")
    assert e["data"]["outcome"] == "lapsed"  # no one answered: silence is never consent
    assert e["data"]["why"] == "closed_by_holder"
    assert result.state == "lapsed"


def do_guest_invite(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.guest_invite, dict(actor=c.actor, space_id=c.space.pk,
                                      party_id=c.cast.outsiders.pk)


def do_guest_remove(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.guest_remove, dict(actor=c.actor, space_id=c.space.pk,
                                      party_id=c.cast.guests.pk)


def do_space_settings_update(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.space_settings_update, dict(actor=c.actor, space_id=c.space.pk,
                                               title="A new title")


def do_holder_remove(c: Ctx) -> tuple[Any, dict[str, Any]]:
    target = c.cast.group if c.party == c.cast.council else c.cast.council
    return actions.holder_remove, dict(actor=c.actor, space_id=c.space.pk, party_id=target.pk)


def do_space_leave(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.space_leave, dict(actor=c.actor, space_id=c.space.pk, party_id=c.party.pk)


def check_space_leave(w: Any, c: Ctx, result: Space) -> None:
    e = entry_by(w, c, "space.leave")
    role = "guest" if c.party == c.cast.guests else "holder"
    assert e["data"] == {"party": c.party.pk, "role": role}
    result.refresh_from_db()
    if role == "holder":  # two holders, or a host: a holder leaving closes it (rule 7)
        close = w.one("space.close")
        why = "fewer_than_two_holders" if c.space.is_shared else "host_left"
        assert close["data"] == {"why": why}
        assert result.state == "closed"
    else:
        assert result.state == "active" and "space.close" not in w.actions
    assert result.tenures.get(party=c.party).end_reason == "left"


def do_comment_add(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.comment_add, dict(actor=c.actor, space_id=c.space.pk, body="Good idea.")


def check_comment_add(w: Any, c: Ctx, result: Any) -> None:
    e = entry_by(w, c, "comment.add")
    assert e["data"] == {"comment": result.pk, "proposal": None,
                         "body_sha256": ledger.digest("Good idea.")}


def do_fund_commit(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.fund_commit, dict(actor=c.actor, space_id=c.space.pk, party=c.party.pk,
                                     amount="120.50")


def check_fund_commit(w: Any, c: Ctx, result: FundEntry) -> None:
    e = entry_by(w, c, "fund.commit")
    assert e["data"] == {"amount": "120.50", "currency": "GBP"}
    assert result.amount == Decimal("120.50") and result.kind == "commitment"


def _commit_everyone(c: Ctx) -> None:
    """Every party in the space commits 100, by its coordinator."""
    cast = c.cast
    coordinators = {cast.council.pk: cast.carol, cast.group.pk: cast.sam,
                    cast.guests.pk: cast.gil, cast.outsiders.pk: cast.olive}
    for party in pol.holder_ids(c.space) + pol.guest_ids(c.space):
        actions.fund_commit(actor=coordinators[party], space_id=c.space.pk, party=party,
                            amount="100")


def do_fund_withdraw(c: Ctx) -> tuple[Any, dict[str, Any]]:
    _commit_everyone(c)
    return actions.fund_withdraw, dict(actor=c.actor, space_id=c.space.pk, party=c.party.pk,
                                       amount="40")


def check_fund_withdraw(w: Any, c: Ctx, result: FundEntry) -> None:
    e = entry_by(w, c, "fund.withdraw")
    # In a shared space, taking money back is a unilateral act, and the ledger says so.
    shared = c.space.is_shared
    assert e["data"] == {"amount": "40.00", "currency": "GBP", "unilateral": shared}
    assert result.unilateral is shared
    assert pol.holder_ids(c.space)  # withdrawing never ends anyone's place in the space


def do_fund_spend_without_proposal(c: Ctx) -> tuple[Any, dict[str, Any]]:
    _commit_everyone(c)
    return actions.fund_spend, dict(actor=c.actor, space_id=c.space.pk, amount="30")


def do_fund_spend_passed_proposal(c: Ctx) -> tuple[Any, dict[str, Any]]:
    _commit_everyone(c)
    c.ctx_proposal = pass_proposal(c.cast, c.space, kind="spend", amount="30")
    return actions.fund_spend, dict(actor=c.actor, space_id=c.space.pk, amount="30",
                                    proposal=c.ctx_proposal.pk)


def _equal_parts(c: Ctx, each: str) -> dict[str, str]:
    return dict.fromkeys(pol.holder_ids(c.space) + pol.guest_ids(c.space), each)


def check_fund_spend_passed_proposal(w: Any, c: Ctx, result: FundEntry) -> None:
    e = entry_by(w, c, "fund.spend")
    # Every party committed the same, so each pays the same share.
    each = "10.00" if len(_equal_parts(c, "")) == 3 else "15.00"
    assert e["data"] == {"amount": "30.00", "currency": "GBP",
                         "proposal": c.ctx_proposal.pk, "parts": _equal_parts(c, each)}
    c.ctx_proposal.refresh_from_db()
    assert c.ctx_proposal.spent_at is not None and result.proposal == c.ctx_proposal


def check_fund_spend_without_proposal(w: Any, c: Ctx, result: FundEntry) -> None:
    """Own space only: the host spends its own fund without asking anyone."""
    assert not c.space.is_shared
    e = entry_by(w, c, "fund.spend")
    assert e["data"] == {"amount": "30.00", "currency": "GBP", "proposal": None,
                         "parts": _equal_parts(c, "15.00")}


def do_outside_decision_record(c: Ctx) -> tuple[Any, dict[str, Any]]:
    return actions.outside_decision_record, dict(
        actor=c.actor, space_id=c.space.pk, made_by=c.cast.council.pk,
        summary="Cabinet cut the budget.")


def check_outside_decision_record(w: Any, c: Ctx, result: OutsideDecision) -> None:
    e = entry_by(w, c, "outside.record")
    assert e["data"] == {"decision": result.pk, "made_by": c.cast.council.pk, "made_on": None,
                         "summary_sha256": ledger.digest("Cabinet cut the budget.")}
    assert result.state == "unanswered"


def _outside(c: Ctx, made_by: Any) -> OutsideDecision:
    return actions.outside_decision_record(
        actor=c.cast.owen, space_id=c.space.pk, made_by=made_by.pk, summary="Decided elsewhere.")


def check_guest_invite(w: Any, c: Ctx, result: Any) -> None:
    """Own space only: the host invites; the guest is not in until it accepts (rule 4)."""
    e = entry_by(w, c, "invitation.create")
    assert e["data"] == {"invitation": result.pk, "party": c.cast.outsiders.pk, "as": "guest",
                         "proposal": None}
    assert pol.relation(c.space, c.cast.outsiders) == pol.INVITED


def check_guest_remove(w: Any, c: Ctx, result: Any) -> None:
    """Own space only: the host can always stop involving a guest, and it is recorded."""
    e = entry_by(w, c, "guest.remove")
    assert e["data"] == {"party": c.cast.guests.pk, "proposal": None,
                         "what_happened": "stopped_involving"}
    assert pol.relation(c.space, c.cast.guests) == pol.FORMER_GUEST


def check_space_settings_update(w: Any, c: Ctx, result: Space) -> None:
    """Own space only: the host changes settings."""
    e = entry_by(w, c, "space.settings")
    assert e["data"] == {"title_sha256": ledger.digest("A new title")}
    assert result.title == "A new title"


def do_outside_decision_confirm(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.extra["decision"] = _outside(c, c.cast.council)
    return actions.outside_decision_confirm, dict(actor=c.actor,
                                                  decision_id=c.extra["decision"].pk)


def check_outside_decision_confirm(w: Any, c: Ctx, result: OutsideDecision) -> None:
    e = entry_by(w, c, "outside.confirm")
    assert e["data"] == {"decision": result.pk, "reason_sha256": None}
    assert result.state == "confirmed"


def do_outside_decision_dispute(c: Ctx) -> tuple[Any, dict[str, Any]]:
    c.extra["decision"] = _outside(c, c.cast.group)
    return actions.outside_decision_dispute, dict(actor=c.actor,
                                                  decision_id=c.extra["decision"].pk,
                                                  reason="We were not asked.")


def check_outside_decision_dispute(w: Any, c: Ctx, result: OutsideDecision) -> None:
    e = entry_by(w, c, "outside.dispute")
    assert e["data"] == {"decision": result.pk,
                         "reason_sha256": ledger.digest("We were not asked.")}
    assert result.state == "disputed" and result.reason == "We were not asked."


def run_case(
    cast: Any, space: Space, action: str, who: str, expected: str | None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Prepare, act as ``who``, and check either the ledger entry or that nothing changed.

    ``extra`` adds or replaces ``do_``/``check_`` functions (a test module's ``globals()``).
    """
    module = {**globals(), **(extra or {})}
    c = Ctx(cast, space, who)
    fn, kwargs = module[f"do_{action}"](c)
    if expected is not None:
        refused(expected, fn, **kwargs)
        return
    with watch() as written:
        result = fn(**kwargs)
    assert written.entries, "an allowed action appends at least one ledger entry"
    module[f"check_{action}"](written, c, result)
    assert ledger.verify_all().ok


