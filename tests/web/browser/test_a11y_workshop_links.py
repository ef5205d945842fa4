"""The workshops parts of the space overview and the dashboard, drawn with something in them
(an open workshop, the last one's results, "Run a workshop"), and the meeting form's time
box with an error: no axe violations (WCAG 2.0, 2.1, 2.2 A and AA), in English and Welsh,
easy read on and off, phone and desktop (docs/adr/0029, "Finding workshops"; ADR 12,
"Times")."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions as gov
from sharedspace.workshops import actions
from tests.governance.conftest import CHARTER, accept_all

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_workshops_parts_have_no_accessibility_violations(language, easy_read, cast,
                                                              shared, own, open_context,
                                                              check_page):
    """A holder (big screen and "Run a workshop"), a guest (big screen only) and a group that
    left (the answers only)."""
    held = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    key = "phone-one"
    actions.participant_join(workshop_id=held.pk, key=key, side=cast.group.pk)
    actions.answer_give(workshop_id=held.pk, key=key, question="overall", answer="together")
    actions.workshop_close(actor=cast.carol, workshop_id=held.pk)
    actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.workshop_open(actor=cast.carol, space_id=own.pk)
    options = {"language": language, "easy_read": easy_read,
               "viewport": BOTH_WIDTHS}

    sam = open_context(cast.sam, **options)
    for url in (reverse("web:space", args=[shared.pk]), reverse("web:dashboard")):
        sam.goto(url)
        check_page(sam, url)
    expect(sam.locator("#open-workshops")).to_have_count(1)

    gil = open_context(cast.gil, **options)
    for url in (reverse("web:space", args=[own.pk]), reverse("web:dashboard")):
        gil.goto(url)
        check_page(gil, url)

    three = gov.space_create(
        actor=cast.carol, title="Three", purpose="p", charter=CHARTER,
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        claimed_approach="coproduction")
    accept_all(three, cast)
    actions.workshop_open(actor=cast.carol, space_id=three.pk)
    gov.space_leave(actor=cast.olive, space_id=three.pk, party_id=cast.outsiders.pk)
    olive = open_context(cast.olive, **options)
    olive.goto(reverse("web:space", args=[three.pk]))
    expect(olive.locator("#space-workshops")).to_have_count(1)
    check_page(olive, "overview of a space the group left, with an open workshop")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_time_box_and_its_error_have_no_accessibility_violations(language, cast, shared,
                                                                     open_context, check_page):
    """The wider time box, its hint, and the message for "13pm"."""
    sam = open_context(cast.sam, language=language, viewport=PHONE)
    sam.goto(reverse("web:meetings", args=[shared.pk]))
    check_page(sam, "meetings, the time box")
    sam.fill("#id_schedule-title", "Planning")
    sam.fill("#id_schedule-day_day", "4")
    sam.fill("#id_schedule-day_month", "12")
    sam.fill("#id_schedule-day_year", "2031")
    sam.fill("#id_schedule-time", "13pm")
    sam.click("#new ~ form button.govuk-button")
    expect(sam.locator(".govuk-error-summary")).to_have_count(1)
    check_page(sam, "meetings, the time box with an error")
    sam.fill("#id_schedule-time", "2pm")
    sam.click("#new ~ form button.govuk-button")
    expect(sam.locator("h1")).to_contain_text("Planning")
