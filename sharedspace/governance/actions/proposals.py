"""Proposals and positions: decisions by consent (DESIGN §4 rule 5, §4a)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from .. import consent, ledger
from .. import exceptions as ex
from .. import policies as pol
from ..choices import PositionValue, ProposalKind, ProposalState, SpaceKind, TenureRole
from ..models import (
    Comment,
    Person,
    Position,
    Proposal,
    ProposalVersion,
    PublicComment,
    Space,
    Vote,
)
from ..tally import party_tally
from ._base import charter_clean, get_party, lock_space, money, now, record, text, title_text


def _closes_at(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ex.InvalidInput(fields={"closes_at": "Give a date and time with a time zone."})
    if value <= now():
        raise ex.InvalidInput(fields={"closes_at": "The deadline must be in the future."})
    return value


def _kind_details(
    space: Space,
    kind: str,
    *,
    amount: Any,
    currency: str | None,
    party: str | None,
    charter: Any,
    content: str | None,
    body: str = "",
) -> dict[str, Any]:
    """Check what each kind of proposal needs, and return the fields to store."""
    details: dict[str, Any] = {}
    if kind == ProposalKind.SPEND:
        if amount is None:
            raise ex.InvalidInput(fields={"amount": "Say how much money to spend."})
        value, cur = money(amount, currency=currency)
        cur = cur or space.currency or "GBP"
        if space.currency and cur != space.currency:
            raise ex.CurrencyMismatch(fields={"currency": f"This fund uses {space.currency}."})
        details.update(amount=value, currency=cur)
    elif kind in (ProposalKind.ADD_HOLDER, ProposalKind.ADD_GUEST, ProposalKind.REMOVE_GUEST):
        target = get_party(party)
        rel = pol.relation(space, target)
        if kind == ProposalKind.REMOVE_GUEST and rel != pol.GUEST:
            raise ex.InvalidInput(fields={"party": "That group is not a guest here."})
        invited = space.invitations.filter(party=target, state="open").exists()
        if kind == ProposalKind.ADD_HOLDER and (rel in (pol.HOLDER, pol.INVITED) or invited):
            raise ex.InvalidInput(
                fields={"party": "That group already holds this space or is invited."}
            )
        if kind == ProposalKind.ADD_GUEST and rel in (pol.HOLDER, pol.GUEST, pol.INVITED):
            raise ex.InvalidInput(
                fields={"party": "That group is already in this space or invited."}
            )
        details["target_party"] = target
    elif kind == ProposalKind.CHARTER:
        details["charter"] = charter_clean(charter)
    elif kind == ProposalKind.REMOVE_CONTENT:
        comment = Comment.objects.filter(
            pk=content or "", space=space, removed_at__isnull=True
        ).first()
        if comment is not None:
            details["content"] = comment
            return details
        # Or a critical friend's comment on this space's published work (ADR 36).
        public = PublicComment.objects.filter(
            pk=content or "", publication__space=space, removed_at__isnull=True
        ).first()
        if public is None:
            raise ex.InvalidInput(fields={"content": "Name a comment in this space to remove."})
        details["public_comment"] = public
    elif kind == ProposalKind.PUBLISH and not body:
        raise ex.InvalidInput(fields={"body": "Write the work you want to publish."})
    return details


@transaction.atomic
def proposal_submit(
    *,
    actor: Person,
    space_id: str,
    kind: str,
    title: str,
    body: str = "",
    closes_at: dt.datetime | None = None,
    amount: Any = None,
    currency: str | None = None,
    party: str | None = None,
    charter: Any = None,
    content: str | None = None,
    as_party: str | None = None,
) -> Proposal:
    """Anyone holding a space can start anything (shared); in an own space the host, and
    guests it allowed to propose. Nothing takes effect until the proposal passes."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    proposer = pol.require_may_propose(actor, space, as_party)
    if kind not in ProposalKind.values:
        raise ex.InvalidInput(
            fields={"kind": "Choose one of: " + ", ".join(ProposalKind.values) + "."}
        )
    title = title_text(title)
    body = text(body, field="body", required=False)
    details = _kind_details(
        space,
        kind,
        amount=amount,
        currency=currency,
        party=party,
        charter=charter,
        content=content,
        body=body,
    )
    proposal = Proposal.objects.create(
        space=space,
        kind=kind,
        title=title,
        body=body,
        proposed_by_person=actor,
        proposed_by_party_id=proposer,
        closes_at=_closes_at(closes_at),
        created_at=now(),
        **details,
    )
    record(
        space,
        "proposal.submit",
        person=actor,
        party=proposer,
        data={
            "proposal": proposal.pk,
            "kind": kind,
            "version": 1,
            "title_sha256": ledger.digest(title),
            "body_sha256": ledger.digest(body),
            "amount": proposal.amount,
            "currency": proposal.currency or None,
            "party": proposal.target_party_id,
            "charter_sha256": ledger.digest(ledger.canonical(proposal.charter))
            if proposal.charter
            else None,
            "content": proposal.content_id or proposal.public_comment_id,
            "closes_at": proposal.closes_at,
        },
    )
    return proposal


