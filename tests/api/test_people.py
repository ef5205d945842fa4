"""People and parties: /me, creating parties, members, and a party's own rule."""

from __future__ import annotations

import pytest

from sharedspace.governance.models import LedgerEntry

from .conftest import assert_error, nothing_written


def test_create_party_makes_the_caller_coordinator_and_speaker(api, cast):
    """`POST /parties` is 201 with the party; its founder is coordinator and speaker."""
    response = api.post(
        "/parties",
        cast.olive,
        {
            "name": "Disability forum",
            "kind": "people",
            "decision_rule": "majority",
            "quorum": 2,
            "power_sources": ["networks", "lived_experience"],
        },
    )
    assert response.status_code == 201, response.content
    party = response.json()
    assert party["id"].startswith("pty_")
    assert {k: party[k] for k in ("name", "kind", "decision_rule", "quorum", "power_sources")} == {
        "name": "Disability forum",
        "kind": "people",
        "decision_rule": "majority",
        "quorum": 2,
        "power_sources": ["lived_experience", "networks"],
    }
    assert party["members"] == [
        {"person": cast.olive.pk, "name": "Olive", "roles": ["coordinator", "speaker", "member"]}
    ]
    assert LedgerEntry.objects.filter(chain=party["id"], action="party.create").count() == 1


def test_create_party_refuses_bad_kind_and_rule(api, cast):
    """Kinds and rules come from the contract's lists (422 otherwise)."""
    with nothing_written():
        response = api.post(
            "/parties", cast.olive, {"name": "X", "kind": "club", "decision_rule": "chair"}
        )
    fields = assert_error(response, 422, "invalid_input")["fields"]
    assert set(fields) == {"kind", "decision_rule"}


def test_party_members_are_shown_to_its_own_people_only(api, cast):
    """Anyone signed in sees a party's name and rule; only its own people see members."""
    own_view = api.get(f"/parties/{cast.group.pk}", cast.mo).json()
    assert [m["person"] for m in own_view["members"]] == [cast.sam.pk, cast.mo.pk, cast.ria.pk]
    other_view = api.get(f"/parties/{cast.group.pk}", cast.carol).json()
    assert other_view["members"] == []
    assert other_view["decision_rule"] == "majority"
    assert_error(api.get("/parties/pty_nothing", cast.carol), 404, "not_found")


def test_coordinator_adds_a_member(api, cast):
    """`POST /parties/{id}/members` is 201 for a coordinator, with the new member."""
    response = api.post(
        f"/parties/{cast.council.pk}/members",
        cast.carol,
        {"email": "nia@example.org", "roles": ["speaker"]},
    )
    assert response.status_code == 201
    assert response.json()["roles"] == ["speaker", "member"]
    assert response.json()["name"] == "nia"


def test_only_coordinators_add_members(api, cast):
    """A plain member gets 403 `not_coordinator`; an outsider 403 `not_member`."""
    body = {"email": "nia@example.org", "roles": ["member"]}
    with nothing_written():
        assert_error(
            api.post(f"/parties/{cast.council.pk}/members", cast.owen, body), 403, "not_coordinator"
        )
        assert_error(
            api.post(f"/parties/{cast.council.pk}/members", cast.olive, body), 403, "not_member"
        )
        assert_error(
            api.post(
                f"/parties/{cast.council.pk}/members",
                cast.carol,
                {"email": "nia@example.org", "roles": ["boss"]},
            ),
            422,
            "invalid_input",
        )
        assert_error(
            api.post(
                f"/parties/{cast.council.pk}/members",
                cast.carol,
                {"email": "owen@example.org", "roles": ["member"]},
            ),
            409,
            "already_member",
        )


def test_party_changes_its_own_rule(api, cast):
    """`PATCH /parties/{id}` changes only what is sent, coordinators only."""
    response = api.patch(f"/parties/{cast.group.pk}", cast.sam, {"decision_rule": "all"})
    assert response.status_code == 200
    assert response.json()["decision_rule"] == "all"
    assert response.json()["power_sources"] == ["lived_experience"]
    response = api.patch(
        f"/parties/{cast.group.pk}", cast.sam, {"power_sources": ["networks"], "quorum": 2}
    )
    assert (response.json()["decision_rule"], response.json()["quorum"]) == ("all", 2)
    response = api.patch(f"/parties/{cast.group.pk}", cast.sam, {"quorum": None})
    assert response.json()["quorum"] is None
    with nothing_written():
        assert_error(
            api.patch(f"/parties/{cast.group.pk}", cast.mo, {"decision_rule": "speaker"}),
            403,
            "not_coordinator",
        )
        assert_error(
            api.patch(f"/parties/{cast.group.pk}", cast.carol, {"decision_rule": "speaker"}),
            403,
            "not_member",
        )


def test_members_are_removed_or_leave(api, cast):
    """`DELETE /parties/{id}/members/{person}` is 204; the last coordinator stays (409)."""
    assert (
        api.delete(f"/parties/{cast.group.pk}/members/{cast.ria.pk}", cast.sam).status_code == 204
    )
    assert api.delete(f"/parties/{cast.group.pk}/members/{cast.mo.pk}", cast.mo).status_code == 204
    members = api.get(f"/parties/{cast.group.pk}", cast.sam).json()["members"]
    assert [m["person"] for m in members] == [cast.sam.pk]
    with nothing_written():
        assert_error(
            api.delete(f"/parties/{cast.group.pk}/members/{cast.sam.pk}", cast.sam), 409, "conflict"
        )


@pytest.mark.parametrize("quorum", [True, False, 0, -1, 1.5, "2"])
def test_a_quorum_is_a_whole_number_of_members(api, cast, quorum):
    """`quorum` is a number of members, 1 or more: JSON true is not 1 (nor false 0), in
    `POST /parties` and `PATCH /parties/{id}`; each is 422 on the field, and nothing changes."""
    body = {"name": "Disability forum", "kind": "people", "decision_rule": "majority"}
    with nothing_written():
        fields = assert_error(
            api.post("/parties", cast.olive, {**body, "quorum": quorum}), 422, "invalid_input"
        )["fields"]
        assert set(fields) == {"quorum"}
        fields = assert_error(
            api.patch(f"/parties/{cast.group.pk}", cast.sam, {"quorum": quorum}),
            422,
            "invalid_input",
        )["fields"]
        assert set(fields) == {"quorum"}
    assert api.get(f"/parties/{cast.group.pk}", cast.sam).json()["quorum"] is None
