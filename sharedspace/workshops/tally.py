"""Pure functions over a session's answers, counted: the three circles and the side by side.

A count row is ``(side, question, answer, n)``: ``side`` a party id or ``UNSURE``, ``answer``
as in the perception check (``"party:<id>"``, ``"together"``, ``"dont_know"``), ``n`` how
many participants gave it. No database here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any

from sharedspace.perception.compare import summarise
from sharedspace.perception.questions import DONT_KNOW, TOGETHER

CountRow = tuple[str, str, str, int]

#: The side of someone who said "I am not sure" (``Participant.party`` is empty).
UNSURE = "unsure"

#: The three circles, as a person in the room sees the answer from their own side
#: (DESIGN §1): their own group holds the power, another group does, or all together.
MINE, YOURS, SHARED = "mine", "yours", "shared"
CIRCLES = (MINE, YOURS, SHARED)
#: Not drawn as a circle, but counted beside it: "don't know", and a group named by someone
#: who did not say which side they are on (it is nobody's "my" or "your" space then).
NOT_SURE, UNPLACED = "dont_know", "unplaced"
KINDS = (*CIRCLES, NOT_SURE, UNPLACED)


def circle_of(side: str, answer: str) -> str:
    """Where one answer goes, from the side of the person who gave it."""
    if answer == TOGETHER:
        return SHARED
    if answer == DONT_KNOW:
        return NOT_SURE
    if side == UNSURE:
        return UNPLACED
    return MINE if answer == f"party:{side}" else YOURS


def circle_counts(rows: Iterable[CountRow], question: str) -> dict[str, int]:
    """How many answers to one question fall in each circle (and beside them)."""
    found = dict.fromkeys(KINDS, 0)
    for side, key, answer, n in rows:
        if key == question:
            found[circle_of(side, answer)] += n
    return found


def _one_per_person(rows: Iterable[CountRow]) -> Iterator[tuple[str, str, str]]:
    for side, question, answer, n in rows:
        yield from repeat((side, question, answer), n)


def side_by_side(
    rows: Sequence[CountRow],
    *,
    sides: Sequence[str],
    record: Mapping[str, str | None] | None = None,
    rules: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The perception check's summary (``compare.summarise``) with a column per side.

    The groups are compared with each other (and with the record); the people who were not
    sure of their side are shown beside them but never make a disagreement, since they are
    not a group with a view of its own.
    """
    groups = [s for s in sides if s != UNSURE]
    summary = summarise(_one_per_person(rows), parties=groups, record=record, rules=rules)
    unsure = summarise(_one_per_person(rows), parties=[UNSURE])
    for question, other in zip(summary["questions"], unsure["questions"], strict=True):
        question["by_party"][UNSURE] = other["by_party"][UNSURE]
    if unsure["answered_parties"]:
        summary["answered_parties"].append(UNSURE)
    return summary
