"""Adding the counters of several spaces together, seen from one or two parties (pure).

Every function takes ``items``: the spaces in scope, each with its counter state (as kept by
``audit.fold``) and its per-space report (``audit.report.build_report``). Nothing here touches
the database. The formulas are written down in docs/audit.md, "Audits across spaces".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..fold import ACCEPTANCE_KEYS, OBJECTION_KEYS
from ..report import _share, initiative_by_month

#: The places a decision can be made, seen from one party: its own space ("my space"),
#: another party's space it was invited into ("your space"), a space it holds with others
#: ("shared space"), and somewhere else ("outside").
CIRCLES = ("own", "invited", "shared", "outside")

HOLDER, GUEST, FORMER_HOLDER, FORMER_GUEST = "holder", "guest", "former_holder", "former_guest"


@dataclass(frozen=True)
class SpaceItem:
    """One space in scope: its id and title, its counter state and its per-space report."""

    space: str
    title: str
    state: Mapping[str, Any]
    report: Mapping[str, Any]


def relation(state: Mapping[str, Any], party: str) -> str | None:
    """How a party stands to a space in the record now (the closest relation)."""
    if party in state["holders"]:
        return HOLDER
    if party in state["guests"]:
        return GUEST
    if party in state["former_holders"]:
        return FORMER_HOLDER
    if party in state["former_guests"]:
        return FORMER_GUEST
    return None


def held_by(state: Mapping[str, Any], party: str) -> bool:
    """The party holds the space now or held it before it left."""
    return party in state["holders"] or party in state["former_holders"]


def own_host(state: Mapping[str, Any]) -> str | None:
    """The party whose own space this was while it was an own space: the one that opened it.

    An own space has exactly one holder, the party that opened it, until it closes or
    becomes shared; so every decision counted in venue ``own`` was made by that party.
    """
    return state.get("created_by")


def outside_by_maker(state: Mapping[str, Any]) -> dict[str, int]:
    """Outside decisions of one space per party named as their maker.

    ``decisions.by_party`` counts what a party decided alone: its own-space decisions (as
    host) and the outside decisions naming it. Taking the host's own-space decisions away
    leaves the outside ones.
    """
    d = state["decisions"]
    host = own_host(state)
    result = {}
    for party, n in d["by_party"].items():
        left = n - (d["own"] if party == host else 0)
        if left > 0:
            result[party] = left
    return result


def _sum(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for row in rows:
        total.update({k: int(v) for k, v in row.items()})
    return dict(sorted(total.items()))


# -- where decisions were made -----------------------------------------------------------------


def circles(items: Sequence[SpaceItem], party: str) -> dict[str, int]:
    """The three circles (and outside) of one party over the spaces in ``items``.

    - ``own``: decisions its own spaces' host (itself) made there;
    - ``invited``: decisions made in another party's space: by the host of an own space that
      is not this party, or by consent of the holders of a shared space it is only a guest
      in;
    - ``shared``: decisions by consent in shared spaces it holds (or held);
    - ``outside``: decisions recorded as made elsewhere, in any of these spaces.
    """
    result = dict.fromkeys(CIRCLES, 0)
    for item in items:
        d = item.state["decisions"]
        result["own" if own_host(item.state) == party else "invited"] += d["own"]
        result["shared" if held_by(item.state, party) else "invited"] += d["shared"]
        result["outside"] += d["outside"]
    return result


OUTSIDE_KEYS = ("confirmed", "disputed", "unanswered")


def outside_by_party(items: Sequence[SpaceItem]) -> dict[str, dict[str, int]]:
    """``decisions.outside_by_party`` of the spaces' reports added up: per party named as a
    maker, how many of its outside decisions it confirmed, disputed or has not answered."""
    rows: dict[str, Counter[str]] = {}
    for item in items:
        found = (item.report.get("decisions") or {}).get("outside_by_party") or {}
        for party, row in found.items():
            rows.setdefault(party, Counter()).update({k: int(row.get(k, 0)) for k in OUTSIDE_KEYS})
    return {p: {k: row.get(k, 0) for k in OUTSIDE_KEYS} for p, row in sorted(rows.items())}


def outside_for(items: Sequence[SpaceItem], party: str,
                elsewhere: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Outside decisions in these spaces, how they were answered, and who made them; with
    ``by_itself`` (those naming the party, as it answered them) and ``elsewhere`` (those
    naming it in spaces it is not part of, see ``audit.across.named_elsewhere``)."""
    answered = _sum({k: item.state["outside"][k] for k in OUTSIDE_KEYS} for item in items)
    total = sum(item.state["decisions"]["outside"] for item in items)
    by_self = sum(outside_by_maker(item.state).get(party, 0) for item in items)
    return {
        "total": total,
        "confirmed": answered.get("confirmed", 0),
        "disputed": answered.get("disputed", 0),
        "unanswered": answered.get("unanswered", 0),
        "made_by_itself": by_self,
        "made_by_others": total - by_self,
        "by_itself": outside_by_party(items).get(party, dict.fromkeys(OUTSIDE_KEYS, 0)),
        "elsewhere": {"spaces": 0, "total": 0, **dict.fromkeys(OUTSIDE_KEYS, 0),
                      **(elsewhere or {})},
    }


