"""The page that asks before what cannot be undone passes axe in English and Welsh, easy
read on and off, at phone and desktop width (the other confirm pages at phone width); "Yes"
by keyboard alone, without JavaScript, takes the proposal back and saves notes, once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import MeetingNote, Proposal

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_confirm_page_has_no_accessibility_violations(
    language, easy_read, cast, shared, open_context, check_page
):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    viewport = BOTH_WIDTHS
    carol = open_context(cast.carol, language=language, easy_read=easy_read, viewport=viewport)
    carol.goto(reverse("web:proposal", args=[proposal.pk]))
    carol.click("form:has(input[value='withdraw']) button")
    expect(carol.locator("input[name='confirmed']")).to_have_count(1)
    check_page(carol, "confirm page")
    # Closing it now: the page says what will happen, then the proposal page who closed it.
    carol.goto(reverse("web:proposal", args=[proposal.pk]))
    carol.click("form:has(input[value='close']) button")
    expect(carol.locator("input[name='confirmed']")).to_have_count(1)
    expect(carol.locator(".govuk-summary-list__row")).to_have_count(2)
    check_page(carol, "confirm page for closing, with what will happen")
    carol.click("form:has(input[name='confirmed']) button")
    expect(carol.locator(".govuk-inset-text p")).to_have_count(2)  # the outcome, who closed it
    check_page(carol, "a proposal closed before its deadline")
    assert carol.console_errors == []


def test_yes_by_keyboard_without_javascript(cast, shared, open_context):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    carol = open_context(cast.carol, viewport=PHONE, javascript=False)
    carol.goto(reverse("web:proposal", args=[proposal.pk]))
    carol.locator("form:has(input[value='withdraw']) button").focus()
    with carol.expect_navigation():
        carol.keyboard.press("Enter")
    assert Proposal.objects.get(pk=proposal.pk).state == "open"
    carol.locator("form:has(input[name='confirmed']) button").focus()
    with carol.expect_navigation():
        carol.keyboard.press("Enter")
    assert Proposal.objects.get(pk=proposal.pk).state == "withdrawn"


def _asked(cast: Any, shared: Any, own: Any) -> list[tuple[Any, str, str]]:
    """The other confirm pages: who asks, the page, and the form's button to press there.
    Stopping involving a guest (own space), calling a meeting off, saving notes."""
    started = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Last time",
                                       starts_at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC))
    planned = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Next time",
                                       starts_at=dt.datetime(2036, 11, 3, 10, tzinfo=dt.UTC))
    return [
        (cast.carol, reverse("web:space", args=[own.pk]),
         "form:has(input[value='remove']) button"),
        (cast.carol, reverse("web:meeting", args=[planned.pk]),
         "form:has(input[value='cancel']) button"),
        (cast.sam, reverse("web:meeting", args=[started.pk]), "form:has(input[value='notes'])"),
    ]


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_other_confirm_pages_have_no_accessibility_violations(
    language, easy_read, cast, shared, own, open_context, check_page
):
    for who, url, form in _asked(cast, shared, own):
        page = open_context(who, language=language, easy_read=easy_read, viewport=PHONE)
        page.goto(url)
        if form.endswith(")"):  # the notes: write some first
            page.fill("#id_notes-body", "We met.")
            form += " button"
        page.click(form)
        expect(page.locator("input[name='confirmed']")).to_have_count(1)
        check_page(page, f"confirm page for {url}")
        assert page.console_errors == []


def test_notes_are_saved_after_yes_by_keyboard_without_javascript(cast, shared, open_context):
    """Notes over several lines go through the confirm page unchanged; "Yes" pressed twice
    saves them once."""
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Last time",
                                       starts_at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC))
    sam = open_context(cast.sam, viewport=PHONE, javascript=False)
    sam.goto(reverse("web:meeting", args=[meeting.pk]))
    sam.fill("#id_notes-body", "We met.\nWe agreed <dates>.")
    sam.locator("form:has(input[value='notes']) button").focus()
    with sam.expect_navigation():
        sam.keyboard.press("Enter")
    assert not MeetingNote.objects.exists()
    assert "Save the notes?" in sam.content()
    url = sam.url
    yes = {field.get_attribute("name"): field.get_attribute("value") for field in
           sam.locator("form:has(input[name='confirmed']) input[type='hidden']").all()}
    sam.locator("form:has(input[name='confirmed']) button").focus()
    with sam.expect_navigation():
        sam.keyboard.press("Enter")
    assert [n.body for n in MeetingNote.objects.all()] == ["We met.\r\nWe agreed <dates>."]
    # "Yes" sent a second time, as a second press would: nothing more is saved.
    again = sam.request.post(url, form=yes, headers={"Referer": url})
    assert again.ok and "You sent this twice. We did it only once." in again.text()
    assert MeetingNote.objects.count() == 1
