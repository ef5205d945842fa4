"""The audit of a party across all its spaces, and of a partnership across the spaces two
parties meet in (DESIGN §5). Pure: spaces' counter states and reports in, the report out.

Formulas and their reasons: docs/audit.md, "Audits across spaces".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext, ngettext

from .. import ladder
from ..report import disputed_flag
from . import combine as c
from .money import budget_visible, money

REPORT_VERSION = 1


def _names(parties: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {p: str(info.get("name") or p) for p, info in parties.items()}


def _involved(items: Sequence[c.SpaceItem], focus: Sequence[str]) -> list[str]:
    """The focus parties first, then every other party the spaces' records name."""
    seen = dict.fromkeys(focus)
    for item in items:
        s = item.state
        for p in (*s["holders"], *s["guests"], *sorted(s["former_holders"]),
                  *sorted(s["former_guests"]), *s["parties"]):
            seen.setdefault(p, None)
    return list(seen)


def _with_disputed(message: str, disputed: int) -> str:
    """A flag about a party's outside decisions, and how many of them it disputes: they
    count, but the party says it did not make them (DESIGN rule 11)."""
    if not disputed:
        return message
    return message + " " + ngettext(
        "It disputes %(n)s of them.", "It disputes %(n)s of them.", disputed
    ) % {"n": disputed}


def _flags(items: Sequence[c.SpaceItem], focus: Sequence[str], body: Mapping[str, Any],
           names: Mapping[str, str]) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    here = ngettext("this space", "these %(n)s spaces", len(items)) % {"n": len(items)}
    if items:
        for p in focus:
            if body["initiative"]["by_party"].get(p, 0) == 0:
                flags.append({"code": "never_starts", "party": p, "message": gettext(
                    "%(party)s has not started anything in %(here)s."
                ) % {"party": names.get(p, p), "here": here}})
    for p in focus:
        outside = body["decisions"]["outside"][p]
        n = outside["made_by_itself"]
        if n:
            message = ngettext(
                "%(party)s made %(n)s decision about the work somewhere else, outside "
                "%(here)s.",
                "%(party)s made %(n)s decisions about the work somewhere else, outside "
                "%(here)s.",
                n,
            ) % {"party": names.get(p, p), "n": n, "here": here}
            disputed = (outside.get("by_itself") or {}).get("disputed", 0)
            flags.append({"code": "decides_outside", "party": p,
                          "message": _with_disputed(message, disputed)})
        away = outside.get("elsewhere") or {}
        if away.get("total"):
            message = ngettext(
                "%(party)s is named as the maker of %(n)s decision about the work of a "
                "space it is not part of.",
                "%(party)s is named as the maker of %(n)s decisions about the work of "
                "spaces it is not part of.",
                away["total"],
            ) % {"party": names.get(p, p), "n": away["total"]}
            flags.append({"code": "named_outside_elsewhere", "party": p,
                          "message": _with_disputed(message, away.get("disputed", 0))})
    wrong = [row for row in body["spaces"] if row["label_check"]["mismatch"]]
    if wrong:
        listed = ", ".join(
            gettext("%(title)s (called %(claimed)s, measured %(measured)s)") % {
                "title": row["title"], "claimed": ladder.word(row["claimed_approach"]),
                "measured": ladder.word(row["measured_approach"])}
            for row in wrong)
        said = {"n": len(wrong), "total": len(items), "list": listed}
        if len(items) == 1:
            message = gettext("%(n)s of %(total)s space is called something the record does "
                              "not show: %(list)s.") % said
        else:
            message = ngettext(
                "%(n)s of %(total)s spaces is called something the record does not show: "
                "%(list)s.",
                "%(n)s of %(total)s spaces are called something the record does not show: "
                "%(list)s.",
                len(wrong),
            ) % said
        flags.append({"code": "label_mismatch", "party": None, "message": message})
    for currency, row in body["money"]["by_currency"].items():
        if row["withdrawn_unilaterally"] != "0.00":
            flags.append({"code": "unilateral_withdrawal", "party": None, "message": gettext(
                "%(amount)s was taken out of shared funds by one group alone."
            ) % {"amount": f"{row['withdrawn_unilaterally']} {currency}".strip()}})
    flags.extend(disputed_flag(body["outside_decisions"]["disputed"]))
    removals = body["exit_power"]["guest_removals"]
    if removals:
        flags.append({"code": "guests_removed", "party": None, "message": ngettext(
            "A host stopped involving a guest once.",
            "A host stopped involving a guest %(n)s times.",
            removals,
        ) % {"n": removals}})
    return flags


