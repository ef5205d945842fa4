"""A date with a part missing: only that box is marked, the page passes axe-core's WCAG 2.0,
2.1 and 2.2 A and AA rules (English and Welsh, easy read on and off, phone and desktop), and
the error summary's link takes the keyboard to the missing box."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "easy_read", "width"), [
    ("en", False, "desktop"), ("cy", True, "phone"), ("en", True, "phone"),
    ("cy", False, "desktop"),
])
def test_a_missing_month_marks_the_month_box_only(language, easy_read, width, cast, shared,
                                                   open_context, check_page):
    page = open_context(cast.carol, language=language, easy_read=easy_read,
                        viewport=PHONE if width == "phone" else DESKTOP)
    page.goto(reverse("web:meetings", args=[shared.pk]))
    page.fill("#id_schedule-title", "Tea")
    page.fill("#id_schedule-day_day", "4")
    page.fill("#id_schedule-day_year", "2026")
    page.fill("#id_schedule-time", "10:00")
    page.click("#new ~ form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    expect(page.locator(".govuk-date-input .govuk-input--error")).to_have_count(1)
    expect(page.locator("#id_schedule-day_month")).to_have_class(
        "govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error")
    expect(page.locator("#id_schedule-day_day")).to_have_value("4")
    expect(page.locator("#id_schedule-day_year")).to_have_value("2026")
    check_page(page, "meeting form with a month missing")
    page.click(".govuk-error-summary__list a")
    expect(page.locator("#id_schedule-day_month")).to_be_focused()
    assert page.console_errors == [], page.console_errors


def test_without_javascript_the_summary_link_goes_to_the_missing_box(cast, shared,
                                                                     open_context):
    page = open_context(cast.carol, javascript=False)
    page.goto(reverse("web:meetings", args=[shared.pk]))
    page.fill("#id_schedule-title", "Tea")
    page.fill("#id_schedule-day_month", "12")
    page.fill("#id_schedule-time", "10:00")
    page.click("#new ~ form button.govuk-button")
    link = page.locator(".govuk-error-summary__list a")
    expect(link).to_have_attribute("href", "#id_schedule-day_day")
    marked = page.locator(".govuk-date-input .govuk-input--error")
    expect(marked).to_have_count(2)
    assert [marked.nth(i).get_attribute("id") for i in range(2)] == [
        "id_schedule-day_day", "id_schedule-day_year"]
    link.click()
    assert page.url.endswith("#id_schedule-day_day")
