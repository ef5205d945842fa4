"""The meetings pages: the list per space and a meeting's page, for every kind of visitor;
every form as a plain POST; refusals in the error summary; flat query counts (ADR 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions, ledger
from sharedspace.governance.models import (
    AgendaItem,
    LedgerEntry,
    Meeting,
    MeetingAction,
    MeetingNote,
)
from tests.governance.conftest import pass_proposal

from .conftest import date_parts, errors_in, form_data, hidden_fields

SOON = dt.datetime(2031, 12, 3, 10, 30, tzinfo=dt.UTC)
LONG_AGO = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)


def _meeting(cast, space, *, by=None, when=SOON, title="Planning day"):
    return actions.meeting_schedule(actor=by or cast.carol, space_id=space.pk, title=title,
                                    starts_at=when, place="Room 2")


def test_tab_and_lists_upcoming_and_past(cast, shared, signed_in):
    """The Meetings tab lists meetings coming up and past ones, with dates in words."""
    _meeting(cast, shared, title="Next week")
    old = _meeting(cast, shared, when=LONG_AGO, title="Last year")
    actions.notes_record(actor=cast.sam, meeting_id=old.pk, body="We met.")
    page = signed_in(cast.mo).get(reverse("web:meetings", args=[shared.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("web:meetings", args=[shared.pk]) in signed_in(cast.mo).get(
        reverse("web:space", args=[shared.pk])).content.decode()
    coming, past = html.split("Past and called off")
    assert "Next week" in coming and "Last year" not in coming
    assert "Last year" in past and "15 January 2025" in past
    assert "3 December 2031" in coming
    assert 'name="form" value="schedule"' in html


def test_schedule_by_plain_post(cast, shared, signed_in):
    """A holder plans a meeting with a plain form; the local time is kept."""
    client = signed_in(cast.mo)
    response = client.post(reverse("web:meetings", args=[shared.pk]), form_data(
        "schedule", title="Tea and plans", **date_parts("day", "4", "12", "2031"), time="14:30",
        place="The café", as_party=""))
    meeting = Meeting.objects.get(title="Tea and plans")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:meeting", args=[meeting.pk])
    assert meeting.created_by_party_id == cast.group.pk and meeting.place == "The café"
    assert LedgerEntry.objects.filter(chain=shared.pk, action="meeting.schedule").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "4 December 2031, 14:30" in page and "The café" in page


def test_schedule_form_errors_in_the_summary(cast, shared, signed_in):
    """Missing or badly written fields are listed in the error summary."""
    page = signed_in(cast.mo).post(reverse("web:meetings", args=[shared.pk]), form_data(
        "schedule", title="", **date_parts("day", "31", "2", "2026"), time="25:99"))
    assert page.status_code == 200
    errors = errors_in(page.content.decode())
    assert "Enter a name for the meeting" in errors
    assert "The date of the meeting must be a real date" in errors
    assert "The hour must be from 0 to 23. Write the time like 14:30 or 2:30pm" in errors
    assert not Meeting.objects.exists()


def test_guest_cannot_plan_and_is_told_why(cast, own, signed_in):
    """In an own space a guest sees no planning form; posting one anyway is refused plainly."""
    url = reverse("web:meetings", args=[own.pk])
    client = signed_in(cast.gil)
    assert 'value="schedule"' not in client.get(url).content.decode()
    page = client.post(url, form_data("schedule", title="Ours", time="10:00",
                                      **date_parts("day", "4", "12", "2031")))
    assert page.status_code == 403
    assert errors_in(page.content.decode()) == [
        "Only the group that holds this space can do this here."]
    assert not Meeting.objects.exists()


def test_outsider_sees_nothing(cast, own, signed_in):
    """Someone not in the space gets not found for the list and for a meeting."""
    meeting = _meeting(cast, own)
    client = signed_in(cast.olive)
    assert client.get(reverse("web:meetings", args=[own.pk])).status_code == 404
    assert client.get(reverse("web:meeting", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("web:meeting", args=[meeting.pk]),
                       form_data("agenda", title="x")).status_code == 404


def test_guest_with_propose_adds_to_the_agenda(cast, own, signed_in):
    """A guest allowed to propose adds an item; it is shown with the group that added it."""
    meeting = _meeting(cast, own)
    url = reverse("web:meeting", args=[meeting.pk])
    client = signed_in(cast.gil)
    html = client.get(url).content.decode()
    assert 'value="agenda"' in html and 'value="notes"' not in html
    assert 'value="cancel"' not in html
    response = client.post(url, form_data("agenda", title="Bus passes"))
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.added_by_party_id == cast.guests.pk
    html = client.get(url).content.decode()
    assert "Bus passes" in html and "added by Carers forum" in html


def test_guest_without_propose_is_refused_in_the_summary(cast, own, signed_in):
    """When the host has not allowed proposals, the agenda form is hidden and a post is
    refused with the core's reason."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment"])
    meeting = _meeting(cast, own)
    url = reverse("web:meeting", args=[meeting.pk])
    client = signed_in(cast.gil)
    assert 'value="agenda"' not in client.get(url).content.decode()
    page = client.post(url, form_data("agenda", title="Bus passes"))
    assert page.status_code == 403
    assert errors_in(page.content.decode()) == [
        "The host has not allowed guests to do this here."]
    assert not AgendaItem.objects.exists()


