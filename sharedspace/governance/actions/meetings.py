"""Meetings: schedule, agenda, notes, action points, calling off (docs/adr/0012-meetings.md);
action learning sets: presenters, their actions, reviews at a later set (ADR 35).

Holders run meetings; anyone who may propose may add to the agenda, and an agenda item is
an initiative of the adding party (DESIGN §4a). Free text stays off the chain: the ledger
holds its SHA-256 only (rule 13).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from .. import exceptions as ex
from .. import ledger
from .. import policies as pol
from ..choices import MeetingState
from ..models import AgendaItem, Meeting, MeetingAction, MeetingNote, Membership, Person, Space
from ..models.meetings import MeetingKind
from ._base import get_party, lock_space, now, record, text, title_text


def _when(value: Any) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ex.InvalidInput(fields={"starts_at": "Give the date and time of the meeting."})
    return value


def _meeting(actor: Person, meeting_id: str) -> tuple[Space, Meeting]:
    """The meeting, with its space locked and visible to the actor; re-read under the lock."""
    found = Meeting.objects.filter(pk=meeting_id).values_list("space_id", flat=True).first()
    if found is None:
        raise ex.NotFound
    space = lock_space(found)
    pol.require_visible(actor, space)
    meeting = Meeting.objects.get(pk=meeting_id)
    meeting.space = space
    return space, meeting


@transaction.atomic
def meeting_schedule(
    *,
    actor: Person,
    space_id: str,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    as_party: str | None = None,
    kind: str = MeetingKind.MEETING,
) -> Meeting:
    """Holders call meetings; in an own space only the host does. ``kind`` may make it an
    action learning set (ADR 35)."""
    space = lock_space(space_id)
    pol.require_visible(actor, space)
    pol.require_active(space)
    party = pol.require_may_run_meetings(actor, space, as_party)
    title = title_text(title)
    place = text(place, field="place", required=False, max_length=500)
    starts_at = _when(starts_at)
    if kind not in MeetingKind.values:
        raise ex.InvalidInput(fields={"kind": f"Choose one of: {', '.join(MeetingKind.values)}."})
    meeting = Meeting.objects.create(
        space=space,
        title=title,
        starts_at=starts_at,
        place=place,
        kind=kind,
        created_by_person=actor,
        created_by_party_id=party,
        created_at=now(),
    )
    data: dict[str, Any] = {
        "meeting": meeting.pk,
        "starts_at": starts_at,
        "title_sha256": ledger.digest(title),
        "place_sha256": ledger.digest(place) if place else None,
    }
    if kind != MeetingKind.MEETING:  # said only for a set: ordinary entries stay as they were
        data["kind"] = kind
    record(space, "meeting.schedule", person=actor, party=party, data=data)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Person, meeting_id: str) -> Meeting:
    """The group that called a planned meeting calls it off. It is kept, marked called off."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    party = pol.require_may_cancel_meeting(actor, meeting)
    if not meeting.is_scheduled:
        raise ex.MeetingNotScheduled
    meeting.state, meeting.cancelled_at = MeetingState.CANCELLED, now()
    meeting.save(update_fields=["state", "cancelled_at"])
    record(space, "meeting.cancel", person=actor, party=party, data={"meeting": meeting.pk})
    return meeting