def _cannot_measure_yet(items: Sequence[c.SpaceItem], body: Mapping[str, Any],
                        nobody_here: str) -> list[str]:
    if not items:
        return [nobody_here]
    notes = []
    if body["decisions"]["total"] == 0:
        notes.append(gettext("No decisions have been made yet, so where decisions are made "
                             "cannot be measured yet."))
    if body["initiative"]["total"] == 0:
        notes.append(gettext("Nobody has started anything yet."))
    if not any(row["proposed"] for row in body["acceptance"].values()):
        notes.append(gettext("No proposals have been made yet, so acceptance cannot be "
                             "measured yet."))
    m = body["money"]
    if m["mixed_currencies"]:
        notes.append(gettext("The money is in more than one currency (%(currencies)s), so it "
                             "is shown for each currency and not added up.")
                     % {"currencies": ", ".join(m["currencies"])})
    elif not m["measurable"]:
        notes.append(gettext("There is no money in any fund, so who controls money cannot be "
                             "measured yet."))
    return notes


def _body(items: Sequence[c.SpaceItem], focus: Sequence[str],
          parties: Mapping[str, Mapping[str, Any]],
          elsewhere: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, Any]:
    involved = _involved(items, focus)
    return {
        "report_version": REPORT_VERSION,
        "parties": {p: {"name": (parties.get(p) or {}).get("name") or p,
                        "kind": (parties.get(p) or {}).get("kind")} for p in sorted(involved)},
        "spaces": c.space_rows(items, focus),
        "decisions": c.decisions(items, focus, elsewhere),
        "initiative": c.initiative(items, focus),
        "acceptance": c.acceptance(items, focus),
        "objections": c.objections(items),
        "money": money(items),
        "budget_visible": budget_visible(items),
        "exit_power": c.exit_power(items, focus),
        "outside_decisions": c.outside_decisions(items),
        "information": c.information(items, involved),
        "participation": c.participation(items),
    }


def _partners(items: Sequence[c.SpaceItem], party: str) -> list[dict[str, Any]]:
    """Every other party met in these spaces: in how many, and how they stand to each other."""
    rows: dict[str, Counter[str]] = {}
    for item in items:
        s = item.state
        mine = c.relation(s, party)
        for other in _involved([item], []):
            theirs = c.relation(s, other)
            if other == party or theirs is None:
                continue
            row = rows.setdefault(other, Counter())
            row["spaces"] += 1
            if c.held_by(s, party) and c.held_by(s, other):
                row["held_together"] += 1
            elif c.held_by(s, party):
                row["it_hosts_them"] += 1
            elif c.held_by(s, other):
                row["they_host_it"] += 1
            elif mine is not None:
                row["both_guests"] += 1
    keys = ("spaces", "held_together", "it_hosts_them", "they_host_it", "both_guests")
    return [{"party": p, **{k: row.get(k, 0) for k in keys}} for p, row in sorted(rows.items())]


