"""Meetings: agenda, notes and action points, for every role (ADR 12, STYLE §7).

Holders run meetings (any holder's people in a shared space, the host's people in an own
space); anyone who may propose adds to the agenda (guests in an own space only if granted
``propose``); the group that called a meeting calls it off; the group an action point is
for, or a holder, marks it done. Closed spaces are read-only; outsiders see nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sharedspace.governance import actions, ledger, selectors
from sharedspace.governance import exceptions as ex
from sharedspace.governance.models import Space

from .conftest import accept_all, person, refused, watch
from .roles import OK, PARTY_OF, row

# A meeting that has started (notes need that); one that is still to come.
WHEN = dt.datetime(2026, 11, 3, 10, 30, tzinfo=dt.UTC)
LATER = dt.datetime(2036, 12, 3, 10, 30, tzinfo=dt.UTC)

KIND = {
    "meeting_schedule": "meeting.schedule",
    "meeting_cancel": "meeting.cancel",
    "agenda_add": "agenda.add",
    "notes_record": "notes.record",
    "action_add": "action_point.add",
    "action_done": "action_point.done",
}

HOLDERS_OK = {"carol": OK, "owen": OK, "sam": OK, "mo": OK, "ria": OK}
NOT_IN_OWN = {"sam": "not_found", "mo": "not_found", "ria": "not_found", "olive": "not_found"}


def each(**expected: str | None) -> dict[str, dict[str, str | None]]:
    """The same line for every action."""
    return {action: row(**expected) for action in KIND}


# Who may do what, in each kind of space. The meeting was called by Carol for the council;
# the action point is for ``POINT_FOR[scenario]``.
TABLES: dict[str, dict[str, dict[str, str | None]]] = {
    # Shared: every holder's people run meetings equally; the carers forum is not in it.
    "shared": {
        "meeting_schedule": row(**HOLDERS_OK, gil="not_found", olive="not_found"),
        "agenda_add": row(**HOLDERS_OK, gil="not_found", olive="not_found"),
        "notes_record": row(**HOLDERS_OK, gil="not_found", olive="not_found"),
        "action_add": row(**HOLDERS_OK, gil="not_found", olive="not_found"),
        # The group that called it calls it off; another holder cannot do it alone.
        "meeting_cancel": row(
            carol=OK,
            owen=OK,
            sam="not_meeting_caller",
            mo="not_meeting_caller",
            ria="not_meeting_caller",
            gil="not_found",
            olive="not_found",
        ),
        "action_done": row(**HOLDERS_OK, gil="not_found", olive="not_found"),
    },
    # Shared with a guest: guests in a shared space only view.
    "shared_guest": {
        "meeting_schedule": row(**HOLDERS_OK, gil="not_holder", olive="not_found"),
        "agenda_add": row(**HOLDERS_OK, gil="guest_permission_missing", olive="not_found"),
        "notes_record": row(**HOLDERS_OK, gil="not_holder", olive="not_found"),
        "action_add": row(**HOLDERS_OK, gil="not_holder", olive="not_found"),
        "meeting_cancel": row(
            carol=OK,
            owen=OK,
            sam="not_meeting_caller",
            mo="not_meeting_caller",
            ria="not_meeting_caller",
            gil="not_holder",
            olive="not_found",
        ),
        # The action point is the guests' own: they mark it done.
        "action_done": row(**HOLDERS_OK, gil=OK, olive="not_found"),
    },
    # Own space: the host decides; its guest was granted ``propose``.
    "own": {
        "meeting_schedule": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "agenda_add": row(carol=OK, owen=OK, gil=OK, **NOT_IN_OWN),
        "notes_record": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "action_add": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "meeting_cancel": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "action_done": row(carol=OK, owen=OK, gil=OK, **NOT_IN_OWN),
    },
    # Own space whose guest may not propose: it cannot add to the agenda either.
    "own_no_propose": {
        "meeting_schedule": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "agenda_add": row(carol=OK, owen=OK, gil="guest_permission_missing", **NOT_IN_OWN),
        "notes_record": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "action_add": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        "meeting_cancel": row(carol=OK, owen=OK, gil="not_host", **NOT_IN_OWN),
        # The action point is the council's: the guest cannot mark it done.
        "action_done": row(carol=OK, owen=OK, gil="not_action_party", **NOT_IN_OWN),
    },
    # A closed space is read-only forever (rule 8), for its former holders too.
    "closed": each(
        carol="space_closed",
        owen="space_closed",
        sam="space_closed",
        mo="space_closed",
        ria="space_closed",
        gil="not_found",
        olive="not_found",
    ),
}
POINT_FOR = {
    "shared": "group",
    "shared_guest": "guests",
    "own": "guests",
    "own_no_propose": "council",
    "closed": "group",
}

CASES = [
    (scenario, action, who, expected)
    for scenario, table in TABLES.items()
    for action, by in table.items()
    for who, expected in by.items()
]


def _space(request: Any, cast: Any, scenario: str) -> Space:
    if scenario in ("shared", "closed"):
        space: Space = request.getfixturevalue("shared")
    elif scenario == "shared_guest":
        space = request.getfixturevalue("shared_guest")
    else:
        space = request.getfixturevalue("own")
        if scenario == "own_no_propose":
            actions.space_settings_update(
                actor=cast.carol, space_id=space.pk, guest_permissions=["view", "comment"]
            )
    return space


def _prepare(cast: Any, space: Space, scenario: str) -> dict[str, Any]:
    """A meeting called by Carol for the council, and an action point on it."""
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=space.pk, title="Planning", starts_at=WHEN, place="Room 2"
    )
    point = actions.action_add(
        actor=cast.carol,
        meeting_id=meeting.pk,
        what="Book the room",
        party=getattr(cast, POINT_FOR[scenario]).pk,
    )
    if scenario == "closed":
        actions.space_leave(actor=cast.sam, space_id=space.pk, party_id=cast.group.pk)
        space.refresh_from_db()
        assert space.is_closed
    return {"meeting": meeting, "point": point}


def _call(action: str, actor: Any, cast: Any, space: Space, made: dict[str, Any]) -> Any:
    meeting = made["meeting"]
    if action == "meeting_schedule":
        return actions.meeting_schedule(
            actor=actor, space_id=space.pk, title="Next one", starts_at=WHEN
        )
    if action == "meeting_cancel":
        return actions.meeting_cancel(actor=actor, meeting_id=meeting.pk)
    if action == "agenda_add":
        return actions.agenda_add(actor=actor, meeting_id=meeting.pk, title="Transport")
    if action == "notes_record":
        return actions.notes_record(actor=actor, meeting_id=meeting.pk, body="We talked.")
    if action == "action_add":
        return actions.action_add(
            actor=actor, meeting_id=meeting.pk, what="Write to Ria", party=cast.council.pk
        )
    assert action == "action_done"
    return actions.action_done(actor=actor, action_id=made["point"].pk)


@pytest.mark.parametrize(
    ("scenario", "action", "who", "expected"), CASES, ids=[f"{s}-{a}-{w}" for s, a, w, _ in CASES]
)
def test_role_table(request, cast, scenario, action, who, expected):
    """Each person gets exactly the expected result; an allowed action writes its entry by
    that person for their group; a refusal changes nothing (see ``refused``)."""
    space = _space(request, cast, scenario)
    made = _prepare(cast, space, scenario)
    actor = person(cast, who)
    if expected is not OK:
        refused(expected, lambda: _call(action, actor, cast, space, made))
        return
    with watch() as written:
        _call(action, actor, cast, space, made)
    entry = written.one(KIND[action])
    assert written.actions == [KIND[action]]
    assert entry["chain"] == space.pk
    assert entry["actor"] == {"person": actor.pk, "party": getattr(cast, PARTY_OF[who]).pk}
    assert ledger.verify_chain(space.pk).ok


# --- what each action writes, and the rules around the meeting's state ---------------------


def test_schedule_writes_digests_never_text(cast, shared):
    """The entry holds the time and SHA-256 digests of the title and place, not the text."""
    with watch() as written:
        meeting = actions.meeting_schedule(
            actor=cast.mo,
            space_id=shared.pk,
            title="Secret plans",
            starts_at=WHEN,
            place="Room 2, Town Hall",
        )
    entry = written.one("meeting.schedule")
    assert entry["data"] == {
        "meeting": meeting.pk,
        "starts_at": "2026-11-03T10:30:00.000000Z",
        "title_sha256": ledger.digest("Secret plans"),
        "place_sha256": ledger.digest("Room 2, Town Hall"),
    }
    assert entry["actor"] == {"person": cast.mo.pk, "party": cast.group.pk}
    assert meeting.state == "scheduled" and meeting.created_by_party_id == cast.group.pk
    with watch() as written:
        actions.meeting_schedule(
            actor=cast.mo, space_id=shared.pk, title="No place", starts_at=WHEN
        )
    assert written.one("meeting.schedule")["data"]["place_sha256"] is None


def test_schedule_bad_input(cast, shared):
    """A time without a time zone, an empty title: bad input, nothing written."""
    refused(
        "invalid_input",
        actions.meeting_schedule,
        actor=cast.carol,
        space_id=shared.pk,
        title="x",
        starts_at=dt.datetime(2026, 12, 3, 10, 30),
    )
    refused(
        "invalid_input",
        actions.meeting_schedule,
        actor=cast.carol,
        space_id=shared.pk,
        title="x",
        starts_at="tomorrow",
    )
    refused(
        "invalid_input",
        actions.meeting_schedule,
        actor=cast.carol,
        space_id=shared.pk,
        title="  ",
        starts_at=WHEN,
    )


def test_as_party_must_be_the_actors_holder_party(cast, shared):
    """Acting for a group one does not belong to is refused."""
    refused(
        "not_holder",
        actions.meeting_schedule,
        actor=cast.carol,
        space_id=shared.pk,
        title="x",
        starts_at=WHEN,
        as_party=cast.group.pk,
    )
    refused(
        "not_holder",
        actions.agenda_add,
        actor=cast.carol,
        meeting_id=actions.meeting_schedule(
            actor=cast.carol, space_id=shared.pk, title="x", starts_at=WHEN
        ).pk,
        title="x",
        as_party=cast.group.pk,
    )


def test_agenda_items_are_numbered_and_credited(cast, own):
    """Items are numbered in the order added, each credited to the adding group."""
    meeting = actions.meeting_schedule(
        actor=cast.owen, space_id=own.pk, title="Board", starts_at=WHEN
    )
    with watch() as written:
        first = actions.agenda_add(actor=cast.gil, meeting_id=meeting.pk, title="Transport")
    entry = written.one("agenda.add")
    assert entry["actor"] == {"person": cast.gil.pk, "party": cast.guests.pk}
    assert entry["data"] == {
        "meeting": meeting.pk,
        "item": first.pk,
        "order": 1,
        "title_sha256": ledger.digest("Transport"),
    }
    second = actions.agenda_add(actor=cast.carol, meeting_id=meeting.pk, title="Money")
    assert (first.order, second.order) == (1, 2)
    view = selectors.meeting_get(viewer=cast.gil, meeting_id=meeting.pk)
    assert [(i.title, i.added_by_party_id) for i in view.agenda] == [
        ("Transport", cast.guests.pk),
        ("Money", cast.council.pk),
    ]


def test_first_notes_mark_the_meeting_held(cast, shared):
    """Notes are the record that a meeting happened: the first ones mark it held; after
    that the agenda is closed, but more notes and action points may be added."""
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=shared.pk, title="x", starts_at=WHEN
    )
    with watch() as written:
        note = actions.notes_record(actor=cast.sam, meeting_id=meeting.pk, body="We met.")
    assert written.one("notes.record")["data"] == {
        "meeting": meeting.pk,
        "note": note.pk,
        "body_sha256": ledger.digest("We met."),
        "held": True,
    }
    meeting.refresh_from_db()
    assert meeting.state == "held" and meeting.held_at is not None
    with watch() as written:
        actions.notes_record(actor=cast.carol, meeting_id=meeting.pk, body="And more.")
    assert written.one("notes.record")["data"]["held"] is False
    refused(
        "meeting_not_scheduled",
        actions.agenda_add,
        actor=cast.sam,
        meeting_id=meeting.pk,
        title="Late",
    )
    refused(
        "meeting_not_scheduled", actions.meeting_cancel, actor=cast.carol, meeting_id=meeting.pk
    )
    actions.action_add(actor=cast.sam, meeting_id=meeting.pk, what="x", party=cast.group.pk)


def test_no_notes_before_the_meeting_starts(cast, shared, monkeypatch):
    """Notes say a meeting happened, and the first ones mark it held, which closes its agenda
    and stops it being called off. So before it starts they are refused (and nothing is
    written); from its start time they are taken."""
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=shared.pk, title="Next month", starts_at=LATER
    )
    error = refused(
        "meeting_not_started", actions.notes_record, actor=cast.sam, meeting_id=meeting.pk,
        body="We met.",
    )
    assert error.status == 409
    assert error.message == ("This meeting has not started yet. Notes can be written once it "
                             "has started.")
    meeting.refresh_from_db()
    assert meeting.state == "scheduled" and meeting.held_at is None
    # It can still be planned and called off as before.
    actions.agenda_add(actor=cast.sam, meeting_id=meeting.pk, title="Buses")
    # A minute before: still refused. At the start time itself: taken.
    monkeypatch.setattr("django.utils.timezone.now", lambda: LATER - dt.timedelta(minutes=1))
    refused("meeting_not_started", actions.notes_record, actor=cast.sam,
            meeting_id=meeting.pk, body="Early")
    monkeypatch.setattr("django.utils.timezone.now", lambda: LATER)
    with watch() as written:
        actions.notes_record(actor=cast.sam, meeting_id=meeting.pk, body="We met.")
    assert written.one("notes.record")["data"]["held"] is True


def test_called_off_meeting_takes_nothing_more(cast, shared):
    """A called-off meeting is kept, and takes no agenda items, notes or action points."""
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=shared.pk, title="x", starts_at=WHEN
    )
    with watch() as written:
        actions.meeting_cancel(actor=cast.owen, meeting_id=meeting.pk)
    entry = written.one("meeting.cancel")
    assert entry["data"] == {"meeting": meeting.pk}
    assert entry["actor"] == {"person": cast.owen.pk, "party": cast.council.pk}
    refused(
        "meeting_not_scheduled", actions.meeting_cancel, actor=cast.carol, meeting_id=meeting.pk
    )
    refused(
        "meeting_not_scheduled",
        actions.agenda_add,
        actor=cast.sam,
        meeting_id=meeting.pk,
        title="x",
    )
    refused(
        "meeting_cancelled", actions.notes_record, actor=cast.sam, meeting_id=meeting.pk, body="x"
    )
    refused(
        "meeting_cancelled",
        actions.action_add,
        actor=cast.sam,
        meeting_id=meeting.pk,
        what="x",
        party=cast.group.pk,
    )
    assert [m.state for m in selectors.meetings_for(viewer=cast.mo, space_id=shared.pk)] == [
        "cancelled"
    ]


def test_caller_gone_any_holder_calls_off(cast):
    """When the group that called a meeting no longer holds the space, any holder may call
    it off (otherwise no one could)."""
    space = actions.space_create(
        actor=cast.carol,
        title="Three",
        purpose="p",
        claimed_approach="coproduction",
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        charter={"purpose": "Together"},
    )
    accept_all(space, cast)
    meeting = actions.meeting_schedule(
        actor=cast.olive, space_id=space.pk, title="x", starts_at=WHEN
    )
    refused("not_meeting_caller", actions.meeting_cancel, actor=cast.sam, meeting_id=meeting.pk)
    actions.space_leave(actor=cast.olive, space_id=space.pk, party_id=cast.outsiders.pk)
    with watch() as written:
        actions.meeting_cancel(actor=cast.sam, meeting_id=meeting.pk)
    assert written.one("meeting.cancel")["actor"]["party"] == cast.group.pk


def test_action_points(cast, shared_guest):
    """An action point names a group in the space and, if wanted, one of its people; it is
    marked done once."""
    space = shared_guest
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=space.pk, title="x", starts_at=WHEN
    )
    with watch() as written:
        point = actions.action_add(
            actor=cast.mo,
            meeting_id=meeting.pk,
            what="Ring Gil",
            party=cast.guests.pk,
            person=cast.gil.pk,
            due_on=dt.date(2026, 12, 10),
        )
    assert written.one("action_point.add")["data"] == {
        "meeting": meeting.pk,
        "action_point": point.pk,
        "what_sha256": ledger.digest("Ring Gil"),
        "party": cast.guests.pk,
        "person": cast.gil.pk,
        "due_on": "2026-12-10",
    }
    refused(
        "invalid_input",
        actions.action_add,
        actor=cast.mo,
        meeting_id=meeting.pk,
        what="x",
        party=cast.outsiders.pk,
    )
    refused(
        "invalid_input",
        actions.action_add,
        actor=cast.mo,
        meeting_id=meeting.pk,
        what="x",
        party=cast.guests.pk,
        person=cast.sam.pk,
    )
    refused(
        "invalid_input",
        actions.action_add,
        actor=cast.mo,
        meeting_id=meeting.pk,
        what="x",
        party="pty_nobody",
    )
    refused(
        "invalid_input",
        actions.action_add,
        actor=cast.mo,
        meeting_id=meeting.pk,
        what="x",
        party=cast.guests.pk,
        due_on="soon",
    )
    with watch() as written:
        actions.action_done(actor=cast.gil, action_id=point.pk)
    assert written.one("action_point.done")["data"] == {
        "meeting": meeting.pk,
        "action_point": point.pk,
    }
    refused("action_point_done", actions.action_done, actor=cast.carol, action_id=point.pk)
    refused("not_found", actions.action_done, actor=cast.carol, action_id="act_nothing")


def test_reading_is_scoped_to_the_viewer(cast, own):
    """Anyone who can see the space sees its meetings; anyone else is told nothing."""
    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=own.pk, title="Board", starts_at=WHEN
    )
    assert [m.pk for m in selectors.meetings_for(viewer=cast.gil, space_id=own.pk)] == [meeting.pk]
    for outsider in (cast.sam, cast.olive):
        with pytest.raises(ex.NotFound):
            selectors.meetings_for(viewer=outsider, space_id=own.pk)
        with pytest.raises(ex.NotFound):
            selectors.meeting_get(viewer=outsider, meeting_id=meeting.pk)
        refused("not_found", actions.agenda_add, actor=outsider, meeting_id=meeting.pk, title="x")
    refused("not_found", actions.agenda_add, actor=cast.carol, meeting_id="mtg_nothing", title="x")
