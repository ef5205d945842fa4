"""The page that asks before what cannot be undone passes axe in English and Welsh, easy
read on and off, at phone and desktop width; "Yes" by keyboard alone, without JavaScript,
takes the proposal back."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMBINATIONS = list(itertools.product(["en", "cy"], [False, True], ["phone", "desktop"]))


@pytest.mark.parametrize(("language", "easy_read", "width"), COMBINATIONS)
def test_the_confirm_page_has_no_accessibility_violations(
    language, easy_read, width, cast, shared, open_context, check_page
):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    viewport = PHONE if width == "phone" else DESKTOP
    carol = open_context(cast.carol, language=language, easy_read=easy_read, viewport=viewport)
    carol.goto(reverse("web:proposal", args=[proposal.pk]))
    carol.click("form:has(input[value='withdraw']) button")
    expect(carol.locator("input[name='confirmed']")).to_have_count(1)
    check_page(carol, "confirm page")
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
