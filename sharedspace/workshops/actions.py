"""Writes of workshop mode.

A facilitator (any person of a group that holds the space: the same rule as opening a
perception check, ``perception.actions.round_open``) opens and closes a session. People in
the room join and answer without an account: those two actions take no ``actor``, only the
random key their phone keeps, and they store nothing that names a person or where a request
came from. Like perception answers, none of this is a power event: nothing is written to the
ledger (docs/adr/0005).
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person, Space
from sharedspace.perception.questions import BY_KEY, DONT_KNOW, TOGETHER

from . import codes
from . import exceptions as wex
from .models import Answer, Participant, Workshop
from .tally import UNSURE

#: At most this many people join one session: enough for a conference hall, and a ceiling
#: on what a script that makes up new keys can add.
MAX_PARTICIPANTS = 500
# How many fresh codes to try when one is taken by an open session (about 1 in 10^5 with a
# thousand open sessions; ten misses in a row do not happen).
CODE_TRIES = 10


def key_digest(workshop_id: str, key: str) -> str:
    """What is stored of a phone's key: mixed with the session, so sessions cannot be linked."""
    return hashlib.sha256(f"{workshop_id}:{key}".encode()).hexdigest()


@transaction.atomic
def workshop_open(*, actor: Person, space_id: str) -> Workshop:
    """Any holder's person may run a workshop (as they may open a perception check); only in
    an active space (rule 8: a closed space is read-only). Several may be open at once: each
    has its own code, so no one wonders which to answer."""
    space = Space.objects.select_for_update().filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    pol.require_visible(actor, space)
    pol.require_active(space)
    pol.require_holder_member(actor, space)
    end_with_their_spaces()
    for _try in range(CODE_TRIES):
        try:
            with transaction.atomic():
                return Workshop.objects.create(
                    space=space, code=codes.new_code(), opened_by=actor, opened_at=timezone.now()
                )
        except IntegrityError:
            continue  # an open session has this code already: draw another
    raise ex.Conflict  # pragma: no cover - ten taken codes in a row


def end_with_their_spaces() -> int:
    """Write the end of every session that was still open when its space closed: its
    ``closed_at`` becomes the space's own ``closed_at``. Such a session ended then (every read
    already treats it as ended: ``Workshop.taking_answers``); writing it down frees its code,
    which only open sessions reserve. It records what happened, so a closed space stays as
    it was (rule 8). The space is closed by the governance core, which knows nothing of
    workshops; so this runs whenever a session is opened, before a code is drawn. Returns
    how many it wrote."""
    ended = 0
    stale = Workshop.objects.ended_with_their_spaces().select_related("space")
    for found in stale.select_for_update(of=("self",)):
        found.closed_at = found.space.closed_at or timezone.now()
        found.save(update_fields=["closed_at"])
        ended += 1
    return ended


@transaction.atomic
def workshop_close(*, actor: Person, workshop_id: str) -> Workshop:
    """Any holder's person closes a session; it then takes no answers. Its answers stay.
    A session whose space closed ended with it (``end_with_their_spaces``): it is refused here,
    as everything is in a closed space."""
    found = Workshop.objects.select_for_update().filter(pk=workshop_id).first()
    if found is None:
        raise ex.NotFound
    space = Space.objects.get(pk=found.space_id)
    pol.require_visible(actor, space)
    # A closed space is read-only forever (rule 8): its sessions stay as they were.
    pol.require_active(space)
    pol.require_holder_member(actor, space)
    if found.closed_at is None:
        found.closed_at = timezone.now()
        found.save(update_fields=["closed_at"])
    return found


def _taking_answers(workshop_id: str) -> Workshop:
    """The session, locked, if it still takes answers: open, in an active space."""
    found = (
        Workshop.objects.select_for_update().select_related("space").filter(pk=workshop_id).first()
    )
    if found is None:
        raise ex.NotFound
    if found.closed_at is not None:
        raise wex.WorkshopClosed
    pol.require_active(found.space)
    return found


def side_party(space: Space, side: str) -> str | None:
    """The group a side names (None for "not sure"); refused unless it holds or visits the
    space now."""
    if side == UNSURE:
        return None
    if pol.relation(space, side) not in (pol.HOLDER, pol.GUEST):
        raise wex.NotASide
    return side


@transaction.atomic
def participant_join(*, workshop_id: str, key: str, side: str) -> Participant:
    """Someone in the room says which side they are on (a group holding or visiting the space,
    or ``UNSURE``). The same key again changes their side: it never adds a second person.
    Refused once the session has ``MAX_PARTICIPANTS`` people."""
    if not key:
        raise ex.InvalidInput
    found = _taking_answers(workshop_id)
    party = side_party(found.space, side)
    digest = key_digest(found.pk, key)
    participant = Participant.objects.filter(workshop=found, key_digest=digest).first()
    if participant is None:
        # The session row is locked above, so two joins at the cap cannot both get in.
        if Participant.objects.filter(workshop=found).count() >= MAX_PARTICIPANTS:
            raise wex.WorkshopFull
        return Participant.objects.create(workshop=found, key_digest=digest, party_id=party)
    if participant.party_id != party:
        participant.party_id = party
        participant.save(update_fields=["party"])
    return participant


def _valid_answer(space: Space, value: str) -> bool:
    if value in (TOGETHER, DONT_KNOW):
        return True
    if value.startswith("party:"):
        return pol.relation(space, value.removeprefix("party:")) in (pol.HOLDER, pol.GUEST)
    return False


@transaction.atomic
def answer_give(*, workshop_id: str, key: str, question: str, answer: str) -> Answer:
    """A participant answers one question (a group in the space, ``together`` or
    ``dont_know``). Answering again replaces the answer: one answer per question."""
    found = _taking_answers(workshop_id)
    participant = Participant.objects.filter(
        workshop=found, key_digest=key_digest(found.pk, key or "")
    ).first()
    if participant is None or not key:
        raise wex.SideFirst
    if question not in BY_KEY:
        raise wex.NotAQuestion
    if not _valid_answer(found.space, answer):
        raise wex.NotAnAnswer
    saved, _created = Answer.objects.update_or_create(
        participant=participant, question=question, defaults={"answer": answer}
    )
    return saved
