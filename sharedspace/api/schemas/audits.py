"""The power audits of a party across its spaces and of a partnership across the spaces two
parties meet in (additive to CONTRACT.md; docs/audit.md, "Audits across spaces")."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class _AcrossAudit(Schema):
    model_config = ConfigDict(extra="allow")

    report_version: int
    scope: str
    title: str
    parties: dict[str, Any]
    spaces: list[dict[str, Any]]
    decisions: dict[str, Any]
    initiative: dict[str, Any]
    acceptance: dict[str, Any]
    objections: dict[str, Any]
    money: dict[str, Any]
    budget_visible: dict[str, Any]
    exit_power: dict[str, Any]
    outside_decisions: dict[str, Any]
    information: dict[str, Any]
    participation: dict[str, Any]
    flags: list[dict[str, Any]]
    cannot_measure_yet: list[str]
    evidence: dict[str, Any]


class PartyAudit(_AcrossAudit):
    """A party across every space it holds or held, or is or was a guest in — only the
    spaces you may see. ``decisions.circles[party]``: decisions in its own spaces, in other
    groups' spaces it was invited into, in shared spaces by consent, and outside."""

    party: str
    partners: list[dict[str, Any]]
    approaches: dict[str, Any]


class PartnershipAudit(_AcrossAudit):
    """Two parties across every space both are (or were) in — only the spaces you may see.
    ``decisions.circles`` has each party's picture; ``measured_approach`` and ``label_check``
    judge the partnership as a whole against the highest label its spaces were given."""

    partnership: list[str]
    claimed_approach: str | None
    measured_approach: str | None
    label_check: dict[str, Any]
    checks: list[dict[str, Any]]
