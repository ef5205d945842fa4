"""The demo's workshops in a real browser (tests/test_demo_workshops.py tests what they hold):
walked as a newcomer would after `make run`, with the demo's own names and figures, every
workshop page passes axe-core (WCAG 2.0, 2.1 and 2.2 A and AA) and fits the screen.

test_a11y_workshops.py walks every page in every language, easy-read setting and width with a
small cast; this walk is about the demo's content (long group names, three sides, seventeen
people), so each language, width and easy-read setting comes once. Its own module: the demo
is loaded here in a transaction the live server can see, never inside another module's."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace import demo
from sharedspace.cli.main import main
from sharedspace.demo import workshops as chapter
from sharedspace.demo.cast import COUNCIL, GROUP, PEOPLE
from sharedspace.governance.models import Party, Person, Space
from sharedspace.perception.questions import QUESTIONS
from sharedspace.workshops import codes, selectors
from sharedspace.workshops.models import Workshop

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMBINATIONS = [
    ("en", False, "phone"),
    ("cy", True, "desktop"),
]


def _person(key: str) -> Person:
    return Person.objects.get(email=next(p.email for p in PEOPLE if p.key == key))


@pytest.mark.parametrize(("language", "easy_read", "width"), COMBINATIONS)
def test_demo_workshop_pages_are_accessible(
    language: str, easy_read: bool, width: str, open_context: Any, check_page: Any
) -> None:
    """Dafydd's perception check page, the big screens and answers pages of both workshops;
    then a phone with no account types the open one's code as it is read out, joins, answers,
    is thanked, and opens the closed one's code."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["demo"]) == 0
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    closed = Workshop.objects.get(space=shared, closed_at__isnull=False)
    still_open = Workshop.objects.get(space=shared, closed_at__isnull=True)
    options = {
        "language": language,
        "easy_read": easy_read,
        "viewport": PHONE if width == "phone" else DESKTOP,
    }
    dafydd = open_context(_person("dafydd"), **options)
    for url in (
        reverse("web:perception", args=[shared.pk]),
        reverse("web:workshop", args=[still_open.pk]),
        reverse("web:workshop", args=[still_open.pk]) + "?question=money",
        reverse("web:workshop", args=[closed.pk]),
        reverse("web:workshop_results", args=[closed.pk]),
        reverse("web:workshop_results", args=[still_open.pk]),
    ):
        dafydd.goto(url)
        check_page(dafydd, url)
    assert dafydd.console_errors == [], dafydd.console_errors

    group = Party.objects.get(name=GROUP.name).pk
    council = Party.objects.get(name=COUNCIL.name).pk
    phone = open_context(None, **options)
    phone.goto(reverse("web:workshop_join"))
    phone.fill('input[name="code-code"]', codes.spaced(still_open.code).lower())
    phone.click("main form button.govuk-button")
    phone.wait_for_url(f"**{reverse('web:workshop_side', args=[still_open.code])}")
    check_page(phone, "the open workshop's sides")
    phone.check(f'input[name="side-side"][value="{group}"]')
    phone.click("main form button.govuk-button")
    phone.wait_for_url("**/1/")
    check_page(phone, "question 1")
    phone.goto(reverse("web:workshop_question", args=[still_open.code, len(QUESTIONS)]))
    phone.check(f'input[name="answer-answer"][value="party:{council}"]')
    phone.click("main form button.govuk-button")
    phone.wait_for_url("**/thanks/")
    expect(phone.locator("h1")).to_have_count(1)
    check_page(phone, "thanks")
    phone.goto(reverse("web:workshop_side", args=[closed.code]))
    check_page(phone, "the closed workshop's code")
    assert phone.console_errors == [], phone.console_errors
    assert selectors.counts(still_open).total == len(chapter.TRIED_OUT) + 1
