"""The easy-read summary of an audit report: a few key ideas, each with one of our pictures
and short sentences (one idea each, at most 15 words, as ``web/easyread.py``).

The sentences carry the report's own figures and the groups' names, so they are built here
from the report rather than written once; ``tests/web/test_audit_across_pages.py`` checks
their length in English and Welsh with the demo-like names of the test cast.
"""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sharedspace.perception.compare import money_facts, money_powers, money_record

from .. import easyread
from .auditparts import Names, approach_label

#: Names in easy-read sentences are shortened to this many words, so no sentence grows long.
NAME_WORDS = 5


def _short(name: str) -> str:
    words = name.split()
    return " ".join(words[:NAME_WORDS]) + ("…" if len(words) > NAME_WORDS else "")


def _idea(icon: str, *lines: str) -> dict[str, Any]:
    return {"icon": icon, "lines": [line for line in lines if line]}


def meaning(approach: str | None) -> str:
    """A ladder word in plain words (``easyread.TEXTS["audit_<word>"]``), "" if none."""
    item = easyread.TEXTS.get(f"audit_{approach}")
    return str(item.lines[0]) if item else ""


def _label(report: Mapping[str, Any], subject: str, name: Names) -> dict[str, Any] | None:
    """What the work is called and what the record shows, each ladder word explained the
    first time it is used; when they do not match, why, in short sentences (the engine's
    reasons, with their percentages, are for the full report)."""
    if report.get("scope") == "party":
        return _party_label(report)
    measured = report.get("measured_approach")
    if measured is None:
        return None
    claimed_word = report.get("claimed_approach")
    claimed = str(approach_label(claimed_word)).lower()
    shown = str(approach_label(measured)).lower()
    lines = [
        _("%(subject)s is called %(claimed)s.") % {"subject": subject, "claimed": claimed},
        meaning(claimed_word),
        _("The record shows %(measured)s.") % {"measured": shown},
        meaning(measured) if measured != claimed_word else "",
    ]
    if (report.get("label_check") or {}).get("mismatch"):
        return {**_idea("object", *lines, *_why_not(report, name),
                        _("So the name does not match what really happens.")),
                "label": True}
    return {**_idea("agree", *lines, _("So the name matches what really happens.")),
            "label": True}


def _why_not(report: Mapping[str, Any], name: Names) -> list[str]:
    """Why the record does not show what the work is called, in easy read: an own space's
    host decides alone, and what its guests may do; a shared space's coproduction rules
    that failed (DESIGN §5), without percentages."""
    if not report.get("checks"):  # an own space (or spaces where one group decides)
        holders = list(report.get("holders") or [])
        guests = {
            "informing": _("Guests can only see what the host shares with them."),
            "consultation": _("Guests can only comment or give their views."),
            "engagement": _("Guests can make proposals, but they cannot decide."),
        }.get(str(report.get("measured_approach")), "")
        if report.get("scope") is None and holders:
            return [_("Only %(who)s decides here.") % {"who": _short(name(holders[0]))}, guests]
        return [_("One group decides on its own in these spaces."), guests]
    lines: list[str] = []
    failed = {c.get("rule") for c in report.get("checks") or [] if c.get("passed") is False}
    d = report.get("decisions") or {}
    if "decisions" in failed:
        together, total = (d.get("by_venue") or {}).get("shared", 0), d.get("total", 0)
        lines.append(
            ngettext("Only %(n)s of %(total)s decision was made together here.",
                     "Only %(n)s of %(total)s decisions were made together here.", total)
            % {"n": together, "total": total}
            if report.get("scope") is None else
            _("Too few decisions were made together.")
        )
        lines.append(_("Coproduction needs at least 3 of every 4."))
    if "initiative" in failed:
        started = (report.get("initiative") or {}).get("by_party") or {}
        if started:
            top = max(sorted(started), key=lambda p: started[p])
            lines.append(_("%(name)s started nearly everything.") % {"name": _short(name(top))})
    if "money" in failed:
        lines.append(_("Less than half of the money is shared by all the groups."))
    return lines


def _party_label(report: Mapping[str, Any]) -> dict[str, Any] | None:
    """A group has no label of its own: how many of its spaces have a name that does not fit."""
    spaces = report.get("spaces") or []
    if not spaces:
        return None
    wrong = sum(1 for s in spaces if (s.get("label_check") or {}).get("mismatch"))
    if wrong:
        return {**_idea(
            "object",
            ngettext(
                "%(n)s space has a name that does not match what really happens.",
                "%(n)s spaces have a name that does not match what really happens.",
                wrong,
            )
            % {"n": wrong},
        ), "label": True}
    return {**_idea("agree", _("Every space has a name that matches what really happens.")),
            "label": True}


