"""Setting a password and making an API token need a recent sign-in (docs/adr/0032).

A session notes when it signed in. More than 15 minutes later, the account page asks the
person to check it is them (a new emailed link that comes back here, or their password) in
place of those two forms, and a POST of either is refused in the error summary with nothing
changed. Stopping a token and changing your name need no recent sign-in.
"""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from sharedspace.governance import actions
from sharedspace.governance.models import ApiToken
from sharedspace.signin import sign_in_url
from sharedspace.web import easyread
from sharedspace.web.views.auth import SIGNED_IN_AT

from .conftest import errors_in, form_data

ACCOUNT = "/account/"
CHECK = "To keep your account safe, we need to check it is you. We will email you a new " \
        "sign-in link."
REFUSED_PASSWORD = "We need to check it is you before you set a password. Nothing was changed."
REFUSED_TOKEN = "We need to check it is you before you make a token. Nothing was changed."
PASSWORD = "paper kettle orbit lantern"


def _later(minutes: float, seconds: float = 0, *, start: dt.datetime | None = None):
    """The clock moved on by that long (from now, or ``start``), for everything that reads
    ``timezone.now``."""
    return mock.patch("django.utils.timezone.now",
                      return_value=(start or dt.datetime.now(dt.UTC))
                      + dt.timedelta(minutes=minutes, seconds=seconds))


def _press_link(client: Client, link: str) -> str:
    """Open a sign-in link and press its button, as a person does; where it went."""
    opened = client.get(link)
    assert opened.status_code == 302
    page = client.get(opened["Location"])
    assert page.status_code == 200
    form = re.search(r'<form[^>]*action="/sign-in/link/".*?</form>', page.content.decode(), re.S)
    assert form, "the page has its Sign in button"
    nxt = re.search(r'name="next" value="([^"]*)"', form.group(0))
    data = form_data("link")
    if nxt:
        data["next"] = nxt.group(1)
    pressed = client.post(reverse("web:sign_in_link"), data)
    assert pressed.status_code == 302
    return str(pressed["Location"])


def _signed_in_by_link(person) -> Client:
    person.refresh_from_db()  # a link is made for the person's last sign-in as it is now
    client = Client()
    _press_link(client, sign_in_url(person, base_url="http://testserver"))
    return client


def _set_password(client: Client, password: str = PASSWORD):
    return client.post(ACCOUNT, form_data("password", password=password))


def _make_token(client: Client, name: str = "spreadsheet"):
    return client.post(ACCOUNT, form_data("token", name=name))


def _raw_token(response) -> str:
    found = re.search(r"(ss_[A-Za-z0-9_\-]+)", response.content.decode())
    assert found, "the new token is shown"
    return found.group(1)


