"""Reads of the perception check, scoped to the viewer."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils import timezone

from sharedspace import audit
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person, Space

from .closing import Closing, close_terms
from .compare import record_beside, summarise
from .models import Answer, Round


def record_report(space: Space) -> dict[str, Any]:
    """The audit report of the space (without its perception block): the figures the record
    beside the answers is read from (``compare.record_beside``, docs/adr/0022). It reads the
    audit's counters, so its cost does not grow with the record."""
    return audit.space_report(space)


def round_summary(*, viewer: Person | None, round_id: str) -> dict[str, Any]:
    """Answers grouped by party, side by side, with the record beside them. No names."""
    found = Round.objects.select_related("space").filter(pk=round_id).first()
    if found is None:
        raise ex.NotFound
    pol.require_visible(viewer, found.space)
    space = found.space
    parties = pol.holder_ids(space) + pol.guest_ids(space)
    answers = list(Answer.objects.filter(round=found).values_list("party_id", "question", "answer"))
    for party_id, _, _ in answers:
        if party_id not in parties:
            parties.append(party_id)
    summary = summarise(answers, parties=parties, **record_beside(record_report(space)))
    summary.update(
        round=found.pk,
        space=space.pk,
        opened_at=found.opened_at.isoformat(),
        closed_at=found.closed_at.isoformat() if found.closed_at else None,
        # Who closed it and for which group, and the groups that had not answered then
        # (null where not known: a round closed before they were kept; docs/adr/0013).
        closed_by=(
            {"person": found.closed_by_id, "party": found.closed_by_party_id}
            if found.closed_by_id else None
        ),
        not_answered_at_close=found.not_answered if found.closed_at else None,
        parties=parties,
        respondents=dict(
            Counter(
                party_id
                for party_id, _ in set(
                    Answer.objects.filter(round=found).values_list("party_id", "person_id")
                )
            )
        ),
    )
    return summary


def answered_parties(found: Round) -> set[str]:
    """The groups with at least one answer in the round (one query)."""
    return set(Answer.objects.filter(round=found).values_list("party_id", flat=True).distinct())


def closing(*, viewer: Person, found: Round) -> Closing:
    """What closing this round now would do, and whether the viewer may close it now
    (``closing.close_terms``, the rule ``actions.round_close`` keeps): for a page to say so
    before the button, and to offer the button only when it would work."""
    pol.require_visible(viewer, found.space)
    holders = pol.holder_ids(found.space)
    return close_terms(
        opened_at=found.opened_at, holders=holders, guests=pol.guest_ids(found.space),
        answered=answered_parties(found),
        mine=[p for p in pol.party_ids_of(viewer) if p in holders], now=timezone.now(),
    )


def rounds_for(*, viewer: Person | None, space_id: str) -> list[Round]:
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    pol.require_visible(viewer, space)
    return list(Round.objects.filter(space=space).order_by("opened_at"))


def my_answers(*, viewer: Person, round_id: str) -> dict[str, tuple[str, str]]:
    """The viewer's own answers in a round, so they can change them while it is open:
    ``{question: (party id, answer)}``. One query after the visibility check."""
    found = round_get(viewer=viewer, round_id=round_id)
    return {
        question: (party_id, answer)
        for question, party_id, answer in Answer.objects.filter(
            round=found, person=viewer
        ).values_list("question", "party_id", "answer")
    }


def round_get(*, viewer: Person | None, round_id: str) -> Round:
    """One round, with its space, for a viewer who can see the space."""
    found = Round.objects.select_related("space").filter(pk=round_id).first()
    if found is None:
        raise ex.NotFound
    pol.require_visible(viewer, found.space)
    return found


def rounds_overview(*, viewer: Person | None, space_id: str) -> list[tuple[Round, int]]:
    """Every round of the space, newest first, with how many people answered each. One
    query however many rounds and answers."""
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    pol.require_visible(viewer, space)
    rounds = (
        Round.objects.filter(space=space)
        .annotate(people=Count("answers__person", distinct=True))
        .order_by("-opened_at", "-pk")
    )
    return [(r, r.people) for r in rounds]
