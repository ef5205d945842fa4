"""Signing in: API tokens, and browser sessions with CSRF protection."""

from __future__ import annotations

from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from sharedspace.governance import actions

from .conftest import assert_error, ledger_size, nothing_written

PARTY = {"name": "New group", "kind": "people", "decision_rule": "speaker"}


def test_no_token_is_401_with_the_error_body(api, cast):
    """Without a token, reads and writes are refused with 401 `not_signed_in`."""
    assert_error(api.get("/me"), 401, "not_signed_in")
    assert_error(api.get("/spaces"), 401, "not_signed_in")
    with nothing_written():
        assert_error(api.post("/parties", None, PARTY), 401, "not_signed_in")


def test_bad_revoked_or_malformed_tokens_are_401(api, cast):
    """An unknown token, a revoked one, or a header of another scheme signs no one in."""
    assert_error(api.get("/me", token="ss_not-a-real-token"), 401, "not_signed_in")
    token, raw = actions.token_create(actor=cast.carol)
    assert api.get("/me", token=raw).status_code == 200
    actions.token_revoke(actor=cast.carol, token_id=token.pk)
    assert_error(api.get("/me", token=raw), 401, "not_signed_in")
    response = api.client.get("/api/v1/me", HTTP_AUTHORIZATION="Basic Y2Fyb2w6c2VjcmV0")
    assert_error(response, 401, "not_signed_in")


def test_token_signs_in_as_its_person(api, cast):
    """`GET /me` answers who the token belongs to and their parties with roles."""
    body = api.get("/me", cast.owen).json()
    assert body == {
        "id": cast.owen.pk,
        "name": "Owen",
        "email": "owen@example.org",
        "parties": [
            {
                "id": cast.council.pk,
                "name": "Council team",
                "kind": "organisation",
                "roles": ["member"],
            }
        ],
    }


def test_session_reads_work_without_a_csrf_token(db, cast):
    """A signed-in browser can read: safe methods need no CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.carol)
    response = browser.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["id"] == cast.carol.pk


def test_session_change_without_csrf_token_is_refused(db, cast):
    """A signed-in browser's POST without a CSRF token is refused (403 `csrf_failed`)
    and writes nothing."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.carol)
    with nothing_written():
        response = browser.post("/api/v1/parties", PARTY, content_type="application/json")
    assert_error(response, 403, "csrf_failed")


def test_session_change_with_csrf_token_is_accepted(db, cast):
    """With the CSRF cookie and the matching header, a browser session can write."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.carol)
    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret
    before = ledger_size()
    response = browser.post(
        "/api/v1/parties", PARTY, content_type="application/json", HTTP_X_CSRFTOKEN=secret
    )
    assert response.status_code == 201, response.content
    assert ledger_size() == before + 1


def test_not_signed_in_post_is_401_not_a_csrf_refusal(db, cast):
    """With no session and no token, a POST is 401: CSRF is only checked for sessions."""
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/api/v1/parties", PARTY, content_type="application/json")
    assert_error(response, 401, "not_signed_in")


def test_token_requests_need_no_csrf_token_even_with_a_session(api, cast):
    """A token request is not a browser form: it needs no CSRF token."""
    api.client = Client(enforce_csrf_checks=True)
    api.client.force_login(cast.olive)
    response = api.post("/parties", cast.carol, PARTY)
    assert response.status_code == 201
    members = api.get(f"/parties/{response.json()['id']}", cast.carol).json()["members"]
    assert [m["person"] for m in members] == [cast.carol.pk]
