"""The core journey with the keyboard only — with JavaScript on, and with it off:
sign in by link, create a shared space, accept it as the other group, propose, object with
a reason, amend, agree, and see the proposal pass."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from sharedspace.governance import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Any, selector: str, *, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose_radio(page: Any, name: str, value: str) -> None:
    """Tab into a radio group, then arrow down to the wanted choice (arrows select)."""
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(12):
        if page.evaluate("(s) => document.activeElement.matches(s)",
                         f'input[name="{name}"][value="{value}"]'):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio {name}={value}")


def press(page: Any, selector: str) -> None:
    """Tab to a button or link and press Enter, waiting for the next page."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_by_link(page: Any, email: str) -> None:
    page.goto("/sign-in/")
    type_into(page, 'input[name="email-email"]', email)
    press(page, "main form button.govuk-button")
    assert "/sign-in/sent/" in page.url
    found = re.search(r"http://\S+/sign-in/link/\?sesame=\S+", str(mail.outbox[-1].body))
    assert found, "the email holds a sign-in link"
    link = found.group(0)
    page.goto(link)  # as if opened from the email
    press(page, "main form button.govuk-button")
    assert page.url.endswith("/dashboard/"), page.url


def banner(page: Any) -> str:
    return page.locator("#where-title").locator("xpath=../..").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_keyboard_only_journey(javascript, open_context, check_page):
    """Two groups agree a proposal in a shared space using nothing but the keyboard.

    axe-core needs scripts to run, so pages are scanned on the run with JavaScript on;
    the run without JavaScript proves every step is a plain form.
    """

    def scan(page: Any, what: str) -> None:
        if javascript:
            check_page(page, what)

    cara = actions.person_create(email="cara@example.org", name="Cara")
    sami = actions.person_create(email="sami@example.org", name="Sami")
    actions.party_create(actor=cara, name="County council", kind="organisation",
                         decision_rule="speaker")
    actions.party_create(actor=sami, name="Speak Up group", kind="people",
                         decision_rule="speaker")

    council = open_context(javascript=javascript)
    sign_in_by_link(council, "cara@example.org")
    press(council, 'a[href="/spaces/new/"]')
    # First whose space it is; then only what a shared space needs.
    choose_radio(council, "kind", "shared")
    press(council, "main form button.govuk-button")
    scan(council, "make a shared space")
    type_into(council, 'input[name="space-title"]', "Transport review")
    type_into(council, 'textarea[name="space-purpose"]', "Make buses work for everyone")
    tab_to(council, 'input[name="space-others"]')
    for _ in range(10):
        if council.evaluate("() => document.activeElement.labels[0].textContent") == (
            "Speak Up group"
        ):
            break
        council.keyboard.press("Tab")
    council.keyboard.press("Space")
    type_into(council, 'textarea[name="space-charter_purpose"]', "Fair transport")
    choose_radio(council, "space-claimed_approach", "coproduction")
    press(council, "main form button.govuk-button")
    assert "Transport review" in council.locator("h1").inner_text()
    assert "The space starts when every group has said yes." in banner(council)
    scan(council, "new shared space")
    space_url = council.url

    group = open_context(javascript=javascript)
    sign_in_by_link(group, "sami@example.org")
    press(group, 'button[name="accept-id"]')
    # Asked first, with the charter the group agrees to.
    assert "Say yes to “Transport review”?" in group.locator("h1").inner_text()
    assert "Fair transport" in group.content()
    scan(group, "say yes to the space")
    press(group, 'form:has(input[name="confirmed"]) button')
    assert group.url == space_url
    assert ("Nothing is decided here unless no group objects and at least one agrees."
            in banner(group))

    council.reload()
    press(council, 'a[href$="/proposals/"]')
    type_into(council, 'input[name="proposal-title"]', "Free bus passes for carers")
    type_into(council, 'textarea[name="proposal-body"]', "From April")
    press(council, "main form button.govuk-button")
    proposal_url = council.url
    assert "/proposals/" in proposal_url and "Free bus passes for carers" in council.content()

    group.goto(proposal_url)
    choose_radio(group, "answer-position", "object")
    type_into(group, 'textarea[name="answer-reason"]', "Include personal assistants too")
    press(group, 'form:has(input[value="answer"]) button.govuk-button')
    assert "Speak Up group objected." in group.content()
    scan(group, "proposal with an objection")

    council.reload()
    type_into(council, 'input[name="amend-title"]', "Free bus passes for carers and PAs")
    press(council, 'form:has(input[value="amend"]) button.govuk-button')
    assert "Every group needs to answer again." in council.content()

    group.reload()
    choose_radio(group, "answer-position", "agree")
    press(group, 'form:has(input[value="answer"]) button.govuk-button')
    council.reload()
    choose_radio(council, "answer-position", "agree")
    press(council, 'form:has(input[value="answer"]) button.govuk-button')
    assert "Passed" in council.locator(".govuk-tag").first.inner_text()
    assert "It passed: every group answered, none objected, and at least one agreed." in (
        council.content()
    )
    scan(council, "passed proposal")
    assert council.console_errors == [] and group.console_errors == []
