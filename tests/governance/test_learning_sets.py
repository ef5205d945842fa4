"""Action learning sets (ADR 35): presenters bring their own question, choose their own
actions, and review them at a later set of the same space. Every action writes its entry
(free text only as SHA-256); refusals change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sharedspace.governance import actions, ledger, selectors

from .conftest import refused, watch

FIRST = dt.datetime(2026, 11, 3, 10, 30, tzinfo=dt.UTC)
NEXT = dt.datetime(2036, 12, 3, 10, 30, tzinfo=dt.UTC)
SET = "learning_set"


def _sets(cast: Any, space: Any) -> tuple[Any, Any, Any]:
    """Two sets in the space; Mo presents at the first and chooses an action there."""
    first = actions.meeting_schedule(actor=cast.carol, space_id=space.pk, title="Set 1",
                                     starts_at=FIRST, kind=SET)
    actions.presenter_add(actor=cast.mo, meeting_id=first.pk, question="Getting the bus")
    point = actions.presenter_action_add(actor=cast.mo, meeting_id=first.pk,
                                         what="Ask the driver", due_on=dt.date(2026, 12, 1))
    second = actions.meeting_schedule(actor=cast.sam, space_id=space.pk, title="Set 2",
                                      starts_at=NEXT, kind=SET)
    return first, point, second


def test_a_set_is_a_kind_of_meeting_said_in_the_ledger(cast, shared):
    with watch() as written:
        meeting = actions.meeting_schedule(actor=cast.mo, space_id=shared.pk, title="Set",
                                           starts_at=FIRST, kind=SET)
    assert written.one("meeting.schedule")["data"]["kind"] == SET
    assert meeting.is_learning_set
    refused("invalid_input", actions.meeting_schedule, actor=cast.mo, space_id=shared.pk,
            title="x", starts_at=FIRST, kind="party")


def test_presenter_and_their_action_write_their_entries(cast, shared):
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Set",
                                       starts_at=FIRST, kind=SET)
    with watch() as written:
        item = actions.presenter_add(actor=cast.mo, meeting_id=meeting.pk,
                                     question="Getting the bus")
    entry = written.one("agenda.add")
    assert entry["actor"] == {"person": cast.mo.pk, "party": cast.group.pk}
    assert entry["data"] == {"meeting": meeting.pk, "item": item.pk, "order": 1,
                             "title_sha256": ledger.digest("Getting the bus"),
                             "presenter": True}
    assert item.presenting and item.added_by_person_id == cast.mo.pk
    with watch() as written:
        point = actions.presenter_action_add(actor=cast.mo, meeting_id=meeting.pk,
                                             what="Ask the driver")
    entry = written.one("action_point.add")
    assert entry["data"] == {"meeting": meeting.pk, "action_point": point.pk,
                             "what_sha256": ledger.digest("Ask the driver"),
                             "party": cast.group.pk, "person": cast.mo.pk, "due_on": None}
    assert (point.person_id, point.party_id) == (cast.mo.pk, cast.group.pk)


def test_refusals_for_presenters(cast, shared, shared_guest):
    ordinary = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="x",
                                        starts_at=FIRST)
    refused("not_a_learning_set", actions.presenter_add, actor=cast.mo, meeting_id=ordinary.pk,
            question="x")
    refused("not_a_learning_set", actions.presenter_action_add, actor=cast.mo,
            meeting_id=ordinary.pk,
            what="x")
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Set",
                                       starts_at=FIRST, kind=SET)
    # Only presenters write their own actions.
    refused("not_presenter", actions.presenter_action_add, actor=cast.ria, meeting_id=meeting.pk,
            what="x")
    refused("not_found", actions.presenter_add, actor=cast.olive, meeting_id=meeting.pk,
            question="x")
    # Guests in a shared space do not present (they do not set the agenda).
    guest_set = actions.meeting_schedule(actor=cast.carol, space_id=shared_guest.pk,
                                         title="Set", starts_at=FIRST, kind=SET)
    refused("guest_permission_missing", actions.presenter_add, actor=cast.gil,
            meeting_id=guest_set.pk, question="x")


def test_review_at_the_next_set(cast, shared):
    first, point, second = _sets(cast, shared)
    view = selectors.meeting_get(viewer=cast.ria, meeting_id=second.pk)
    assert [a.pk for a in view.to_review] == [point.pk]
    assert selectors.meeting_get(viewer=cast.ria, meeting_id=first.pk).to_review == []
    with watch() as written:
        actions.action_review(actor=cast.mo, meeting_id=second.pk, action_id=point.pk,
                              done=True, learned="Drivers help if you ask")
    entry = written.one("action_point.review")
    assert written.actions == ["action_point.review"]
    assert entry["actor"] == {"person": cast.mo.pk, "party": cast.group.pk}
    assert entry["data"] == {"meeting": second.pk, "action_point": point.pk, "done": True,
                             "learned_sha256": ledger.digest("Drivers help if you ask")}
    point.refresh_from_db()
    assert point.is_reviewed and point.is_done and point.learned == "Drivers help if you ask"
    view = selectors.meeting_get(viewer=cast.ria, meeting_id=second.pk)
    assert view.to_review == [] and [a.pk for a in view.reviewed] == [point.pk]
    refused("already_answered", actions.action_review, actor=cast.mo, meeting_id=second.pk,
            action_id=point.pk, done=False)
    assert ledger.verify_chain(shared.pk).ok


def test_not_done_yet_without_words(cast, shared):
    _first, point, second = _sets(cast, shared)
    with watch() as written:
        actions.action_review(actor=cast.mo, meeting_id=second.pk, action_id=point.pk,
                              done=False)
    assert written.one("action_point.review")["data"]["learned_sha256"] is None
    point.refresh_from_db()
    assert point.review_done is False and not point.is_done


def test_who_may_review(cast, shared):
    """The presenter, or a coordinator of their group; no one else."""
    first, point, second = _sets(cast, shared)
    refused("not_action_owner", actions.action_review, actor=cast.ria, meeting_id=second.pk,
            action_id=point.pk, done=True)
    refused("not_action_owner", actions.action_review, actor=cast.carol, meeting_id=second.pk,
            action_id=point.pk, done=True)
    refused("not_found", actions.action_review, actor=cast.olive, meeting_id=second.pk,
            action_id=point.pk, done=True)
    # Reviewed at a later set only, never at its own set or an ordinary meeting.
    refused("not_reviewable", actions.action_review, actor=cast.mo, meeting_id=first.pk,
            action_id=point.pk, done=True)
    ordinary = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="x",
                                        starts_at=NEXT)
    refused("not_a_learning_set", actions.action_review, actor=cast.mo, meeting_id=ordinary.pk,
            action_id=point.pk, done=True)
    refused("invalid_input", actions.action_review, actor=cast.mo, meeting_id=second.pk,
            action_id=point.pk, done="yes")
    with watch() as written:
        actions.action_review(actor=cast.sam, meeting_id=second.pk, action_id=point.pk,
                              done=False, learned="Mo is away")
    assert written.one("action_point.review")["actor"] == {"person": cast.sam.pk,
                                                           "party": cast.group.pk}


def test_former_group_cannot_review(cast, shared, own):
    """A presenter who left their group no longer sees the space; a group the host stopped
    involving is no longer part of it: neither reviews."""
    _first, point, second = _sets(cast, shared)
    actions.party_member_remove(actor=cast.mo, party_id=cast.group.pk, person_id=cast.mo.pk)
    refused("not_found", actions.action_review, actor=cast.mo, meeting_id=second.pk,
            action_id=point.pk, done=True)
    first = actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Set 1",
                                     starts_at=FIRST, kind=SET)
    actions.presenter_add(actor=cast.gil, meeting_id=first.pk, question="Carers' breaks")
    guest_point = actions.presenter_action_add(actor=cast.gil, meeting_id=first.pk,
                                               what="Ask for a rota")
    later = actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Set 2",
                                     starts_at=NEXT, kind=SET)
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    refused("not_in_space", actions.action_review, actor=cast.gil, meeting_id=later.pk,
            action_id=guest_point.pk, done=True)


def test_closed_space_is_read_only(cast, shared):
    first, point, second = _sets(cast, shared)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    refused("space_closed", actions.action_review, actor=cast.carol, meeting_id=second.pk,
            action_id=point.pk, done=True)
    refused("space_closed", actions.presenter_add, actor=cast.carol, meeting_id=second.pk,
            question="x")
    refused("space_closed", actions.presenter_action_add, actor=cast.mo, meeting_id=first.pk,
            what="x")
