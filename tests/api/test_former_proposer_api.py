"""Through the API, a group that left a space, or that the host stopped involving, can no
longer amend or withdraw a proposal it made there: 403 with a stable code and plain words
saying why, and nothing written (ADR 27)."""

from __future__ import annotations

from sharedspace.governance import actions

from .conftest import accept_all, assert_error, nothing_written


def _three_holders(cast, shared):
    """The carers forum becomes a third holder of the shared space."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="add_holder",
                                       title="Carers join", party=cast.guests.pk)
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group),
                       (cast.mo, cast.group)):
        actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                              position="agree")
    accept_all(shared, cast)


def test_a_holder_that_left_gets_403_not_in_space(api, cast, shared):
    _three_holders(cast, shared)
    response = api.post(f"/spaces/{shared.pk}/proposals", cast.gil,
                        {"kind": "decision", "title": "Meet at the library", "body": ""})
    assert response.status_code == 201
    proposal = response.json()["id"]
    api.post(f"/proposals/{proposal}/positions", cast.carol,
             {"party": cast.council.pk, "position": "agree"})
    response = api.post(f"/spaces/{shared.pk}/leave", cast.gil, {"party": cast.guests.pk})
    assert response.status_code == 200
    with nothing_written():
        error = assert_error(api.post(f"/proposals/{proposal}/amend", cast.gil,
                                      {"title": "Meet at the town hall"}), 403, "not_in_space")
        assert error["message"].startswith("Your group has left this space")
        assert_error(api.post(f"/proposals/{proposal}/withdraw", cast.gil), 403,
                     "not_in_space")
    shown = api.get(f"/proposals/{proposal}", cast.gil).json()
    assert (shown["state"], shown["version"], shown["title"]) == (
        "open", 1, "Meet at the library")
    assert [(p["party"], p["position"]) for p in shown["positions"]] == [
        (cast.council.pk, "agree")]


def test_a_removed_guest_gets_403_not_in_space(api, cast, own):
    response = api.post(f"/spaces/{own.pk}/proposals", cast.gil,
                        {"kind": "decision", "title": "Pay carers", "body": ""})
    assert response.status_code == 201
    proposal = response.json()["id"]
    response = api.delete(f"/spaces/{own.pk}/guests/{cast.guests.pk}", cast.carol)
    assert response.status_code == 204
    with nothing_written():
        error = assert_error(api.post(f"/proposals/{proposal}/withdraw", cast.gil), 403,
                             "not_in_space")
        assert error["message"].startswith("The host stopped involving your group")
        assert_error(api.post(f"/proposals/{proposal}/amend", cast.gil, {"body": "More"}),
                     403, "not_in_space")
    assert api.get(f"/proposals/{proposal}", cast.gil).json()["state"] == "open"