def _decisions(report: Mapping[str, Any], circles: Mapping[str, int]) -> dict[str, Any]:
    total = sum(circles.values())
    if not total:
        return _idea("decision", _("No decisions have been made yet."))
    lines = [
        ngettext("%(n)s decision was made.", "%(n)s decisions were made.", total) % {"n": total}
    ]
    own, invited = circles.get("own", 0), circles.get("invited", 0)
    shared, outside = circles.get("shared", 0), circles.get("outside", 0)
    if own:
        lines.append(
            ngettext(
                "%(n)s was decided by one group in its own space.",
                "%(n)s were decided by one group in its own space.",
                own,
            )
            % {"n": own}
        )
    if invited:
        lines.append(
            ngettext(
                "%(n)s was decided in another group’s space.",
                "%(n)s were decided in another group’s space.",
                invited,
            )
            % {"n": invited}
        )
    if shared:
        lines.append(
            ngettext(
                "%(n)s was decided together, with no group saying no.",
                "%(n)s were decided together, with no group saying no.",
                shared,
            )
            % {"n": shared}
        )
    if outside:
        lines.append(
            ngettext(
                "%(n)s was decided somewhere else.", "%(n)s were decided somewhere else.", outside
            )
            % {"n": outside}
        )
        disputed = _disputed(report)
        if disputed:
            lines.append(
                ngettext(
                    "The group named says %(n)s of these was not its decision.",
                    "The group named says %(n)s of these were not its decisions.",
                    disputed,
                )
                % {"n": disputed}
            )
    return _idea("decision", *lines)


def _disputed(report: Mapping[str, Any]) -> int:
    """Outside decisions the group named disputes: in these spaces, and (a group's own
    audit) those naming it in spaces it is not part of, which its circles count too."""
    n = int((report.get("outside_decisions") or {}).get("disputed", 0))
    if report.get("scope") == "party":
        mine = (report["decisions"].get("outside") or {}).get(report.get("party")) or {}
        n += int((mine.get("elsewhere") or {}).get("disputed", 0))
    return n


def not_allowed_to_start(
    report: Mapping[str, Any], *, guest_permissions: Sequence[str], name: Names
) -> dict[str, str]:
    """The guest groups of a space that may not start anything there, each with a sentence
    saying who decided that: in an own space the host, unless it lets guests propose; in a
    shared space no guest may (DESIGN §4 rules 3 and 5). The full report says the same
    ("as a guest it is not allowed to make proposals")."""
    guests = list(report.get("guests") or []) + list(report.get("former_guests") or [])
    if report.get("kind") == "shared":
        said = _("In a shared space, guests cannot start things.")
    elif "propose" in guest_permissions:
        return {}
    else:
        holders = list(report.get("holders") or [])
        host = _short(name(holders[0])) if holders else _("The host")
        said = _("%(host)s did not allow it.") % {"host": host}
    return {p: said for p in guests}


def _started(
    report: Mapping[str, Any], name: Names, focus: Sequence[str],
    not_allowed: Mapping[str, str],
) -> dict[str, Any]:
    by_party = (report.get("initiative") or {}).get("by_party") or {}
    parties = list(focus) or sorted(by_party, key=lambda p: -by_party[p])
    lines = []
    for p in parties[:4]:
        n = by_party.get(p, 0)
        if n:
            lines.append(
                ngettext("%(name)s started %(n)s thing.", "%(name)s started %(n)s things.", n)
                % {"name": _short(name(p)), "n": n}
            )
        elif p in not_allowed:  # not "has not started": it was never allowed to
            lines.append(_("%(name)s could not start anything.") % {"name": _short(name(p))})
            lines.append(not_allowed[p])
        else:
            lines.append(_("%(name)s has not started anything.") % {"name": _short(name(p))})
    return (
        _idea("invitation", *lines)
        if lines
        else _idea("invitation", _("Nobody has started anything yet."))
    )


def _money(report: Mapping[str, Any], name: Names) -> dict[str, Any]:
    m = report.get("money") or {}
    measurable = m.get("measurable")
    if not measurable:
        return _idea("money", _("There is no money in the fund yet."))
    if m.get("mixed_currencies"):
        return _idea(
            "money",
            _("The money is in more than one currency."),
            _("So it is shown for each currency."),
        )
    if report.get("scope") in ("party", "partnership"):
        return _idea("money", money_words(m.get("joint_share") or 0))
    return _idea("money", *money_record_words(report, name))


