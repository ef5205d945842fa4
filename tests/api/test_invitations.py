"""Invitations: no party is enrolled without its own coordinator agreeing."""

from __future__ import annotations

from sharedspace.governance import actions

from .conftest import CHARTER, assert_error, nothing_written


def _forming(cast):
    return actions.space_create(
        actor=cast.carol,
        title="Together",
        purpose="Work together",
        holders=[cast.council.pk, cast.group.pk, cast.guests.pk],
        claimed_approach="coproduction",
        charter=CHARTER,
    )


def test_open_invitations_have_the_contract_shape(api, cast):
    """`GET /invitations` lists the open invitations of the caller's parties, exactly in
    the contract's shape."""
    space = _forming(cast)
    invitations = api.get("/invitations", cast.mo).json()
    assert len(invitations) == 1
    invitation = invitations[0]
    assert {k: invitation[k] for k in ("space", "party", "as", "invited_by")} == {
        "space": {"id": space.pk, "title": "Together", "kind": "shared"},
        "party": {"id": cast.group.pk, "name": "Self-advocates"},
        "as": "holder",
        "invited_by": {
            "party": {"id": cast.council.pk, "name": "Council team"},
            "person": {"id": cast.carol.pk, "name": "Carol"},
        },
    }
    assert invitation["id"].startswith("inv_")
    assert invitation["created_at"].endswith("Z")
    assert api.get("/invitations", cast.carol).json() == []
    assert api.get("/invitations", cast.olive).json() == []


def test_an_invited_party_may_look_at_the_space_first(api, cast):
    """Before answering, the invited party can read the space it is asked into."""
    space = _forming(cast)
    body = api.get(f"/spaces/{space.pk}", cast.gil).json()
    assert body["viewer"]["relation"] == "invited"
    assert body["state"] == "forming"


def test_accept_and_decline(api, cast):
    """The invited coordinators answer; once all holders accepted, the space is active.
    A declined invitation does not enrol the party."""
    space = _forming(cast)
    group_inv, guests_inv = [i["id"] for i in api.get("/invitations", cast.sam).json()] + [
        i["id"] for i in api.get("/invitations", cast.gil).json()
    ]
    response = api.post(f"/invitations/{group_inv}/accept", cast.sam)
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    response = api.post(f"/invitations/{guests_inv}/decline", cast.gil)
    assert response.status_code == 200
    assert response.json()["state"] == "declined"
    body = api.get(f"/spaces/{space.pk}", cast.carol).json()
    assert body["state"] == "active"
    assert [h["id"] for h in body["holders"]] == [cast.council.pk, cast.group.pk]
    assert_error(api.post(f"/invitations/{group_inv}/accept", cast.sam), 409, "already_answered")


def test_only_the_invited_partys_coordinator_answers(api, cast):
    """A plain member gets 403 `not_coordinator`; anyone else 404."""
    _forming(cast)
    invitation = api.get("/invitations", cast.sam).json()[0]["id"]
    with nothing_written():
        assert_error(api.post(f"/invitations/{invitation}/accept", cast.mo), 403, "not_coordinator")
        assert_error(api.post(f"/invitations/{invitation}/accept", cast.carol), 404, "not_found")
        assert_error(api.post(f"/invitations/{invitation}/decline", cast.olive), 404, "not_found")
        assert_error(api.post("/invitations/inv_nothing/accept", cast.sam), 404, "not_found")


def test_an_invitation_by_a_passed_proposal_is_from_its_proposer(api, cast, shared):
    """Sam proposes, for the self-advocates, to invite the carers forum; Carol's answer for
    the council passes it. The invitation says it is from the self-advocates, by Sam (not
    Carol, who gave the last answer for another group), and so does its ledger entry."""
    response = api.post(
        f"/spaces/{shared.pk}/proposals",
        cast.sam,
        {"kind": "add_guest", "title": "Invite the carers", "body": "", "party": cast.guests.pk},
    )
    assert response.status_code == 201, response.content
    proposal = response.json()["id"]
    for person, party in ((cast.sam, cast.group), (cast.mo, cast.group),
                          (cast.carol, cast.council)):
        answer = {"party": party.pk, "position": "agree"}
        assert api.post(f"/proposals/{proposal}/positions", person, answer).status_code == 201
    assert api.get(f"/proposals/{proposal}", cast.carol).json()["state"] == "passed"
    invitations = api.get("/invitations", cast.gil).json()
    assert [(i["space"]["id"], i["as"], i["invited_by"]) for i in invitations] == [
        (
            shared.pk,
            "guest",
            {
                "party": {"id": cast.group.pk, "name": "Self-advocates"},
                "person": {"id": cast.sam.pk, "name": "Sam"},
            },
        )
    ]
    entries = api.get(f"/spaces/{shared.pk}/ledger", cast.mo).json()["entries"]
    created = [e for e in entries if e["action"] == "invitation.create"][-1]
    assert created["actor"] == {"person": cast.sam.pk, "party": cast.group.pk}
    assert created["data"] == {
        "invitation": invitations[0]["id"],
        "party": cast.guests.pk,
        "as": "guest",
        "proposal": proposal,
    }
    resolved = [e for e in entries if e["action"] == "proposal.resolve"][-1]
    assert resolved["actor"] == {"person": cast.carol.pk, "party": cast.council.pk}
