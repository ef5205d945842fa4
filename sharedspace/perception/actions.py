"""Writes of the perception check. Each person answers on their own, for their own party."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person, Space

from .closing import close_terms
from .models import Answer, Round
from .questions import BY_KEY, DONT_KNOW, TOGETHER
from .selectors import answered_parties


@transaction.atomic
def round_open(*, actor: Person, space_id: str) -> Round:
    """Any holder's person may ask everyone the questions again, so change shows over time.
    One check is open at a time, so no one wonders which to answer (ADR 13)."""
    space = Space.objects.select_for_update().filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    pol.require_visible(actor, space)
    pol.require_active(space)
    pol.require_holder_member(actor, space)
    if Round.objects.filter(space=space, closed_at__isnull=True).exists():
        raise ex.RoundAlreadyOpen
    return Round.objects.create(space=space, opened_by=actor, opened_at=timezone.now())


@transaction.atomic
def round_close(*, actor: Person, round_id: str) -> Round:
    """A holder's person closes the round: no one can answer it after. While a group that
    holds the space has not answered, only that group may close it, until the fair chance
    is over (``may_close``). The round keeps who closed it, for which group, and which
    groups had not answered (docs/adr/0013, amended). Closing a closed round changes
    nothing."""
    # The round's row is locked so an answer sent at the same moment is either in before
    # the close (and counted as answered) or refused after it.
    found = (
        Round.objects.select_for_update(of=("self",)).select_related("space")
        .filter(pk=round_id).first()
    )
    if found is None:
        raise ex.NotFound
    space = found.space
    pol.require_visible(actor, space)
    # A closed space is read-only forever (rule 8): its rounds stay as they were.
    pol.require_active(space)
    pol.require_holder_member(actor, space)
    if found.closed_at is not None:
        return found
    holders = pol.holder_ids(space)
    now = timezone.now()
    terms = close_terms(
        opened_at=found.opened_at, holders=holders, guests=pol.guest_ids(space),
        answered=answered_parties(found),
        mine=[p for p in pol.party_ids_of(actor) if p in holders], now=now,
    )
    if not terms.allowed:
        raise ex.GroupsNotAnsweredYet
    found.closed_at = now
    found.closed_by = actor
    found.closed_by_party_id = terms.party
    found.not_answered = terms.waiting
    found.save(update_fields=["closed_at", "closed_by", "closed_by_party", "not_answered"])
    return found


def _valid_answer(space: Space, value: str) -> bool:
    if value in (TOGETHER, DONT_KNOW):
        return True
    if value.startswith("party:"):
        party_id = value.removeprefix("party:")
        return pol.relation(space, party_id) in (pol.HOLDER, pol.GUEST, pol.FORMER_HOLDER,
                                                 pol.FORMER_GUEST)
    return False


@transaction.atomic
def answers_submit(
    *, actor: Person, round_id: str, party: str, answers: Mapping[str, str]
) -> list[Answer]:
    """A person answers for the party they belong to. Answering again replaces their answers."""
    # Locked as ``round_close`` locks it: an answer is in before a close, or refused.
    found = (
        Round.objects.select_for_update(of=("self",)).select_related("space")
        .filter(pk=round_id).first()
    )
    if found is None:
        raise ex.NotFound
    space = found.space
    pol.require_visible(actor, space)
    # A closed space is read-only forever (rule 8): no more answers in it.
    pol.require_active(space)
    if found.closed_at is not None:
        raise ex.Conflict("This perception check is closed. Ask for a new one.")
    if not pol.is_member(actor, party):
        raise ex.NotMember
    if pol.relation(space, party) not in (pol.HOLDER, pol.GUEST):
        raise ex.NotInSpace
    bad = {k: "There is no such question." for k in answers if k not in BY_KEY}
    bad.update(
        {k: "Choose a group, all of us together, or don't know."
         for k, v in answers.items() if k in BY_KEY and not _valid_answer(space, v)}
    )
    if bad:
        raise ex.InvalidInput(fields=bad)
    if not answers:
        raise ex.InvalidInput(fields={"answers": "Answer at least one question."})
    stamp = timezone.now()
    saved = []
    for key, value in answers.items():
        answer, _ = Answer.objects.update_or_create(
            round=found, person=actor, question=key,
            defaults={"party_id": party, "answer": value, "answered_at": stamp},
        )
        saved.append(answer)
    return saved
