"""The sign-in rate limit: a fixed 15-minute window from the first try, counted in the
database, and network addresses counted by household (an IPv6 address by its /64)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sharedspace.web import ratelimit
from sharedspace.web.models import RateLimitCount
from sharedspace.web.views.auth import _client_address

from .conftest import errors_in, form_data

START = datetime(2026, 3, 2, 9, 0, 7, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def test_the_window_lasts_the_full_15_minutes_from_the_first_try(db):
    """Five tries, then none until 15 minutes after the first, however long one waits
    before trying again (the old cache counter was gone 5 minutes after the last try)."""
    assert all(ratelimit.hit("t", "x", now=at(0)) for _ in range(5))
    assert not ratelimit.hit("t", "x", now=at(0))
    assert not ratelimit.hit("t", "x", now=at(5.1))
    assert not ratelimit.hit("t", "x", now=at(14.99))
    # 15 minutes after the first try a new window begins, with five tries of its own.
    assert all(ratelimit.hit("t", "x", now=at(15)) for _ in range(5))
    assert not ratelimit.hit("t", "x", now=at(29.9))
    assert ratelimit.hit("t", "x", now=at(30))


def test_tries_spread_over_the_window_count_together(db):
    """One try every two and a half minutes: the sixth, at 12.5 minutes, is refused; the
    refused try does not make the window longer, so the seventh, at 15, begins a new one."""
    assert [ratelimit.hit("t", "spread", now=at(2.5 * i)) for i in range(7)] == [
        True, True, True, True, True, False, True,
    ]


def test_each_kind_and_value_counts_apart(db):
    """Emails, addresses and kinds of try each have their own count."""
    for _ in range(5):
        assert ratelimit.hit("password-email", "a@example.org", now=at(0))
    assert not ratelimit.hit("password-email", "a@example.org", now=at(1))
    assert ratelimit.hit("password-email", "b@example.org", now=at(1))
    assert ratelimit.hit("sign-in-email", "a@example.org", now=at(1))


def test_the_table_keeps_no_email_or_address(db):
    """The counters are keyed by a hash: the table holds no email or address."""
    ratelimit.hit("sign-in-email", "carol@example.org", now=at(0))
    ratelimit.hit("sign-in-address", "203.0.113.5", now=at(0))
    keys = list(RateLimitCount.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("carol" in key or "203.0.113" in key for key in keys)


def test_counters_of_windows_that_ended_are_forgotten(db):
    """When a new window begins, counters whose window is over are deleted."""
    for i in range(3):
        ratelimit.hit("t", f"old{i}", now=at(0))
    ratelimit.hit("t", "recent", now=at(10))
    assert RateLimitCount.objects.count() == 4
    ratelimit.hit("t", "new", now=at(16))
    assert sorted(RateLimitCount.objects.values_list("count", flat=True)) == [1, 1]
    assert RateLimitCount.objects.filter(ends_at__gt=at(16)).count() == 2


def _guess(client, minute: float, address: str):
    clock = SimpleNamespace(now=lambda: at(minute))
    with mock.patch.object(ratelimit, "timezone", clock):
        return client.post(reverse("web:sign_in_password"),
                           form_data("password", email="carol@example.org",
                                     password="wrong-password-123"),
                           REMOTE_ADDR=address)


def test_five_password_guesses_per_email_in_15_minutes(cast, client):
    """Through the sign-in page, from a new address each time: five guesses for one email in
    15 minutes, whatever the pauses between them; the page's "Wait 15 minutes" is then true."""
    answers = [_guess(client, minute, f"10.0.0.{i}")
               for i, minute in enumerate([0, 0, 5.1, 5.1, 10.2, 10.2, 14.9])]
    assert [r.status_code for r in answers] == [422] * 5 + [429, 429]
    assert errors_in(answers[-1].content.decode()) == [
        "Too many tries. Wait 15 minutes, then try again."
    ]
    assert _guess(client, 15, "10.0.1.1").status_code == 422


# --- addresses: IPv6 by its /64 ---------------------------------------------------------------


def _address(settings, remote: str, forwarded: str | None = None, proxies: int = 0) -> str:
    settings.SHAREDSPACE_TRUSTED_PROXIES = proxies
    request = RequestFactory().post("/sign-in/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return _client_address(request)


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", None, 0, "2001:db8:1:3::/64"),
        ("::ffff:192.0.2.7", None, 0, "192.0.2.7"),  # IPv4 written as IPv6: on its own
        ("192.0.2.7", None, 0, "192.0.2.7"),
        ("::1", None, 0, "::/64"),
        ("10.0.0.1", "2001:db8:9:9:1:2:3:4", 1, "2001:db8:9:9::/64"),
        ("10.0.0.1", "6.6.6.6, [2001:db8:9:9::5]", 1, "2001:db8:9:9::/64"),
        ("2001:db8:1:2::1", "2001:db8:9:9::5", 0, "2001:db8:1:2::/64"),  # header not read
        ("", None, 0, "unknown"),
        ("not an address", None, 0, "not an address"),
    ],
)
def test_an_ipv6_address_counts_by_its_64(settings, remote, forwarded, proxies, expected):
    """One /64 is usually one household or server: its 2^64 addresses share one count.
    Behind trusted proxies the forwarded address is bucketed the same way."""
    assert _address(settings, remote, forwarded, proxies) == expected


def test_new_addresses_in_one_64_give_no_extra_tries(cast, client):
    """Five sign-in links from one /64, each from a new address in it: the sixth is refused;
    another /64 still gets its own five."""
    def ask(address: str, email: str):
        return client.post(reverse("web:sign_in"), form_data("email", email=email),
                           REMOTE_ADDR=address)

    for i in range(5):
        assert ask(f"2001:db8:0:1::{i + 1:x}", f"p{i}@example.org").status_code == 302
    assert ask("2001:db8:0:1:ffff::99", "q@example.org").status_code == 429
    assert ask("2001:db8:0:2::1", "q@example.org").status_code == 302
