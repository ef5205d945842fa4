"""Plain words for what the core returns: positions, outcomes, charters."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sharedspace.governance import consent, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.actions._base import CHARTER_SECTIONS
from sharedspace.governance.choices import PositionValue, ProposalState, SpaceKind
from sharedspace.governance.models import Position, Proposal, ProposalVersion

ERASED_PERSON = gettext_lazy("Erased person")


def person_name(name: str, erased: object = None) -> str:
    """A person's name as pages show it; someone who erased their data is "Erased person",
    in the reader's language (rule 13: their name is gone, what they did is not)."""
    return str(ERASED_PERSON) if erased else name


STATE_COLOURS: dict[str, str] = {
    ProposalState.OPEN.value: "blue",
    ProposalState.PASSED.value: "green",
    ProposalState.BLOCKED.value: "red",
    ProposalState.LAPSED.value: "grey",
    ProposalState.WITHDRAWN.value: "grey",
}

_CHARTER_WORDS = {
    "purpose": gettext_lazy("Why we work together"),
    "decision_making": gettext_lazy("How we decide"),
    "payment": gettext_lazy("How people are paid or thanked"),
    "accessibility": gettext_lazy("Our accessibility promises"),
    "meetings": gettext_lazy("How meetings work"),
    "other": gettext_lazy("Anything else we agree"),
}
# Every section the core knows, in its order. Built from the core's list, so a section with
# no name here fails at start-up instead of being left off the pages and forms.
CHARTER_LABELS = {key: _CHARTER_WORDS[key] for key in CHARTER_SECTIONS}


def positions(
    rows: list[Position], view: selectors.SpaceView, names: dict[str, str]
) -> list[dict[str, Any]]:
    """Every holder's answer (or that it has none yet), then guests' views, marked as views."""
    by_party = {p.party_id: p for p in rows}
    result = []
    for party_id in view.holders:
        position = by_party.get(party_id)
        result.append(_row(party_id, position, names, binding=True))
    for position in rows:
        if not position.binding and position.party_id not in view.holders:
            result.append(_row(position.party_id, position, names, binding=False))
    return result


def answers_given(rows: list[Position], names: dict[str, str]) -> list[dict[str, Any]]:
    """The answers given to one earlier version, as they stood when it was replaced:
    the holders' answers first, then guests' views."""
    ordered = sorted(rows, key=lambda p: not p.binding)
    return [_row(p.party_id, p, names, binding=p.binding) for p in ordered]


def distinct_lines(text: str) -> str:
    """A group's reason joins its objecting members' reasons, one a line; members who gave
    the same words are shown once."""
    return "\n".join(dict.fromkeys(line for line in text.splitlines() if line.strip()))


def _row(
    party_id: str, position: Position | None, names: dict[str, str], *, binding: bool
) -> dict[str, Any]:
    value = position.position if position else ""
    return {
        "party": names.get(party_id, party_id),
        "party_id": party_id,
        "value": value,
        "label": PositionValue(value).label if value else _("No answer yet"),
        "reason": distinct_lines(position.reason) if position else "",
        "binding": binding,
        "icon": value or "",
    }


def outcome(proposal: Proposal, rows: list[dict[str, Any]], view: selectors.SpaceView) -> str:
    """Why the proposal ended as it did, in one or two plain sentences."""
    state = proposal.state
    shared = view.space.kind == SpaceKind.SHARED
    holding = [r for r in rows if r["binding"]]
    objecting = [r["party"] for r in holding if r["value"] == PositionValue.OBJECT]
    silent = [r["party"] for r in holding if not r["value"]]
    if state == ProposalState.OPEN:
        if objecting:
            return _("%(parties)s objected. The person who proposed it can change it; then "
                     "every group answers again.") % {"parties": ", ".join(objecting)}
        if silent:
            return _("Waiting for an answer from: %(parties)s.") % {"parties": ", ".join(silent)}
        return ""
    if state == ProposalState.PASSED:
        if shared:
            return _("It passed: every group answered, none objected, and at least one agreed.")
        return _("It passed: the host group agreed.")
    if state == ProposalState.BLOCKED:
        if shared:
            return _("It was stopped: %(parties)s still objected at the end.") % {
                "parties": ", ".join(objecting) or _("a group")
            }
        return _("It was stopped: the host group objected.")
    if state == ProposalState.LAPSED:
        if view.space.is_closed:
            return _("It ended without a decision because the space closed.")
        # Closed by a holder before its deadline (or with none): those who had not answered
        # were not late, and are not blamed. The history says who closed it.
        early = proposal.resolved_at is not None and (
            proposal.closes_at is None or proposal.resolved_at < proposal.closes_at)
        if silent and early:
            return _("It was closed before its deadline, so it ended without a decision: "
                     "%(parties)s had not answered yet.") % {"parties": ", ".join(silent)}
        if silent:
            return _("It ended without a decision: %(parties)s did not answer in time. "
                     "Silence is never a yes.") % {"parties": ", ".join(silent)}
        return _("It ended without a decision: no group agreed.")
    return _("The person who proposed it took it back.")


