"""Workshop mode in a real browser: every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and
AA rules, in English and Welsh, with easy read on and off, at phone width (390 px) and desktop
width; and the journey: a facilitator opens a session, two people with no account join by
code on their own phones and answer, and the big screen counts them (with JavaScript, without
reloading; without it, after "Show the latest answers")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.web.views import workshop_join
from sharedspace.workshops import actions
from sharedspace.workshops.models import Workshop
from sharedspace.workshops.tally import UNSURE

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def _sessions(cast: Any, shared: Any) -> dict[str, Workshop]:
    """An open session with answers from both groups and someone not sure, and a closed one."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    for key, side, value in (("a", cast.council.pk, "together"),
                             ("b", cast.group.pk, f"party:{cast.council.pk}"),
                             ("c", UNSURE, "dont_know")):
        actions.participant_join(workshop_id=found.pk, key=key, side=side)
        for question in ("overall", "money"):
            actions.answer_give(workshop_id=found.pk, key=key, question=question, answer=value)
    closed = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=closed.pk)
    return {"open": found, "closed": closed}


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_workshop_pages_have_no_accessibility_violations(
    language, easy_read, cast, shared, open_context, check_page, monkeypatch
):
    """Zero axe violations on every workshop page: the facilitator's (the perception page
    listing workshops, opening one, the big screen, the answers) and the pages people join
    from (the code, a wrong code, the side, a question, thanks, closed, too many wrong codes,
    too many people from one network), errors included."""
    sessions = _sessions(cast, shared)
    found, closed = sessions["open"], sessions["closed"]
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}
    carol = open_context(cast.carol, **options)
    for url in (
        reverse("web:perception", args=[shared.pk]),
        reverse("web:workshop_open", args=[shared.pk]),
        reverse("web:workshop", args=[found.pk]),
        reverse("web:workshop", args=[found.pk]) + "?question=money",
        reverse("web:workshop", args=[closed.pk]),
        reverse("web:workshop_results", args=[found.pk]),
        reverse("web:workshop_results", args=[closed.pk]),
    ):
        carol.goto(url)
        check_page(carol, url)
    assert carol.console_errors == [], carol.console_errors

    person = open_context(None, **options)
    person.goto(reverse("web:workshop_join"))
    check_page(person, "join")
    person.click("main form button.govuk-button")  # no code: the error summary
    expect(person.locator(".govuk-error-summary")).to_have_count(1)
    check_page(person, "join with an error")
    person.fill('input[name="code-code"]', "CCCCCC")
    person.click("main form button.govuk-button")
    expect(person.locator("h1")).to_have_count(1)
    check_page(person, "a wrong code")
    person.goto(reverse("web:workshop_side", args=[found.code]))
    check_page(person, "side")
    person.click("main form button.govuk-button")  # no side chosen
    expect(person.locator(".govuk-error-summary")).to_have_count(1)
    check_page(person, "side with an error")
    person.check(f'input[name="side-side"][value="{cast.group.pk}"]')
    person.click("main form button.govuk-button")
    person.wait_for_url("**/1/")
    check_page(person, "question 1")
    person.click("main form button.govuk-button")  # nothing chosen
    expect(person.locator(".govuk-error-summary")).to_have_count(1)
    check_page(person, "question with an error")
    person.goto(reverse("web:workshop_question", args=[found.code, 11]))
    check_page(person, "question 11")
    person.goto(reverse("web:workshop_thanks", args=[found.code]))
    check_page(person, "thanks")
    person.goto(reverse("web:workshop_side", args=[closed.code]))
    check_page(person, "closed")
    assert person.console_errors == [], person.console_errors

    monkeypatch.setattr(workshop_join, "WRONG_CODES", 0)
    monkeypatch.setattr(workshop_join, "NEW_PEOPLE", 0)
    newcomer = open_context(None, **options)
    newcomer.goto(reverse("web:workshop_side", args=["CCCCCC"]))
    expect(newcomer.locator("h1")).to_have_count(1)
    check_page(newcomer, "too many wrong codes")
    newcomer.goto(reverse("web:workshop_side", args=[found.code]))
    newcomer.check(f'input[name="side-side"][value="{cast.group.pk}"]')
    with newcomer.expect_navigation():
        newcomer.click("main form button.govuk-button")
    expect(newcomer.locator("h1")).to_have_count(1)
    assert newcomer.locator("input[name='side-side']").count() == 0
    check_page(newcomer, "too many people from this network")
    assert newcomer.console_errors == [], newcomer.console_errors


