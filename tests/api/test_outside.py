"""Outside decisions: recorded by a holder, answered by the party named."""

from __future__ import annotations

from .conftest import assert_error, nothing_written


def _record(api, person, space, made_by, **extra):
    response = api.post(
        f"/spaces/{space.pk}/outside-decisions",
        person,
        {"made_by": made_by.pk, "summary": "The budget was cut", **extra},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_any_holder_records_an_outside_decision(api, cast, shared):
    """`POST /spaces/{id}/outside-decisions` is 201 with the decision, unanswered."""
    decision = _record(api, cast.mo, shared, cast.outsiders, made_on="2026-03-31")
    assert decision["made_by"] == cast.outsiders.pk
    assert decision["made_on"] == "2026-03-31"
    assert decision["state"] == "unanswered"
    assert decision["recorded_by"] == {"person": cast.mo.pk, "party": cast.group.pk}
    listed = api.get(f"/spaces/{shared.pk}/outside-decisions", cast.carol).json()
    assert [d["id"] for d in listed] == [decision["id"]]


def test_guests_and_outsiders_cannot_record(api, cast, own):
    """A guest is not a holder (403 `not_holder`); an outsider gets 404; a bad date 422."""
    with nothing_written():
        assert_error(
            api.post(
                f"/spaces/{own.pk}/outside-decisions",
                cast.gil,
                {"made_by": cast.council.pk, "summary": "x"},
            ),
            403,
            "not_holder",
        )
        assert_error(
            api.post(
                f"/spaces/{own.pk}/outside-decisions",
                cast.olive,
                {"made_by": cast.council.pk, "summary": "x"},
            ),
            404,
            "not_found",
        )
        response = api.post(
            f"/spaces/{own.pk}/outside-decisions",
            cast.carol,
            {"made_by": cast.council.pk, "summary": "x", "made_on": "soon"},
        )
        assert list(assert_error(response, 422, "invalid_input")["fields"]) == ["made_on"]


def test_the_named_party_confirms_or_disputes(api, cast, shared):
    """Only the party named answers (403 `not_named_party` for others); the body may be
    empty; a second answer is 409."""
    first = _record(api, cast.carol, shared, cast.outsiders)
    second = _record(api, cast.carol, shared, cast.outsiders)
    with nothing_written():
        assert_error(
            api.post(f"/outside-decisions/{first['id']}/confirm", cast.carol),
            403,
            "not_named_party",
        )
    response = api.post(f"/outside-decisions/{first['id']}/confirm", cast.olive)
    assert response.status_code == 200
    assert response.json()["state"] == "confirmed"
    response = api.post(
        f"/outside-decisions/{second['id']}/dispute", cast.olive, {"reason": "We were never asked"}
    )
    assert (response.json()["state"], response.json()["reason"]) == (
        "disputed",
        "We were never asked",
    )
    assert_error(
        api.post(f"/outside-decisions/{second['id']}/confirm", cast.olive), 409, "already_answered"
    )
    assert api.get(f"/outside-decisions/{first['id']}", cast.olive).status_code == 200
    assert_error(api.post("/outside-decisions/out_nothing/dispute", cast.olive), 404, "not_found")