def day(moment: Any) -> str:
    """A moment as the day it fell on, where the service runs: "1 January 2031"."""
    return date_format(timezone.localtime(moment), "j F Y")


def close_forecast(
    proposal: Proposal, view: selectors.SpaceView, rows: list[Position], names: dict[str, str]
) -> str:
    """What closing the proposal now would do, worked out as the close works it out: the
    core's ``outcome_at_deadline`` over the holders and their answers to this version."""
    holders = pol.holder_ids(view.space)
    answers = {p.party_id: p.position for p in rows
               if p.binding and p.version == proposal.version}
    result = consent.outcome_at_deadline(
        shared=view.space.kind == SpaceKind.SHARED, holders=holders, positions=answers)
    if result == consent.PASSED:
        return _("It will pass.")
    if result == consent.BLOCKED:
        objecting = [names.get(h, h) for h in holders if answers.get(h) == consent.OBJECT]
        return ngettext("It will be blocked: %(parties)s objects.",
                        "It will be blocked: %(parties)s object.",
                        len(objecting)) % {"parties": ", ".join(objecting)}
    silent = [names.get(h, h) for h in holders if h not in answers]
    if not silent:
        return _("It will end without a decision: no group agreed.")
    said = ngettext("It will end without a decision: %(parties)s has not answered yet.",
                    "It will end without a decision: %(parties)s have not answered yet.",
                    len(silent)) % {"parties": ", ".join(silent)}
    if proposal.closes_at is None:
        return said
    return said + " " + _("They have until %(deadline)s.") % {"deadline": day(proposal.closes_at)}


def closed_by(
    proposal: Proposal, closer: dict[str, str] | None
) -> str:
    """Who closed the proposal before its time, and for which group (``closer``: the
    ``person`` and ``party`` names from the ledger's entry), or "" if no one did."""
    if not closer or proposal.resolved_at is None:
        return ""
    words = {"person": closer["person"], "party": closer["party"],
             "day": day(proposal.resolved_at)}
    if proposal.closes_at is not None and proposal.resolved_at < proposal.closes_at:
        return _("%(person)s, for %(party)s, closed it on %(day)s, before its deadline.") % words
    return _("%(person)s, for %(party)s, closed it on %(day)s.") % words


