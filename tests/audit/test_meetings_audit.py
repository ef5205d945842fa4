"""Agenda items are initiatives of the adding party (DESIGN §4a, §5; ADR 12).

Calling a meeting, writing notes and action points are not initiatives; they count as
participation of the person who did them, like everything on the record.
"""

from __future__ import annotations

import datetime as dt

from sharedspace.audit import audit_space, compare, recount
from sharedspace.audit.engine import stored
from sharedspace.audit.report import build_report
from sharedspace.governance import actions

WHEN = dt.datetime(2026, 11, 3, 10, 30, tzinfo=dt.UTC)  # started: notes need that


def _flags(report, code):
    return [f["party"] for f in report["flags"] if f["code"] == code]


def test_agenda_items_count_as_initiative_of_the_adding_party(cast, own):
    """In the council's own space the carers forum starts nothing until it adds agenda
    items; then each item is its initiative, by kind ``agenda_item``."""
    before = audit_space(own.pk)
    assert before["initiative"]["by_party"][cast.guests.pk] == 0
    assert cast.guests.pk in _flags(before, "never_starts")

    meeting = actions.meeting_schedule(actor=cast.owen, space_id=own.pk, title="Board",
                                       starts_at=WHEN)
    actions.agenda_add(actor=cast.gil, meeting_id=meeting.pk, title="Transport")
    actions.agenda_add(actor=cast.gil, meeting_id=meeting.pk, title="Payments")
    actions.agenda_add(actor=cast.carol, meeting_id=meeting.pk, title="Budget")
    actions.notes_record(actor=cast.carol, meeting_id=meeting.pk, body="We talked.")
    actions.action_add(actor=cast.carol, meeting_id=meeting.pk, what="Write up",
                       party=cast.guests.pk)

    report = audit_space(own.pk)
    started = report["initiative"]
    assert started["by_kind"]["agenda_item"] == 3
    assert started["by_party"][cast.guests.pk] == before["initiative"]["by_party"][
        cast.guests.pk] + 2
    assert started["by_party"][cast.council.pk] == before["initiative"]["by_party"][
        cast.council.pk] + 1
    # Scheduling, notes and action points start nothing new.
    assert started["total"] == before["initiative"]["total"] + 3
    assert cast.guests.pk not in _flags(report, "never_starts")
    assert compare(own.pk) == []
    assert stored(own.pk) == recount(own.pk)


def test_meeting_work_is_participation(cast, shared):
    """Everyone who called a meeting, added an item, wrote notes or an action point is an
    active person of their group in that month."""
    meeting = actions.meeting_schedule(actor=cast.owen, space_id=shared.pk, title="x",
                                       starts_at=WHEN)
    actions.agenda_add(actor=cast.ria, meeting_id=meeting.pk, title="Item")
    actions.notes_record(actor=cast.mo, meeting_id=meeting.pk, body="Notes")
    point = actions.action_add(actor=cast.mo, meeting_id=meeting.pk, what="Do it",
                               party=cast.council.pk)
    actions.action_done(actor=cast.owen, action_id=point.pk)
    state = stored(shared.pk)
    people = {p for month in state["participation"].values()
              for p in month.get(cast.group.pk, [])}
    assert {cast.ria.pk, cast.mo.pk} <= people
    council = {p for month in state["participation"].values()
               for p in month.get(cast.council.pk, [])}
    assert cast.owen.pk in council
    assert state == recount(shared.pk)
    assert build_report(stored(shared.pk), {}) == build_report(recount(shared.pk), {})


def test_a_called_off_meeting_keeps_its_agenda_items(cast, shared):
    """Calling a meeting off does not take back what people started on its agenda."""
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="x",
                                       starts_at=WHEN)
    actions.agenda_add(actor=cast.sam, meeting_id=meeting.pk, title="Item")
    actions.meeting_cancel(actor=cast.carol, meeting_id=meeting.pk)
    report = audit_space(shared.pk)
    assert report["initiative"]["by_kind"]["agenda_item"] == 1
    assert stored(shared.pk) == recount(shared.pk)
