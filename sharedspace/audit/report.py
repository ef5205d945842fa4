"""The power audit report of one space, built from its counter state (pure, no database).

``build_report(state, parties)`` turns the state kept by ``fold.apply`` into the audit JSON of
CONTRACT.md (plus the additive measures of DESIGN §5). ``parties`` maps party ids to
``{"name", "kind"}`` for display; names never come from the ledger (DESIGN §4 rule 13).
Its sentences (reasons, flags, notes) are in the active language: the API and the CLI build
it in English, a web page in the reader's language (docs/adr/0018).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext, ngettext

from . import ladder
from .fold import ACCEPTANCE_KEYS, OBJECTION_KEYS

REPORT_VERSION = 1


def _m(value: Any) -> Decimal:
    return Decimal(str(value or "0"))


def _s(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _share(part: int | Decimal, whole: int | Decimal) -> float:
    """A share between 0.0 and 1.0, rounded to four places (0.0 when there is no whole)."""
    if not whole:
        return 0.0
    return round(float(Fraction(part) / Fraction(whole)), 4)


def _involved(state: Mapping[str, Any]) -> list[str]:
    """Current and former holders and guests, in a stable order."""
    seen: dict[str, None] = {}
    for group in (state["holders"], state["guests"], sorted(state["former_holders"]),
                  sorted(state["former_guests"])):
        for p in group:
            seen.setdefault(p, None)
    return list(seen)


def money_figures(state: Mapping[str, Any]) -> dict[str, Any]:
    money = state["money"]
    committed = sum((_m(v) for v in money["committed_by"].values()), Decimal("0"))
    withdrawn = sum((_m(v) for v in money["withdrawn_by"].values()), Decimal("0"))
    spent = _m(money["spent_by_consent"]) + _m(money["spent_alone"])
    joint = min(_m(money["joint"]), committed)
    return {
        "currency": money["currency"] or None,
        "committed_by": {p: _s(_m(v)) for p, v in sorted(money["committed_by"].items())},
        "withdrawn_by": {p: _s(_m(v)) for p, v in sorted(money["withdrawn_by"].items())},
        "committed": _s(committed),
        "spent_by_consent": _s(_m(money["spent_by_consent"])),
        "spent_alone": _s(_m(money["spent_alone"])),
        "withdrawn_unilaterally": _s(_m(money["withdrawn_unilaterally"])),
        "withdrawn": _s(withdrawn),
        "balance": _s(committed - spent - withdrawn),
        "joint": _s(joint),
        "joint_share": _share(joint, committed),
        "measurable": committed > 0,
    }


def figures(state: Mapping[str, Any]) -> ladder.Figures:
    """The plain numbers the ladder rules need, from the counter state."""
    d = state["decisions"]
    money = money_figures(state)
    in_space = d["shared"] if state["kind"] == "shared" else d["own"]
    return ladder.Figures(
        kind=state["kind"] or "own",
        guest_permissions=tuple(state["guest_permissions"]),
        decisions_total=d["own"] + d["shared"] + d["outside"],
        decisions_in_space=in_space,
        initiative_by_party=dict(state["initiative"]["by_party"]),
        money_total=money["committed"],
        money_joint=money["joint"],
        currency=money["currency"],
        host=(state["holders"] or [state["created_by"]])[0],
    )


def _information(state: Mapping[str, Any]) -> dict[str, Any]:
    """The share of the space's record each party can read (see docs/audit.md)."""
    total = state["entries"]
    guests_see = "view" in state["guest_permissions"]
    result = {}
    for p in _involved(state):
        if p in state["holders"]:
            seen, why = total, "holder"
        elif p in state["guests"]:
            seen, why = (total if guests_see else 0), "guest"
        elif p in state["former_holders"]:
            seen, why = state["former_holders"][p], "former_holder"
        else:
            seen, why = (state["former_guests"][p] if guests_see else 0), "former_guest"
        result[p] = {"relation": why, "can_see": seen, "of": total, "share": _share(seen, total)}
    return result


def _participation(state: Mapping[str, Any]) -> dict[str, Any]:
    by_party: dict[str, dict[str, int]] = {}
    people: dict[str, set[str]] = {}
    for month in sorted(state["participation"]):
        for party, persons in state["participation"][month].items():
            by_party.setdefault(party, {})[month] = len(persons)
            people.setdefault(party, set()).update(persons)
    return {
        "by_party": {p: by_party[p] for p in sorted(by_party)},
        "people_by_party": {p: len(people[p]) for p in sorted(people)},
        "months": sorted(state["participation"]),
    }


