"""Reads of workshop mode. The facilitator's reads take the viewer (who must see the space);
the pages people join from read a session by its code alone, which is all they have."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person, Space

from . import actions
from .actions import key_digest
from .models import Answer, Participant, Workshop
from .tally import UNSURE, CountRow


def by_code(code: str) -> Workshop | None:
    """The newest session with this code, open or closed, with its space (an open one is
    always the newest: a code is free again only once its session closed)."""
    return (
        Workshop.objects.select_related("space").filter(code=code).order_by("-opened_at").first()
    )


def workshop_get(*, viewer: Person | None, workshop_id: str) -> Workshop:
    """One session, with its space, for a viewer who can see the space."""
    found = Workshop.objects.select_related("space").filter(pk=workshop_id).first()
    if found is None:
        raise ex.NotFound
    pol.require_visible(viewer, found.space)
    return found


def may_see_code(*, viewer: Person | None, workshop: Workshop) -> bool:
    """Whether the viewer may see how to join: the code, the QR code and the join address.
    Only people of a group holding the space now, or its guest now. A group that left, was
    removed, or is only invited still reads the space and the answers (ADR 27), but must
    not be able to join a session from outside the room (docs/adr/0029, "Review fixes")."""
    mine = set(pol.party_ids_of(viewer))
    if not mine:
        return False
    space = workshop.space
    return not mine.isdisjoint([*pol.holder_ids(space), *pol.guest_ids(space)])


def workshops_overview(*, viewer: Person | None, space_id: str) -> list[tuple[Workshop, int]]:
    """Every session of the space, newest first, with how many people answered in each. One
    query after the visibility check, however many sessions and answers."""
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    pol.require_visible(viewer, space)
    found = (
        Workshop.objects.filter(space=space)
        .annotate(
            people=Count(
                "participants",
                filter=Q(participants__answers__isnull=False),
                distinct=True,
            )
        )
        .order_by("-opened_at", "-pk")
    )
    return [(w, w.people) for w in found]


def sides(space: Space) -> list[str]:
    """Who someone in the room can say they are with: the groups holding the space, then its
    guests, then "not sure"."""
    return [*pol.holder_ids(space), *pol.guest_ids(space), UNSURE]


@dataclass(frozen=True)
class Mine:
    """What one phone has said in a session: its side (None before it chose) and answers."""

    side: str | None
    answers: dict[str, str]


def mine(workshop: Workshop, key: str) -> Mine:
    """The side and answers of the phone with this key, so it can change them. Two queries."""
    if not key:
        return Mine(None, {})
    participant = Participant.objects.filter(
        workshop=workshop, key_digest=key_digest(workshop.pk, key)
    ).first()
    if participant is None:
        return Mine(None, {})
    return Mine(
        participant.party_id or UNSURE,
        dict(participant.answers.values_list("question", "answer")),
    )


@dataclass(frozen=True)
class Counts:
    """A session's answers counted: rows ``(side, question, answer, n)``, how many people
    of each side answered at least one question, and how many joined (chose a side), which
    is what the cap on people counts (``actions.MAX_PARTICIPANTS``)."""

    rows: list[CountRow]
    people: dict[str, int]
    joined: int = 0

    @property
    def total(self) -> int:
        return sum(self.people.values())

    @property
    def full(self) -> bool:
        """No one new can join: the session has as many people as it takes."""
        return self.joined >= actions.MAX_PARTICIPANTS


def counts(workshop: Workshop) -> Counts:
    """Two grouped queries, whatever the number of people: what the projector polls. Call it
    after ``workshop_get`` has checked the viewer."""
    rows = [
        (party or UNSURE, question, answer, n)
        for party, question, answer, n in Answer.objects.filter(participant__workshop=workshop)
        .values_list("participant__party_id", "question", "answer")
        .annotate(n=Count("id"))
        .order_by()
    ]
    by_side = (
        Participant.objects.filter(workshop=workshop)
        .values_list("party_id")
        .annotate(
            answered=Count("id", filter=Q(answers__isnull=False), distinct=True),
            joined=Count("id", distinct=True),
        )
        .order_by()
    )
    people: dict[str, int] = {}
    joined = 0
    for party, answered, in_side in by_side:
        joined += in_side
        if answered:
            people[party or UNSURE] = answered
    return Counts(rows=rows, people=people, joined=joined)
