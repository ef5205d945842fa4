"""The account pages and the site's own error pages in a browser: the name page at a first
sign-in (and with an error), the account page's name form (with an error), its "check it is
you" in place of the password and token forms after an old sign-in (and a wrong password,
and the link sent), the "please try again" page after a form sent with an old security token
(the sign-in form left open while signing in in another tab), and the 403, 404 and 500 pages
pass axe in English and Welsh, easy read on and off, at phone and desktop width. Giving a
name, and checking it is you by the emailed link, work by keyboard, with and without
JavaScript."""

from __future__ import annotations

import re
import time
from importlib import import_module
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import ApiToken, Person
from sharedspace.signin import sign_in_url
from sharedspace.web.views.auth import SIGNED_IN_AT

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_BUTTON = "main form button.govuk-button"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _at(path: str):
    """A test for page.wait_for_url: the page's path is exactly ``path`` (a glob would also
    match the name page, whose ``?next=`` ends with the same path)."""
    return lambda url: urlsplit(url).path == path


def _options(language: str, easy_read: bool) -> dict[str, object]:
    return {"language": language, "easy_read": easy_read,
            "viewport": BOTH_WIDTHS}


def _signed_in_long_ago(page: Any, minutes: int = 20) -> None:
    """Make the browser's session one that signed in ``minutes`` ago (docs/adr/0032)."""
    key = next(c["value"] for c in page.context.cookies()
               if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    session[SIGNED_IN_AT] = int(time.time()) - minutes * 60
    session.save()


CHECK_EMAIL = 'form:has(input[name="form"][value="check_email"]) button'


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_name_pages_have_no_accessibility_violations(
    language, easy_read, cast, live_server, open_context, check_page
):
    """A newcomer presses their link and is asked their name (with the "signed in" banner);
    an empty name shows the error summary; a name goes on to the dashboard. The account
    page's name form, and its error, pass too."""
    newcomer = actions.person_for_email("jo.bloggs@example.org")
    page = open_context(None, **_options(language, easy_read))
    page.goto(sign_in_url(newcomer, base_url=live_server.url))
    page.click(MAIN_BUTTON)
    page.wait_for_url(_at(reverse("web:account_name")))
    expect(page.locator("#id_name-name")).to_have_count(1)
    check_page(page, "name page at first sign-in")
    page.fill("#id_name-name", "")
    page.click(MAIN_BUTTON)
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    check_page(page, "name page with an error")
    page.fill("#id_name-name", "Jo Bloggs")
    page.click(MAIN_BUTTON)
    page.wait_for_url(_at(reverse("web:dashboard")))
    assert Person.objects.get(pk=newcomer.pk).name == "Jo Bloggs"

    page.goto(reverse("web:account"))
    page.fill("#id_name-name", "Jo\tBloggs")
    page.locator("form:has(#id_name-name) button").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    check_page(page, "account page, name with an error")
    assert page.console_errors == []


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_check_it_is_you_has_no_accessibility_violations(
    language, easy_read, cast, open_context, check_page
):
    """Signed in 20 minutes ago, with a password: "Check it is you" (the email button and
    the password) in place of the password and token forms; a wrong password, with its
    error; the banner once a link is sent. Each passes axe."""
    cast.carol.set_password("paper kettle orbit lantern")
    cast.carol.save()
    page = open_context(cast.carol, **_options(language, easy_read))
    _signed_in_long_ago(page)
    page.goto(reverse("web:account"))
    expect(page.locator("h2#check")).to_have_count(1)
    expect(page.locator("#id_password-password")).to_have_count(0)
    expect(page.locator("#id_token-name")).to_have_count(0)
    check_page(page, "account page, check it is you")
    page.fill("#id_check_password-password", "not my password")
    page.locator("form:has(#id_check_password-password) button").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    check_page(page, "account page, check it is you, wrong password")
    page.locator(CHECK_EMAIL).click()
    expect(page.locator(".govuk-notification-banner--success")).to_have_count(1)
    check_page(page, "account page, sign-in link sent")
    assert len(mail.outbox) == 1
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [False, True])
def test_checking_it_is_you_by_email_works_by_keyboard(javascript, cast, open_context):
    """An old sign-in: "Email me a sign-in link", the link opened in the same browser,
    "Sign in", and back on the account page a token is made, all with the keyboard only."""
    page = open_context(cast.carol, javascript=javascript)
    _signed_in_long_ago(page)
    account = reverse("web:account")
    page.goto(account)
    page.focus(CHECK_EMAIL)
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_have_count(1)
    link = re.search(r"http://\S+/sign-in/link/\S+", str(mail.outbox[-1].body))
    assert link, "the email holds a sign-in link"
    page.goto(link.group(0))
    page.focus(MAIN_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url(_at(account))
    page.focus("#id_token-name")
    page.keyboard.type("Spreadsheet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".app-token")).to_have_count(1)
    assert ApiToken.objects.filter(person=cast.carol, name="Spreadsheet").count() == 1


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_try_again_page_has_no_accessibility_violations(
    language, easy_read, cast, live_server, open_context, check_page
):
    """The reviewer's case in a real browser: the sign-in form open in one tab, the emailed
    link pressed in another, then the first form sent. The site's own page answers, with a
    link back to the sign-in form, and passes axe."""
    page = open_context(None, **_options(language, easy_read))
    page.goto(reverse("web:sign_in"))
    other = page.context.new_page()
    other.goto(sign_in_url(cast.carol, base_url=live_server.url))
    other.click(MAIN_BUTTON)
    other.wait_for_url(_at(reverse("web:dashboard")))
    page.fill("#id_email-email", "carol@example.org")
    page.click(MAIN_BUTTON)
    back = page.locator(f'main a.govuk-link[href$="{reverse("web:sign_in")}"]')
    expect(back).to_have_count(1)
    check_page(page, "please try again page")
    back.click()
    expect(page.locator("#id_email-email")).to_have_count(1)
    assert page.console_errors == []


@pytest.mark.urls("tests.web.test_errors")
@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_403_404_and_500_pages_have_no_accessibility_violations(
    language, easy_read, cast, open_context, check_page
):
    """The site's 403, 404 and 500 pages (the 500 drawn without any context) pass axe."""
    page = open_context(cast.carol, **_options(language, easy_read))
    for address, what in (("/refuse/", "403 page"), ("/no-such-page/", "404 page"),
                          ("/break/", "500 page")):
        response = page.goto(address)
        assert response is not None
        assert response.status == int(what[:3]), what
        expect(page.locator("main h1")).to_have_count(1)
        check_page(page, what)
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [False, True])
def test_giving_a_name_works_by_keyboard(javascript, db, open_context):
    """From the first-sign-in name page to the dashboard with the keyboard only."""
    newcomer = actions.person_for_email("sam.jones@example.org")
    page = open_context(newcomer, javascript=javascript)
    page.goto(reverse("web:account_name") + "?next=" + reverse("web:dashboard"))
    page.focus("#id_name-name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Sam Jones")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(_at(reverse("web:dashboard")))
    assert Person.objects.get(pk=newcomer.pk).name == "Sam Jones"