def money_record_words(report: Mapping[str, Any], name: Names) -> list[str]:
    """Who decides the money of one space, by the rule the record beside the perceptions
    uses (``perception.compare.money_record``, docs/adr/0022): so the summary never says
    "together" where the record column names a group. Each reason, then what it means."""
    said, rule = money_record(report)
    if said is None:
        return [_("There is no money in the fund yet.")]
    if rule == "money_host_decides":
        return [_("%(name)s decides how the money is spent.")
                % {"name": _short(name(said.removeprefix("party:")))}]
    if rule == "money_together":
        return [_("No group gave most of the money, or took any back alone."),
                _("So all the groups decide about the money together.")]
    big_giver, alone = money_powers(money_facts(report))
    lines = []
    if big_giver:
        lines.append(_("%(name)s gave most of the money.") % {"name": _short(name(big_giver))})
        lines.append(_("It can take back what is not spent at any time."))
    for p in alone:
        lines.append(_("%(name)s took money back on its own.") % {"name": _short(name(p))})
    if said.startswith("party:"):
        lines.append(_("So the record says %(name)s decides about the money.")
                     % {"name": _short(name(said.removeprefix("party:")))})
    else:
        lines.append(_("So the record says no one group decides all the money."))
        lines.append(_("But not all of it is decided together."))
    return lines


def money_words(share: float) -> str:
    """How much of the money all the groups decide on together, in words, not a percentage:
    none; a little (under a quarter); less than half (under 45%); about half (45% to 55%);
    more than half (up to 75%); most (75% or more, not all); all."""
    if share <= 0:
        return _("None of the money is decided by all the groups together.")
    if share >= 1:
        return _("All of the money is decided by all the groups together.")
    if share < 0.25:
        return _("A little of the money is decided by all the groups together.")
    if share < 0.45:
        return _("Less than half of the money is decided by all the groups together.")
    if share <= 0.55:
        return _("About half of the money is decided by all the groups together.")
    if share < 0.75:
        return _("More than half of the money is decided by all the groups together.")
    return _("Most of the money is decided by all the groups together.")


def _has_shared_space(report: Mapping[str, Any]) -> bool:
    """Whether the report is about a shared space, or (a group's, a partnership's) takes
    one in."""
    if report.get("scope") in ("party", "partnership"):
        return any(s.get("kind") == "shared" for s in report.get("spaces") or [])
    return report.get("kind") == "shared"


def _exit(report: Mapping[str, Any]) -> dict[str, Any] | None:
    e = report.get("exit_power") or {}
    # Said only where a shared space is in the report: in an own space it does not apply.
    lines = ([_("No group that holds a shared space can be thrown out.")]
             if _has_shared_space(report) else [])
    if e.get("can_remove"):
        lines.append(_("A host can stop involving its guests on its own."))
    removals = e.get("guest_removals") or 0
    if removals:
        lines.append(
            ngettext(
                "A guest was stopped from taking part %(n)s time.",
                "Guests were stopped from taking part %(n)s times.",
                removals,
            )
            % {"n": removals}
        )
    return _idea("leave", *lines) if lines else None


def _people(report: Mapping[str, Any], name: Names, focus: Sequence[str]) -> dict[str, Any]:
    people = (report.get("participation") or {}).get("people_by_party") or {}
    parties = list(focus) or sorted(people, key=lambda p: -people[p])
    lines = [
        ngettext(
            "%(n)s person from %(name)s took part.",
            "%(n)s people from %(name)s took part.",
            people.get(p, 0),
        )
        % {"n": people.get(p, 0), "name": _short(name(p))}
        for p in parties[:4]
    ]
    return _idea("meeting", *lines) if lines else _idea("meeting", _("Nobody has taken part yet."))


def summary(
    report: Mapping[str, Any],
    *,
    name: Names,
    subject: str,
    circles: Mapping[str, int],
    focus: Sequence[str] = (),
    notes: Sequence[Any] = (),
    not_allowed: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The key ideas of the report, in easy read, the label check first. ``not_allowed``:
    the groups that may not start anything, with who decided that (``not_allowed_to_start``)."""
    ideas = [
        _label(report, subject, name),
        _decisions(report, circles),
        _started(report, name, focus, not_allowed or {}),
        _money(report, name),
        _exit(report),
        _people(report, name, focus),
    ]
    if notes:
        ideas.append(
            _idea(
                "record",
                _("Some things cannot be measured yet."),
                _("The list at the end of this page says which."),
            )
        )
    return [idea for idea in ideas if idea is not None]
