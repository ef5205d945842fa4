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
    (docs/audit.md, "What the record shows beside the perceptions"); ``notes``: what cannot
    be compared yet."""

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


class AnswersIn(Input):
    """``answers``: question key -> ``"party:<id>"``, ``"together"`` or ``"dont_know"``."""

    party: str
    answers: dict[str, str]


class AnswersOut(Schema):
    """Your answers in this round, for your party (answering again replaces them)."""

    round: str
    party: str
    answers: dict[str, str]
