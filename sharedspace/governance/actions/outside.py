"""Decisions made somewhere else are made visible (DESIGN §4 rule 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..choices import OutsideDecisionState
from ..models import OutsideDecision, Person
from ._base import get_party, lock_space, now, record, text


@transaction.atomic
def outside_decision_record(
    *, actor: Person, space_id: str, made_by: str, summary: str, made_on: Any = None
) -> OutsideDecision:
    """Any holder records a decision about the work made elsewhere, naming who made it."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    recorder = pol.require_holder_member(actor, space)
    maker = get_party(made_by, field="made_by")
    summary = text(summary, field="summary", max_length=5000)
    if made_on is not None and not isinstance(made_on, dt.date):
        raise ex.InvalidInput(fields={"made_on": "Give a date, like 2026-03-31."})
    decision = OutsideDecision.objects.create(
        space=space,
        made_by=maker,
        summary=summary,
        made_on=made_on,
        recorded_by_person=actor,
        recorded_by_party_id=recorder,
        created_at=now(),
    )
    record(
        space,
        "outside.record",
        person=actor,
        party=recorder,
        data={
            "decision": decision.pk,
            "made_by": maker.pk,
            "made_on": made_on,
            "summary_sha256": ledger.digest(summary),
        },
    )
    return decision


def _answer(actor: Person, decision_id: str, state: str, reason: str) -> OutsideDecision:
    found = OutsideDecision.objects.filter(pk=decision_id).first()
    if found is None:
        raise ex.NotFound
    space = lock_space(found.space_id)
    named = pol.is_member(actor, found.made_by_id)
    if not named:
        pol.require_visible(actor, space)
    if space.is_closed:
        raise ex.SpaceClosed
    party = pol.require_named_party(actor, found)
    decision = OutsideDecision.objects.get(pk=decision_id)
    if decision.state != OutsideDecisionState.UNANSWERED:
        raise ex.AlreadyAnswered
    reason = text(reason, field="reason", required=False, max_length=5000)
    decision.state, decision.reason = state, reason
    decision.answered_at, decision.answered_by = now(), actor
    decision.save()
    action = "outside.confirm" if state == OutsideDecisionState.CONFIRMED else "outside.dispute"
    record(
        space,
        action,
        person=actor,
        party=party,
        data={
            "decision": decision.pk,
            "reason_sha256": ledger.digest(reason) if reason else None,
        },
    )
    return decision


@transaction.atomic
def outside_decision_confirm(
    *, actor: Person, decision_id: str, reason: str = ""
) -> OutsideDecision:
    """The named party says: yes, we made that decision."""
    return _answer(actor, decision_id, OutsideDecisionState.CONFIRMED, reason)


@transaction.atomic
def outside_decision_dispute(
    *, actor: Person, decision_id: str, reason: str = ""
) -> OutsideDecision:
    """The named party says: that is not how it was."""
    return _answer(actor, decision_id, OutsideDecisionState.DISPUTED, reason)