def decisions(items: Sequence[SpaceItem], focus: Sequence[str],
              elsewhere: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, Any]:
    """Where decisions were made in these spaces. ``elsewhere``: per party in focus, the
    outside decisions naming it in spaces it is not part of; they are its own (it is named
    as their maker), so they count in its ``outside`` circle, disputed ones included and
    marked (DESIGN rule 11)."""
    elsewhere = elsewhere or {}
    by_venue = {k: sum(item.state["decisions"][k] for item in items)
                for k in ("own", "shared", "outside")}
    seen = {p: circles(items, p) for p in focus}
    for p in focus:
        seen[p]["outside"] += int((elsewhere.get(p) or {}).get("total", 0))
    return {
        "total": sum(by_venue.values()),
        "by_venue": by_venue,
        "by_party": _sum(item.state["decisions"]["by_party"] for item in items),
        "made_together": sum(item.state["decisions"]["together"] for item in items),
        "outside_by_party": outside_by_party(items),
        "circles": seen,
        "outside": {p: outside_for(items, p, elsewhere.get(p)) for p in focus},
    }


# -- who starts things, whose proposals pass, objections -------------------------------------


def initiative(items: Sequence[SpaceItem], focus: Sequence[str]) -> dict[str, Any]:
    by_party = _sum(item.state["initiative"]["by_party"] for item in items)
    for p in focus:
        by_party.setdefault(p, 0)
    total = sum(by_party.values())
    return {
        "total": total,
        "by_party": dict(sorted(by_party.items())),
        "share": {p: _share(n, total) for p, n in sorted(by_party.items())},
        "by_kind": _sum(item.state["initiative"]["by_kind"] for item in items),
        **initiative_by_month(_months(item.state.get("initiative_months") or {}
                                      for item in items)),
    }


def _months(tables: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, int]]:
    """Month tables (``{"YYYY-MM": {party: n}}``) of several spaces added together."""
    total: dict[str, dict[str, int]] = {}
    for table in tables:
        for month, row in table.items():
            into = total.setdefault(month, {})
            for party, n in row.items():
                into[party] = into.get(party, 0) + int(n)
    return total


def acceptance(items: Sequence[SpaceItem], focus: Sequence[str] = ()) -> dict[str, Any]:
    """The sums per party, with a row of zeros for every party of the spaces' own reports
    (holders, guests and former ones of each, and whoever started something) and for the
    parties in focus, so that each party of the report has a row."""
    rows: dict[str, Counter[str]] = {p: Counter() for p in focus}
    for item in items:
        for party in item.report.get("acceptance") or {}:
            rows.setdefault(party, Counter())
        for party, row in item.state["acceptance"].items():
            rows.setdefault(party, Counter()).update({k: row.get(k, 0) for k in ACCEPTANCE_KEYS})
    result = {}
    for party, row in sorted(rows.items()):
        figures = {k: row.get(k, 0) for k in ACCEPTANCE_KEYS}
        figures["open"] = figures["proposed"] - sum(figures[k] for k in ACCEPTANCE_KEYS[1:])
        result[party] = {**figures, "share": _share(figures["passed"], figures["proposed"])}
    return result