def _lock_proposal(actor: Person | None, proposal_id: str) -> tuple[Proposal, Space]:
    found = Proposal.objects.filter(pk=proposal_id).values_list("space_id", flat=True).first()
    if found is None:
        raise ex.NotFound
    space = lock_space(found)
    if actor is not None:
        pol.require_visible(actor, space)
    proposal = Proposal.objects.select_related("space").get(pk=proposal_id)
    return proposal, space


def party_position_now(proposal: Proposal, party_id: str) -> consent.PartyPosition | None:
    """Work out a party's position from its current members' latest votes."""
    return party_tally(proposal, party_id).position()


def binding_positions(proposal: Proposal) -> dict[str, str]:
    return dict(
        Position.objects.filter(
            proposal=proposal, version=proposal.version, binding=True
        ).values_list("party_id", "position")
    )


@transaction.atomic
def position_give(
    *, actor: Person, proposal_id: str, party: str, position: str, reason: str = ""
) -> Position | None:
    """A member votes for their party under its own rule; the party's position follows.
    The proposal passes the moment every holder agrees or stands aside with one agree."""
    proposal, space = _lock_proposal(actor, proposal_id)
    pol.require_active(space)  # before is_open: closing lapses every open proposal
    if not proposal.is_open:
        raise ex.ProposalNotOpen
    if position not in PositionValue.values:
        raise ex.InvalidInput(fields={"position": "Choose agree, object or stand_aside."})
    reason = text(reason, field="reason", required=False)
    if position == PositionValue.OBJECT and not reason:
        raise ex.ReasonRequired(
            fields={"reason": "Say why you object, and what would make it acceptable."}
        )
    get_party(party)
    binding = pol.require_may_answer(actor, proposal, party)
    stamp = now()
    Vote.objects.create(
        proposal=proposal,
        version=proposal.version,
        party_id=party,
        person=actor,
        position=position,
        reason=reason,
        created_at=stamp,
    )
    result = party_position_now(proposal, party)
    Position.objects.filter(proposal=proposal, version=proposal.version, party_id=party).delete()
    stored = None
    if result is not None:
        stored = Position.objects.create(
            proposal=proposal,
            version=proposal.version,
            party_id=party,
            position=result.position,
            reason=result.reason,
            binding=binding,
            updated_at=stamp,
        )
    record(
        space,
        "vote.cast",
        person=actor,
        party=party,
        data={
            "proposal": proposal.pk,
            "version": proposal.version,
            "vote": position,
            "reason_sha256": ledger.digest(reason) if reason else None,
            "party_position": result.position if result else None,
            "binding": binding,
        },
    )
    if binding:
        outcome = consent.outcome_now(
            shared=space.kind == SpaceKind.SHARED,
            holders=pol.holder_ids(space),
            positions=binding_positions(proposal),
        )
        if outcome is not None:
            resolve(proposal, space, outcome, why="positions", actor=actor, party=party)
    return stored


