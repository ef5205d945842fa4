"""The audit's running counters as a pure fold over ledger entries (DESIGN §5).

``apply(state, payload)`` takes the counter state of one space (plain JSON data) and one
ledger entry's payload (the parsed canonical content: ``seq``, ``at``, ``action``, ``actor``,
``data``) and returns the state after that entry. Nothing here touches the database, so the
same function keeps the counters up to date inside each append's transaction *and* recounts
a chain from scratch: both must give identical states.

The state stays small whatever the length of the ledger: counts and sums per party, per venue
and per month, the proposals still open, and at most ``EVIDENCE_LIMIT`` sequence numbers of
evidence per measure (with a count of all of them). Money is kept as strings with two decimals.
The figures each measure reports are defined in docs/audit.md.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from typing import Any

from .handlers import (
    ACCEPTANCE_KEYS,
    EVIDENCE_LIMIT,
    HANDLERS,
    OBJECTION_KEYS,
    ZERO,
    Payload,
    State,
    nothing,
)

#: 2 added ``initiative_months``; 3 ``outside.by_maker`` (each named maker's outside
#: decisions, confirmed, disputed or unanswered). A stored state of another version is
#: recounted (engine).
STATE_VERSION = 3

#: Actions on a party's own chain. They are not about a space; the space counters skip them.
PARTY_ACTIONS = frozenset(
    {"party.create", "member.add", "member.confirm", "member.roles", "member.remove",
     "party.update"}
)

__all__ = ["ACCEPTANCE_KEYS", "EVIDENCE_LIMIT", "OBJECTION_KEYS", "PARTY_ACTIONS", "apply",
           "fold", "is_current", "is_readable", "is_well_formed", "new_state"]


def new_state(space: str) -> State:
    """The counters of a space before its first entry."""
    return {
        "v": STATE_VERSION,
        "space": space,
        "seq": 0,
        "entries": 0,
        "kind": None,
        "state": None,
        "close_reason": None,
        "created_by": None,
        "claimed_approach": None,
        "guest_permissions": [],
        "planned_holders": [],
        "holders": [],
        "guests": [],
        "former_holders": {},  # party -> seq of the entry by which it left
        "former_guests": {},
        "parties": [],  # every party the record names, sorted
        "decisions": {"own": 0, "shared": 0, "outside": 0, "by_party": {}, "together": 0},
        "initiative": {"by_party": {}, "by_kind": {}},
        "open_proposals": {},  # proposal -> {"by": party, "objecting": [party, ...]}
        "acceptance": {},  # party -> {proposed, passed, blocked, lapsed, withdrawn}
        "objections": {},  # party -> {raised, amended, blocked, overridden, lifted, dropped}
        "views": {},  # party -> non-binding answers given (guests' views)
        "comments": {},  # party -> comments written
        "content_removed": 0,
        "charter_changes": 0,
        "money": {
            "currency": None,
            "committed_by": {},
            "withdrawn_by": {},
            "withdrawn_unilaterally": ZERO,
            "spent_by_consent": ZERO,
            "spent_alone": ZERO,
            "joint": ZERO,
        },
        "exit": {"guest_removals": 0, "by_host": 0, "by_proposal": 0, "left": {}},
        # decision -> maker while unanswered; per maker: confirmed, disputed, unanswered
        "outside": {"confirmed": 0, "disputed": 0, "unanswered": 0, "waiting": {},
                    "by_maker": {}},
        "participation": {},  # "YYYY-MM" -> party -> sorted person ids
        "initiative_months": {},  # "YYYY-MM" -> party -> initiatives started that month
        "evidence": {},  # measure -> first EVIDENCE_LIMIT seqs
        "evidence_count": {},  # measure -> how many entries are evidence for it
    }



def _fits(value: Any, like: Any) -> bool:
    """Whether ``value`` has the shape of ``like`` (a part of ``new_state``): the same kind
    of JSON value, and for a table with named keys every one of them, each of its shape. A
    ``None`` in ``like`` takes anything; an empty table takes any table (its keys are
    parties, months or proposals)."""
    if like is None:
        return True
    if isinstance(like, bool):
        return isinstance(value, bool)
    if isinstance(like, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(like, dict):
        return isinstance(value, dict) and all(
            key in value and _fits(value[key], sub) for key, sub in like.items()
        )
    return isinstance(value, type(like))


_SHAPE = new_state("")


def is_well_formed(state: Any) -> bool:
    """Whether a stored state has every key of this version's counters, each of its kind."""
    return _fits(state, _SHAPE)


def is_current(state: Any) -> bool:
    """Whether a stored state was kept by this version of the fold and can be read as such
    (else: recount it)."""
    return isinstance(state, dict) and state.get("v") == STATE_VERSION and is_well_formed(state)


def is_readable(state: Any) -> bool:
    """Whether a stored state is the counters of some version: of this one and well formed
    (``is_current``), or of another version (a table with a whole number ``v``), which is
    recounted by design. False for anything else: counters damaged outside the product."""
    if not isinstance(state, dict):
        return False
    version = state.get("v")
    if not isinstance(version, int) or isinstance(version, bool):
        return False
    return version != STATE_VERSION or is_well_formed(state)


def _participation(state: State, at: Any, party: Any, person: Any) -> None:
    if not (isinstance(at, str) and len(at) >= 7 and party and person):
        return
    people = state["participation"].setdefault(at[:7], {}).setdefault(party, [])
    i = bisect.bisect_left(people, person)
    if i == len(people) or people[i] != person:
        people.insert(i, person)


def _initiative_month(state: State, at: Any, before: Mapping[str, int]) -> None:
    """Whatever a handler added to ``initiative.by_party`` also goes in the entry's month, so
    every kind of initiative (present or future handler) is counted over time the same way."""
    if not (isinstance(at, str) and len(at) >= 7):
        return
    after = state["initiative"]["by_party"]
    for p, n in after.items():
        grew = n - before.get(p, 0)
        if grew > 0:
            month = state.setdefault("initiative_months", {}).setdefault(at[:7], {})
            month[p] = month.get(p, 0) + grew


def apply(state: State, payload: Payload) -> State:
    """The state after one more ledger entry of the space's chain.

    Works on ``state`` in place and returns it (the counters are loaded fresh for each
    append, and a recount starts from ``new_state``); copy it first to keep the old one.
    Party-chain actions and actions the audit does not know only move ``seq``/``entries``.
    """
    seq = int(payload.get("seq") or state["seq"] + 1)
    actor = payload.get("actor") or {}
    party = actor.get("party") if isinstance(actor, Mapping) else None
    person = actor.get("person") if isinstance(actor, Mapping) else None
    action = str(payload.get("action") or "")
    data = payload.get("data")
    if not isinstance(data, Mapping):
        data = {}
    state["seq"] = seq
    state["entries"] += 1
    if action in PARTY_ACTIONS:
        return state
    started = dict(state["initiative"]["by_party"])
    HANDLERS.get(action, nothing)(state, seq, party, data)
    _initiative_month(state, payload.get("at"), started)
    _participation(state, payload.get("at"), party, person)
    return state


def fold(payloads: Iterable[Payload], space: str, state: State | None = None) -> State:
    """Apply every payload in order, from ``state`` or from nothing."""
    state = new_state(space) if state is None else state
    for payload in payloads:
        apply(state, payload)
    return state
