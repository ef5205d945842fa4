"""Times as people write them (UX review: "2pm" was refused): the table of what is read as
which time and what is refused with which message, then the meeting form in English and
Welsh (docs/adr/0012, "Times")."""

# The Welsh messages use typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from sharedspace.governance.models import Meeting
from sharedspace.web.forms.meetings import MeetingForm
from sharedspace.web.forms.times import TimeInputField, parse_time

from .conftest import date_parts, errors_in, form_data

T = dt.time

READ = [
    # The 24-hour clock, as the hint shows it.
    ("14:30", T(14, 30)), ("14.30", T(14, 30)), ("1430", T(14, 30)), ("14", T(14, 0)),
    ("14 30", T(14, 30)), (" 14:30 ", T(14, 30)), ("09:30", T(9, 30)), ("0930", T(9, 30)),
    ("930", T(9, 30)), ("9", T(9, 0)), ("9:30", T(9, 30)), ("12", T(12, 0)),
    ("12:45", T(12, 45)), ("0", T(0, 0)), ("00:00", T(0, 0)), ("02:30", T(2, 30)),
    ("23:59", T(23, 59)), ("8", T(8, 0)),
    # am and pm, however they are written.
    ("2pm", T(14, 0)), ("2 pm", T(14, 0)), ("2PM", T(14, 0)), ("2:30pm", T(14, 30)),
    ("2.30 p.m.", T(14, 30)), ("2:30 PM", T(14, 30)), ("2:30 p.m", T(14, 30)),
    ("230pm", T(14, 30)), ("2 30 pm", T(14, 30)), ("9am", T(9, 0)), ("9.15 a.m.", T(9, 15)),
    ("11:59pm", T(23, 59)), ("1am", T(1, 0)),
    ("12pm", T(12, 0)), ("12:30pm", T(12, 30)), ("12am", T(0, 0)), ("12:30am", T(0, 30)),
    ("noon", T(12, 0)), ("Midday", T(12, 0)), ("midnight", T(0, 0)),
    # Welsh: y bore, y prynhawn, yr hwyr.
    ("2yp", T(14, 0)), ("2 y.p.", T(14, 0)), ("2:30 YP", T(14, 30)), ("2.30 y. p.", T(14, 30)),
    ("9yb", T(9, 0)), ("9 y.b.", T(9, 0)), ("7yh", T(19, 0)), ("7:30 y.h.", T(19, 30)),
    ("12yp", T(12, 0)), ("canol dydd", T(12, 0)), ("hanner nos", T(0, 0)),
    # A phone's full-width characters.
    ("\uff12\uff50\uff4d", T(14, 0)), ("\uff11\uff14\uff1a\uff13\uff10", T(14, 30)),
]