def objections(items: Sequence[SpaceItem]) -> dict[str, dict[str, int]]:
    rows: dict[str, Counter[str]] = {}
    for item in items:
        for party, row in item.state["objections"].items():
            rows.setdefault(party, Counter()).update({k: row.get(k, 0) for k in OBJECTION_KEYS})
    return {p: {k: row.get(k, 0) for k in OBJECTION_KEYS} for p, row in sorted(rows.items())}


# -- exit power, information, participation, outside ----------------------------------------


def exit_power(items: Sequence[SpaceItem], focus: Sequence[str]) -> dict[str, Any]:
    """Who can remove whom in these spaces (each pair with the spaces where it can), and the
    removals and leavings that happened."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for item in items:
        for pair in item.report["exit_power"]["can_remove"]:
            if pair["party"] in focus or pair["can_remove"] in focus:
                pairs.setdefault((pair["party"], pair["can_remove"]), []).append(item.space)
    ex = [item.state["exit"] for item in items]
    return {
        "can_remove": [{"party": a, "can_remove": b, "spaces": spaces}
                       for (a, b), spaces in sorted(pairs.items())],
        "can_remove_others_in": {p: len({s for (a, _), ss in pairs.items() if a == p
                                         for s in ss}) for p in focus},
        "can_be_removed_in": {p: len({s for (_, b), ss in pairs.items() if b == p
                                      for s in ss}) for p in focus},
        "holders_can_be_removed": False,
        "guest_removals": sum(e["guest_removals"] for e in ex),
        "guest_removals_by_host": sum(e["by_host"] for e in ex),
        "guest_removals_by_proposal": sum(e["by_proposal"] for e in ex),
        "left": _sum(e["left"] for e in ex),
    }


def information(items: Sequence[SpaceItem], parties: Iterable[str]) -> dict[str, Any]:
    """Of every entry recorded in these spaces, how many each party can read."""
    total = sum(item.state["entries"] for item in items)
    result = {}
    for p in parties:
        seen = sum((item.report["information"].get(p) or {}).get("can_see", 0) for item in items)
        result[p] = {"can_see": seen, "of": total, "share": _share(seen, total)}
    return result


def participation(items: Sequence[SpaceItem]) -> dict[str, Any]:
    """Distinct active people per party per month, over all these spaces together."""
    months: dict[str, dict[str, set[str]]] = {}
    for item in items:
        for month, parties in item.state["participation"].items():
            for party, people in parties.items():
                months.setdefault(party, {}).setdefault(month, set()).update(people)
    return {
        "by_party": {p: {m: len(ps) for m, ps in sorted(by_month.items())}
                     for p, by_month in sorted(months.items())},
        "people_by_party": {p: len(set().union(*by_month.values()))
                            for p, by_month in sorted(months.items())},
        "months": sorted({m for by_month in months.values() for m in by_month}),
    }


def outside_decisions(items: Sequence[SpaceItem]) -> dict[str, int]:
    return {k: sum(item.state["outside"][k] for item in items)
            for k in ("confirmed", "disputed", "unanswered")}


def space_rows(items: Sequence[SpaceItem], focus: Sequence[str]) -> list[dict[str, Any]]:
    """One row per space in scope: what it is, how each party stands, and its label check."""
    rows = []
    for item in items:
        r = item.report
        rows.append({
            "space": item.space,
            "title": item.title,
            "kind": r["kind"],
            "state": r["state"],
            "relation": {p: relation(item.state, p) for p in focus},
            "claimed_approach": r["claimed_approach"],
            "measured_approach": r["measured_approach"],
            "label_check": r["label_check"],
            "decisions": dict(r["decisions"]["by_venue"]),
            "entries": r["entries"],
        })
    return rows


def evidence(items: Sequence[SpaceItem]) -> dict[str, dict[str, list[int]]]:
    """The ledger entries behind each measure, per space (each space has its own chain)."""
    return {item.space: {k: list(v) for k, v in item.report["evidence"].items()}
            for item in items}
