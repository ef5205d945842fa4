"""The meetings pages pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in English and
Welsh, with easy read on and off, at phone width (390 px) and desktop width; and a guest adds
an agenda item with the keyboard alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import AgendaItem

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOON = dt.datetime(2031, 12, 3, 10, 30, tzinfo=dt.UTC)


def _meetings(cast: Any, shared: Any, own: Any) -> dict[str, Any]:
    """A planned meeting with everything on it, a past one, a called-off one, and one in
    the own space."""
    full = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Planning day",
                                    starts_at=SOON, place="Room 2, Town Hall")
    actions.agenda_add(actor=cast.sam, meeting_id=full.pk, title="Bus passes")
    actions.agenda_add(actor=cast.carol, meeting_id=full.pk, title="Budget")
    point = actions.action_add(actor=cast.carol, meeting_id=full.pk, what="Book the room",
                               party=cast.group.pk, due_on=dt.date(2031, 12, 1))
    actions.action_add(actor=cast.carol, meeting_id=full.pk, what="Send the papers",
                       party=cast.council.pk)
    actions.action_done(actor=cast.sam, action_id=point.pk)
    past = actions.meeting_schedule(actor=cast.sam, space_id=shared.pk, title="Last time",
                                    starts_at=dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC))
    actions.notes_record(actor=cast.mo, meeting_id=past.pk, body="We met.\nWe agreed.")
    off = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Not now",
                                   starts_at=SOON)
    actions.meeting_cancel(actor=cast.carol, meeting_id=off.pk)
    board = actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Board",
                                     starts_at=SOON)
    # Action learning sets: an earlier one with a presenter and her action, and the next one,
    # which opens with the form to review that action (ADR 35).
    first_set = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk,
                                         title="Learning set 1", kind="learning_set",
                                         starts_at=dt.datetime(2025, 6, 2, 10, tzinfo=dt.UTC))
    actions.presenter_add(actor=cast.sam, meeting_id=first_set.pk,
                          question="How do we get more people to come?")
    actions.presenter_action_add(actor=cast.sam, meeting_id=first_set.pk,
                                 what="Ask three members why they stopped coming")
    next_set = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk,
                                        title="Learning set 2", kind="learning_set",
                                        starts_at=SOON)
    return {"full": full, "past": past, "off": off, "board": board, "first_set": first_set,
            "next_set": next_set}


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_meetings_pages_have_no_accessibility_violations(language, easy_read, cast,
                                                         shared, own, open_context,
                                                         check_page):
    """Zero axe violations on the list and meeting pages, for a holder and a guest, and
    with the error summary shown."""
    made = _meetings(cast, shared, own)
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}
    carol = open_context(cast.carol, **options)
    pages = [reverse("web:meetings", args=[shared.pk]), reverse("web:meetings", args=[own.pk])]
    pages += [reverse("web:meeting", args=[m.pk]) for m in made.values()]
    for url in pages:
        carol.goto(url)
        check_page(carol, url)
    # Sam reviews his action at the next set: the form, then its error summary.
    sam = open_context(cast.sam, **options)
    sam.goto(reverse("web:meeting", args=[made["next_set"].pk]))
    expect(sam.locator("textarea[name$=learned]")).to_have_count(1)
    check_page(sam, "the next learning set, for its presenter")
    carol.goto(reverse("web:meetings", args=[shared.pk]))
    carol.click("#new ~ form button.govuk-button")  # an empty form: the error summary
    expect(carol.locator(".govuk-error-summary")).to_have_count(1)
    check_page(carol, "meeting form with errors")
    assert carol.console_errors == [], carol.console_errors

    gil = open_context(cast.gil, **options)
    for url in (reverse("web:meetings", args=[own.pk]),
                reverse("web:meeting", args=[made["board"].pk])):
        gil.goto(url)
        check_page(gil, url)


def test_a_guest_adds_an_agenda_item_with_the_keyboard(cast, own, open_context):
    """Tab to the agenda field, type, press Enter: the item is on the agenda."""
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Board",
                                       starts_at=SOON)
    gil = open_context(cast.gil, viewport=PHONE)
    gil.goto(reverse("web:meeting", args=[meeting.pk]))
    field = gil.locator("#id_agenda-title")
    for _ in range(80):
        gil.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the agenda field cannot be reached with the Tab key")
    gil.keyboard.type("Bus passes")
    with gil.expect_navigation():
        gil.keyboard.press("Enter")
    assert AgendaItem.objects.filter(title="Bus passes", added_by_party=cast.guests).exists()
    assert "Bus passes" in gil.content()