@transaction.atomic
def agenda_add(
    *, actor: Person, meeting_id: str, title: str, as_party: str | None = None
) -> AgendaItem:
    """Anyone who may propose adds to a planned meeting's agenda: an initiative."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    party = pol.require_may_add_agenda_item(actor, space, as_party)
    if not meeting.is_scheduled:
        raise ex.MeetingNotScheduled
    title = title_text(title)
    return _agenda_item(actor, space, meeting, party, title, presenting=False)


def _agenda_item(
    actor: Person, space: Space, meeting: Meeting, party: str, title: str, *, presenting: bool
) -> AgendaItem:
    """The next item of the agenda, and its ledger entry (``presenter`` only for one)."""
    last = meeting.agenda.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        added_by_person=actor,
        added_by_party_id=party,
        order=last + 1,
        created_at=now(),
        presenting=presenting,
    )
    data: dict[str, Any] = {
        "meeting": meeting.pk,
        "item": item.pk,
        "order": item.order,
        "title_sha256": ledger.digest(title),
    }
    if presenting:
        data["presenter"] = True
    record(space, "agenda.add", person=actor, party=party, data=data)
    return item


@transaction.atomic
def notes_record(
    *, actor: Person, meeting_id: str, body: str, as_party: str | None = None
) -> MeetingNote:
    """Holders write down what was said, once the meeting has started (not before:
    ``meeting_not_started``). The first notes mark a planned meeting as held."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    party = pol.require_may_run_meetings(actor, space, as_party)
    if meeting.state == MeetingState.CANCELLED:
        raise ex.MeetingCancelled
    stamp = now()
    if stamp < meeting.starts_at:
        # Notes say the meeting happened: before it starts they would mark it held, which
        # closes its agenda and stops it being called off.
        raise ex.MeetingNotStarted
    body = text(body, field="body", max_length=20000)
    note = MeetingNote.objects.create(
        meeting=meeting,
        body=body,
        written_by_person=actor,
        written_by_party_id=party,
        created_at=stamp,
    )
    held = meeting.is_scheduled
    if held:
        meeting.state, meeting.held_at = MeetingState.HELD, stamp
        meeting.save(update_fields=["state", "held_at"])
    record(
        space,
        "notes.record",
        person=actor,
        party=party,
        data={
            "meeting": meeting.pk,
            "note": note.pk,
            "body_sha256": ledger.digest(body),
            "held": held,
        },
    )
    return note


@transaction.atomic
def action_add(
    *,
    actor: Person,
    meeting_id: str,
    what: str,
    party: str,
    person: str | None = None,
    due_on: dt.date | None = None,
    as_party: str | None = None,
) -> MeetingAction:
    """Holders write down an action point for a group in the space (and one of its people)."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    by = pol.require_may_run_meetings(actor, space, as_party)
    if meeting.state == MeetingState.CANCELLED:
        raise ex.MeetingCancelled
    what = text(what, field="what", max_length=2000)
    target = get_party(party, field="party")
    if target.pk not in pol.holder_ids(space) + pol.guest_ids(space):
        raise ex.InvalidInput(fields={"party": "That group is not part of this space."})
    if (
        person
        and not Membership.objects.filter(
            person_id=person, party=target, left_at__isnull=True
        ).exists()
    ):
        raise ex.InvalidInput(fields={"person": "That person is not in that group."})
    return _action_point(actor, space, meeting, by, what, party=target.pk,
                         person=person or None, due_on=due_on)


def _action_point(
    actor: Person, space: Space, meeting: Meeting, by: str, what: str, *,
    party: str, person: str | None, due_on: dt.date | None,
) -> MeetingAction:
    """An action point for ``party`` (and ``person``), added for group ``by``, with its
    ledger entry."""
    if due_on is not None and (not isinstance(due_on, dt.date) or isinstance(due_on, dt.datetime)):
        raise ex.InvalidInput(fields={"due_on": "Give a date, like 2026-03-31."})
    point = MeetingAction.objects.create(
        meeting=meeting,
        what=what,
        party_id=party,
        person_id=person,
        due_on=due_on,
        added_by_person=actor,
        added_by_party_id=by,
        created_at=now(),
    )
    record(
        space,
        "action_point.add",
        person=actor,
        party=by,
        data={
            "meeting": meeting.pk,
            "action_point": point.pk,
            "what_sha256": ledger.digest(what),
            "party": party,
            "person": person,
            "due_on": due_on,
        },
    )
    return point


@transaction.atomic
def action_done(*, actor: Person, action_id: str) -> MeetingAction:
    """The group an action point is for, or a holder, marks it done, once."""
    found = MeetingAction.objects.filter(pk=action_id).values_list("meeting_id", flat=True).first()
    if found is None:
        raise ex.NotFound
    space, meeting = _meeting(actor, found)
    pol.require_active(space)
    point = MeetingAction.objects.get(pk=action_id)
    point.meeting = meeting
    party = pol.require_may_mark_action_done(actor, point)
    if point.is_done:
        raise ex.ActionPointDone
    point.done_at, point.done_by = now(), actor
    point.save(update_fields=["done_at", "done_by"])
    record(
        space,
        "action_point.done",
        person=actor,
        party=party,
        data={"meeting": meeting.pk, "action_point": point.pk},
    )
    return point


# --- action learning sets (ADR 35) -------------------------------------------------------


def _require_set(meeting: Meeting) -> None:
    """Presenters, their own actions and reviews belong to action learning sets only."""
    if not meeting.is_learning_set:
        raise ex.NotALearningSet


def _presenter_party(actor: Person, space: Space, party: str) -> str:
    """A presenter acts for the group they presented for, while they are in it and it is
    still part of the space (a holder, or a guest)."""
    if not pol.is_member(actor, party):
        raise ex.NotMember
    if party not in pol.holder_ids(space) + pol.guest_ids(space):
        raise ex.NotInSpace
    return party


@transaction.atomic
def presenter_add(
    *, actor: Person, meeting_id: str, question: str, as_party: str | None = None
) -> AgendaItem:
    """A person brings their own question to a planned set: an agenda item they present.
    Whoever may add to the agenda may present; no one is made a presenter by someone else."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    _require_set(meeting)
    party = pol.require_may_add_agenda_item(actor, space, as_party)
    if not meeting.is_scheduled:
        raise ex.MeetingNotScheduled
    question = text(question, field="question", max_length=200)
    return _agenda_item(actor, space, meeting, party, question, presenting=True)


