"""Signing in by a one-time email link, by password, and signing out; API tokens."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from sesame.utils import get_query_string

from sharedspace.governance.models import ApiToken

from .conftest import errors_in, form_data


def _ask_link(client: Client, email: str, **extra):
    return client.post(reverse("web:sign_in"), form_data("email", email=email), **extra)


def _link_from_outbox() -> str:
    found = re.search(r"http://testserver/sign-in/link/\?sesame=\S+", str(mail.outbox[-1].body))
    assert found, "the email holds a sign-in link"
    return found.group(0)


def test_a_sign_in_link_is_emailed_and_signs_in_once(cast, client):
    """The email form sends a link; opening it shows a button; pressing it signs in and goes
    to the dashboard. The same link does not work a second time."""
    response = _ask_link(client, "Carol@Example.org")
    assert response.status_code == 302 and response["Location"] == reverse("web:sign_in_sent")
    assert mail.outbox[-1].to == ["carol@example.org"]
    link = _link_from_outbox()
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "Sign in as Carol" in page.content.decode()
    token = link.split("sesame=")[1]
    # The button posts no token: the one kept from opening the link is used.
    signed = client.post(reverse("web:sign_in_link"), {"form": "link"})
    assert signed.status_code == 302 and signed["Location"] == reverse("web:dashboard")
    assert client.get(reverse("web:dashboard")).status_code == 200
    other = Client()
    again = other.post(reverse("web:sign_in_link"), {"form": "link", "sesame": token})
    assert again.status_code == 400
    assert "does not work" in errors_in(again.content.decode())[0]
    assert other.get(reverse("web:dashboard")).status_code == 302


def test_opening_a_link_does_not_use_it_up(cast, client):
    """Mail scanners open links: a GET shows the button and leaves the link working."""
    token = get_query_string(cast.sam).split("=", 1)[1]
    url = reverse("web:sign_in_link") + "?sesame=" + token
    scanner = Client()
    assert scanner.get(url, follow=True).status_code == 200
    assert scanner.get(url, follow=True).status_code == 200
    assert Client().get(url).status_code == 302  # without cookies, nothing is shown or used
    assert client.get(url, follow=True).status_code == 200
    signed = client.post(reverse("web:sign_in_link"), {"form": "link"})
    assert signed.status_code == 302


def test_opening_a_link_takes_the_token_out_of_the_address(cast, client):
    """The token is kept in the session and the browser goes on to the page without it, so
    it is not left in the address bar, the history, or the Referer of what the page loads.
    The page does not repeat it, and no cache keeps the page."""
    token = get_query_string(cast.sam).split("=", 1)[1]
    opened = client.get(reverse("web:sign_in_link") + "?sesame=" + token)
    assert opened.status_code == 302
    assert opened["Location"] == reverse("web:sign_in_link")
    assert "no-store" in opened["Cache-Control"]
    page = client.get(opened["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Sign in as Sam" in html
    assert token not in html
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]


def test_a_used_or_old_link_opened_again_shows_the_plain_page(cast, client):
    """Opening a link that no longer works ends on the same plain-words page as before (400),
    and pressing the button there signs nobody in."""
    token = get_query_string(cast.sam).split("=", 1)[1]
    url = reverse("web:sign_in_link") + "?sesame=" + token
    later = time.time() + 16 * 60
    with mock.patch("time.time", return_value=later):
        page = client.get(url, follow=True)
    assert page.status_code == 400
    assert errors_in(page.content.decode()) == [
        "This sign-in link does not work. It may be used already, or more than 15 minutes old."
    ]
    assert client.get(url, follow=True).status_code == 200  # still fresh now: it works
    assert client.post(reverse("web:sign_in_link"), {"form": "link"}).status_code == 302
    again = Client()
    page = again.get(url, follow=True)
    assert page.status_code == 400 and "This link does not work" in page.content.decode()
    refused = again.post(reverse("web:sign_in_link"), {"form": "link"})
    assert refused.status_code == 400
    assert again.get(reverse("web:dashboard")).status_code == 302


def test_a_page_with_no_link_opened_is_the_plain_page(db, client):
    """The page without a link kept in the session: the same plain words, status 400."""
    page = client.get(reverse("web:sign_in_link"))
    assert page.status_code == 400
    assert "does not work" in errors_in(page.content.decode())[0]
    assert client.post(reverse("web:sign_in_link"), {"form": "link"}).status_code == 400


def test_two_presses_of_one_link_sign_in_once(cast):
    """Two presses of the same link that overlap: the second arrives after the first has
    checked the token but before it signs in. Only one of them signs in."""
    from sharedspace.web.views import auth

    url = reverse("web:sign_in_link") + get_query_string(cast.carol)
    first, second = Client(), Client()
    first.get(url)
    second.get(url)
    real_get_user = auth.get_user
    answers: dict[str, int] = {}

    def second_press_arrives(token, **kwargs):
        person = real_get_user(token, **kwargs)
        if "second" not in answers:
            answers["second"] = 0
            with mock.patch.object(auth, "get_user", real_get_user):
                answers["second"] = second.post(url.split("?")[0], {"form": "link"}).status_code
        return person

    with mock.patch.object(auth, "get_user", second_press_arrives):
        answers["first"] = first.post(url.split("?")[0], {"form": "link"}).status_code
    assert answers == {"second": 302, "first": 400}
    assert second.get(reverse("web:dashboard")).status_code == 200
    assert first.get(reverse("web:dashboard")).status_code == 302


def test_a_link_older_than_15_minutes_does_not_work(cast, client):
    """Links are short-lived: after 15 minutes the page says so, in the error summary."""
    token = get_query_string(cast.sam).split("=", 1)[1]
    later = time.time() + 16 * 60
    with mock.patch("time.time", return_value=later):
        response = client.post(reverse("web:sign_in_link"), {"form": "link", "sesame": token})
    assert response.status_code == 400
    assert errors_in(response.content.decode())


def test_unknown_addresses_get_the_same_answer(db, client):
    """Whether or not an address has an account, the answer is the same page."""
    response = _ask_link(client, "nobody@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("web:sign_in_sent")


def test_a_bad_address_is_shown_in_the_error_summary(db, client):
    """Form errors appear in the error summary, linked to the field."""
    response = _ask_link(client, "not an email")
    html = response.content.decode()
    assert response.status_code == 200
    assert errors_in(html) == ["Enter an email address in the right form, like name@example.org"]
    assert 'href="#id_email-email"' in html
    assert "<title>Error:" in html


def test_sign_in_links_are_rate_limited_by_email(cast, client):
    """Five links per address in 15 minutes; the sixth is refused in plain words."""
    for _ in range(5):
        assert _ask_link(client, "carol@example.org").status_code == 302
    response = _ask_link(client, "carol@example.org")
    assert response.status_code == 429
    assert errors_in(response.content.decode()) == [
        "Too many tries. Wait 15 minutes, then try again."
    ]
    assert len(mail.outbox) == 5


def test_sign_in_links_are_rate_limited_by_address(cast, client):
    """Five links per network address in 15 minutes, whatever the emails."""
    for i in range(5):
        response = _ask_link(client, f"person{i}@example.org", REMOTE_ADDR="10.0.0.9")
        assert response.status_code == 302
    assert _ask_link(client, "carol@example.org", REMOTE_ADDR="10.0.0.9").status_code == 429
    assert _ask_link(client, "carol@example.org", REMOTE_ADDR="10.0.0.10").status_code == 302


def test_one_address_cannot_use_up_other_peoples_tries(cast, client):
    """Tries refused for their address do not count against the emails they name: once
    an address has used its own tries, asking for Carol's links from it does not lock
    Carol out (before, each refused try still used up one of hers)."""
    for i in range(5):
        _ask_link(client, f"person{i}@example.org", REMOTE_ADDR="10.6.6.6")
        client.post(reverse("web:sign_in_password"), form_data(
            "password", email=f"person{i}@example.org", password="wrong guess 1"),
            REMOTE_ADDR="10.6.6.6")
    for _ in range(10):
        assert _ask_link(client, "carol@example.org", REMOTE_ADDR="10.6.6.6").status_code == 429
        assert client.post(reverse("web:sign_in_password"), form_data(
            "password", email="carol@example.org", password="wrong guess 1"),
            REMOTE_ADDR="10.6.6.6").status_code == 429
    assert _ask_link(client, "carol@example.org", REMOTE_ADDR="10.0.0.10").status_code == 302
    cast.carol.set_password("a long and varied password 7")
    cast.carol.save()
    signed = client.post(reverse("web:sign_in_password"), form_data(
        "password", email="carol@example.org", password="a long and varied password 7"),
        REMOTE_ADDR="10.0.0.11")
    assert signed.status_code == 302


def test_without_a_mail_server_the_page_says_where_the_email_is(db, client, settings):
    """In development the email is printed where the server runs: the page says so, and
    says nothing of it where real email is sent."""
    note = "The email is printed in the window where the server is running."
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert note in client.get(reverse("web:sign_in_sent")).content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert note not in client.get(reverse("web:sign_in_sent")).content.decode()


def test_password_is_optional_and_works_once_set(cast, signed_in):
    """A person sets a password on the account page, then signs in with it; a wrong one
    is refused in the error summary."""
    c = signed_in(cast.carol)
    response = c.post(reverse("web:account"),
                      form_data("password", password="correct horse battery"))
    assert response.status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.password.startswith("argon2")
    fresh = Client()
    wrong = fresh.post(reverse("web:sign_in_password"),
                       form_data("password", email="carol@example.org", password="nope nope"))
    assert wrong.status_code == 422
    assert "do not match" in errors_in(wrong.content.decode())[0]
    right = fresh.post(reverse("web:sign_in_password"),
                       form_data("password", email="carol@example.org",
                                 password="correct horse battery"))
    assert right.status_code == 302 and right["Location"] == reverse("web:dashboard")


def test_sign_out_is_a_post(cast, signed_in):
    """Signing out needs a POST (a link cannot sign anyone out), then the dashboard asks to
    sign in."""
    c = signed_in(cast.carol)
    assert c.get(reverse("web:sign_out")).status_code == 405
    assert c.post(reverse("web:sign_out")).status_code == 302
    response = c.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in") + "?next=")


def test_api_tokens_are_shown_once_and_can_be_stopped(cast, signed_in):
    """Making a token shows it once; it works for the API; stopping it ends that."""
    c = signed_in(cast.carol)
    response = c.post(reverse("web:account"), form_data("token", name="spreadsheet"))
    html = response.content.decode()
    raw = re.search(r"(ss_[A-Za-z0-9_\-]+)", html).group(1)
    assert "no-store" in response["Cache-Control"]
    assert raw not in c.get(reverse("web:account")).content.decode()
    token = ApiToken.objects.get(person=cast.carol)
    api = Client()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    stopped = c.post(reverse("web:account"), {"form": "revoke", "revoke-id": token.pk})
    assert stopped.status_code == 302
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_someone_elses_token_cannot_be_stopped(cast, signed_in):
    """Stopping a token that is not yours is refused without revealing it exists."""
    from sharedspace.governance import actions

    token, _raw = actions.token_create(actor=cast.sam)
    response = signed_in(cast.carol).post(reverse("web:account"),
                                          {"form": "revoke", "revoke-id": token.pk})
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_link_brings_you_back_to_where_you_were(cast, client):
    """Asked to sign in on the way to a page, the link returns you there afterwards."""
    client.post(reverse("web:sign_in") + "?next=/account/%3Ftab%3D1",
                form_data("email", email="carol@example.org"))
    link = _link_from_outbox()
    assert "&next=%2Faccount%2F%3Ftab%3D1" in link
    opened = client.get(link)
    assert opened["Location"] == reverse("web:sign_in_link") + "?next=%2Faccount%2F%3Ftab%3D1"
    page = client.get(opened["Location"]).content.decode()
    assert 'name="next" value="/account/?tab=1"' in page
    response = client.post(reverse("web:sign_in_link"),
                           {"form": "link", "next": "/account/?tab=1"})
    assert response["Location"] == "/account/?tab=1"


def test_links_use_the_configured_address(cast, client, monkeypatch):
    """Behind a proxy, SHAREDSPACE_BASE_URL says where people reach the service."""
    monkeypatch.setenv("SHAREDSPACE_BASE_URL", "https://space.example.org")
    client.post(reverse("web:sign_in"), form_data("email", email="carol@example.org"))
    assert "https://space.example.org/sign-in/link/?sesame=" in mail.outbox[-1].body


def test_the_links_the_cli_prints_land_on_this_page(cast, client):
    """``sharedspace demo`` prints links made by ``sharedspace.signin``: they open here."""
    from sharedspace.signin import SIGN_IN_PATH, sign_in_url

    assert reverse("web:sign_in_link") == SIGN_IN_PATH
    url = sign_in_url(cast.sam, base_url="http://testserver")
    assert "Sign in as Sam" in client.get(url, follow=True).content.decode()
    assert client.post(reverse("web:sign_in_link"), {"form": "link"}).status_code == 302


# --- the address behind proxies (SHAREDSPACE_TRUSTED_PROXIES) --------------------------------


def _address(settings, proxies: int, remote: str, forwarded: str | None) -> str:
    from django.test import RequestFactory

    from sharedspace.web.views.auth import _client_address

    settings.SHAREDSPACE_TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/sign-in/")
    request.META.update(meta)
    return _client_address(request)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no proxies: the header is never read
        (0, None, "10.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a made-up address on the left: ignored
        (1, " 203.0.113.5 ,", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: not trusted
        (1, None, "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_counts_proxies_from_the_right(settings, proxies, forwarded,
                                                          expected):
    """With n trusted proxies the address is the n-th from the right of X-Forwarded-For (the
    one the outermost proxy heard from); with 0, or too few addresses, it is REMOTE_ADDR."""
    assert _address(settings, proxies, "10.0.0.1", forwarded) == expected


def test_behind_a_proxy_each_person_has_their_own_limit(cast, client, settings):
    """Behind one proxy, every request comes from the proxy's address: the limit counts the
    forwarded address instead, so one person's five tries do not lock out the next person,
    and changing the made-up part of the header does not give more tries."""
    settings.SHAREDSPACE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for i in range(5):
        response = _ask_link(client, f"p{i}@example.org", **proxy,
                             HTTP_X_FORWARDED_FOR=f"{i}.{i}.{i}.{i}, 198.51.100.7")
        assert response.status_code == 302
    assert _ask_link(client, "q@example.org", **proxy,
                     HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7").status_code == 429
    assert _ask_link(client, "q@example.org", **proxy,
                     HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_without_trusted_proxies_the_header_gives_no_extra_tries(cast, client, settings):
    """With the setting at 0, X-Forwarded-For is ignored: a client cannot escape the limit by
    writing a new address in it each time."""
    settings.SHAREDSPACE_TRUSTED_PROXIES = 0
    for i in range(5):
        response = _ask_link(client, f"p{i}@example.org", REMOTE_ADDR="10.0.0.9",
                             HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        assert response.status_code == 302
    assert _ask_link(client, "q@example.org", REMOTE_ADDR="10.0.0.9",
                     HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_tokens_without_a_name_can_be_told_apart(cast, signed_in):
    """Two tokens made with no name are not two identical rows with two identical "Stop"
    buttons: each says when it was made, and the button names it for a screen reader."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from sharedspace.governance import actions

    first, _raw = actions.token_create(actor=cast.carol)
    second, _raw = actions.token_create(actor=cast.carol)
    actions.token_create(actor=cast.carol, name="spreadsheet")
    html = signed_in(cast.carol).get(reverse("web:account")).content.decode()
    when = date_format(timezone.localtime(first.created_at), "j M Y, H:i")
    if date_format(timezone.localtime(second.created_at), "j M Y, H:i") == when:
        labels = [f"No name, made {when} (1 of 2)", f"No name, made {when} (2 of 2)"]
    else:  # the minute turned between the two
        labels = [f"No name, made {when}", "No name, made "
                  + date_format(timezone.localtime(second.created_at), "j M Y, H:i")]
    for label in labels:
        assert html.count(label) == 2, label  # in its row, and in its button's hidden text
    assert ">spreadsheet<" in html  # a named token keeps its name