def _api_me(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def _forms_on(html: str) -> set[str]:
    return set(re.findall(r'<input type="hidden" name="form" value="([^"]*)">', html))


# --- a recent sign-in ---------------------------------------------------------------------


def test_a_fresh_sign_in_may_set_a_password_and_make_a_token(cast):
    """Just signed in by link: the page offers both forms, and both work; the token works
    for the API."""
    client = _signed_in_by_link(cast.carol)
    html = client.get(ACCOUNT).content.decode()
    assert {"name", "password", "token"} <= _forms_on(html)
    assert CHECK not in html and 'id="check"' not in html
    assert _set_password(client).status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.check_password(PASSWORD)
    made = _make_token(client)
    assert made.status_code == 201
    assert _api_me(_raw_token(made)) == 200


def test_a_password_sign_in_is_noted_too(cast):
    """Signing in with a password notes the time in the session as a link does."""
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = Client()
    client.post(reverse("web:sign_in_password"),
                form_data("password", email="carol@example.org", password=PASSWORD))
    assert isinstance(client.session[SIGNED_IN_AT], float)
    assert _make_token(client).status_code == 201


def test_just_under_the_limit_is_still_recent(cast, settings):
    """The limit is a setting (15 minutes): 14 minutes 59 seconds on is recent, 15 is not."""
    assert settings.RECENT_SIGN_IN_MINUTES == 15
    start = dt.datetime.now(dt.UTC)
    with _later(0, start=start):  # the clock stands still while signing in
        client = _signed_in_by_link(cast.carol)
    with _later(14, 59, start=start):
        assert _make_token(client).status_code == 201
    with _later(15, start=start):
        assert _make_token(client).status_code == 403
    settings.RECENT_SIGN_IN_MINUTES = 30
    with _later(15, start=start):
        assert _make_token(client).status_code == 201


# --- an old sign-in -----------------------------------------------------------------------


def test_after_15_minutes_both_are_refused_and_nothing_changes(cast):
    """16 minutes on, the page shows "check it is you" in the forms' place; a POST of either
    form (a page left open, or made by hand) is refused in the error summary, linked to
    that place, with the site's page and status 403; no password, no token."""
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        page = client.get(ACCOUNT)
        html = page.content.decode()
        assert page.status_code == 200
        assert CHECK in html and 'id="check"' in html
        assert "password" not in _forms_on(html) and "token" not in _forms_on(html)
        assert {"name", "check_email"} <= _forms_on(html)
        assert "check_password" not in _forms_on(html)  # Carol has no password to type
        assert "To set or change your password, first" in html
        assert "To make a new token, first" in html

        refused = _set_password(client)
        assert refused.status_code == 403
        assert errors_in(refused.content.decode()) == [REFUSED_PASSWORD]
        assert 'href="#check"' in refused.content.decode()
        assert CHECK in refused.content.decode()

        refused = _make_token(client)
        assert refused.status_code == 403
        assert errors_in(refused.content.decode()) == [REFUSED_TOKEN]
        assert not re.search(r"ss_[A-Za-z0-9_\-]{20,}", refused.content.decode())
    cast.carol.refresh_from_db()
    assert not cast.carol.has_usable_password()
    assert not ApiToken.objects.filter(person=cast.carol).exists()


def test_a_changed_password_is_refused_too(cast):
    """Someone who has a password cannot change it on an old sign-in; the old one still
    works and the new one does not."""
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = _signed_in_by_link(cast.carol)
    with _later(20):
        assert _set_password(client, "violet harbour pencil drum").status_code == 403
    cast.carol.refresh_from_db()
    assert cast.carol.check_password(PASSWORD)


def test_signing_in_elsewhere_does_not_make_an_old_session_recent(cast):
    """The case this is for: a computer left signed in. Its person signing in again on
    their phone later does not let the computer set a password."""
    left = _signed_in_by_link(cast.carol)
    with _later(30):
        _signed_in_by_link(cast.carol)  # on the phone, 30 minutes on
        assert _set_password(left).status_code == 403
        assert _make_token(left).status_code == 403
    cast.carol.refresh_from_db()
    assert not cast.carol.has_usable_password()


def test_a_session_with_no_note_is_not_recent(cast):
    """A session signed in before the note was kept (here: the test client's
    ``force_login``, which calls Django's login itself) is asked to check, even just after
    its person signed in (ADR 32)."""
    client = Client()
    client.force_login(cast.carol)
    assert SIGNED_IN_AT not in client.session
    assert _make_token(client, "now").status_code == 403
    assert not ApiToken.objects.filter(person=cast.carol).exists()


def test_stopping_a_token_and_changing_the_name_still_work(cast):
    """Stopping a token only takes a way in away, and a name gives none: neither needs a
    recent sign-in."""
    token, raw = actions.token_create(actor=cast.carol, name="old script")
    client = _signed_in_by_link(cast.carol)
    with _later(60):
        html = client.get(ACCOUNT).content.decode()
        assert "revoke" in _forms_on(html) and "old script" in html
        stopped = client.post(ACCOUNT, form_data("revoke", id=token.pk))
        assert stopped.status_code == 302
        renamed = client.post(ACCOUNT, form_data("name", name="Carol Evans"))
        assert renamed.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api_me(raw) == 401
    cast.carol.refresh_from_db()
    assert cast.carol.name == "Carol Evans"


# --- checking it is you -------------------------------------------------------------------


def test_the_new_link_comes_back_to_the_account_page_and_allows_the_change(cast):
    """"Email me a sign-in link" sends the sign-in email, whose link comes back to the
    account page; after it, the password and a token can be set and made, and the token
    works for the API."""
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        sent = client.post(ACCOUNT, form_data("check_email"))
        assert sent.status_code == 302 and sent["Location"] == ACCOUNT
        assert "We emailed you a new sign-in link." in client.get(ACCOUNT).content.decode()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["carol@example.org"]
        assert mail.outbox[0].subject == "Your sign-in link for Shared Space"
        found = re.search(r"http://testserver/sign-in/link/\?sesame=\S+", mail.outbox[0].body)
        assert found and found.group(0).endswith("&next=%2Faccount%2F")
        assert _press_link(client, found.group(0)) == ACCOUNT

        html = client.get(ACCOUNT).content.decode()
        assert {"password", "token"} <= _forms_on(html) and CHECK not in html
        assert _set_password(client).status_code == 302
        made = _make_token(client)
        assert made.status_code == 201
        raw = _raw_token(made)
    cast.carol.refresh_from_db()
    assert cast.carol.check_password(PASSWORD)
    assert _api_me(raw) == 200


def test_a_newcomer_is_asked_their_name_then_comes_back(cast):
    """Someone whose name was only made from their email goes by the name page first, then
    on to the account page, as any sign-in does."""
    newcomer = actions.person_for_email("jo.bloggs@example.org")
    client = _signed_in_by_link(newcomer)  # to the name page; they do not answer it
    with _later(16):
        client.post(ACCOUNT, form_data("check_email"))
        link = re.search(r"http://testserver/\S+", mail.outbox[-1].body).group(0)
        went = _press_link(client, link)
    assert went == reverse("web:account_name") + "?next=%2Faccount%2F"


def test_the_new_link_keeps_to_the_sign_in_limits(cast):
    """The button counts as a request for a sign-in link: after five for that email in 15
    minutes (here from the sign-in page), it is refused in the error summary; no email."""
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        for _ in range(5):
            Client().post(reverse("web:sign_in"), form_data("email", email="carol@example.org"))
        sent_before = len(mail.outbox)
        refused = client.post(ACCOUNT, form_data("check_email"))
        assert refused.status_code == 429
        assert errors_in(refused.content.decode()) == [
            "Too many tries. Wait 15 minutes, then try again."]
        assert len(mail.outbox) == sent_before


def test_someone_with_a_password_may_type_it_instead(cast):
    """A wrong password is refused on its field; the right one makes the sign-in recent."""
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        html = client.get(ACCOUNT).content.decode()
        assert "check_password" in _forms_on(html) and 'id="id_check_password-password"' in html
        wrong = client.post(ACCOUNT, form_data("check_password", password="not my password"))
        assert wrong.status_code == 422
        assert errors_in(wrong.content.decode()) == [
            "That is not your password. Try again, or ask for a sign-in link by email."]
        assert 'href="#id_check_password-password"' in wrong.content.decode()
        assert _make_token(client).status_code == 403

        right = client.post(ACCOUNT, form_data("check_password", password=PASSWORD))
        assert right.status_code == 302 and right["Location"] == ACCOUNT
        assert _make_token(client).status_code == 201
        assert _set_password(client, "violet harbour pencil drum").status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.check_password("violet harbour pencil drum")


def test_typing_the_password_keeps_to_the_password_limits(cast):
    """Tries here count with those on the password sign-in page: five wrong ones there, and
    even the right password here waits 15 minutes."""
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        for _ in range(5):
            Client().post(reverse("web:sign_in_password"),
                          form_data("password", email="carol@example.org", password="guess"))
        refused = client.post(ACCOUNT, form_data("check_password", password=PASSWORD))
        assert refused.status_code == 429
        assert errors_in(refused.content.decode()) == [
            "Too many tries. Wait 15 minutes, then try again."]
        assert _make_token(client).status_code == 403


def test_an_empty_password_is_asked_for(cast):
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = _signed_in_by_link(cast.carol)
    with _later(16):
        response = client.post(ACCOUNT, form_data("check_password", password=""))
    assert response.status_code == 200
    assert errors_in(response.content.decode()) == ["Enter your password"]


# --- easy read and Welsh ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_check_in_easy_read_is_short_sentences(language, cast):
    """With easy read on, the check has its easy-read block: one sentence of at most 15
    words each, naming the buttons by their words."""
    cast.carol.set_password(PASSWORD)
    cast.carol.save()
    client = _signed_in_by_link(cast.carol)
    client.cookies["easy_read"] = "1"
    client.cookies["django_language"] = language
    with _later(16):
        html = client.get(ACCOUNT).content.decode()
    section = html[html.index('id="check"'):html.index('name="form" value="check_email"')]
    lines = re.findall(r'<p class="govuk-body-l">(.*?)</p>', section, re.S)
    assert len(lines) == 6
    for line in lines:
        words = line.split()
        assert len(words) <= easyread.MAX_WORDS, line
        assert len(re.findall(r"[.!?](?=\s|$)", line)) == 1 and line.endswith("."), line
    with translation.override(language):
        send = translation.gettext("Email me a sign-in link")
        check = translation.gettext("Check my password")
    assert f"“{send}”" in section and f"“{check}”" in section


def test_the_page_is_in_welsh_on_a_welsh_page(cast):
    """The check and the refusal come through the catalogue: on a Welsh page they are what
    it says for them (the English until the Welsh is added)."""
    client = _signed_in_by_link(cast.carol)
    client.cookies["django_language"] = "cy"
    with _later(16):
        html = _make_token(client).content.decode()
    with translation.override("cy"):
        refused = translation.gettext(REFUSED_TOKEN)
        check = translation.gettext(CHECK)
    assert errors_in(html) == [refused]
    assert check in html
    assert 'lang="cy"' in html


def test_the_note_is_the_time_of_signing_in(cast):
    """What the session keeps: seconds since 1970, as the clock said at sign-in."""
    client = _signed_in_by_link(cast.carol)
    noted = client.session[SIGNED_IN_AT]
    assert abs(noted - timezone.now().timestamp()) < 60