def _answer_on_a_phone(open_context: Any, code: str, side: str, value: str) -> None:
    """Someone with no account: types the code, says their side, answers "Whose space is
    this?" (skipping the rest), and is thanked."""
    page = open_context(None, viewport=PHONE)
    page.goto(reverse("web:workshop_join"))
    page.fill('input[name="code-code"]', f"{code[:3].lower()} {code[3:].lower()}")
    page.click("main form button.govuk-button")
    page.check(f'input[name="side-side"][value="{side}"]')
    page.click("main form button.govuk-button")
    page.wait_for_url("**/1/")
    page.goto(reverse("web:workshop_question", args=[code, 11]))
    page.check(f'input[name="answer-answer"][value="{value}"]')
    page.click("main form button.govuk-button")
    page.wait_for_url("**/thanks/")
    expect(page.locator("h1")).to_have_text("Thank you")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_workshop_journey(javascript, cast, shared, open_context):
    """Carol opens a workshop from the perception check; two people join by code in their own
    browsers and answer; the big screen shows their counts by side and in the circles."""
    carol = open_context(cast.carol, javascript=javascript)
    carol.goto(reverse("web:perception", args=[shared.pk]))
    carol.click("text=Run a workshop")
    carol.click("main form button.govuk-button")
    expect(carol.locator(".govuk-notification-banner")).to_contain_text("The workshop is open")
    found = Workshop.objects.get()
    assert carol.url.endswith(reverse("web:workshop", args=[found.pk]))
    expect(carol.locator("main")).to_contain_text(f"{found.code[:3]} {found.code[3:]}")
    expect(carol.locator("[data-number='total']")).to_have_text("0")

    _answer_on_a_phone(open_context, found.code, cast.group.pk, f"party:{cast.group.pk}")
    _answer_on_a_phone(open_context, found.code, cast.council.pk, "together")

    if javascript:
        # The page's script asks for the figures every few seconds: no reload.
        carol.evaluate("() => { window.notReloaded = true; }")
        expect(carol.locator("[data-number='total']")).to_have_text("2", timeout=15_000)
        assert carol.evaluate("() => window.notReloaded === true")
    else:
        expect(carol.locator("[data-number='total']")).to_have_text("0")
        with carol.expect_navigation():
            carol.click("text=Show the latest answers")
        expect(carol.locator("[data-number='total']")).to_have_text("2")
    expect(carol.locator(f"[data-number='side-{cast.group.pk}']").first).to_have_text("1")
    expect(carol.locator(f"[data-number='side-{cast.council.pk}']").first).to_have_text("1")
    expect(carol.locator("[data-number='circle-mine']").first).to_have_text("1")
    expect(carol.locator("[data-number='circle-shared']").first).to_have_text("1")
    expect(carol.locator("[data-live='status']")).to_have_text("2 people have answered.")
    if javascript:
        radius = carol.locator("[data-circle='mine']").get_attribute("r")
        assert radius is not None and float(radius) > 24  # grown from the empty size
    assert carol.console_errors == [], carol.console_errors


