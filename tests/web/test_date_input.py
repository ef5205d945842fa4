"""GOV.UK's date input error pattern: the message says what is missing or wrong, only the
boxes it is about are marked with `govuk-input--error`, and the error summary links to the
first marked box. What was typed stays in the boxes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sharedspace.governance.models import Meeting, MeetingAction, OutsideDecision, Proposal

from .conftest import date_parts, errors_in, form_data

SUBJECT = "The date of the meeting"


def marked_boxes(html: str, field_id: str) -> list[str]:
    """The boxes of the date input ``field_id`` drawn with the error style, in order."""
    boxes = re.findall(rf'<input class="([^"]*)" id="{re.escape(field_id)}_(day|month|year)"',
                       html)
    assert [part for _classes, part in boxes] == ["day", "month", "year"]
    return [part for classes, part in boxes if "govuk-input--error" in classes.split()]


def summary_links(html: str) -> list[str]:
    """The targets of the links in the page's error summary."""
    match = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return re.findall(r'href="([^"]*)"', match.group(1)) if match else []


def box_value(html: str, box_id: str) -> str:
    match = re.search(rf'id="{re.escape(box_id)}" name="[^"]*" type="text" '
                      r'inputmode="numeric" value="([^"]*)"', html)
    assert match, box_id
    return match.group(1)


@pytest.mark.parametrize(("parts", "message", "marked"), [
    # Nothing entered in a date that is needed: the form's own message, all boxes.
    (("", "", ""), "Enter the date of the meeting", ["day", "month", "year"]),
    # One or two parts missing: only the missing boxes.
    (("", "12", "2026"), f"{SUBJECT} must include a day", ["day"]),
    (("4", "", "2026"), f"{SUBJECT} must include a month", ["month"]),
    (("4", "12", ""), f"{SUBJECT} must include a year", ["year"]),
    (("", "", "2026"), f"{SUBJECT} must include a day and month", ["day", "month"]),
    (("", "12", ""), f"{SUBJECT} must include a day and year", ["day", "year"]),
    (("4", "", ""), f"{SUBJECT} must include a month and year", ["month", "year"]),
    (("4", "  ", "2026"), f"{SUBJECT} must include a month", ["month"]),
    # Not numbers, or a part that cannot be: the wrong boxes.
    (("4", "May", "2026"), f"{SUBJECT} must be a real date", ["month"]),
    (("x", "y", "2026"), f"{SUBJECT} must be a real date", ["day", "month"]),
    (("4", "12", "²⁰²⁶"), f"{SUBJECT} must be a real date", ["year"]),
    (("32", "12", "2026"), f"{SUBJECT} must be a real date", ["day"]),
    (("0", "13", "2026"), f"{SUBJECT} must be a real date", ["day", "month"]),
    (("4", "13", "2026"), f"{SUBJECT} must be a real date", ["month"]),
    (("4", "12", "0000"), f"{SUBJECT} must be a real date", ["year"]),
    # A day the month does not have: either may be the mistake, so all boxes.
    (("31", "2", "2026"), f"{SUBJECT} must be a real date", ["day", "month", "year"]),
    (("29", "2", "2027"), f"{SUBJECT} must be a real date", ["day", "month", "year"]),
    # The year without four numbers: the year box.
    (("4", "12", "26"), "Year must include 4 numbers", ["year"]),
    (("4", "12", "20266"), "Year must include 4 numbers", ["year"]),
])
def test_each_date_error_marks_only_its_boxes_and_links_to_the_first(
        parts, message, marked, cast, shared, signed_in):
    page = signed_in(cast.carol).post(reverse("web:meetings", args=[shared.pk]), form_data(
        "schedule", title="Tea", **date_parts("day", *parts), time="10:00"))
    html = page.content.decode()
    assert page.status_code == 200
    assert errors_in(html) == [message]
    assert marked_boxes(html, "id_schedule-day") == marked
    assert summary_links(html) == [f"#id_schedule-day_{marked[0]}"]
    # The message beside the boxes is the same, and what was typed stays.
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in html
    for part, value in zip(("day", "month", "year"), parts, strict=True):
        assert box_value(html, f"id_schedule-day_{part}") == value
    assert not Meeting.objects.exists()


