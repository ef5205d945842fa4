"""Browser tests: Debian's Chromium driven by Playwright against a live server, with an
axe-core scan of every page visited. One browser is shared by the whole session."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from ..conftest import note_sign_in

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# ``open_context(viewport=BOTH_WIDTHS)``: the page opens at phone width, and check_page scans
# each page at phone width and again at desktop width. The server draws the same page
# whatever the width (only the layout differs), so one visit serves both widths.
BOTH_WIDTHS = "phone and desktop"
# Every language with easy read off and on; with BOTH_WIDTHS, every width too.
LANGUAGES_AND_MODES = list(itertools.product(["en", "cy"], [False, True]))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()


# The rules to run, and only the violations in full. axe's answer does not depend on
# whether it also works out a CSS selector for each element it names, which costs about a
# quarter of a scan: a scan without them finds whether there is any violation, and only then
# is it run again with them, for the message.
AXE_OPTIONS = ("{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],"
               " selectors: %s}")


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core in the page (through the DevTools protocol, so the page's CSP stays on)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    found = page.evaluate(
        "async (tags) => (await axe.run(document, " + AXE_OPTIONS % "false"
        + ")).violations.length",
        AXE_TAGS,
    )
    if not found:
        return []
    result = page.evaluate(
        "async (tags) => await axe.run(document, " + AXE_OPTIONS % "true" + ")", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def check_page(axe_source: str) -> Callable[[Any, str], None]:
    """``check_page(page, what)``: zero axe violations on the page now shown, and the page
    no wider than the screen."""

    def check(page: Any, what: str) -> None:
        # With JavaScript off, page.evaluate never returns (and has no timeout): say so at
        # once instead of hanging the suite. Scan the page in a context with JavaScript on.
        assert getattr(page, "javascript", True), (
            f"{what}: axe cannot scan a page opened with javascript=False")
        # A click on a submit button returns once the next page starts to load: wait
        # until it has loaded, or axe may scan half a page (or the page before).
        page.wait_for_load_state("load")
        sizes = getattr(page, "scan_sizes", None) or [page.viewport_size]
        for size in sizes:
            if page.viewport_size != size:
                page.set_viewport_size(size)
                # Let the page's scripts answer the new width (a media query's change
                # event comes with the next frame) before scanning.
                page.evaluate("() => new Promise(done => requestAnimationFrame("
                              "() => requestAnimationFrame(done)))")
            at = f"{what} at {size['width']} px wide ({page.url})"
            violations = axe_violations(page, axe_source)
            assert violations == [], f"{at}:\n" + json.dumps(violations, indent=1)
            # Reflow (WCAG 1.4.10): nothing makes the page wider than the screen.
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= size["width"], f"{at} scrolls sideways: {width}px"
        if page.viewport_size != sizes[0]:
            page.set_viewport_size(sizes[0])  # the test goes on as it began

    return check


@pytest.fixture
def open_context(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``open_context(person=None, language="en", easy_read=False, viewport=DESKTOP,
    javascript=True)``: a fresh browser context, signed in as ``person`` if given. With
    ``viewport=BOTH_WIDTHS`` it opens at phone width and check_page scans at both widths."""
    contexts: list[Any] = []

    def make(person: Any = None, *, language: str = "en", easy_read: bool = False,
             viewport: dict[str, int] | str = DESKTOP, javascript: bool = True) -> Any:
        if isinstance(viewport, str):
            assert viewport == BOTH_WIDTHS, viewport
            sizes = [PHONE, DESKTOP]
        else:
            sizes = [viewport]
        context = browser.new_context(viewport=sizes[0], java_script_enabled=javascript,
                                      base_url=live_server.url)
        contexts.append(context)
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                    "url": live_server.url}]
        if easy_read:
            cookies.append({"name": "easy_read", "value": "1", "url": live_server.url})
        if person is not None:
            client = Client()
            client.force_login(person)
            note_sign_in(client)
            cookies.append({"name": settings.SESSION_COOKIE_NAME,
                            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                            "url": live_server.url})
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.javascript = javascript  # check_page needs it: axe is a script
        page.scan_sizes = sizes  # the widths check_page scans at
        # Errors in the console (a script error, or the CSP refusing something), and any of
        # our own files that failed to load. A page's own 404 or 400 status is expected.
        page.console_errors = []
        page.on("console", lambda m: m.type == "error"
                and not m.text.startswith("Failed to load resource")
                and page.console_errors.append(m.text))
        page.on("response", lambda r: "/static/" in r.url and r.status >= 400
                and page.console_errors.append(f"{r.status} {r.url}"))
        return page

    yield make
    for context in contexts:
        context.close()