def initiative_by_month(months: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """Initiatives per party per month (``"YYYY-MM"``, UTC): ``{by_month: {party: {month: n}},
    months: [...]}``; months without any initiative are left out."""
    by_party: dict[str, dict[str, int]] = {}
    for month in sorted(months):
        for party, n in months[month].items():
            if n:
                by_party.setdefault(party, {})[month] = int(n)
    return {"by_month": {p: by_party[p] for p in sorted(by_party)},
            "months": sorted({m for row in by_party.values() for m in row})}


def acceptance_rows(acceptance: Mapping[str, Mapping[str, int]], parties: Iterable[str]
                    ) -> dict[str, dict[str, int]]:
    """``acceptance`` of the report: every party that proposed, and every one of ``parties``
    (those ``initiative.by_party`` lists) with zeros, so that each party of the report has a
    row; ``open`` is what is still undecided."""
    result = {}
    for p in sorted(set(acceptance) | set(parties)):
        row = acceptance.get(p) or {}
        figures = {k: int(row.get(k, 0)) for k in ACCEPTANCE_KEYS}
        figures["open"] = figures["proposed"] - sum(figures[k] for k in ACCEPTANCE_KEYS[1:])
        result[p] = figures
    return result


def outside_by_party(state: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """Each party named as the maker of outside decisions: how many it confirmed, disputed
    or has not answered yet. They are in ``decisions.by_party`` too, disputed ones included
    (DESIGN rule 11: both count, disputed ones marked); this says which is which. Records
    imported from other platforms have no makers (``{}``)."""
    makers = (state.get("outside") or {}).get("by_maker") or {}
    return {p: {k: int(row.get(k, 0)) for k in ("confirmed", "disputed", "unanswered")}
            for p, row in sorted(makers.items())}


def disputed_flag(disputed: int) -> list[dict[str, Any]]:
    """The flag for outside decisions whose named maker disputed them (none when none was)."""
    if not disputed:
        return []
    return [{"code": "disputed_outside_decisions", "party": None, "message": ngettext(
        "%(n)s decision recorded as made elsewhere was disputed.",
        "%(n)s decisions recorded as made elsewhere were disputed.",
        disputed,
    ) % {"n": disputed}}]


def _flags(state: Mapping[str, Any], money: Mapping[str, Any], names: Mapping[str, str]
           ) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    started = state["initiative"]["by_party"]
    for p in _involved(state):
        if started.get(p, 0) == 0:
            cannot = (p in state["guests"] or p in state["former_guests"]) and (
                state["kind"] != "shared" and "propose" not in state["guest_permissions"]
            )
            flags.append({
                "code": "never_starts",
                "party": p,
                "message": (
                    gettext("%(party)s has not started anything here (as a guest it is not "
                            "allowed to make proposals).") if cannot else
                    gettext("%(party)s has not started anything here.")
                ) % {"party": names.get(p, p)},
            })
    if _m(money["withdrawn_unilaterally"]) > 0:
        flags.append({"code": "unilateral_withdrawal", "party": None, "message": gettext(
            "%(amount)s was taken out of the shared fund by one group alone."
        ) % {"amount": " ".join(filter(None, (money["withdrawn_unilaterally"],
                                               money["currency"])))}})
    flags.extend(disputed_flag(state["outside"]["disputed"]))
    removals = state["exit"]["guest_removals"]
    if removals:
        flags.append({"code": "guests_removed", "party": None, "message": ngettext(
            "The host stopped involving a guest %(n)s time.",
            "The host stopped involving a guest %(n)s times.",
            removals,
        ) % {"n": removals}})
    return flags


def _cannot_measure_yet(state: Mapping[str, Any], total_decisions: int, money: Mapping[str, Any],
                        names: Mapping[str, str]) -> list[str]:
    notes = []
    if total_decisions == 0:
        notes.append(gettext("No decisions have been made yet, so where decisions are made "
                             "cannot be measured yet."))
    if not state["initiative"]["by_party"]:
        notes.append(gettext("Nobody has started anything yet."))
    if not state["acceptance"]:
        notes.append(gettext("No proposals have been made yet, so acceptance cannot be "
                             "measured yet."))
    if not money["measurable"]:
        notes.append(gettext("There is no money in the fund, so who controls money cannot be "
                             "measured yet."))
    if state["kind"] != "shared" and not _involved(state)[1:]:
        notes.append(gettext("No guest has taken part yet."))
    if state["state"] == "closed":
        notes.append(gettext("This space is closed, so nothing new will be measured here."))
    for p in sorted(state["former_holders"]) + sorted(state["former_guests"]):
        notes.append(gettext("%(party)s left or was removed, so it can only see the record "
                             "up to then.") % {"party": names.get(p, p)})
    return notes


def build_report(state: Mapping[str, Any], parties: Mapping[str, Mapping[str, Any]]
                 ) -> dict[str, Any]:
    """The audit JSON (CONTRACT.md) of one space from its counter state."""
    names = {p: str(info.get("name") or p) for p, info in parties.items()}
    d = state["decisions"]
    total = d["own"] + d["shared"] + d["outside"]
    money = money_figures(state)
    fig = figures(state)
    measured = ladder.measured_approach(fig)
    involved = _involved(state)
    everyone = sorted(set(state["parties"]) | set(involved))
    initiative = state["initiative"]
    host = fig.host
    can_remove = []
    if state["kind"] != "shared" and host:
        can_remove = [{"party": host, "can_remove": g} for g in state["guests"]]
    return {
        "report_version": REPORT_VERSION,
        "space": state["space"],
        "kind": state["kind"],
        "state": state["state"],
        "holders": list(state["holders"]),
        "guests": list(state["guests"]),
        "former_holders": sorted(state["former_holders"]),
        "former_guests": sorted(state["former_guests"]),
        "parties": {p: {"name": names.get(p, p), "kind": (parties.get(p) or {}).get("kind")}
                    for p in everyone},
        "claimed_approach": state["claimed_approach"],
        "measured_approach": measured,
        "label_check": ladder.label_check(state["claimed_approach"], fig, names),
        "checks": [{"rule": c.rule, "passed": c.passed, "reason": c.reason}
                   for c in ladder.coproduction_checks(fig, names)]
        if state["kind"] == "shared" else [],
        "decisions": {
            "total": total,
            "by_venue": {"own": d["own"], "shared": d["shared"], "outside": d["outside"]},
            "by_party": {p: d["by_party"].get(p, 0)
                         for p in sorted(set(d["by_party"]) | set(involved))},
            "made_together": d["together"],
            "outside_by_party": outside_by_party(state),
        },
        "initiative": {
            "total": sum(initiative["by_party"].values()),
            "by_party": {p: initiative["by_party"].get(p, 0)
                         for p in sorted(set(initiative["by_party"]) | set(involved))},
            "by_kind": dict(sorted(initiative["by_kind"].items())),
            **initiative_by_month(state.get("initiative_months") or {}),
        },
        "acceptance": acceptance_rows(state["acceptance"],
                                      set(initiative["by_party"]) | set(involved)),
        "objections": {p: {k: row.get(k, 0) for k in OBJECTION_KEYS}
                       for p, row in sorted(state["objections"].items())},
        "views": dict(sorted(state["views"].items())),
        "money": money,
        "budget_visible": {"has_fund": money["measurable"], "every_party_can_see": True},
        "exit_power": {
            "can_remove": can_remove,
            "holders_can_be_removed": False,
            "guests_removed_only_together": state["kind"] == "shared",
            "guest_removals": state["exit"]["guest_removals"],
            "guest_removals_by_host": state["exit"]["by_host"],
            "guest_removals_by_proposal": state["exit"]["by_proposal"],
            "left": dict(sorted(state["exit"]["left"].items())),
        },
        "outside_decisions": {k: state["outside"][k]
                              for k in ("confirmed", "disputed", "unanswered")},
        "information": _information(state),
        "participation": _participation(state),
        "flags": _flags(state, money, names),
        "cannot_measure_yet": _cannot_measure_yet(state, total, money, names),
        "entries": state["entries"],
        "last_seq": state["seq"],
        "evidence": {k: list(v) for k, v in sorted(state["evidence"].items())},
        "evidence_total": dict(sorted(state["evidence_count"].items())),
    }
