"""The measured approach and the label check (DESIGN §5): pure functions over plain numbers.

They take ``Figures`` (counts and sums, no models), so the same rules judge a space of this
product and records imported from another platform. The thresholds and their reasons are
written down in docs/audit.md; change them there and here together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext, pgettext_lazy

from sharedspace.governance.choices import LADDER

INFORMING, CONSULTATION, ENGAGEMENT, CO_DESIGN, COPRODUCTION = LADDER

#: Coproduction needs at least this share of decisions made by consent in the space ...
DECISIONS_IN_SPACE_MIN = Fraction(3, 4)
#: ... no party starting more than this share of everything started ...
INITIATIVE_MAX = Fraction(4, 5)
#: ... and at least this share of the money around the work under joint control.
JOINT_MONEY_MIN = Fraction(1, 2)


@dataclass(frozen=True)
class Figures:
    """What the ladder rules need, as plain numbers.

    - ``kind``: "own" (one holder; everyone else is a guest) or "shared".
    - ``guest_permissions``: what guests may do in an own space (view, comment, propose,
      give_views).
    - ``decisions_total``: every decision counted (in the space and outside it).
    - ``decisions_in_space``: own space: the host's decisions; shared space: those passed by
      consent in the space.
    - ``initiative_by_party``: how many things each party started.
    - ``money_total`` / ``money_joint``: all money around the work, and the part of it under
      joint control (decimal strings or Decimals).
    - ``host``: the holder of an own space (for the wording of reasons).
    """

    kind: str
    guest_permissions: Sequence[str] = ()
    decisions_total: int = 0
    decisions_in_space: int = 0
    initiative_by_party: Mapping[str, int] = field(default_factory=dict)
    money_total: Decimal | str = "0"
    money_joint: Decimal | str = "0"
    currency: str | None = None
    host: str | None = None


@dataclass(frozen=True)
class Check:
    """One coproduction rule: passed True/False, or None when it cannot be measured yet."""

    rule: str
    passed: bool | None
    reason: str


def pct(part: int | Decimal | Fraction, whole: int | Decimal | Fraction) -> str:
    """A share as a whole percentage, rounding halves up: pct(2, 3) == "67%"."""
    if not whole:
        return "0%"
    value = (Decimal(Fraction(part).numerator) * Decimal(Fraction(whole).denominator) * 100) / (
        Decimal(Fraction(part).denominator) * Decimal(Fraction(whole).numerator)
    )
    return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


#: The ladder's words as they stand inside a sentence ("This is co-design, not coproduction.").
_WORDS = {
    INFORMING: pgettext_lazy("ladder word in a sentence", "informing"),
    CONSULTATION: pgettext_lazy("ladder word in a sentence", "consultation"),
    ENGAGEMENT: pgettext_lazy("ladder word in a sentence", "engagement"),
    CO_DESIGN: pgettext_lazy("ladder word in a sentence", "co-design"),
    COPRODUCTION: pgettext_lazy("ladder word in a sentence", "coproduction"),
}


def word(approach: str | None) -> str:
    """A ladder word as it reads inside a sentence of the active language (in English, the
    word itself); a word not on the ladder is given back as it is."""
    return str(_WORDS.get(approach or "", approach or ""))


def _name(names: Mapping[str, str], party: str | None) -> str:
    if not party:
        return gettext("The host")
    return names.get(party) or party


def _money(value: Decimal | str) -> Decimal:
    return Decimal(str(value or "0"))


def _own_approach(permissions: Sequence[str]) -> str:
    if "propose" in permissions:
        return ENGAGEMENT
    if "comment" in permissions or "give_views" in permissions:
        return CONSULTATION
    return INFORMING


def coproduction_checks(f: Figures, names: Mapping[str, str] | None = None) -> list[Check]:
    """The three rules a shared space must meet to be coproduction, each with its reason
    (in the active language)."""
    names = names or {}
    checks = []
    if f.decisions_total == 0:
        checks.append(Check("decisions", None, gettext("No decisions have been made yet.")))
    else:
        share = Fraction(f.decisions_in_space, f.decisions_total)
        ok = share >= DECISIONS_IN_SPACE_MIN
        said = {"n": f.decisions_in_space, "total": f.decisions_total,
                "share": pct(f.decisions_in_space, f.decisions_total)}
        checks.append(Check("decisions", ok, (
            gettext("%(n)s of %(total)s decisions (%(share)s) were made by consent in the "
                    "space.") if ok else
            gettext("%(n)s of %(total)s decisions (%(share)s) were made by consent in the "
                    "space; coproduction needs at least 75%%.")
        ) % said))
    started = sum(f.initiative_by_party.values())
    if started == 0:
        checks.append(Check("initiative", None, gettext("Nobody has started anything yet.")))
    else:
        top_party, top = max(sorted(f.initiative_by_party.items()), key=lambda kv: kv[1])
        ok = Fraction(top, started) <= INITIATIVE_MAX
        said = {"party": _name(names, top_party), "n": top, "total": started,
                "share": pct(top, started)}
        checks.append(Check("initiative", ok, (
            gettext("%(party)s started %(n)s of %(total)s things (%(share)s).") if ok else
            gettext("%(party)s started %(n)s of %(total)s things (%(share)s); in "
                    "coproduction no group starts more than 80%%.")
        ) % said))
    total, joint = _money(f.money_total), _money(f.money_joint)
    if total <= 0:
        checks.append(Check("money", None, gettext(
            "There is no money in the fund, so who controls money cannot be measured yet."
        )))
    else:
        ok = Fraction(joint) / Fraction(total) >= JOINT_MONEY_MIN
        cur = f" {f.currency}" if f.currency else ""
        said = {"joint": f"{joint:.2f}", "total": f"{total:.2f}{cur}",
                "share": pct(Fraction(joint), Fraction(total))}
        checks.append(Check("money", ok, (
            gettext("%(joint)s of %(total)s (%(share)s) is under joint control.") if ok else
            gettext("%(joint)s of %(total)s (%(share)s) is under joint control; "
                    "coproduction needs at least half.")
        ) % said))
    return checks


def measured_approach(f: Figures) -> str:
    """The highest ladder word the evidence supports.

    Own space: by what guests may do (view only: informing; comment or give views:
    consultation; propose: engagement). Shared space: coproduction when no rule of
    ``coproduction_checks`` fails (a rule that cannot be measured yet does not fail),
    otherwise co-design.
    """
    if f.kind != "shared":
        return _own_approach(f.guest_permissions)
    checks = coproduction_checks(f)
    return CO_DESIGN if any(c.passed is False for c in checks) else COPRODUCTION


def rank(approach: str | None) -> int:
    """Position on the ladder, informing = 0; unknown words rank lowest (-1)."""
    return LADDER.index(approach) if approach in LADDER else -1


#: Each ladder word without its hyphen ("codesign"), for reading a word as a person types it.
_TYPED = {w.replace("-", ""): w for w in LADDER}


def read_approach(text: str | None) -> str | None:
    """The ladder word a person meant, or None if ``text`` is not one: any case, with or
    without a hyphen, a space or an underscore inside ("Coproduction", "co-production" and
    "co production" are coproduction; "codesign", "Co Design" are co-design)."""
    if text is None:
        return None
    return _TYPED.get(re.sub(r"[\s_-]+", "", str(text).lower()))


def _guest_sentence(f: Figures, names: Mapping[str, str]) -> str:
    perms = set(f.guest_permissions)
    if "propose" in perms:
        return gettext("Guests could make proposals, but only %(host)s could decide.") % {
            "host": _name(names, f.host)}
    if "comment" in perms and "give_views" in perms:
        return gettext("Guests could only comment and give views.")
    if "comment" in perms:
        return gettext("Guests could only comment.")
    if "give_views" in perms:
        return gettext("Guests could only give views.")
    return gettext("Guests could only see what was shared with them.")


def label_check(
    claimed: str | None, f: Figures, names: Mapping[str, str] | None = None
) -> dict[str, object]:
    """``{"mismatch": bool, "reasons": [...]}``: mismatch when the claimed word stands higher
    on the ladder than the measured one; the reasons cite the figures in plain sentences, in
    the active language (the API and the CLI ask for English: docs/adr/0018)."""
    names = names or {}
    measured = measured_approach(f)
    if rank(claimed) <= rank(measured):
        return {"mismatch": False, "reasons": []}
    reasons: list[str] = []
    if f.kind != "shared":
        host = _name(names, f.host)
        if f.decisions_total:
            reasons.append(
                gettext("%(host)s made %(n)s of %(total)s decisions (%(share)s) on its own.")
                % {"host": host, "n": f.decisions_in_space, "total": f.decisions_total,
                   "share": pct(f.decisions_in_space, f.decisions_total)}
            )
        else:
            reasons.append(gettext(
                "No decisions have been made yet, and only %(host)s can make them."
            ) % {"host": host})
        reasons.append(_guest_sentence(f, names))
    else:
        reasons.extend(c.reason for c in coproduction_checks(f, names) if c.passed is False)
    reasons.append(gettext("This is %(measured)s, not %(claimed)s.") % {
        "measured": word(measured), "claimed": word(claimed)})
    return {"mismatch": True, "reasons": reasons}