def plain_text(value: str | None) -> str:
    """Text as it reads, whatever line endings a browser sent (\r\n) or the core kept."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def same_words(a: str | None, b: str | None) -> bool:
    """Whether two texts say the same."""
    return plain_text(a) == plain_text(b)


def version_changes(
    proposal: Proposal, earlier: ProposalVersion | None, amount: Callable[[Any], str]
) -> list[dict[str, Any]]:
    """What differs between an earlier version and the proposal now: one row a part (title,
    what is proposed, amount, each section of a charter), with the words before and now.
    ``amount`` writes money."""
    if earlier is None:
        return []
    found: list[dict[str, Any]] = []
    if not same_words(earlier.title, proposal.title):
        found.append({"key": _("Title"), "before": earlier.title, "now": proposal.title})
    if not same_words(earlier.body, proposal.body):
        found.append({"key": _("What is proposed"), "before": earlier.body,
                      "now": proposal.body, "long": True,
                      "words": word_changes(earlier.body, proposal.body)})
    if earlier.amount != proposal.amount:
        found.append({"key": _("Amount"),
                      "before": amount(earlier.amount) if earlier.amount is not None else "",
                      "now": amount(proposal.amount) if proposal.amount is not None else ""})
    found.extend(charter_changes(earlier.charter, proposal.charter))
    return found


def charter_changes(
    before: dict[str, str] | None, now: dict[str, str] | None
) -> list[dict[str, Any]]:
    """A charter proposal's sections that an amendment changed (ADR 37), word by word, one
    row a section, named "Charter: <section>". None when the earlier charter was not kept."""
    if before is None or now is None:
        return []
    found: list[dict[str, Any]] = []
    for key, label in CHARTER_LABELS.items():
        old, new = before.get(key, ""), now.get(key, "")
        if same_words(old, new):
            continue
        found.append({"key": _("Charter: %(part)s") % {"part": label}, "before": old,
                      "now": new, "long": True, "words": word_changes(old, new),
                      "taken_out": not plain_text(new)})
    return found


#: Past this many word pairs (the words of the changed middle before times after), the exact
#: comparison would cost too much: difflib's exact matching grows with the square of the
#: words, and more when words repeat (5,000 repeated words took 17 s a page). Longer
#: changes are compared with difflib's "junk" heuristic, which ignores the most common
#: words as anchors: a little coarser, never slow.
EXACT_WORD_PAIRS = 10_000


def word_changes(before: str, now: str) -> list[dict[str, str]]:
    """The words of ``now`` beside ``before``, word by word: runs of ``same``, ``removed``
    and ``added`` text (spaces and line breaks kept), for a page to mark what changed."""
    return [dict(run) for run in _word_changes(before or "", now or "")]


@functools.lru_cache(maxsize=64)
def _word_changes(before: str, now: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    # Cached: a proposal page compares the same two versions for every viewer, and the
    # result depends only on the two texts.
    old_words = re.split(r"(\s+)", before)
    new_words = re.split(r"(\s+)", now)
    runs: list[dict[str, str]] = []

    def put(kind: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if runs and runs[-1]["kind"] == kind:
            runs[-1]["text"] += text
        else:
            runs.append({"kind": kind, "text": text})

    # The words both start and end with need no comparing (most changes are one place).
    start = 0
    while (start < len(old_words) and start < len(new_words)
           and old_words[start] == new_words[start]):
        start += 1
    end = 0
    while (end < len(old_words) - start and end < len(new_words) - start
           and old_words[-1 - end] == new_words[-1 - end]):
        end += 1
    old_middle = old_words[start:len(old_words) - end]
    new_middle = new_words[start:len(new_words) - end]
    put("same", new_words[:start])
    exact = len(old_middle) * len(new_middle) <= EXACT_WORD_PAIRS
    matcher = difflib.SequenceMatcher(a=old_middle, b=new_middle, autojunk=not exact)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            put("same", new_middle[b1:b2])
            continue
        put("removed", old_middle[a1:a2])
        put("added", new_middle[b1:b2])
    put("same", new_words[len(new_words) - end:])
    return tuple(tuple(run.items()) for run in runs)


def charter_comparison(
    proposed: dict[str, str] | None, current: dict[str, str] | None
) -> list[dict[str, Any]]:
    """Each section of a proposed charter beside the charter as it reads now: ``changed``
    when the words differ, ``current`` the words now. A section the proposal takes out is
    listed too, with no ``value``."""
    proposed, current = proposed or {}, current or {}
    rows = []
    for key, label in CHARTER_LABELS.items():
        new, now = proposed.get(key, ""), current.get(key, "")
        if not new and not now:
            continue
        rows.append({"key": label, "value": new, "current": now,
                     "changed": not same_words(new, now)})
    return rows


def charter_rows(charter: dict[str, str] | None) -> list[dict[str, Any]]:
    if not charter:
        return []
    return [
        {"key": CHARTER_LABELS[key], "value": charter[key]}
        for key in CHARTER_LABELS
        if charter.get(key)
    ]