def test_notes_actions_done_and_cancel(cast, shared, signed_in):
    """Holders write notes (once the meeting has started, after saying yes) and action
    points; the group an action point is for marks it done; the group that called a meeting
    calls it off, after saying yes."""
    meeting = _meeting(cast, shared, when=LONG_AGO)
    url = reverse("web:meeting", args=[meeting.pk])
    sam = signed_in(cast.sam)
    asked = sam.post(url, form_data("notes", body="We <b>agreed</b> dates."))
    assert asked.status_code == 200 and not MeetingNote.objects.exists()
    assert sam.post(url, hidden_fields(asked.content.decode())).status_code == 302
    page = sam.get(url).content.decode()
    assert "We &lt;b&gt;agreed&lt;/b&gt; dates." in page and "Held" in page
    assert sam.post(url, form_data("action", what="Book the bus", party=cast.council.pk,
                                   **date_parts("due_on", "10", "12", "2031"))
                    ).status_code == 302
    point = MeetingAction.objects.get()
    assert point.party_id == cast.council.pk and point.due_on == dt.date(2031, 12, 10)
    page = signed_in(cast.owen).get(url).content.decode()
    assert "Book the bus" in page and "10 December 2031" in page and 'value="done"' in page
    response = signed_in(cast.owen).post(url, {"form": "done", "done-id": point.pk})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.is_done
    # Marked twice: refused in the summary.
    page = signed_in(cast.owen).post(url, {"form": "done", "done-id": point.pk})
    assert page.status_code == 409
    assert errors_in(page.content.decode()) == ["This action point is already marked as done."]
    # A planned meeting is called off by the group that called it, not by the others.
    other = _meeting(cast, shared, title="Another")
    other_url = reverse("web:meeting", args=[other.pk])
    assert 'value="cancel"' not in sam.get(other_url).content.decode()
    page = sam.post(other_url, {"form": "cancel"})
    assert page.status_code == 403
    assert errors_in(page.content.decode()) == [
        "Only the group that called this meeting can call it off."]
    carol = signed_in(cast.carol)
    asked = carol.post(other_url, {"form": "cancel"})
    assert "Call the meeting off?" in asked.content.decode()
    assert Meeting.objects.get(pk=other.pk).state == "scheduled"
    response = carol.post(other_url, hidden_fields(asked.content.decode()))
    assert response["Location"] == reverse("web:meetings", args=[shared.pk])
    other.refresh_from_db()
    assert other.state == "cancelled"
    assert ledger.verify_chain(shared.pk).ok


def test_action_point_form_errors(cast, shared, signed_in):
    """An action point needs what and who; a group not in the space is refused."""
    meeting = _meeting(cast, shared)
    url = reverse("web:meeting", args=[meeting.pk])
    page = signed_in(cast.sam).post(url, form_data("action", what="", party=""))
    errors = errors_in(page.content.decode())
    assert "Say what needs to be done" in errors and "Choose the group that will do it" in errors
    page = signed_in(cast.sam).post(url, form_data("action", what="x",
                                                   party=cast.outsiders.pk))
    assert page.status_code == 200  # not one of the choices offered
    assert not MeetingAction.objects.exists()


def test_closed_space_is_read_only(cast, shared, signed_in):
    """In a closed space the meetings are shown, with no forms; a post is refused."""
    meeting = _meeting(cast, shared)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    client = signed_in(cast.carol)
    html = client.get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert "Planning day" in html
    for name in ("agenda", "notes", "action", "cancel"):
        assert f'value="{name}"' not in html
    page = client.post(reverse("web:meeting", args=[meeting.pk]),
                       form_data("agenda", title="x"))
    assert page.status_code == 409
    assert errors_in(page.content.decode()) == [
        "This space is closed. Nothing in it can change, but you can still read and export it."]


