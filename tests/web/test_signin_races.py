"""Sign-in under load: tries that arrive together, in real threads with their own database
connections, never get past the rate limit, never use one link twice and never give a 500.

Like tests/governance/test_concurrency.py these need PostgreSQL (row locks): SQLite's
in-memory test database cannot run two writers at once.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from sesame.utils import get_query_string

from sharedspace.governance import actions
from sharedspace.governance.models import Person
from sharedspace.web import ratelimit
from sharedspace.web.models import RateLimitCount
from tests.races import needs_postgresql, race

from .conftest import form_data

pytestmark = needs_postgresql


def test_tries_at_the_same_moment_never_pass_the_limit(transactional_db):
    """Thirty tries at once for a key with no counter yet (so they also race to make it):
    exactly five are allowed, and every try is counted."""
    results = race([lambda: ratelimit.hit("race", "x")] * 30)
    assert sum(results) == ratelimit.LIMIT
    assert RateLimitCount.objects.get().count == 30


def test_tries_at_the_same_moment_on_a_running_window(transactional_db):
    """Two tries used already; twenty more at once: three more are allowed."""
    ratelimit.hit("race", "y")
    ratelimit.hit("race", "y")
    results = race([lambda: ratelimit.hit("race", "y")] * 20)
    assert sum(results) == ratelimit.LIMIT - 2


def test_password_guesses_at_the_same_moment(transactional_db, cast):
    """Twenty password guesses for one email at once, through the page, each from its own
    address: five are checked, the rest are told to wait."""
    def guess(i: int) -> int:
        return Client().post(
            reverse("web:sign_in_password"),
            form_data("password", email="carol@example.org", password="wrong-password-123"),
            REMOTE_ADDR=f"10.1.0.{i}",
        ).status_code

    codes = race([lambda i=i: guess(i) for i in range(20)])
    assert sorted(codes) == [422] * 5 + [429] * 15


def test_one_link_pressed_in_many_tabs_signs_in_once(transactional_db, cast):
    """The same link opened in eight browsers and pressed at the same moment: one signs in,
    the others get the plain "does not work" page."""
    url = reverse("web:sign_in_link") + get_query_string(cast.carol)
    browsers = [Client() for _ in range(8)]
    for browser in browsers:
        assert browser.get(url).status_code == 302

    def press(browser: Client) -> int:
        return browser.post(reverse("web:sign_in_link"), {"form": "link"}).status_code

    codes = race([lambda b=b: press(b) for b in browsers])
    assert sorted(codes) == [302] + [400] * 7
    signed_in = [b for b in browsers if b.get(reverse("web:dashboard")).status_code == 200]
    assert len(signed_in) == 1


def test_first_sign_ins_for_one_new_email_at_the_same_moment(transactional_db):
    """Eight first sign-ins for the same new address at once: one account, no error."""
    people = race([lambda: actions.person_for_email("New.Person@example.org")] * 8)
    assert len({p.pk for p in people}) == 1
    assert Person.objects.filter(email="new.person@example.org").count() == 1


def test_asking_for_links_for_one_new_email_at_the_same_moment(transactional_db):
    """Through the sign-in page: every answer is "check your email", none is a 500."""
    def ask(i: int) -> int:
        return Client().post(reverse("web:sign_in"),
                             form_data("email", email="someone.new@example.org"),
                             REMOTE_ADDR=f"10.2.0.{i}").status_code

    codes = race([lambda i=i: ask(i) for i in range(5)])
    assert codes == [302] * 5
    assert Person.objects.filter(email="someone.new@example.org").count() == 1