@transaction.atomic
def presenter_action_add(
    *, actor: Person, meeting_id: str, what: str, due_on: dt.date | None = None
) -> MeetingAction:
    """A presenter writes down an action they chose: an action point for them and the group
    they presented for. Only presenters of this set do (refused ``not_presenter`` otherwise)."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    _require_set(meeting)
    if meeting.state == MeetingState.CANCELLED:
        raise ex.MeetingCancelled
    parties = list(
        meeting.agenda.filter(presenting=True, added_by_person=actor)
        .order_by("order").values_list("added_by_party_id", flat=True)
    )
    if not parties:
        raise ex.NotPresenter
    party = _presenter_party(actor, space, parties[0])
    what = text(what, field="what", max_length=2000)
    return _action_point(actor, space, meeting, party, what, party=party,
                         person=actor.pk, due_on=due_on)


def _require_may_review(actor: Person, point: MeetingAction, space: Space) -> str:
    """The presenter who owns the action reviews it, while in its group; a coordinator of
    that group may too, so that an action is never stuck when its presenter has gone."""
    if point.person_id == actor.pk:
        return _presenter_party(actor, space, point.party_id)
    if pol.is_coordinator(actor, point.party_id):
        return _presenter_party(actor, space, point.party_id)
    raise ex.NotActionOwner


@transaction.atomic
def action_review(
    *,
    actor: Person,
    meeting_id: str,
    action_id: str,
    done: bool,
    learned: str = "",
) -> MeetingAction:
    """At a later set of the same space, a presenter says whether their action from an
    earlier set is done, and what they learned. Each action is reviewed once."""
    space, meeting = _meeting(actor, meeting_id)
    pol.require_active(space)
    _require_set(meeting)
    if meeting.state == MeetingState.CANCELLED:
        raise ex.MeetingCancelled
    point = (
        MeetingAction.objects.select_related("meeting")
        .filter(pk=action_id, meeting__space=space).first()
    )
    if point is None:
        raise ex.NotFound
    if (not point.meeting.is_learning_set or point.person_id is None
            or point.meeting.starts_at >= meeting.starts_at):
        raise ex.NotReviewable  # at a later set: an action of an earlier set, for a person
    party = _require_may_review(actor, point, space)
    if point.is_reviewed:
        raise ex.AlreadyAnswered
    if not isinstance(done, bool):
        answers = "true, false"
        raise ex.InvalidInput(fields={"done": f"Choose one of: {answers}."})
    learned = text(learned, field="learned", required=False, max_length=2000)
    stamp = now()
    point.reviewed_in, point.reviewed_at, point.reviewed_by = meeting, stamp, actor
    point.review_done, point.learned = done, learned
    fields = ["reviewed_in", "reviewed_at", "reviewed_by", "review_done", "learned"]
    if done and not point.is_done:
        point.done_at, point.done_by = stamp, actor
        fields += ["done_at", "done_by"]
    point.save(update_fields=fields)
    record(
        space,
        "action_point.review",
        person=actor,
        party=party,
        data={
            "meeting": meeting.pk,
            "action_point": point.pk,
            "done": done,
            "learned_sha256": ledger.digest(learned) if learned else None,
        },
    )
    return point
