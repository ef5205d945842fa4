"""Money across spaces (pure): added up per currency, never across currencies.

Each fund has one currency (DESIGN §4 rule 10), but two spaces may use two currencies. Sums
are kept per currency; the flat figures (``committed_by``, ``spent_by_consent``, ...) are given
only when all the money is in one currency, and are null when it is mixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..report import _m, _s, _share
from .combine import SpaceItem

SUMMED = ("committed", "spent_by_consent", "spent_alone", "withdrawn_unilaterally", "withdrawn",
          "balance", "joint")
FLAT = ("committed_by", *SUMMED, "joint_share")


def _empty() -> dict[str, Any]:
    return {"committed_by": {}, **{k: Decimal("0") for k in SUMMED}, "spaces": []}


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    joint, committed = row["joint"], row["committed"]
    return {
        "committed_by": {p: _s(v) for p, v in sorted(row["committed_by"].items())},
        **{k: _s(row[k]) for k in SUMMED},
        "joint_share": _share(joint, committed),
        "spaces": row["spaces"],
    }


def money(items: Sequence[SpaceItem]) -> dict[str, Any]:
    """Money of every space in scope, per currency, with the flat figures when one currency."""
    rows: dict[str, dict[str, Any]] = {}
    for item in items:
        m = item.report["money"]
        if not m["measurable"]:
            continue
        row = rows.setdefault(m["currency"] or "", _empty())
        for party, amount in m["committed_by"].items():
            row["committed_by"][party] = row["committed_by"].get(party, Decimal("0")) + _m(amount)
        for key in SUMMED:
            row[key] += _m(m[key])
        row["spaces"].append(item.space)
    by_currency = {c: _finish(row) for c, row in sorted(rows.items())}
    currencies = list(by_currency)
    result: dict[str, Any] = {
        "currency": currencies[0] if len(currencies) == 1 else None,
        "currencies": currencies,
        "mixed_currencies": len(currencies) > 1,
        "measurable": len(currencies) == 1,
        "by_currency": by_currency,
    }
    if len(currencies) == 1:
        only = by_currency[currencies[0]]
        result.update({k: only[k] for k in FLAT})
    elif not currencies:
        result.update({"committed_by": {}, **{k: "0.00" for k in SUMMED}, "joint_share": 0.0})
    else:
        result.update(dict.fromkeys(FLAT))
    return result


def budget_visible(items: Sequence[SpaceItem]) -> dict[str, Any]:
    """Is there a fund, and can every party see it? Per space, and how many have a fund."""
    per_space = {item.space: dict(item.report["budget_visible"]) for item in items}
    return {
        "spaces_with_fund": sum(1 for v in per_space.values() if v["has_fund"]),
        "spaces": len(per_space),
        "every_party_can_see": all(v["every_party_can_see"] for v in per_space.values()),
        "by_space": per_space,
    }
