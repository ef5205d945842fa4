"""From tallied figures to the audit report: the same builder, rules and shape as a ledger's.

The tallies (proposals.py, events.py) fill the audit's own counter state (`fold.new_state`)
and this module hands it to `sharedspace.audit.report.build_report`, so an imported report
has exactly the keys, names and wording of `audit_space`. The ladder's pure functions then
judge the figures (`ladder.measured_approach`, `ladder.label_check`); nothing here restates
their rules. What imports add is said on top: the acceptance of the host's own proposals
beside the others' (in the label check's reasons), money spent outside any fund, and where
the records came from (the `source` block, see source.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext, pgettext

from sharedspace.audit import ladder
from sharedspace.audit import report as audit_report
from sharedspace.audit.fold import new_state

#: What an imported report's `state` says (a ledger's report says forming / active / closed).
IMPORTED = "imported"

State = dict[str, Any]


def empty_state(space: str) -> State:
    """The audit's counter state for an imported space, before anything is tallied."""
    state = new_state(space)
    state["state"] = IMPORTED
    return state


def _two(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _join(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def possessive(name: str) -> str:
    """`Speaking Up Together` → `Speaking Up Together's`; `Carers` → `Carers'` (English, for
    titles such as "Carers' own space")."""
    return name + ("'" if name.endswith("s") else "'s")


def _whose(name: str) -> str:
    """`possessive` in the active language, for sentences ("13% of Carers' proposals")."""
    if name.endswith("s"):
        return pgettext("possessive of a name ending in s", "%(name)s'") % {"name": name}
    return pgettext("possessive of a name", "%(name)s's") % {"name": name}


def acceptance_sentence(
    host: str | None,
    acceptance: Mapping[str, Mapping[str, int]],
    names: Mapping[str, str],
    whose: Mapping[str, str] | None = None,
    *,
    order: Sequence[str] = (),
) -> str | None:
    """How many of the host's own proposals it accepted, beside the others', in percentages:
    "Ajuntament de Barcelona accepted 94% of its own proposals (31 of 33) and 69% of everyone
    else's (184 of 267): 60% of citizens' proposals (60 of 100) and …". `whose` gives the
    possessive of a party where the plain `name's` would read badly ("citizens'"); the
    others come in `order` (the guests), then the rest by name. None when nobody proposed
    anything."""
    whose = whose or {}
    rank = {p: i for i, p in enumerate(order)}
    host_name = names.get(host or "", host or gettext("the host"))
    others = sorted(
        ((p, row) for p, row in acceptance.items() if p != host and row.get("proposed")),
        key=lambda item: (rank.get(item[0], len(rank)), item[0]),
    )
    parts = [
        gettext("%(share)s of %(whose)s proposals (%(passed)s of %(proposed)s)")
        % {
            "share": ladder.pct(row["passed"], row["proposed"]),
            "whose": whose.get(p) or _whose(names.get(p, p)),
            "passed": row["passed"],
            "proposed": row["proposed"],
        }
        for p, row in others
    ]
    if len(parts) > 1:
        passed = sum(row["passed"] for _, row in others)
        proposed = sum(row["proposed"] for _, row in others)
        parts = [
            gettext("%(share)s of everyone else's (%(passed)s of %(proposed)s): %(list)s")
            % {
                "share": ladder.pct(passed, proposed),
                "passed": passed,
                "proposed": proposed,
                "list": _join(parts),
            }
        ]
    own = acceptance.get(host or "", {})
    if own.get("proposed"):
        said = {
            "host": host_name,
            "share": ladder.pct(own["passed"], own["proposed"]),
            "passed": own["passed"],
            "proposed": own["proposed"],
            "others": parts[0] if parts else "",
        }
        if parts:
            return (
                gettext(
                    "%(host)s accepted %(share)s of its own proposals (%(passed)s of %(proposed)s) "
                    "and %(others)s."
                )
                % said
            )
        return (
            gettext(
                "%(host)s accepted %(share)s of its own proposals (%(passed)s of %(proposed)s), "
                "and nobody else made any."
            )
            % said
        )
    if not parts:
        return None
    return gettext("%(host)s made no proposals of its own, and accepted %(others)s.") % {
        "host": host_name,
        "others": parts[0],
    }


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def finish(
    state: State,
    parties: Mapping[str, Mapping[str, Any]],
    *,
    claimed: str | None,
    title: str,
    spent_outside: Decimal = Decimal("0"),
    whose: Mapping[str, str] | None = None,
    more_reasons: Sequence[str] = (),
) -> dict[str, Any]:
    """The audit report of one imported space (or of a whole log) from its counter state.

    - `spent_outside`: money spent outside any space (event log `spend` in venue outside): it
      counts in all the money around the work, never under joint control.
    - `more_reasons`: sentences added to the label check's reasons when it finds a mismatch
      (the spaces of a log that are labelled higher than they measure).
    """
    state["claimed_approach"] = claimed
    report = audit_report.build_report(state, parties)
    names = {p: str(info.get("name") or p) for p, info in report["parties"].items()}
    figures = audit_report.figures(state)
    money = report["money"]
    around = Decimal(money["committed"]) + spent_outside
    if spent_outside:
        figures = dataclasses.replace(figures, money_total=around)
    money["spent_outside"] = _two(spent_outside)
    money["around_the_work"] = _two(around)
    money["joint_share"] = (
        round(float(Fraction(Decimal(money["joint"])) / Fraction(around)), 4) if around else 0.0
    )
    money["measurable"] = around > 0

    check = ladder.label_check(claimed, figures, names)
    reasons = [str(r) for r in check["reasons"]]  # type: ignore[attr-defined]
    if check["mismatch"]:
        extra = list(more_reasons)
        if figures.kind != "shared":
            said = acceptance_sentence(
                figures.host, report["acceptance"], names, whose, order=report["guests"]
            )
            extra = ([said] if said else []) + extra
        reasons[-1:-1] = extra
    report["label_check"] = {
        "mismatch": check["mismatch"],
        "reasons": [_capital(r) for r in reasons],
    }
    report["measured_approach"] = ladder.measured_approach(figures)
    report["checks"] = (
        [
            {"rule": c.rule, "passed": c.passed, "reason": _capital(c.reason)}
            for c in ladder.coproduction_checks(figures, names)
        ]
        if figures.kind == "shared"
        else []
    )
    for flag in report["flags"]:  # a party's name may start a sentence ("the owner …")
        flag["message"] = _capital(flag["message"])
    report["title"] = title
    report["last_seq"] = None
    return report
