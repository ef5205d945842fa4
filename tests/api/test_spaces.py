"""Spaces: opening them, reading them, guests, holders, settings and leaving."""

from __future__ import annotations

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry

from .conftest import CHARTER, assert_error, nothing_written

SPACE_FIELDS = {
    "id",
    "title",
    "purpose",
    "kind",
    "state",
    "holders",
    "former_holders",
    "guests",
    "claimed_approach",
    "guest_permissions",
    "charter",
    "viewer",
}


def _ids(refs):
    return [r["id"] for r in refs]


def test_one_holder_opens_an_active_own_space(api, cast):
    """`POST /spaces` with the caller's party alone is 201: an active own space."""
    response = api.post(
        "/spaces",
        cast.carol,
        {
            "title": "Board",
            "purpose": "Hear from people",
            "holders": [cast.council.pk],
            "claimed_approach": "consultation",
            "guest_permissions": ["view", "comment"],
        },
    )
    assert response.status_code == 201, response.content
    space = response.json()
    assert set(space) >= SPACE_FIELDS
    assert (space["kind"], space["state"], space["charter"]) == ("own", "active", None)
    assert space["holders"] == [
        {"id": cast.council.pk, "name": "Council team", "kind": "organisation"}
    ]
    assert space["guest_permissions"] == ["view", "comment"]
    assert space["viewer"] == {"party": cast.council.pk, "relation": "holder", "label": "my_space"}
    assert space["created_at"].endswith("Z")


def test_several_holders_need_a_charter_and_form_first(api, cast):
    """A shared space needs a charter (422); with one it is `forming` until the others
    accept."""
    body = {
        "title": "Together",
        "purpose": "Work together",
        "claimed_approach": "coproduction",
        "holders": [cast.council.pk, cast.group.pk],
    }
    with nothing_written():
        error = assert_error(api.post("/spaces", cast.carol, body), 422, "invalid_input")
    assert "charter" in error["fields"]
    response = api.post("/spaces", cast.carol, {**body, "charter": CHARTER})
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["state"]) == ("shared", "forming")
    assert response.json()["charter"] == CHARTER


def test_opening_a_space_for_a_party_you_do_not_coordinate_is_refused(api, cast):
    """Owen is not a coordinator: 403, nothing written."""
    with nothing_written():
        response = api.post(
            "/spaces",
            cast.owen,
            {
                "title": "Mine",
                "purpose": "x",
                "holders": [cast.council.pk],
                "claimed_approach": "informing",
            },
        )
    assert_error(response, 403, "not_your_group")


def test_space_reads_show_each_party_its_relation_and_label(api, cast, shared, own):
    """Holders see "My space" or "Shared space"; a guest sees "Your space"."""
    body = api.get(f"/spaces/{own.pk}", cast.gil).json()
    assert body["viewer"] == {"party": cast.guests.pk, "relation": "guest", "label": "your_space"}
    assert _ids(body["guests"]) == [cast.guests.pk]
    body = api.get(f"/spaces/{shared.pk}", cast.mo).json()
    assert body["viewer"] == {"party": cast.group.pk, "relation": "holder", "label": "shared_space"}
    assert body["charter"] == CHARTER
    assert body["links"]["fund"] == f"/api/v1/spaces/{shared.pk}/fund"


def test_space_list_is_what_the_caller_may_see(api, cast, shared, own):
    """`GET /spaces` lists exactly the spaces of the caller's parties."""
    assert sorted(s["id"] for s in api.get("/spaces", cast.carol).json()) == sorted(
        [shared.pk, own.pk]
    )
    assert [s["id"] for s in api.get("/spaces", cast.gil).json()] == [own.pk]
    assert api.get("/spaces", cast.olive).json() == []


def test_outsiders_get_404_for_a_space(api, cast, shared, own):
    """Someone with no tie to a space cannot tell it exists."""
    for space in (shared, own):
        assert_error(api.get(f"/spaces/{space.pk}", cast.olive), 404, "not_found")


def test_host_invites_a_guest_to_its_own_space(api, cast, own):
    """Own space: the host's coordinator invites; the invitation is 201."""
    response = api.post(f"/spaces/{own.pk}/guests", cast.carol, {"party": cast.outsiders.pk})
    assert response.status_code == 201, response.content
    invitation = response.json()
    assert invitation["as"] == "guest"
    assert invitation["party"] == {"id": cast.outsiders.pk, "name": "Other charity"}
    assert invitation["invited_by"]["person"] == {"id": cast.carol.pk, "name": "Carol"}


def test_guests_cannot_invite_and_shared_spaces_need_a_proposal(api, cast, own, shared):
    """A guest gets 403 `not_host`; in a shared space 403 `needs_passed_proposal`."""
    with nothing_written():
        assert_error(
            api.post(f"/spaces/{own.pk}/guests", cast.gil, {"party": cast.outsiders.pk}),
            403,
            "not_host",
        )
        assert_error(
            api.post(f"/spaces/{own.pk}/guests", cast.owen, {"party": cast.outsiders.pk}),
            403,
            "not_host",
        )
        assert_error(
            api.post(f"/spaces/{shared.pk}/guests", cast.carol, {"party": cast.outsiders.pk}),
            403,
            "needs_passed_proposal",
        )
        assert_error(
            api.post(f"/spaces/{shared.pk}/guests", cast.olive, {"party": cast.outsiders.pk}),
            404,
            "not_found",
        )


