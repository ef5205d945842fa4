"""The easy-read explainer (docs/adr/0034): every slide passes axe in English and Welsh, easy
read off and on, at phone width, desktop and a projector's 1280 x 720, and nothing on it is
wider than the screen; the slides are walked from the first to the last with the keyboard
only, with and without JavaScript, and with the arrow keys."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.web import explainer

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECTOR = {"width": 1280, "height": 720}
TOTAL = len(explainer.SLIDES)


def href(number: int) -> str:
    return reverse("web:explainer") if number == 1 else reverse("web:explainer_slide",
                                                                 args=[number])


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_every_slide_has_no_accessibility_violations(
    language, easy_read, open_context, check_page
):
    page = open_context(language=language, easy_read=easy_read, viewport=BOTH_WIDTHS)
    for number in range(1, TOTAL + 1):
        page.goto(href(number))
        check_page(page, f"explainer slide {number}")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_on_a_projector_the_slide_fits_the_first_screen(language, open_context, check_page):
    """At 1280 x 720 each slide's title, picture, sentences and the next-slide link are all
    on the first screen, in large type."""
    page = open_context(language=language, viewport=PROJECTOR)
    for number in range(1, TOTAL + 1):
        page.goto(href(number))
        check_page(page, f"explainer slide {number} on a projector")
        link = "[data-app-explainer-next]" if number < TOTAL else "[data-app-explainer-prev]"
        for selector in ("h1", ".app-explainer__icon svg", ".app-explainer__line >> nth=-1",
                         link):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["y"] + box["height"] <= PROJECTOR["height"], (
                number, selector, box)
        size = page.locator(".app-explainer__line >> nth=0").evaluate(
            "(p) => parseFloat(getComputedStyle(p).fontSize)")
        assert size >= 30, size


def focus_by_tab(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element ``selector`` has the focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


@pytest.mark.parametrize("javascript", [False, True])
def test_a_keyboard_walks_from_the_first_slide_to_the_last(javascript, open_context):
    """Tab to "Next slide" and press Enter, slide after slide; the last has no next link and
    leads back with "Previous slide"."""
    page = open_context(javascript=javascript)
    page.goto(reverse("web:explainer"))
    for number in range(1, TOTAL):
        assert page.locator("h1").inner_text() == str(explainer.SLIDES[number - 1].title)
        focus_by_tab(page, "[data-app-explainer-next]")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{href(number + 1)}")
    assert page.locator("h1").inner_text() == str(explainer.SLIDES[-1].title)
    assert page.locator("[data-app-explainer-next]").count() == 0
    focus_by_tab(page, "[data-app-explainer-prev]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href(TOTAL - 1)}")


def test_the_arrow_keys_move_between_slides(open_context):
    """With JavaScript, → goes to the next slide and ← to the one before; nothing happens
    past either end."""
    page = open_context()
    page.goto(reverse("web:explainer"))
    page.keyboard.press("ArrowLeft")
    expect(page.locator("h1")).to_have_text(str(explainer.SLIDES[0].title))
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"**{href(2)}")
    expect(page.locator("h1")).to_have_text(str(explainer.SLIDES[1].title))
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(f"**{href(1)}")
    page.goto(href(TOTAL))
    page.keyboard.press("ArrowRight")
    expect(page.locator("h1")).to_have_text(str(explainer.SLIDES[-1].title))
    assert page.url.endswith(href(TOTAL))
    assert page.console_errors == []