REFUSED = [
    # Impossible.
    ("25:00", "hour"), ("24:00", "hour"), ("99", "hour"), ("2500", "hour"), ("25pm", "hour"),
    ("2:75", "minute"), ("14:60", "minute"), ("1475", "minute"),
    ("13pm", "hour_12"), ("13:30pm", "hour_12"), ("1430pm", "hour_12"), ("0am", "hour_12"),
    ("00:30am", "hour_12"), ("19yh", "hour_12"),
    # Not read as a time at all.
    ("abc", "invalid"), ("2:5", "invalid"), ("2:075", "invalid"), ("12345", "invalid"),
    ("2p", "invalid"), ("2:30 pm pm", "invalid"), ("14:30:00", "invalid"), ("-2", "invalid"),
    ("2 o'clock", "invalid"), ("١٤:٣٠", "invalid"), ("half two", "invalid"),
    # Morning or afternoon? 1 to 7 without am or pm and without a leading zero.
    ("2", "ambiguous"), ("2:30", "ambiguous"), ("230", "ambiguous"), ("7.30", "ambiguous"),
    ("1", "ambiguous"), ("6 15", "ambiguous"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_a_time_written_many_ways_is_read(text, expected):
    """Each way of writing a time gives the time it says."""
    assert parse_time(text) == expected
    assert TimeInputField().clean(text) == expected


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_what_is_not_a_time_or_could_be_two_is_refused(text, code):
    """Impossible, unreadable or ambiguous times are refused with the code that says why."""
    with pytest.raises(ValidationError) as caught:
        parse_time(text)
    assert caught.value.code == code


MESSAGES = [
    ("abc", "Write the time like 14:30 or 2:30pm",
     "Ysgrifennwch yr amser fel 14:30 neu 2:30yp"),
    ("25:00", "The hour must be from 0 to 23. Write the time like 14:30 or 2:30pm",
     "Rhaid i’r awr fod rhwng 0 a 23. Ysgrifennwch yr amser fel 14:30 neu 2:30yp"),
    ("2:75", "The minutes must be from 0 to 59. Write the time like 14:30 or 2:30pm",
     "Rhaid i’r munudau fod rhwng 0 a 59. Ysgrifennwch yr amser fel 14:30 neu 2:30yp"),
    ("13pm", "With am or pm, the hour must be from 1 to 12. Write the time like 1:30pm or "
     "13:30", "Gydag yb neu yp, rhaid i’r awr fod rhwng 1 a 12. Ysgrifennwch yr amser fel "
     "1:30yp neu 13:30"),
    ("230", "Add am or pm: write 2:30am or 2:30pm",
     "Ychwanegwch yb neu yp: ysgrifennwch 2:30yb neu 2:30yp"),
    ("7", "Add am or pm: write 7am or 7pm", "Ychwanegwch yb neu yp: ysgrifennwch 7yb neu 7yp"),
]


@pytest.mark.parametrize(("text", "english", "welsh"), MESSAGES)
def test_each_refusal_names_the_problem_and_gives_examples(text, english, welsh):
    """The message says what is wrong and shows how to write it, in English and Welsh."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            TimeInputField().clean(text)
        assert caught.value.messages == [english]  # lazy: said in the language in force
    with translation.override("cy"):
        with pytest.raises(ValidationError) as caught:
            TimeInputField().clean(text)
        assert caught.value.messages == [welsh]


def test_a_time_object_and_an_empty_box():
    """A time given by code passes through; an empty box is the form's "required"."""
    assert TimeInputField().clean(dt.time(10, 5)) == dt.time(10, 5)
    form = MeetingForm({"title": "Tea", **date_parts("day", "4", "12", "2031"), "time": " "},
                       mine=[])
    assert not form.is_valid()
    assert form.errors["time"] == ["Enter the start time"]


@pytest.mark.parametrize(("language", "typed"), [("en", "2pm"), ("cy", "2 y.p."),
                                                 ("en", "2.30 p.m.")])
def test_the_meeting_page_takes_2pm(language, typed, cast, shared, signed_in):
    """Siân types "2pm" (or "2 y.p." on the Welsh page): the meeting starts at 14:00 on the
    day, in the site's time zone, stored as before; the page shows it on the 24-hour clock."""
    client = signed_in(cast.sam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("web:meetings", args=[shared.pk])
    form_page = client.get(url).content.decode()
    hint = "2:30yp" if language == "cy" else "2:30pm"
    assert hint in form_page
    response = client.post(url, form_data(
        "schedule", title="Planning", **date_parts("day", "4", "12", "2031"), time=typed,
        place="", as_party=""))
    assert response.status_code == 302, errors_in(response.content.decode())
    meeting = Meeting.objects.get(title="Planning")
    minute = 30 if "30" in typed else 0
    assert timezone.localtime(meeting.starts_at) == timezone.make_aware(
        dt.datetime(2031, 12, 4, 14, minute))
    assert f"14:{minute:02d}" in client.get(response["Location"]).content.decode()


def test_the_meeting_page_says_what_is_wrong(cast, shared, signed_in):
    """"13pm" is not saved: the error summary and the field say why, and the box keeps what
    was typed so it can be put right."""
    client = signed_in(cast.sam)
    page = client.post(reverse("web:meetings", args=[shared.pk]), form_data(
        "schedule", title="Planning", **date_parts("day", "4", "12", "2031"), time="13pm",
        place="", as_party=""))
    assert page.status_code == 200
    html = page.content.decode()
    message = "With am or pm, the hour must be from 1 to 12. Write the time like 1:30pm or 13:30"
    assert errors_in(html) == [message]
    assert 'href="#id_schedule-time"' in html and 'value="13pm"' in html
    assert not Meeting.objects.exists()
