"""One handler per ledger action: how each entry moves the audit's counter state.

Used by ``fold.apply``; see there and docs/audit.md. Pure: plain data in, plain data out.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

EVIDENCE_LIMIT = 50
ZERO = "0.00"

State = dict[str, Any]
Payload = Mapping[str, Any]

# -- small helpers -----------------------------------------------------------------------------


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal("0")


def _add_money(a: Any, b: Any) -> str:
    return str((_money(a) + _money(b)).quantize(Decimal("0.01")))


def _bump(counts: dict[str, int], key: str, by: int = 1) -> None:
    counts[key] = counts.get(key, 0) + by


def _bump_in(table: dict[str, dict[str, int]], party: str, field: str, keys: Iterable[str]) -> None:
    row = table.get(party)
    if row is None:
        row = table[party] = dict.fromkeys(keys, 0)
    row[field] = row.get(field, 0) + 1


def _evidence(state: State, measure: str, seq: int) -> None:
    count = state["evidence_count"].get(measure, 0)
    state["evidence_count"][measure] = count + 1
    if count < EVIDENCE_LIMIT:
        state["evidence"].setdefault(measure, []).append(seq)


def _know(state: State, party: Any) -> None:
    if isinstance(party, str) and party:
        known = state["parties"]
        i = bisect.bisect_left(known, party)
        if i == len(known) or known[i] != party:
            known.insert(i, party)


def _remove(items: list[str], item: Any) -> None:
    if item in items:
        items.remove(item)


def _host(state: State) -> str | None:
    return state["holders"][0] if state["holders"] else state["created_by"]


ACCEPTANCE_KEYS = ("proposed", "passed", "blocked", "lapsed", "withdrawn")
OBJECTION_KEYS = ("raised", "amended", "blocked", "overridden", "lifted", "dropped")


def _initiative(state: State, party: Any, kind: str, seq: int) -> None:
    if not party:
        return
    _bump(state["initiative"]["by_party"], party)
    _bump(state["initiative"]["by_kind"], kind)
    _evidence(state, "initiative", seq)


def _end_objections(state: State, proposal: dict[str, Any], what: str, seq: int) -> None:
    """Every objection still standing on the proposal ends as ``what``."""
    for party in proposal["objecting"]:
        _bump_in(state["objections"], party, what, OBJECTION_KEYS)
    if proposal["objecting"]:
        _evidence(state, "objections", seq)
    proposal["objecting"] = []


# -- one handler per action ----------------------------------------------------------------------


def _space_create(state: State, seq: int, party: Any, data: Payload) -> None:
    state["kind"] = data.get("kind")
    state["state"] = data.get("state")
    state["claimed_approach"] = data.get("claimed_approach")
    state["guest_permissions"] = list(data.get("guest_permissions") or [])
    state["created_by"] = party
    state["planned_holders"] = list(data.get("holders") or [])
    if party:
        state["holders"] = [party]
    for p in [party, *state["planned_holders"]]:
        _know(state, p)
    _initiative(state, party, "open_space", seq)
    _evidence(state, "label_check", seq)


def _invitation_create(state: State, seq: int, party: Any, data: Payload) -> None:
    _know(state, data.get("party"))
    # Inviting a party is an initiative. The invitations a shared space sends to its planned
    # holders while forming are part of opening it (counted once, as opening the space); those
    # sent because a proposal passed are that proposal's effect (counted as the proposal).
    if data.get("proposal") is None and state["state"] != "forming":
        _initiative(state, party, "invitation", seq)


def _invitation_accept(state: State, seq: int, party: Any, data: Payload) -> None:
    joiner = data.get("party") or party
    _know(state, joiner)
    if data.get("as") == "holder":
        _remove(state["guests"], joiner)
        if joiner not in state["holders"]:
            state["holders"].append(joiner)
        state["former_holders"].pop(joiner, None)
    else:
        if joiner not in state["guests"] and joiner not in state["holders"]:
            state["guests"].append(joiner)
        state["former_guests"].pop(joiner, None)
    _evidence(state, "exit_power", seq)


def _space_activate(state: State, seq: int, party: Any, data: Payload) -> None:
    state["state"] = "active"
    if isinstance(data.get("holders"), list):
        state["holders"] = list(data["holders"])
    _evidence(state, "label_check", seq)


def _space_become_shared(state: State, seq: int, party: Any, data: Payload) -> None:
    state["kind"] = "shared"
    if isinstance(data.get("holders"), list):
        state["holders"] = list(data["holders"])
    for p in state["holders"]:
        _remove(state["guests"], p)
    # The unspent money already in the fund is under joint control from now on.
    money = state["money"]
    committed = sum((_money(v) for v in money["committed_by"].values()), Decimal("0"))
    withdrawn = sum((_money(v) for v in money["withdrawn_by"].values()), Decimal("0"))
    balance = committed - withdrawn - _money(money["spent_by_consent"]) - _money(
        money["spent_alone"]
    )
    money["joint"] = _add_money(money["joint"], max(balance, Decimal("0")))
    _evidence(state, "label_check", seq)


def _space_close(state: State, seq: int, party: Any, data: Payload) -> None:
    state["state"] = "closed"
    state["close_reason"] = data.get("why")
    _evidence(state, "exit_power", seq)


def _space_leave(state: State, seq: int, party: Any, data: Payload) -> None:
    leaver = data.get("party") or party
    if data.get("role") == "holder":
        _remove(state["holders"], leaver)
        state["former_holders"][leaver] = seq
    else:
        _remove(state["guests"], leaver)
        state["former_guests"][leaver] = seq
    _bump(state["exit"]["left"], leaver)
    _evidence(state, "exit_power", seq)


def _space_settings(state: State, seq: int, party: Any, data: Payload) -> None:
    if "claimed_approach" in data:
        state["claimed_approach"] = data["claimed_approach"]
    if "guest_permissions" in data:
        state["guest_permissions"] = list(data["guest_permissions"] or [])
    _evidence(state, "label_check", seq)


def _guest_remove(state: State, seq: int, party: Any, data: Payload) -> None:
    guest = data.get("party")
    _remove(state["guests"], guest)
    state["former_guests"][guest] = seq
    ex = state["exit"]
    ex["guest_removals"] += 1
    ex["by_host" if data.get("proposal") is None else "by_proposal"] += 1
    _evidence(state, "exit_power", seq)


def _proposal_submit(state: State, seq: int, party: Any, data: Payload) -> None:
    proposer = party or ""
    _know(state, proposer)
    _know(state, data.get("party"))
    state["open_proposals"][data.get("proposal")] = {"by": proposer, "objecting": []}
    _bump_in(state["acceptance"], proposer, "proposed", ACCEPTANCE_KEYS)
    _initiative(state, proposer, "proposal", seq)
    _evidence(state, "acceptance", seq)


def _proposal_amend(state: State, seq: int, party: Any, data: Payload) -> None:
    proposal = state["open_proposals"].get(data.get("proposal"))
    if proposal is not None:
        _end_objections(state, proposal, "amended", seq)


def _proposal_withdraw(state: State, seq: int, party: Any, data: Payload) -> None:
    proposal = state["open_proposals"].pop(data.get("proposal"), None)
    if proposal is not None:
        _bump_in(state["acceptance"], proposal["by"], "withdrawn", ACCEPTANCE_KEYS)
        _end_objections(state, proposal, "dropped", seq)
    _evidence(state, "acceptance", seq)


def _vote_cast(state: State, seq: int, party: Any, data: Payload) -> None:
    if not party:
        return
    if data.get("binding") is False:
        _bump(state["views"], party)
    proposal = state["open_proposals"].get(data.get("proposal"))
    if proposal is None:
        return
    objecting = proposal["objecting"]
    if data.get("party_position") == "object":
        if party not in objecting:
            objecting.append(party)
            _bump_in(state["objections"], party, "raised", OBJECTION_KEYS)
            _evidence(state, "objections", seq)
    elif party in objecting:
        objecting.remove(party)
        _bump_in(state["objections"], party, "lifted", OBJECTION_KEYS)
        _evidence(state, "objections", seq)


_OBJECTION_END = {"passed": "overridden", "blocked": "blocked"}


def _proposal_resolve(state: State, seq: int, party: Any, data: Payload) -> None:
    outcome = data.get("outcome")
    proposal = state["open_proposals"].pop(data.get("proposal"), None)
    if proposal is not None:
        if outcome in ACCEPTANCE_KEYS:
            _bump_in(state["acceptance"], proposal["by"], outcome, ACCEPTANCE_KEYS)
        _end_objections(state, proposal, _OBJECTION_END.get(str(outcome), "dropped"), seq)
    _evidence(state, "acceptance", seq)
    decisions = state["decisions"]
    if state["kind"] == "own" and outcome in ("passed", "blocked"):
        # In an own space the host said yes or no alone: a decision by the host.
        decisions["own"] += 1
        host = _host(state)
        if host:
            _bump(decisions["by_party"], host)
        _evidence(state, "decisions", seq)
    elif state["kind"] == "shared" and outcome == "passed":
        decisions["shared"] += 1
        decisions["together"] += 1
        _evidence(state, "decisions", seq)


def _fund_commit(state: State, seq: int, party: Any, data: Payload) -> None:
    money = state["money"]
    amount = data.get("amount")
    money["currency"] = money["currency"] or data.get("currency")
    money["committed_by"][party] = _add_money(money["committed_by"].get(party, ZERO), amount)
    _know(state, party)
    if state["kind"] == "shared":
        money["joint"] = _add_money(money["joint"], amount)
    _evidence(state, "money", seq)


def _fund_withdraw(state: State, seq: int, party: Any, data: Payload) -> None:
    money = state["money"]
    amount = data.get("amount")
    money["withdrawn_by"][party] = _add_money(money["withdrawn_by"].get(party, ZERO), amount)
    if data.get("unilateral"):
        money["withdrawn_unilaterally"] = _add_money(money["withdrawn_unilaterally"], amount)
    if state["kind"] == "shared":
        joint = _money(money["joint"]) - _money(amount)
        money["joint"] = _add_money(max(joint, Decimal("0")), ZERO)
    _evidence(state, "money", seq)


def _fund_return(state: State, seq: int, party: Any, data: Payload) -> None:
    """As the space closed, a group's unspent money went back to it (ADR 39). It counts as
    taken back in the totals, so the balance ends at zero; but it was no group's act alone,
    so it is never unilateral, and the money stays counted as it was held while the space
    was open: under joint control in a shared space (``joint`` does not fall)."""
    giver = data.get("party")
    if not isinstance(giver, str) or not giver:
        return
    _know(state, giver)
    money = state["money"]
    money["withdrawn_by"][giver] = _add_money(money["withdrawn_by"].get(giver, ZERO),
                                              data.get("amount"))
    _evidence(state, "money", seq)


def _fund_spend(state: State, seq: int, party: Any, data: Payload) -> None:
    money = state["money"]
    # A shared fund spends only on a passed proposal; an own fund's host spends alone.
    key = "spent_by_consent" if state["kind"] == "shared" else "spent_alone"
    money[key] = _add_money(money[key], data.get("amount"))
    _evidence(state, "money", seq)


OUTSIDE_KEYS = ("confirmed", "disputed", "unanswered")


def _outside_record(state: State, seq: int, party: Any, data: Payload) -> None:
    maker = data.get("made_by")
    _know(state, maker)
    state["outside"]["unanswered"] += 1
    state["outside"]["waiting"][data.get("decision")] = maker
    state["decisions"]["outside"] += 1
    if maker:
        _bump(state["decisions"]["by_party"], maker)
        _bump_in(state["outside"]["by_maker"], maker, "unanswered", OUTSIDE_KEYS)
    _evidence(state, "decisions", seq)
    _evidence(state, "outside_decisions", seq)


def _outside_answer(answer: str) -> Callable[[State, int, Any, Payload], None]:
    def handler(state: State, seq: int, party: Any, data: Payload) -> None:
        outside = state["outside"]
        maker = outside["waiting"].pop(data.get("decision"), None)
        if maker is not None:
            outside["unanswered"] -= 1
            row = outside["by_maker"].get(maker)
            if row is not None:  # the maker's own count moves from unanswered to its answer
                row["unanswered"] -= 1
                row[answer] = row.get(answer, 0) + 1
        outside[answer] += 1
        _evidence(state, "outside_decisions", seq)

    return handler


def _comment_add(state: State, seq: int, party: Any, data: Payload) -> None:
    if party:
        _bump(state["comments"], party)


def _agenda_add(state: State, seq: int, party: Any, data: Payload) -> None:
    # Adding an agenda item is starting something (DESIGN §4a), credited to the adding party.
    _know(state, party)
    _initiative(state, party, "agenda_item", seq)


def _content_remove(state: State, seq: int, party: Any, data: Payload) -> None:
    state["content_removed"] += 1


def _charter_change(state: State, seq: int, party: Any, data: Payload) -> None:
    state["charter_changes"] += 1


def nothing(state: State, seq: int, party: Any, data: Payload) -> None:
    """Actions the audit does not measure (yet) still count as entries."""


HANDLERS: dict[str, Callable[[State, int, Any, Payload], None]] = {
    "space.create": _space_create,
    "invitation.create": _invitation_create,
    "invitation.accept": _invitation_accept,
    "invitation.decline": lambda state, seq, party, data: _know(state, data.get("party")),
    "space.activate": _space_activate,
    "space.become_shared": _space_become_shared,
    "space.close": _space_close,
    "space.leave": _space_leave,
    "space.settings": _space_settings,
    "guest.remove": _guest_remove,
    "proposal.submit": _proposal_submit,
    "proposal.amend": _proposal_amend,
    "proposal.withdraw": _proposal_withdraw,
    "proposal.resolve": _proposal_resolve,
    "vote.cast": _vote_cast,
    "fund.commit": _fund_commit,
    "fund.withdraw": _fund_withdraw,
    "fund.spend": _fund_spend,
    "fund.return": _fund_return,
    "outside.record": _outside_record,
    "outside.confirm": _outside_answer("confirmed"),
    "outside.dispute": _outside_answer("disputed"),
    "comment.add": _comment_add,
    "agenda.add": _agenda_add,
    "content.remove": _content_remove,
    "charter.change": _charter_change,
}