def test_host_removes_a_guest_and_it_is_recorded(api, cast, own):
    """Own space: `DELETE /spaces/{id}/guests/{party}` is 204, recorded as stopping
    involving the guest, who becomes a former guest."""
    response = api.delete(f"/spaces/{own.pk}/guests/{cast.guests.pk}", cast.carol)
    assert response.status_code == 204
    assert response.content == b""
    entry = LedgerEntry.objects.filter(chain=own.pk).order_by("-seq").first()
    assert entry.action == "guest.remove"
    body = api.get(f"/spaces/{own.pk}", cast.gil).json()
    assert body["guests"] == []
    assert _ids(body["former_guests"]) == [cast.guests.pk]
    assert body["viewer"]["relation"] == "former_guest"


def test_guest_removal_refusals(api, cast, own, shared):
    """Only the host removes a guest; a shared space needs a proposal."""
    with nothing_written():
        assert_error(
            api.delete(f"/spaces/{own.pk}/guests/{cast.guests.pk}", cast.gil), 403, "not_host"
        )
        assert_error(
            api.delete(f"/spaces/{shared.pk}/guests/{cast.guests.pk}", cast.carol),
            403,
            "needs_passed_proposal",
        )
        assert_error(
            api.delete(f"/spaces/{own.pk}/guests/{cast.guests.pk}", cast.olive), 404, "not_found"
        )


def test_no_one_removes_a_holder(api, cast, shared, own):
    """`DELETE /spaces/{id}/holders/{party}` is always 403 `holder_cannot_be_removed`
    (404 to outsiders), and writes nothing."""
    with nothing_written():
        for person, space, party in [
            (cast.carol, shared, cast.group),
            (cast.sam, shared, cast.council),
            (cast.carol, shared, cast.council),
            (cast.carol, own, cast.council),
            (cast.gil, own, cast.council),
        ]:
            assert_error(
                api.delete(f"/spaces/{space.pk}/holders/{party.pk}", person),
                403,
                "holder_cannot_be_removed",
            )
        assert_error(
            api.delete(f"/spaces/{shared.pk}/holders/{cast.group.pk}", cast.olive), 404, "not_found"
        )
    assert api.get(f"/spaces/{shared.pk}", cast.carol).json()["state"] == "active"


def test_leaving_closes_a_shared_space_of_two(api, cast, shared):
    """`POST /spaces/{id}/leave` is 200 with the space; with one holder left it closes,
    and the leaver keeps read access."""
    with nothing_written():
        assert_error(
            api.post(f"/spaces/{shared.pk}/leave", cast.mo, {"party": cast.group.pk}),
            403,
            "not_coordinator",
        )
    response = api.post(f"/spaces/{shared.pk}/leave", cast.sam, {"party": cast.group.pk})
    assert response.status_code == 200
    space = response.json()
    assert space["state"] == "closed"
    assert _ids(space["holders"]) == [cast.council.pk]
    assert _ids(space["former_holders"]) == [cast.group.pk]
    assert api.get(f"/spaces/{shared.pk}/ledger", cast.mo).status_code == 200
    assert_error(
        api.post(f"/spaces/{shared.pk}/leave", cast.carol, {"party": cast.council.pk}),
        409,
        "space_closed",
    )


def test_host_changes_own_space_settings(api, cast, own, shared):
    """`PATCH /spaces/{id}`: the host changes its own space; a shared space needs a
    proposal."""
    response = api.patch(
        f"/spaces/{own.pk}",
        cast.carol,
        {"claimed_approach": "consultation", "guest_permissions": ["view"]},
    )
    assert response.status_code == 200
    assert (response.json()["claimed_approach"], response.json()["guest_permissions"]) == (
        "consultation",
        ["view"],
    )
    assert response.json()["title"] == "Coproduction board"
    with nothing_written():
        assert_error(
            api.patch(f"/spaces/{shared.pk}", cast.carol, {"title": "Mine now"}),
            403,
            "needs_passed_proposal",
        )
        assert_error(api.patch(f"/spaces/{own.pk}", cast.gil, {"title": "Ours"}), 403, "not_host")


def test_a_closed_space_is_read_only(api, cast, shared):
    """After closing, changes get 409 `space_closed`; reads still work."""
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    with nothing_written():
        assert_error(
            api.post(
                f"/spaces/{shared.pk}/proposals",
                cast.carol,
                {"kind": "decision", "title": "Reopen"},
            ),
            409,
            "space_closed",
        )
    assert api.get(f"/spaces/{shared.pk}/fund", cast.sam).status_code == 200