def party_report(items: Sequence[c.SpaceItem], party: str,
                 parties: Mapping[str, Mapping[str, Any]],
                 elsewhere: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The audit of one party across the spaces in ``items`` (its spaces). ``elsewhere``:
    the outside decisions naming it in spaces it is not part of (``named_elsewhere``)."""
    names = _names(parties)
    body = _body(items, [party], parties, {party: elsewhere} if elsewhere else None)
    rows = body["spaces"]
    report = {
        "scope": "party",
        "party": party,
        "title": names.get(party, party),
        **body,
        "partners": _partners(items, party),
        "approaches": {
            "claimed": dict(sorted(Counter(r["claimed_approach"] for r in rows).items())),
            "measured": dict(sorted(Counter(r["measured_approach"] for r in rows).items())),
            "label_mismatches": sum(1 for r in rows if r["label_check"]["mismatch"]),
        },
    }
    report["flags"] = _flags(items, [party], report, names)
    report["cannot_measure_yet"] = _cannot_measure_yet(
        items, report,
        gettext("%(party)s is not in any space yet.") % {"party": names.get(party, party)})
    report["evidence"] = c.evidence(items)
    return report


def _highest(words: Sequence[str | None]) -> str | None:
    known = [w for w in words if ladder.rank(w) >= 0]
    return max(known, key=ladder.rank) if known else None


def partnership_figures(items: Sequence[c.SpaceItem], a: str, b: str,
                        body: Mapping[str, Any]) -> ladder.Figures:
    """The ladder's figures for a pair of parties over the spaces they meet in.

    When the two hold at least one shared space together, the shared-space rules apply with
    decisions by consent in those spaces against every decision in all the spaces they meet
    in, what each of the two started, and all the money (one currency only). Otherwise the
    own-space rule applies with the most any guest could do in any of these spaces, and the
    party that decided most on its own as the host.
    """
    d = body["decisions"]
    together = [i for i in items if i.state["kind"] == "shared"
                and c.held_by(i.state, a) and c.held_by(i.state, b)]
    m = body["money"]
    money_total = m["committed"] if m["measurable"] else "0"
    money_joint = m["joint"] if m["measurable"] else "0"
    if together:
        return ladder.Figures(
            kind="shared",
            decisions_total=d["total"],
            decisions_in_space=sum(i.state["decisions"]["shared"] for i in together),
            initiative_by_party={p: body["initiative"]["by_party"].get(p, 0) for p in (a, b)},
            money_total=money_total, money_joint=money_joint, currency=m["currency"],
        )
    permissions = sorted({p for i in items for p in i.state["guest_permissions"]})
    alone = d["by_party"]
    host = (max(sorted(alone), key=lambda p: alone[p]) if alone
            else next((c.own_host(i.state) for i in items if c.own_host(i.state)), None))
    return ladder.Figures(
        kind="own", guest_permissions=tuple(permissions), decisions_total=d["total"],
        decisions_in_space=alone.get(host, 0) if host else 0,
        initiative_by_party={p: body["initiative"]["by_party"].get(p, 0) for p in (a, b)},
        money_total=money_total, money_joint=money_joint, currency=m["currency"], host=host,
    )


def partnership_report(items: Sequence[c.SpaceItem], a: str, b: str,
                       parties: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The audit of the partnership of ``a`` and ``b`` across the spaces in ``items``."""
    names = _names(parties)
    body = _body(items, [a, b], parties)
    report: dict[str, Any] = {
        "scope": "partnership",
        "partnership": [a, b],
        "title": f"{names.get(a, a)} and {names.get(b, b)}",
        **body,
    }
    claimed = _highest([r["claimed_approach"] for r in body["spaces"]])
    if items:
        fig = partnership_figures(items, a, b, body)
        report["claimed_approach"] = claimed
        report["measured_approach"] = ladder.measured_approach(fig)
        report["label_check"] = ladder.label_check(claimed, fig, names)
        report["checks"] = ([{"rule": k.rule, "passed": k.passed, "reason": k.reason}
                             for k in ladder.coproduction_checks(fig, names)]
                            if fig.kind == "shared" else [])
    else:
        report.update(claimed_approach=None, measured_approach=None,
                      label_check={"mismatch": False, "reasons": []}, checks=[])
    report["flags"] = _flags(items, [a, b], report, names)
    report["cannot_measure_yet"] = _cannot_measure_yet(
        items, report,
        gettext("%(a)s and %(b)s do not meet in any space yet.")
        % {"a": names.get(a, a), "b": names.get(b, b)})
    report["evidence"] = c.evidence(items)
    return report
