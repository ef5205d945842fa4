"""A whole journey through the API, as two parties would make it."""

from __future__ import annotations

from sharedspace.governance import actions

from .conftest import assert_error


def test_two_parties_share_a_space_decide_spend_and_part(api):
    """Parties are made, share a space, decide by consent after an objection and an
    amendment, spend by a passed proposal, and the space closes when one leaves."""
    carol = actions.person_create(email="carol@example.org", name="Carol")
    sam = actions.person_create(email="sam@example.org", name="Sam")

    r = api.post(
        "/parties",
        carol,
        {
            "name": "Council team",
            "kind": "organisation",
            "decision_rule": "speaker",
            "power_sources": ["money", "mandate"],
        },
    )
    assert r.status_code == 201, r.content
    council = r.json()["id"]
    r = api.post(
        "/parties", sam, {"name": "Self-advocates", "kind": "people", "decision_rule": "speaker"}
    )
    assert r.status_code == 201
    group = r.json()["id"]
    assert api.get("/me", sam).json()["parties"] == [
        {
            "id": group,
            "name": "Self-advocates",
            "kind": "people",
            "roles": ["coordinator", "speaker", "member"],
        }
    ]

    r = api.post(
        "/spaces",
        carol,
        {
            "title": "Day service review",
            "purpose": "Review the day service together",
            "holders": [council, group],
            "claimed_approach": "coproduction",
            "charter": {"purpose": "Make the day service better", "meetings": "Tuesdays"},
        },
    )
    assert r.status_code == 201, r.content
    space = r.json()
    assert (space["kind"], space["state"]) == ("shared", "forming")
    sid = space["id"]

    invitations = api.get("/invitations", sam).json()
    assert [(i["space"]["id"], i["as"]) for i in invitations] == [(sid, "holder")]
    r = api.post(f"/invitations/{invitations[0]['id']}/accept", sam)
    assert r.status_code == 200, r.content
    space = api.get(f"/spaces/{sid}", sam).json()
    assert space["state"] == "active"
    assert [h["id"] for h in space["holders"]] == [council, group]
    assert space["viewer"] == {"party": group, "relation": "holder", "label": "shared_space"}

    # A decision: objected to with a reason, amended, then agreed by both.
    r = api.post(
        f"/spaces/{sid}/proposals",
        carol,
        {"kind": "decision", "title": "Meet monthly", "body": "At the town hall"},
    )
    assert r.status_code == 201
    pid = r.json()["id"]
    assert (r.json()["state"], r.json()["version"]) == ("open", 1)
    r = api.post(f"/proposals/{pid}/positions", sam, {"party": group, "position": "object"})
    assert_error(r, 422, "reason_required")
    r = api.post(
        f"/proposals/{pid}/positions",
        sam,
        {"party": group, "position": "object", "reason": "The hall has no lift"},
    )
    assert r.status_code == 201
    assert r.json()["state"] == "open"
    assert r.json()["positions"] == [
        {"party": group, "position": "object", "reason": "The hall has no lift", "binding": True}
    ]
    r = api.post(f"/proposals/{pid}/amend", carol, {"body": "At the library, which has a lift"})
    assert r.status_code == 200
    assert (r.json()["version"], r.json()["positions"]) == (2, [])
    api.post(f"/proposals/{pid}/positions", carol, {"party": council, "position": "agree"})
    r = api.post(f"/proposals/{pid}/positions", sam, {"party": group, "position": "agree"})
    assert r.json()["state"] == "passed"

    # Money: both give, a spend proposal passes, the money is spent once.
    assert (
        api.post(
            f"/spaces/{sid}/fund/commitments", carol, {"party": council, "amount": "100.00"}
        ).status_code
        == 201
    )
    assert (
        api.post(
            f"/spaces/{sid}/fund/commitments",
            sam,
            {"party": group, "amount": {"amount": "50", "currency": "GBP"}},
        ).status_code
        == 201
    )
    r = api.post(
        f"/spaces/{sid}/proposals",
        sam,
        {"kind": "spend", "title": "Pay for easy-read printing", "body": "", "amount": "60.00"},
    )
    spend = r.json()["id"]
    assert r.json()["amount"] == {"amount": "60.00", "currency": "GBP"}
    api.post(f"/proposals/{spend}/positions", carol, {"party": council, "position": "agree"})
    api.post(f"/proposals/{spend}/positions", sam, {"party": group, "position": "agree"})
    r = api.post(f"/spaces/{sid}/fund/spending", sam, {"amount": "60.00", "proposal": spend})
    assert r.status_code == 201, r.content
    fund = api.get(f"/spaces/{sid}/fund", carol).json()
    assert fund["balance"] == {"amount": "90.00", "currency": "GBP"}
    assert fund["spent"] == {"amount": "60.00", "currency": "GBP"}
    assert fund["committed_by"] == [
        {"party": council, "amount": {"amount": "100.00", "currency": "GBP"}},
        {"party": group, "amount": {"amount": "50.00", "currency": "GBP"}},
    ]
    assert_error(
        api.post(f"/spaces/{sid}/fund/spending", sam, {"amount": "60.00", "proposal": spend}),
        403,
        "needs_passed_proposal",
    )

    # Leaving: the space closes, and the party that left can still read it.
    r = api.post(f"/spaces/{sid}/leave", sam, {"party": group})
    assert r.status_code == 200
    assert r.json()["state"] == "closed"
    assert r.json()["viewer"]["relation"] == "former_holder"
    assert [p["id"] for p in r.json()["former_holders"]] == [group]
    assert api.get(f"/spaces/{sid}", carol).json()["state"] == "closed"
    verdict = api.get(f"/spaces/{sid}/ledger/verify", sam).json()
    assert verdict["ok"] is True and verdict["entries"] > 10 and verdict["first_bad"] is None
