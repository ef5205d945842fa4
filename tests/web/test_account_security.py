"""A new password must not be easy to guess (in plain words, in both languages); pages for
someone signed in are kept out of caches; the language cookie is like the others."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .conftest import errors_in, form_data


def _set_password(client: Client, password: str):
    return client.post(reverse("web:account"), form_data("password", password=password))


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password1234", "This password is too easy to guess. Choose a different one"),
        ("Qwertyuiop12", "This password is too easy to guess. Choose a different one"),
        ("123456789012345", "Use letters too, not only numbers"),
        ("carol@example.org",
         "This password is too like your name or email address. Choose a different one"),
        ("short one", "Use at least 12 characters"),
        ("aaaaaaaaaaaa", "This password is too easy to guess: it repeats itself or follows "
                         "the keyboard"),
        ("qwertyuiopas", "This password is too easy to guess: it repeats itself or follows "
                         "the keyboard"),
        ("LKJHGFDSAPOIU", "This password is too easy to guess: it repeats itself or follows "
                          "the keyboard"),
        ("abababababab", "This password is too easy to guess: it repeats itself or follows "
                         "the keyboard"),
    ],
)
def test_an_easy_password_is_refused_in_plain_words(cast, signed_in, password, message):
    """Django's checks refuse a common, all-number or name-like password; the page says so in
    its own words, on the field and in the error summary, and nothing is saved."""
    c = signed_in(cast.carol)
    response = _set_password(c, password)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in errors_in(html)
    assert 'href="#id_password-password"' in html
    cast.carol.refresh_from_db()
    assert not cast.carol.has_usable_password()


def test_a_name_like_password_is_refused(cast, signed_in):
    """The check compares with the person's own name as well as their email."""
    from sharedspace.governance import actions

    actions.person_rename(actor=cast.carol, person_id=cast.carol.pk, name="Carolina Fitzgerald")
    response = _set_password(signed_in(cast.carol), "CarolinaFitzgerald")
    assert errors_in(response.content.decode()) == [
        "This password is too like your name or email address. Choose a different one"
    ]


def test_a_good_password_is_accepted(cast, signed_in):
    response = _set_password(signed_in(cast.carol), "paper kettle orbit lantern")
    assert response.status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.check_password("paper kettle orbit lantern")


def test_the_refusal_is_in_welsh_on_a_welsh_page(cast, signed_in):
    """On a Welsh page the refusal is the catalogue's Welsh for our own words; Django's
    English (which has no Welsh) never shows."""
    c = signed_in(cast.carol)
    c.cookies["django_language"] = "cy"
    html = _set_password(c, "password1234").content.decode()
    with translation.override("cy"):
        welsh = translation.gettext("This password is too easy to guess. Choose a different one")
    assert errors_in(html) == [welsh]
    assert "too common" not in html


def test_pages_for_someone_signed_in_are_not_cached(cast, shared, signed_in, client):
    """Every page drawn for a signed-in person says ``private, no-store``: no proxy keeps it,
    and after signing out at a shared computer "Back" cannot bring it from the disk.
    Pages for visitors are left alone."""
    c = signed_in(cast.carol)
    for url in [reverse("web:dashboard"), reverse("web:account"), reverse("web:home"),
                reverse("web:space", args=[shared.pk])]:
        response = c.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
    assert "no-store" not in client.get(reverse("web:home")).get("Cache-Control", "")


def test_the_language_cookie_is_not_for_scripts_or_other_sites(db, client):
    response = client.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "cy"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_marking_pages_private_reads_no_session(cast, signed_in):
    """The header is decided from the session cookie alone: a response that never needed the
    person (the API's description here) reads no session and no person for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(cast.carol)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}
    assert len(queries) == 0, [q["sql"] for q in queries]