def test_the_big_screen_keeps_asking_when_answers_fail(cast, shared, open_context):
    """A failed answer for the figures (a 502 while the site is deployed) does not stop the
    big screen: it asks again after 8, 16, 32 seconds, then every minute; after the third
    failure in a row a polite note says so; once answers come again, the note goes, the
    figures are the latest, and it asks every 4 seconds again. The page's clock is
    Playwright's, moved on by hand; each question is answered only once the clock stopped,
    so the script sets its next time from a known moment."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    carol = open_context(cast.carol)
    waiting: list[Any] = []
    answered: list[int] = []
    carol.route(re.compile(r"/workshops/[^/]+/live/"), lambda route: waiting.append(route))
    carol.clock.install()
    carol.goto(reverse("web:workshop", args=[found.pk]))
    carol.wait_for_load_state("load")
    carol.clock.pause_at(carol.evaluate("() => Date.now()") + 100)
    trouble = carol.locator("[data-live='trouble']")
    expect(trouble).to_have_attribute("role", "status")

    def answer(status: int) -> None:
        """Answer the question the page asked (502, or the server's own answer), then give
        the script a moment to read it and set its next time."""
        for _ in range(100):
            if waiting:
                break
            carol.wait_for_timeout(50)
        assert len(waiting) == 1, waiting
        route = waiting.pop()
        if status == 502:
            route.fulfill(status=502, content_type="text/html", body="<h1>Bad gateway</h1>")
        else:
            route.continue_()
        answered.append(status)
        carol.wait_for_timeout(300)

    def asks_after(wait: int, status: int) -> None:
        """Nothing is asked until ``wait`` ms have passed; then a question comes."""
        carol.clock.run_for(wait - 1)
        carol.wait_for_timeout(300)
        assert waiting == [], f"asked before {wait} ms"
        carol.clock.run_for(1)
        answer(status)

    carol.clock.run_for(4000)  # the first question, 4 s after the page loaded
    answer(502)
    asks_after(8000, 502)
    expect(trouble).to_have_text("")
    asks_after(16000, 502)
    expect(trouble).to_have_text("Could not get the latest answers. Trying again.")
    asks_after(32000, 502)
    # Someone answers while the site is away; the next try, a minute later, gets through.
    actions.participant_join(workshop_id=found.pk, key="a", side=cast.group.pk)
    actions.answer_give(workshop_id=found.pk, key="a", question="overall", answer="together")
    asks_after(60000, 200)
    expect(trouble).to_have_text("")
    expect(carol.locator("[data-number='total']")).to_have_text("1")
    expect(carol.locator("[data-live='status']")).to_have_text("1 person has answered.")
    asks_after(4000, 200)
    assert answered == [502, 502, 502, 502, 200, 200]
    assert carol.console_errors == [], carol.console_errors


def test_the_big_screen_says_full_as_the_last_place_is_taken(cast, shared, open_context,
                                                               monkeypatch):
    """The facilitator sees, without reloading, that no one else can join."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 2)
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    carol = open_context(cast.carol)
    carol.goto(reverse("web:workshop", args=[found.pk]))
    full = carol.locator("[data-live='full']")
    expect(full).to_be_hidden()
    actions.participant_join(workshop_id=found.pk, key="a", side=UNSURE)
    actions.participant_join(workshop_id=found.pk, key="b", side=cast.group.pk)
    expect(full).to_be_visible(timeout=15_000)
    expect(full).to_have_text(re.compile(r"This workshop is full\. No more people can join it\."))
    assert carol.console_errors == [], carol.console_errors


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_big_screen_shows_the_code_and_the_answers_on_its_first_screen(
    size, language, cast, shared, open_context, check_page
):
    """On a projector (1920 by 1080, and 1280 by 720), just after opening the workshop (its "open"
    banner shown), the code, how many have answered and the circles are all on the first
    screen, with no scrolling; the page uses the screen's width; axe finds nothing."""
    width, height = size
    carol = open_context(cast.carol, language=language,
                         viewport={"width": width, "height": height})
    carol.goto(reverse("web:workshop_open", args=[shared.pk]))
    with carol.expect_navigation():
        carol.click("main form button.govuk-button")
    expect(carol.locator(".govuk-notification-banner")).to_have_count(1)
    found = Workshop.objects.get()
    assert carol.url.endswith(reverse("web:workshop", args=[found.pk]))
    check_page(carol, f"big screen {width}x{height} ({language})")
    assert carol.evaluate("() => window.scrollY") == 0
    for what in (".app-workshop-code", "[data-live='status']", "svg.app-audit-circles",
                 ".app-workshop-qr"):
        box = carol.locator(what).bounding_box()
        assert box is not None, what
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (what, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (what, box)
    # The code fits its column, even of the widest letters (it never wraps, and ran under
    # the QR code's words at 1280 and 1920 wide).
    assert carol.locator(".app-workshop-code").evaluate(
        "e => { e.textContent = 'WMW MWM'; return e.scrollWidth <= e.clientWidth; }")
    # The whole width, not GOV.UK's 960 px column.
    main = carol.locator("main").bounding_box()
    assert main is not None and main["width"] >= width - 100, main
