"""The perception check: the questions, rounds, answers and the side-by-side summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import ConfigDict

from .common import Input


class PerceptionQuestion(Schema):
    """One easy-read question. ``icon`` names the picture shown beside it; ``measured_by``
    the audit measure that shows the same thing in the record (null when none does)."""

    key: str
    text: str
    hint: str
    icon: str
    measured_by: str | None
    answers: list[str]


class PerceptionRound(Schema):
    id: str
    space: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    open: bool


class PerceptionSummary(Schema):
    """A round's answers grouped by party, counted without names, side by side, with the
    record beside each question it measures. ``questions[].by_party[party]``: ``counts`` of
    each answer, the party's ``view`` (its most common answer; "split" on a tie) and how
    many ``answered``; ``disagreement`` when the parties' views differ or one is split;
    ``record``: what the record says, or null; ``record_rule``: the rule that said it
    (docs/audit.md, "What the record shows beside the perceptions"); for "overall",
    ``record_basis``: the answers of the record it rests on; ``notes``: what cannot be
    compared yet. ``closed_by``: who closed the round and for which party; and
    ``not_answered_at_close``: the parties in the space that had not answered when it was
    closed (both null while it is open, or for a round closed before they were kept:
    docs/adr/0013, amended)."""

    model_config = ConfigDict(extra="allow")

    round: str
    space: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    parties: list[str]
    answered_parties: list[str]
    respondents: dict[str, int]
    notes: list[str]
    questions: list[dict[str, Any]]
    closed_by: dict[str, str] | None = None
    not_answered_at_close: list[str] | None = None


class AnswersIn(Input):
    """``answers``: question key -> ``"party:<id>"``, ``"together"`` or ``"dont_know"``."""

    party: str
    answers: dict[str, str]


class AnswersOut(Schema):
    """Your answers in this round, for your party (answering again replaces them)."""

    round: str
    party: str
    answers: dict[str, str]
