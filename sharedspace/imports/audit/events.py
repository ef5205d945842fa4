"""The plain CSV event log onto the audit's measures (docs/import-csv.md).

Each row belongs to a space, found from the row itself: the `space` column when it is filled
(one space per name), else the acting party's own space (venue `own`), the host's own space
(venue `host`), or the one shared space of the log (venue `shared`). `outside` rows belong to
no space unless they name one; they count for the log as a whole. A space with `shared` rows
is a shared space; one with only `own`/`host` rows is an own space of its holder.

The report is the audit of the whole log (every row; a shared space in it makes it shared),
with `spaces`: the audit of each space on its own, in the same shape. `--claimed` is checked
against the whole and against each space.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from sharedspace.audit.fold import ACCEPTANCE_KEYS, OBJECTION_KEYS
from sharedspace.imports.records import VENUE_HOST, VENUE_OWN, VENUE_SHARED, EventRecord

from .build import State, empty_state, finish, possessive
from .refs import SPILL_AT, ProposalIndex
from .scope import PERMISSION_ORDER, Scope
from .seen import SeenKeys

#: The scope of rows outside every space (outside decisions and spending that name none).
OUTSIDE = "outside:"
#: Rows that happen once per reference in a space: a second one is a duplicate.
_ONCE = frozenset({"propose", "decide"})


def space_key(row: EventRecord) -> str:
    """Which space a row belongs to (see the module docstring)."""
    if row.space:
        return "named:" + row.space
    if row.venue == VENUE_OWN:
        return "own:" + row.party
    if row.venue == VENUE_HOST and row.host:
        return "own:" + row.host
    if row.venue == VENUE_SHARED:
        return "shared:"
    return OUTSIDE


def _space_name(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "named":
        return rest
    if kind == "own":
        return f"{possessive(rest)} own space"
    return "The shared space" if kind == "shared" else "Outside any space"


@dataclass
class Roles:
    """Holders and guests of a space (or of the whole log), current and former."""

    holders: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    former_holders: list[str] = field(default_factory=list)
    former_guests: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, scope: Scope) -> Roles:
        """From who acted where: acting in `own` or `shared` (or being named as `host`)
        makes a holder; acting in `host`, or being invited in (accepted) or removed, a guest.
        A party whose last row there is leaving or being removed is a former one."""

        def gone(p: str) -> bool:
            out = scope.last_out.get(p)
            return out is not None and (p not in scope.last_in or out >= scope.last_in[p])

        holders = sorted(scope.holder_rows)
        guests = sorted(set(scope.guest_of) - scope.holder_rows)
        return cls(
            holders=[p for p in holders if not gone(p)],
            guests=[p for p in guests if not gone(p)],
            former_holders=[p for p in holders if gone(p)],
            former_guests=[p for p in guests if gone(p)],
        )


class EventTally:
    """Counters for an event log: one Scope per space, plus the proposals index."""

    def __init__(self, *, spill_at: int | None = None) -> None:
        self.scopes: dict[str, Scope] = {}
        spill_at = SPILL_AT if spill_at is None else spill_at
        self.index = ProposalIndex(spill_at=spill_at)
        self.seen = SeenKeys(spill_at=spill_at)
        self.rows = 0
        self._table: dict[str, dict[str, dict[str, int]]] | None = None

    def repeated(self, row: EventRecord) -> str | None:
        """Why the row does not count, when it proposes a reference already proposed in its
        space, or decides one already decided there (plain words, in English like the
        importers' reasons); None otherwise."""
        if not row.reference or row.action not in _ONCE:
            return None
        key = space_key(row)
        first = self.seen.first(f"{row.action}\x1f{key}\x1f{row.reference}", row.origin)
        if first is None:
            return None
        done = "proposed" if row.action == "propose" else "decided"
        name = _space_name(key)
        if name.startswith("The "):
            name = "t" + name[1:]
        return (
            f"{row.reference} was already {done} in {name} at {first}; a second {row.action} "
            "row for the same reference is not counted"
        )

    def add(self, row: EventRecord) -> None:
        """Fold one row into its space's counters (and the proposals index)."""
        self.rows += 1
        key = space_key(row)
        scope = self.scopes.get(key)
        if scope is None:
            scope = self.scopes[key] = Scope(key, _space_name(key))
        scope.add(row, self.rows)
        if row.reference:
            if row.action == "propose":
                self.index.proposed(key, row.reference, row.party, row.when, self.rows)
            elif row.action == "decide" and row.outcome:
                self.index.resolved(key, row.reference, row.outcome, row.when, self.rows)
            elif row.action == "withdraw_proposal":
                self.index.resolved(key, row.reference, "withdrawn", row.when, self.rows)

    def _acceptance(self) -> dict[str, dict[str, dict[str, int]]]:
        """Per space key: party → {proposed, passed, blocked, lapsed, withdrawn}. Read from
        the proposals index once (which closes it), then kept, so that the report can be
        built again (in another language)."""
        if self._table is not None:
            return self._table
        table: dict[str, dict[str, dict[str, int]]] = {}
        try:
            for key, proposer, outcome in self.index.results():
                if proposer is None:
                    continue
                row = table.setdefault(key, {}).setdefault(
                    proposer, dict.fromkeys(ACCEPTANCE_KEYS, 0)
                )
                row["proposed"] += 1
                if outcome in row:
                    row[outcome] += 1
        finally:
            self.index.close()
        self._table = table
        return table

    def reports(self, *, claimed: str | None, path: Path) -> dict[str, Any]:
        """The audit of the whole log, with `spaces`: each space's own audit."""
        acceptance = self._acceptance()
        whole = Scope("log", path.name)
        spaces: list[dict[str, Any]] = []
        holders: set[str] = set()
        guests: set[str] = set()
        former_holders: set[str] = set()
        former_guests: set[str] = set()
        permissions: set[str] = set()
        kinds: set[str] = set()
        for key in sorted(self.scopes, key=lambda k: (k == OUTSIDE, k)):
            scope = self.scopes[key]
            whole.merge(scope)
            kind = _kind(scope)
            if kind is None:
                continue
            kinds.add(kind)
            roles = Roles.of(scope)
            holders.update(roles.holders)
            guests.update(roles.guests)
            former_holders.update(roles.former_holders)
            former_guests.update(roles.former_guests)
            if kind == "own":
                permissions |= scope.permissions
            spaces.append(_report(scope, kind, roles, acceptance.get(key, {}),
                                  claimed=claimed, title=scope.name))
        whole_roles = Roles(
            holders=sorted(holders),
            guests=sorted(guests - holders),
            former_holders=sorted(former_holders - holders - guests),
            former_guests=sorted(former_guests - holders - guests - former_holders),
        )
        whole.permissions = permissions
        total: dict[str, dict[str, int]] = {}
        for by_party in acceptance.values():
            for party, row in by_party.items():
                mine = total.setdefault(party, dict.fromkeys(ACCEPTANCE_KEYS, 0))
                for k, v in row.items():
                    mine[k] += v
        more = [
            gettext("%(title)s, %(described)s: %(reason)s") % {
                "title": s["title"], "described": _described(s),
                "reason": s["label_check"]["reasons"][-1][:1].lower()
                + s["label_check"]["reasons"][-1][1:]}
            for s in spaces
            if s["label_check"]["mismatch"] and len(spaces) > 1
        ]
        report = _report(whole, "shared" if "shared" in kinds else "own", whole_roles, total,
                         claimed=claimed, title=f"Event log: {path.name}", more_reasons=more)
        report["spaces"] = spaces
        return report


def _kind(scope: Scope) -> str | None:
    if scope.venues[VENUE_SHARED]:
        return "shared"
    if scope.venues[VENUE_OWN] or scope.venues[VENUE_HOST]:
        return "own"
    return None  # only outside rows: not a space


def _described(space: dict[str, Any]) -> str:
    if space["kind"] == "shared":
        return gettext("a shared space")
    host = space["holders"][:1] or space["former_holders"][:1]
    if host:
        return gettext("an own space of %(host)s") % {"host": host[0]}
    return gettext("an own space")


def _ordered(permissions: Iterable[str]) -> list[str]:
    return [p for p in PERMISSION_ORDER if p in set(permissions)]


def _state(scope: Scope, kind: str, roles: Roles, acceptance: dict[str, dict[str, int]]
           ) -> State:
    state = empty_state(scope.name)
    everyone = scope.parties | set(acceptance)
    state.update(
        kind=kind,
        created_by=next(iter(roles.holders + roles.former_holders), None),
        holders=roles.holders,
        guests=roles.guests,
        former_holders=dict.fromkeys(roles.former_holders, 0),
        former_guests=dict.fromkeys(roles.former_guests, 0),
        parties=sorted(everyone),
        guest_permissions=_ordered(scope.permissions) if kind == "own" else [],
        entries=scope.rows,
        seq=scope.rows,
    )
    n, by = scope.n, scope.by
    state["decisions"] = {
        "own": n["decisions_own"],
        "shared": n["decisions_shared"],
        "outside": n["decisions_outside"],
        "by_party": dict(by["decisions"]),
        "together": n["decisions_shared"],
    }
    state["initiative"] = {"by_party": dict(by["initiative"]),
                           "by_kind": dict(by["initiative_kind"])}
    state["initiative_months"] = {month: dict(c) for month, c in scope.started.items()}
    state["acceptance"] = acceptance
    state["objections"] = {
        p: {k: counts[k] for k in OBJECTION_KEYS} for p, counts in scope.objections.items()
    }
    state["views"] = dict(by["views"])
    state["comments"] = dict(by["comments"])
    money = scope.money
    state["money"] = {
        "currency": scope.currency,
        "committed_by": {p: str(v) for p, v in scope.money_by["committed_by"].items()},
        "withdrawn_by": {p: str(v) for p, v in scope.money_by["withdrawn_by"].items()},
        "withdrawn_unilaterally": str(money["withdrawn_unilaterally"]),
        "spent_by_consent": str(money["spent_by_consent"]),
        "spent_alone": str(money["spent_alone"]),
        "joint": str(scope.joint),
    }
    state["exit"] = {
        "guest_removals": n["guest_removals"],
        "by_host": n["removals_by_host"],
        "by_proposal": n["removals_by_proposal"],
        "left": dict(by["left"]),
    }
    state["outside"] = {k: n["outside_" + k] for k in ("confirmed", "disputed", "unanswered")}
    state["participation"] = {
        month: {p: sorted(people) for p, people in parties.items()}
        for month, parties in scope.participation.items()
    }
    state["evidence"] = dict(scope.evidence)
    state["evidence_count"] = dict(scope.evidence_count)
    return state


def _report(scope: Scope, kind: str, roles: Roles, acceptance: dict[str, dict[str, int]], *,
            claimed: str | None, title: str, more_reasons: list[str] | None = None
            ) -> dict[str, Any]:
    state = _state(scope, kind, roles, acceptance)
    parties = {p: {"name": p, "kind": scope.kinds.get(p)} for p in state["parties"]}
    report = finish(state, parties, claimed=claimed, title=title,
                    spent_outside=scope.money["spent_outside"],
                    more_reasons=more_reasons or ())
    # Who can see what, from `content` rows: the visible ones, and a party's own.
    total, visible = scope.n["content"], scope.n["content_visible"]
    for party, info in report["information"].items():
        seen = visible + scope.by["content_hidden"][party]
        info.update(can_see=seen, of=total, share=round(seen / total, 4) if total else 0.0)
    if not total:
        report["cannot_measure_yet"].append(gettext(
            "No documents were recorded, so who can see what cannot be measured yet."
        ))
    hidden = scope.n["money_rows_hidden"]
    report["budget_visible"].update(
        every_party_can_see=hidden == 0, money_rows=scope.n["money_rows"], money_rows_hidden=hidden
    )
    return report
