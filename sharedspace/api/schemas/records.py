"""Outside decisions, comments, the ledger and the power audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import ConfigDict

from .common import Actor, Input, OutsideDecisionState


class OutsideDecisionIn(Input):
    made_by: str
    summary: str
    made_on: dt.date | None = None


class AnswerIn(Input):
    reason: str | None = None


class OutsideDecision(Schema):
    id: str
    space: str
    made_by: str
    summary: str
    made_on: dt.date | None
    recorded_by: Actor
    state: OutsideDecisionState
    reason: str | None
    created_at: dt.datetime
    answered_at: dt.datetime | None
    answered_by: str | None


class CommentIn(Input):
    body: str
    proposal: str | None = None


class Comment(Schema):
    """A comment. A removed one keeps its place; its words are no longer shown here."""

    id: str
    space: str
    proposal: str | None
    author: Actor
    body: str | None
    removed: bool
    created_at: dt.datetime


class LedgerEntry(Schema):
    """One entry of the chain. ``content`` is the exact canonical text that was hashed:
    ``hash = sha256(prev_hash + "\\n" + content)`` (docs/ledger.md). An entry that cannot
    be read (damaged in the database) has ``action`` "unreadable", ``at`` null, and its
    stored ``content``; ``/ledger/verify`` names it as the first bad entry."""

    seq: int | None
    at: str | None
    action: str
    actor: Actor
    data: dict[str, Any]
    prev_hash: str
    hash: str
    content: str


class LedgerPage(Schema):
    """``next``: pass it as ``after`` for the next page; null on the last page."""

    entries: list[LedgerEntry]
    next: int | None


class LedgerVerdict(Schema):
    ok: bool
    entries: int
    first_bad: int | None
    problem: str | None


class Audit(Schema):
    """The power audit of a space (CONTRACT.md); the engine may add more measures."""

    model_config = ConfigDict(extra="allow")

    space: str
    kind: str
    holders: list[Any]
    guests: list[Any]
    claimed_approach: str
    measured_approach: str
    label_check: dict[str, Any]
    decisions: dict[str, Any]
    initiative: dict[str, Any]
    acceptance: dict[str, Any]
    money: dict[str, Any]
    exit_power: dict[str, Any]
    outside_decisions: dict[str, Any]
    evidence: dict[str, Any]
    # The additive measures of docs/audit.md. Declared, because the response keeps only the
    # fields a schema names; optional, because a report may not have them all.
    report_version: int | None = None
    title: str | None = None
    state: str | None = None
    former_holders: list[Any] | None = None
    former_guests: list[Any] | None = None
    parties: dict[str, Any] | None = None
    checks: list[dict[str, Any]] | None = None
    objections: dict[str, Any] | None = None
    views: dict[str, Any] | None = None
    budget_visible: dict[str, Any] | None = None
    information: dict[str, Any] | None = None
    participation: dict[str, Any] | None = None
    flags: list[dict[str, Any]] | None = None
    cannot_measure_yet: list[str] | None = None
    entries: int | None = None
    last_seq: int | None = None
    evidence_total: dict[str, Any] | None = None
    perceptions: dict[str, Any] | None = None


class PublicCommentIn(Input):
    body: str


class PublicCommentAuthor(Schema):
    """A critical friend: a person, in no group here. ``name`` is null once erased."""

    person: str
    name: str | None


class PublicComment(Schema):
    """A critical friend's comment on published work. A removed one keeps its place; its
    words are no longer shown here (ADR 36)."""

    id: str
    publication: str
    author: PublicCommentAuthor | None
    body: str | None
    removed: bool
    created_at: dt.datetime


class PublicationSummary(Schema):
    """Work a space published (ADR 36): the words of the passed publish proposal."""

    id: str
    space: str
    proposal: str
    title: str
    published_at: dt.datetime


class Publication(PublicationSummary):
    body: str
    comments: list[PublicComment]
