"""A table or chart takes a tab stop only when it scrolls sideways. Without JavaScript every
such box is focusable (so a keyboard can always scroll it); with JavaScript, a box that fits
(a table drawn as cards on a phone, a chart on a wide screen) gives its tab stop back, and a
box that scrolls keeps it (app.mjs)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE = ".app-table-wrapper"
CHART = ".app-audit-chart-scroll"


def tab_stops(page, selector: str) -> list[str | None]:
    return page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('tabindex'))")


def scrolls(page, selector: str) -> list[bool]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => e.scrollWidth > e.clientWidth + 1)")


@pytest.fixture
def fund(cast, shared):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="500")
    return reverse("web:fund", args=[shared.pk])


def test_without_javascript_every_box_is_a_tab_stop(cast, shared, fund, open_context):
    page = open_context(cast.carol, viewport=PHONE, javascript=False)
    page.goto(fund)
    assert tab_stops(page, TABLE) and set(tab_stops(page, TABLE)) == {"0"}
    page.goto(reverse("web:audit", args=[shared.pk]))
    assert tab_stops(page, CHART) and set(tab_stops(page, CHART)) == {"0"}


def test_a_box_that_fits_gives_its_tab_stop_back(cast, shared, fund, open_context, check_page):
    """On a phone, the fund's tables are cards: they fit, so no tab stop. The audit charts
    keep a readable width and scroll: they keep theirs. On a wide screen the charts fit."""
    phone = open_context(cast.carol, viewport=PHONE)
    phone.goto(fund)
    assert not any(scrolls(phone, TABLE))
    assert tab_stops(phone, TABLE) and set(tab_stops(phone, TABLE)) == {None}
    check_page(phone, "fund, phone")
    phone.goto(reverse("web:audit", args=[shared.pk]))
    assert all(scrolls(phone, CHART)) and set(tab_stops(phone, CHART)) == {"0"}
    check_page(phone, "audit, phone")

    # Widening the window: the charts fit, and give their tab stops back. (Playwright's
    # `expect` waits without evaluating a string in the page, which the CSP forbids.)
    phone.set_viewport_size(DESKTOP)
    for box in phone.locator(CHART).all():
        expect(box).not_to_have_attribute("tabindex", re.compile(".*"))
    assert not any(scrolls(phone, CHART))
    # And narrowing it again: they scroll, and take them again.
    phone.set_viewport_size(PHONE)
    for box in phone.locator(CHART).all():
        expect(box).to_have_attribute("tabindex", "0")