def test_history_tells_meetings_in_sentences(cast, own, signed_in):
    """The history page says what happened at meetings, with the meeting's name."""
    meeting = _meeting(cast, own)
    actions.agenda_add(actor=cast.gil, meeting_id=meeting.pk, title="Buses")
    html = signed_in(cast.carol).get(reverse("web:history", args=[own.pk])).content.decode()
    assert "Council team called a meeting: “Planning day”." in html
    assert "Carers forum added an item to the agenda of “Planning day”." in html


def _grow(cast, space, n):
    for i in range(n):
        m = _meeting(cast, space, title=f"Meeting {i}")
        actions.agenda_add(actor=cast.sam, meeting_id=m.pk, title=f"Item {i}")
        actions.agenda_add(actor=cast.carol, meeting_id=m.pk, title=f"Other {i}")
        actions.notes_record(actor=cast.mo, meeting_id=FIRST[0], body=f"Notes {i}")
        p = actions.action_add(actor=cast.mo, meeting_id=FIRST[0], what=f"Do {i}",
                               party=cast.group.pk)
        if i % 2:
            actions.action_done(actor=cast.sam, action_id=p.pk)


FIRST: list[str] = []


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["meetings", "meeting"])
def test_query_counts_do_not_grow(page, cast, shared, signed_in, django_assert_max_num_queries):
    """The same number of queries with 1 and with 6 of everything, under a ceiling."""
    first = _meeting(cast, shared, title="First", when=LONG_AGO)
    FIRST[:] = [first.pk]
    client = signed_in(cast.sam)
    url = (reverse("web:meetings", args=[shared.pk]) if page == "meetings"
           else reverse("web:meeting", args=[first.pk]))
    _grow(cast, shared, 1)
    small = _count(client, url)
    _grow(cast, shared, 5)
    assert _count(client, url) == small
    with django_assert_max_num_queries(45):
        client.get(url)


def test_who_can_call_it_off_and_write_the_notes_is_said(cast, own, shared, signed_in):
    """Someone who may not call the meeting off or write its notes sees no button, but is
    told which group can and whom to ask there; those who may are not told."""
    council = reverse("web:party", args=[cast.council.pk])
    link = f'<a class="govuk-link" href="{council}">Council team</a>'
    meeting = _meeting(cast, shared)  # called by the council
    html = signed_in(cast.sam).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert 'value="cancel"' not in html
    assert (f"Only {link}, which called the meeting, can call it off: ask Carol.") in html
    assert "writes the notes" not in html and "write the notes and" not in html
    carol = signed_in(cast.carol).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert 'value="cancel"' in carol and "Only" not in carol.split('id="agenda"', 1)[1]
    # An own space's guest: only the host does either, and its coordinator is named.
    mine = _meeting(cast, own, when=LONG_AGO)
    gil = signed_in(cast.gil).get(reverse("web:meeting", args=[mine.pk])).content.decode()
    assert 'value="notes"' not in gil and 'value="cancel"' not in gil
    assert f"Only {link} writes the notes and action points: ask Carol." in gil
    assert f"Only {link}, which called the meeting, can call it off: ask Carol." in gil
    # Called off, or held: nothing more to call off, so nothing is said about it.
    actions.meeting_cancel(actor=cast.carol, meeting_id=meeting.pk)
    html = signed_in(cast.sam).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert "can call it off" not in html
    actions.notes_record(actor=cast.carol, meeting_id=mine.pk, body="We met.")
    gil = signed_in(cast.gil).get(reverse("web:meeting", args=[mine.pk])).content.decode()
    assert "can call it off" not in gil
    assert f"Only {link} writes the notes and action points: ask Carol." in gil


def test_a_guest_of_a_shared_space_is_told_the_holders_write_the_notes(cast, shared, signed_in):
    pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=shared.invitations.get(
        party=cast.guests, state="open").pk)
    meeting = _meeting(cast, shared, when=LONG_AGO)
    html = signed_in(cast.gil).get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert "Only the groups holding this space write the notes and action points." in html
    council = reverse("web:party", args=[cast.council.pk])
    assert (f'Only <a class="govuk-link" href="{council}">Council team</a>, which called the '
            "meeting, can call it off: ask Carol.") in html