@transaction.atomic
def proposal_amend(
    *,
    actor: Person,
    proposal_id: str,
    title: str | None = None,
    body: str | None = None,
    amount: Any = None,
    charter: Any = None,
) -> Proposal:
    """Only the proposer amends, while its group still holds the power it proposed with;
    every position resets, so no one agrees to words they did not see. An amendment that
    changes nothing is refused (422), so it cannot wipe the answers given. A charter proposal's
    charter can be amended too (ADR 37): it is what the groups are deciding."""
    proposal, space = _lock_proposal(actor, proposal_id)
    pol.require_active(space)
    if not proposal.is_open:
        raise ex.ProposalNotOpen
    pol.require_may_change_proposal(actor, proposal)
    # The words being replaced are kept, so whoever answered them can see what changed.
    earlier = ProposalVersion(proposal=proposal, version=proposal.version, title=proposal.title,
                              body=proposal.body, amount=proposal.amount,
                              charter=proposal.charter, replaced_at=now())
    if title is not None:
        proposal.title = title_text(title)
    if body is not None:
        proposal.body = text(body, field="body", required=proposal.kind == ProposalKind.PUBLISH)
    if amount is not None:
        if proposal.kind != ProposalKind.SPEND:
            raise ex.InvalidInput(fields={"amount": "Only a spending proposal has an amount."})
        proposal.amount, _ = money(amount)
    charter_changed = False
    if charter is not None:
        if proposal.kind != ProposalKind.CHARTER:
            raise ex.InvalidInput(fields={"charter": "Only a charter proposal has a charter."})
        cleaned = charter_clean(charter)
        # An empty part says what a missing one says: sending one is not a change, here as
        # on the page that shows what changed.
        charter_changed = _written(cleaned) != _written(proposal.charter or {})
        if charter_changed:
            proposal.charter = cleaned
    if not charter_changed and (proposal.title, proposal.body, proposal.amount) == (
            earlier.title, earlier.body, earlier.amount):
        # A new version resets every answer: one with the same words would wipe an objection
        # (or any answer) without giving anyone anything new to answer.
        raise ex.InvalidInput(fields={"title": (
            "Nothing has changed. Change the title, the text or the amount first. Until then, "
            "every answer given stays.")})
    earlier.save()
    proposal.version += 1
    proposal.save()
    data: dict[str, Any] = {
        "proposal": proposal.pk,
        "version": proposal.version,
        "title_sha256": ledger.digest(proposal.title),
        "body_sha256": ledger.digest(proposal.body),
        "amount": proposal.amount,
    }
    if charter_changed:  # only then: older entries and other kinds keep their fields
        data["charter_sha256"] = ledger.digest(ledger.canonical(proposal.charter))
    record(space, "proposal.amend", person=actor, party=proposal.proposed_by_party_id,
           data=data)
    return proposal


def _written(charter: dict[str, str]) -> dict[str, str]:
    return {part: words for part, words in charter.items() if words}


@transaction.atomic
def proposal_close(*, actor: Person, proposal_id: str) -> Proposal:
    """A holder resolves it now, as if its deadline had come, through a coordinator or
    speaker. Silence is never consent."""
    proposal, space = _lock_proposal(actor, proposal_id)
    pol.require_active(space)
    if not proposal.is_open:
        raise ex.ProposalNotOpen
    party = pol.require_may_close_early(actor, space)
    outcome = consent.outcome_at_deadline(
        shared=space.kind == SpaceKind.SHARED,
        holders=pol.holder_ids(space),
        positions=binding_positions(proposal),
    )
    resolve(proposal, space, outcome, why="closed_by_holder", actor=actor, party=party)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Person, proposal_id: str) -> Proposal:
    """The proposer takes the proposal back, while its group still holds the power it
    proposed with (a group that left cannot take back what the others are deciding). It is
    no decision."""
    proposal, space = _lock_proposal(actor, proposal_id)
    pol.require_active(space)
    if not proposal.is_open:
        raise ex.ProposalNotOpen
    pol.require_may_change_proposal(actor, proposal)
    proposal.state, proposal.resolved_at = ProposalState.WITHDRAWN, now()
    proposal.save()
    record(
        space,
        "proposal.withdraw",
        person=actor,
        party=proposal.proposed_by_party_id,
        data={"proposal": proposal.pk, "version": proposal.version},
    )
    return proposal