def test_a_real_date_is_taken_and_no_box_is_marked(cast, shared, signed_in):
    client = signed_in(cast.carol)
    url = reverse("web:meetings", args=[shared.pk])
    # 29 February of a leap year, with spaces around the numbers and a leading zero.
    response = client.post(url, form_data(
        "schedule", title="Tea", **date_parts("day", " 29 ", "02", "2028"), time="10:00"))
    assert response.status_code == 302
    assert timezone.localtime(Meeting.objects.get().starts_at).date() == dt.date(2028, 2, 29)
    # Another field wrong: the date keeps its boxes unmarked.
    html = client.post(url, form_data("schedule", title="", **date_parts("day", "4", "12",
                                                                          "2026"),
                                      time="10:00")).content.decode()
    assert errors_in(html) == ["Enter a name for the meeting"]
    assert marked_boxes(html, "id_schedule-day") == []


def test_a_date_that_must_be_in_the_past_keeps_its_message_and_marks_every_box(
        cast, shared, signed_in):
    later = timezone.localdate() + dt.timedelta(days=400)
    html = signed_in(cast.carol).post(reverse("web:outside", args=[shared.pk]), form_data(
        "record", made_by=cast.outsiders.pk, summary="The board chose the date.",
        **date_parts("made_on", str(later.day), str(later.month), str(later.year)),
    )).content.decode()
    assert errors_in(html) == ["The day it was decided cannot be in the future"]
    assert marked_boxes(html, "id_record-made_on") == ["day", "month", "year"]
    assert summary_links(html) == ["#id_record-made_on_day"]
    assert not OutsideDecision.objects.exists()


def test_an_outside_decision_date_names_itself_in_its_messages(cast, shared, signed_in):
    html = signed_in(cast.carol).post(reverse("web:outside", args=[shared.pk]), form_data(
        "record", made_by=cast.outsiders.pk, summary="Budget set",
        **date_parts("made_on", "31", "", ""),
    )).content.decode()
    assert errors_in(html) == ["The date it was decided must include a month and year"]
    assert marked_boxes(html, "id_record-made_on") == ["month", "year"]
    assert summary_links(html) == ["#id_record-made_on_month"]


def test_a_deadline_that_must_be_in_the_future_marks_every_box(cast, shared, signed_in):
    """A deadline that has passed: the form says so (as the core would), on all three boxes."""
    earlier = timezone.localdate() - dt.timedelta(days=10)
    page = signed_in(cast.carol).post(reverse("web:proposals", args=[shared.pk]), form_data(
        "proposal", kind="decision", title="Meet monthly",
        **date_parts("closes_at", str(earlier.day), str(earlier.month), str(earlier.year)),
    ))
    html = page.content.decode()
    assert page.status_code == 200
    assert errors_in(html) == ["The deadline must be in the future."]
    assert marked_boxes(html, "id_proposal-closes_at") == ["day", "month", "year"]
    assert summary_links(html) == ["#id_proposal-closes_at_day"]
    assert not Proposal.objects.filter(space=shared).exists()


def test_an_optional_deadline_left_empty_is_no_error_but_half_a_deadline_is(
        cast, shared, signed_in):
    url = reverse("web:proposals", args=[shared.pk])
    carol = signed_in(cast.carol)
    html = carol.post(url, form_data("proposal", kind="decision", title="Meet monthly",
                                     **date_parts("closes_at", "", "", "2099"))).content.decode()
    assert errors_in(html) == ["The deadline for answers must include a day and month"]
    assert marked_boxes(html, "id_proposal-closes_at") == ["day", "month"]
    assert box_value(html, "id_proposal-closes_at_year") == "2099"
    assert carol.post(url, form_data("proposal", kind="decision", title="Meet monthly",
                                     **date_parts("closes_at", "", "", ""))).status_code == 302


def test_an_action_point_date_names_itself_in_its_messages(cast, shared, signed_in):
    from sharedspace.governance import actions

    meeting = actions.meeting_schedule(
        actor=cast.carol, space_id=shared.pk, title="Planning day",
        starts_at=dt.datetime(2031, 12, 3, 10, 30, tzinfo=dt.UTC))
    html = signed_in(cast.sam).post(reverse("web:meeting", args=[meeting.pk]), form_data(
        "action", what="Book the bus", party=cast.council.pk,
        **date_parts("due_on", "10", "12", ""),
    )).content.decode()
    assert errors_in(html) == ["The date to do it by must include a year"]
    assert marked_boxes(html, "id_action-due_on") == ["year"]
    assert summary_links(html) == ["#id_action-due_on_year"]
    assert not MeetingAction.objects.exists()
