"""The "where you are" banner in one line with its details, a space still forming, a guest told
who did not allow it to propose or comment, the record's word beside the space's name, and
the pages naming whom to ask (a meeting a guest cannot call off), easy read by the space's
kind: no axe violations (WCAG 2.0, 2.1, 2.2 A and AA), in English and
Welsh, easy read on and off, phone and desktop. On a phone, a tab's own content starts on
the first screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sharedspace.governance import actions

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_reworded_pages_have_no_accessibility_violations(language, easy_read, cast,
                                                             shared, own, open_context,
                                                             check_page):
    """A restricted guest, a member who coordinates nothing, a space still forming and the
    group invited to it."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "give_views"])
    forming = actions.space_create(
        actor=cast.sam, title="Respite review", purpose="Better breaks",
        holders=[cast.group.pk, cast.guests.pk], claimed_approach="coproduction",
        charter={"purpose": "Better breaks"},
    )
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Planning",
                                       starts_at=dt.datetime(2031, 12, 3, 10, tzinfo=dt.UTC),
                                       place="Room 2")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision",
                                       title="Paid board places")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="No budget")
    options = {"language": language, "easy_read": easy_read,
               "viewport": BOTH_WIDTHS}

    gil = open_context(cast.gil, **options)
    for url in (reverse("web:space", args=[own.pk]), reverse("web:proposals", args=[own.pk]),
                reverse("web:fund", args=[own.pk]), reverse("web:space", args=[forming.pk]),
                reverse("web:proposal", args=[proposal.pk]),
                reverse("web:meeting", args=[meeting.pk])):
        gil.goto(url)
        check_page(gil, url)
    gil.goto(reverse("web:history", args=[own.pk]))
    gil.click(".govuk-notification-banner summary")  # the rest of "where you are", opened
    check_page(gil, "history, with where you are opened")

    mo = open_context(cast.mo, **options)
    for url in (reverse("web:dashboard"), reverse("web:space_new"),
                reverse("web:leave", args=[shared.pk]), reverse("web:space", args=[shared.pk])):
        mo.goto(url)
        check_page(mo, url)

    sam = open_context(cast.sam, **options)
    for url in (reverse("web:space", args=[forming.pk]),
                reverse("web:charter", args=[forming.pk])):
        sam.goto(url)
        check_page(sam, url)
    assert gil.console_errors == [] and mo.console_errors == [] and sam.console_errors == []


def test_a_tab_starts_on_the_first_screen_of_a_phone(cast, shared, open_context):
    """On a 390 by 844 phone screen the proposals tab's own heading shows without scrolling."""
    sam = open_context(cast.sam, viewport=PHONE)
    sam.goto(reverse("web:proposals", args=[shared.pk]))
    top = sam.locator("main h2.govuk-heading-m").first.bounding_box()
    assert top is not None and top["y"] < 844, top