def proposals_resolve_due(*, at: dt.datetime | None = None, space_id: str | None = None) -> int:
    """Resolve every open proposal whose deadline has passed. Each in its own transaction."""
    moment = at or now()
    due = Proposal.objects.filter(state=ProposalState.OPEN, closes_at__lte=moment)
    if space_id is not None:
        due = due.filter(space_id=space_id)
    count = 0
    for proposal_id in list(due.values_list("pk", flat=True)):
        count += _resolve_due_one(proposal_id, moment)
    return count


@transaction.atomic
def _resolve_due_one(proposal_id: str, moment: dt.datetime) -> int:
    proposal, space = _lock_proposal(None, proposal_id)
    if not proposal.is_open or proposal.closes_at is None or proposal.closes_at > moment:
        return 0
    outcome = consent.outcome_at_deadline(
        shared=space.kind == SpaceKind.SHARED,
        holders=pol.holder_ids(space),
        positions=binding_positions(proposal),
    )
    resolve(proposal, space, outcome, why="deadline", actor=None, party=None)
    return 1


def reconsider_open_proposals(space: Space, *, actor: Person | None, party: str | None) -> None:
    """After the holders change, a proposal may now have every holder's consent."""
    holders = pol.holder_ids(space)
    for proposal in Proposal.objects.filter(space=space, state=ProposalState.OPEN):
        outcome = consent.outcome_now(
            shared=space.kind == SpaceKind.SHARED,
            holders=holders,
            positions=binding_positions(proposal),
        )
        if outcome is not None:
            resolve(proposal, space, outcome, why="holders_changed", actor=actor, party=party)
            if space.is_closed:
                return


def resolve(
    proposal: Proposal,
    space: Space,
    outcome: str,
    *,
    why: str,
    actor: Person | None,
    party: str | None,
) -> None:
    """End a proposal with its outcome; a passed one takes effect at once."""
    proposal.state, proposal.resolved_at = outcome, now()
    proposal.save()
    record(
        space,
        "proposal.resolve",
        person=actor,
        party=party,
        data={
            "proposal": proposal.pk,
            "version": proposal.version,
            "outcome": outcome,
            "why": why,
            "positions": binding_positions(proposal),
        },
    )
    if outcome == ProposalState.PASSED:
        _take_effect(proposal, space, actor=actor, party=party)


def _take_effect(
    proposal: Proposal, space: Space, *, actor: Person | None, party: str | None
) -> None:
    from .content import content_remove, publish
    from .spaces import _check_can_join, _invite, close_space, end_guest

    kind = proposal.kind
    if kind in (ProposalKind.ADD_HOLDER, ProposalKind.ADD_GUEST):
        target = proposal.target_party
        if target is None:  # the kind's check at submission makes this impossible
            return
        role = TenureRole.HOLDER if kind == ProposalKind.ADD_HOLDER else TenureRole.GUEST
        try:
            _check_can_join(space, target, role)
        except ex.AlreadyThere:
            return
        # The invitation comes from the group that proposed it, by its proposer: not from
        # whoever gave the last answer (perhaps for another group), nor from no one when a
        # deadline or a change of holders ended it. Its ledger entry names the same pair.
        _invite(
            space,
            target,
            role,
            person=proposal.proposed_by_person,
            by_party=proposal.proposed_by_party_id,
            proposal=proposal,
        )
    elif kind == ProposalKind.REMOVE_GUEST:
        tenure = pol.current_tenure(space, proposal.target_party_id or "")
        if tenure is not None and tenure.role == TenureRole.GUEST:
            end_guest(space, tenure, actor=actor, party=party, proposal=proposal)
    elif kind == ProposalKind.CHARTER:
        space.charter = proposal.charter
        space.save()
        record(
            space,
            "charter.change",
            person=actor,
            party=party,
            data={
                "proposal": proposal.pk,
                "charter_sha256": ledger.digest(ledger.canonical(proposal.charter)),
            },
        )
    elif kind == ProposalKind.CLOSE:
        close_space(space, why="passed_proposal", actor=actor, party=party)
    elif kind == ProposalKind.REMOVE_CONTENT:
        removing = proposal.content_id or proposal.public_comment_id
        if removing:
            content_remove(space, removing, proposal=proposal, actor=actor, party=party)
    elif kind == ProposalKind.PUBLISH:
        publish(space, proposal=proposal, actor=actor, party=party)
    # decision: recorded, nothing else changes; spend: now spendable once (fund_spend).
