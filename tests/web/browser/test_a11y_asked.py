"""Being asked whether you want to be in a group (ADR 38), and the audit's "Things to look at":
the dashboard notice, the group's question, the member list that says who has not said yet,
and an audit page with flags pass axe in English and Welsh, easy read on and off, at phone and
desktop width; saying yes works by keyboard, with and without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import Membership

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_being_asked_and_the_audit_flags_have_no_accessibility_violations(
    language, easy_read, cast, shared, open_context, check_page
):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100.00")
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="40.00")
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}

    owen = open_context(cast.owen, **options)
    owen.goto(reverse("web:dashboard"))
    assert owen.locator("#asked-title").count() == 1
    check_page(owen, "dashboard: added to a group")
    owen.goto(reverse("web:party", args=[cast.council.pk]))
    assert owen.locator("#asked-title").count() == 1
    check_page(owen, "group page: do you want to be in it")

    carol = open_context(cast.carol, **options)
    carol.goto(reverse("web:party", args=[cast.council.pk]))
    check_page(carol, "group page: a member has not said yet")
    carol.goto(reverse("web:audit", args=[shared.pk]))
    assert carol.locator("[data-audit-flags] li").count() >= 2
    check_page(carol, "audit page with things to look at")
    assert owen.console_errors == [] and carol.console_errors == []


@pytest.mark.parametrize("javascript", [False, True])
def test_saying_yes_by_keyboard_with_and_without_javascript(javascript, cast, open_context):
    """From the dashboard notice to the group's question, and yes, with the keyboard only."""
    owen = open_context(cast.owen, javascript=javascript)
    owen.goto(reverse("web:dashboard"))
    link = owen.locator(f'a[href="{reverse("web:party", args=[cast.council.pk])}#asked-title"]')
    link.focus()
    owen.keyboard.press("Enter")
    owen.wait_for_url(f"**{reverse('web:party', args=[cast.council.pk])}*")
    owen.locator('form:has(input[name="form"][value="stay"]) button').focus()
    owen.keyboard.press("Enter")
    owen.wait_for_load_state()
    owen.locator("#asked-title").wait_for(state="detached")
    membership = Membership.objects.get(party=cast.council, person=cast.owen,
                                        left_at__isnull=True)
    assert membership.confirmed_at is not None
