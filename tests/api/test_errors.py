"""Every error has the contract's body, whatever went wrong, and a refusal writes nothing."""

from __future__ import annotations

import logging

import pytest

from sharedspace.governance import selectors

from .conftest import assert_error, nothing_written


def test_unknown_addresses_are_json_404(api, cast):
    """An address under /api/v1/ that does not exist is a JSON 404, never an HTML page."""
    for path in ("/nothing", "/spaces/spc_x/nothing", "/", "/spaces/"):
        assert_error(api.get(path, cast.carol), 404, "not_found")
    assert_error(api.post("/nothing/at/all", None, {}), 404, "not_found")


def test_wrong_method_is_json_405(api, cast):
    """A method an address does not accept is 405 `method_not_allowed`, naming the ones
    it accepts."""
    response = api.call("PUT", "/spaces", cast.carol, {})
    error = assert_error(response, 405, "method_not_allowed")
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert "GET" in error["message"]


def test_never_existing_and_hidden_ids_look_the_same(api, cast, shared):
    """An outsider asking for a real space gets exactly what anyone gets for an id that
    never existed: 404 `not_found` with the same message."""
    for suffix in ("", "/fund", "/ledger", "/ledger/verify", "/audit", "/proposals"):
        hidden = api.get(f"/spaces/{shared.pk}{suffix}", cast.olive)
        missing = api.get(f"/spaces/spc_doesnotexist{suffix}", cast.olive)
        assert_error(hidden, 404, "not_found")
        assert hidden.json() == missing.json(), suffix


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ('{"title": ', "not valid JSON"),
        ("{'title': 'single quotes'}", "not valid JSON"),
        ("[1, 2]", "not a list"),
        ('"just text"', "not a list"),
        ("NaN", "not valid JSON"),
        ("", "Send a JSON object"),
        ('{"title": "\\ud800 half a character", "purpose": "x", "holders": ["pty_x"]}',
         "not valid Unicode"),
        ('{"holders": ["\\udfff"]}', "not valid Unicode"),
    ],
)
def test_unreadable_bodies_are_422_with_the_body_named(api, cast, raw, why):
    """Malformed JSON, a list, a bare value or no body at all: 422 `invalid_input`,
    with `fields.body` saying what is wrong, never a 400 HTML page."""
    with nothing_written():
        response = api.post("/spaces", cast.carol, raw=raw)
    error = assert_error(response, 422, "invalid_input")
    assert why in error["fields"]["body"]


def test_unknown_field_is_422_naming_it(api, cast):
    """A field the contract does not have is refused, so a typo is never ignored."""
    with nothing_written():
        response = api.post(
            "/parties",
            cast.carol,
            {"name": "A", "kind": "people", "decision_rule": "speaker", "decision_rules": "all"},
        )
    error = assert_error(response, 422, "invalid_input")
    assert set(error["fields"]) == {"decision_rules"}


def test_wrong_types_and_missing_fields_are_named_in_plain_words(api, cast):
    """Each bad field is named with a message a person can act on."""
    with nothing_written():
        response = api.post(
            "/spaces",
            cast.carol,
            {
                "title": 5,
                "holders": "pty_x",
                "claimed_approach": "the best",
                "guest_permissions": ["view", "shout"],
            },
        )
    fields = assert_error(response, 422, "invalid_input")["fields"]
    assert fields == {
        "title": "This must be text.",
        "purpose": "This is missing. Fill it in.",
        "holders": 'This must be a list, like ["a", "b"].',
        "claimed_approach": (
            "Choose one of: informing, consultation, engagement, co-design or coproduction."
        ),
        "guest_permissions": "Choose one of: view, comment, propose or give_views.",
    }


def test_nested_fields_are_named_with_a_dot(api, cast, shared):
    """A bad section of a charter is named as `charter.<section>`."""
    response = api.post(
        f"/spaces/{shared.pk}/proposals",
        cast.carol,
        {
            "kind": "charter",
            "title": "New charter",
            "charter": {"meetings": "Tuesdays"},
        },
    )
    assert assert_error(response, 422, "invalid_input")["fields"] == {
        "charter.purpose": "This is missing. Fill it in."
    }


@pytest.mark.parametrize(
    "amount",
    [
        "-5",
        "0",
        "abc",
        "12.345",
        "",
        True,
        None,
        [10],
        {"currency": "GBP"},
        {"amount": "-1", "currency": "GBP"},
        {"amount": "1", "colour": "red"},
    ],
)
def test_bad_money_is_422_naming_amount(api, cast, shared, amount):
    """Negative, zero, non-decimal, too precise or wrongly shaped money is refused."""
    with nothing_written():
        response = api.post(
            f"/spaces/{shared.pk}/fund/commitments",
            cast.carol,
            {"party": cast.council.pk, "amount": amount},
        )
    error = assert_error(response, 422, "invalid_input")
    assert list(error["fields"]) == ["amount"]


def test_a_bad_query_parameter_is_422(api, cast, shared):
    """`?after=` must be a whole number of 0 or more."""
    error = assert_error(
        api.get(f"/spaces/{shared.pk}/ledger?after=abc", cast.carol), 422, "invalid_input"
    )
    assert error["fields"] == {"after": "This must be a whole number."}
    error = assert_error(
        api.get(f"/spaces/{shared.pk}/ledger?after=-1", cast.carol), 422, "invalid_input"
    )
    assert error["fields"] == {"after": "This must be 0 or more."}
    # Past what the database holds: a 422 naming the field, not a crash (it was a 500).
    response = api.get(f"/spaces/{shared.pk}/ledger?after={10**24}", cast.carol)
    assert list(assert_error(response, 422, "invalid_input")["fields"]) == ["after"]


def test_answers_to_a_token_are_not_kept_by_caches(api, cast, shared):
    """`/me` names the caller's email: an answer to a token is `private, no-store`."""
    response = api.get("/me", cast.carol)
    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_unexpected_failure_is_500_with_the_error_body_and_is_logged(
    api, cast, shared, monkeypatch, caplog
):
    """A bug shows as 500 `server_error` in the usual body, and the details go to the log,
    not to the caller."""

    def broken(**kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "space_get", broken)
    with caplog.at_level(logging.ERROR, logger="sharedspace.api"):
        response = api.get(f"/spaces/{shared.pk}", cast.carol)
    error = assert_error(response, 500, "server_error")
    assert "secret" not in error["message"]
    logged = [r for r in caplog.records if r.name == "sharedspace.api" and r.exc_info]
    assert logged and "secret internal detail" in str(logged[0].exc_info[1])
