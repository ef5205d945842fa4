"""Removing my name and email (docs/adr/0021): the confirm page, as someone who may and as
someone who must first make another coordinator, and the page after, pass axe in English
and Welsh, easy read on and off, at phone and desktop width; erasing works by keyboard, with
and without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import Person
from tests.governance.conftest import pass_proposal

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_erase_pages_have_no_accessibility_violations(
    language, easy_read, cast, shared, open_context, check_page
):
    """Zero axe violations on the account page, the confirm page (blocked, and allowed with
    a group left empty and comments on published work to take back, with the question that
    asks first) and the page after erasure, reached by the button."""
    work = pass_proposal(cast, shared, kind="publish", title="What we found",
                         body="Words").publication
    actions.public_comment_add(actor=cast.olive, publication_id=work.pk, body="Hm")
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}

    sam = open_context(cast.sam, **options)
    sam.goto(reverse("web:account_erase"))
    check_page(sam, "erase confirm page, only coordinator")
    assert sam.locator("form button.govuk-button--warning").count() == 0

    olive = open_context(cast.olive, **options)
    olive.goto(reverse("web:account"))
    check_page(olive, "account page")
    olive.click(f'a[href="{reverse("web:account_erase")}"]')
    check_page(olive, "erase confirm page, only member, with comments on published work")
    olive.click('form:has(input[name="form"][value="take_back"]) button')
    check_page(olive, "take back all comments: asked first")
    olive.goto(reverse("web:account_erase"))
    olive.click("form button.govuk-button--warning")
    olive.wait_for_url(f"**{reverse('web:account_erased')}")
    check_page(olive, "after erasure")
    assert Person.objects.get(pk=cast.olive.pk).erased_at is not None
    assert olive.console_errors == []


@pytest.mark.parametrize("javascript", [False, True])
def test_erasing_works_by_keyboard_with_and_without_javascript(javascript, cast, open_context):
    """From the account page to the page after erasure with the keyboard only; then the
    account page asks to sign in."""
    page = open_context(cast.owen, javascript=javascript)
    page.goto(reverse("web:account"))
    page.focus(f'a[href="{reverse("web:account_erase")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('web:account_erase')}")
    page.focus("form button.govuk-button--warning")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('web:account_erased')}")
    assert Person.objects.get(pk=cast.owen.pk).erased_at is not None
    page.goto(reverse("web:account"))
    assert reverse("web:sign_in") in page.url
