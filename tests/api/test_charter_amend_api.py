"""`POST /proposals/{id}/amend` takes an optional `charter` for a charter proposal (ADR 37):
the whole charter as it would read. Every other field is as before."""

from __future__ import annotations

import json

from sharedspace.governance import ledger
from sharedspace.governance.models import LedgerEntry, ProposalVersion

from .conftest import assert_error, nothing_written

PROPOSED = {"purpose": "Make the day service better together.",
            "payment": "Everyone is paid £12 an hour."}
AMENDED = {"purpose": "Make the day service better together.",
           "payment": "Everyone is paid £14 an hour.", "meetings": "Monthly."}


def _propose_charter(api, cast, space):
    response = api.post(f"/spaces/{space.pk}/proposals", cast.carol,
                        {"kind": "charter", "title": "How we pay people", "charter": PROPOSED})
    assert response.status_code == 201, response.content
    return response.json()


def _answer(api, person, proposal, party, position, reason=None):
    body = {"party": party.pk, "position": position}
    if reason is not None:
        body["reason"] = reason
    response = api.post(f"/proposals/{proposal['id']}/positions", person, body)
    assert response.status_code == 201, response.content
    return response.json()


def test_the_proposer_amends_the_charter_and_positions_reset(api, cast, shared):
    """An objection to the payment section; the proposer changes it; every position resets,
    the version goes up, and the proposal shows the new charter."""
    proposal = _propose_charter(api, cast, shared)
    _answer(api, cast.carol, proposal, cast.council, "agree")
    _answer(api, cast.sam, proposal, cast.group, "object", "It must say £14.")
    assert _answer(api, cast.mo, proposal, cast.group, "object", "£14.")["state"] == "open"
    response = api.post(f"/proposals/{proposal['id']}/amend", cast.carol, {"charter": AMENDED})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["version"], body["positions"], body["charter"], body["title"]) == (
        2, [], AMENDED, "How we pay people")
    assert api.get(f"/proposals/{proposal['id']}", cast.sam).json()["charter"] == AMENDED
    kept = ProposalVersion.objects.get(proposal_id=proposal["id"])
    assert (kept.version, kept.charter) == (1, PROPOSED)
    entry = LedgerEntry.objects.filter(chain=shared.pk, action="proposal.amend").get()
    data = json.loads(entry.content)["data"]
    assert data["charter_sha256"] == ledger.digest(ledger.canonical(AMENDED))


def test_the_amended_charter_becomes_the_space_charter_when_it_passes(api, cast, shared):
    proposal = _propose_charter(api, cast, shared)
    api.post(f"/proposals/{proposal['id']}/amend", cast.carol, {"charter": AMENDED})
    _answer(api, cast.carol, proposal, cast.council, "agree")
    _answer(api, cast.sam, proposal, cast.group, "agree")
    assert _answer(api, cast.mo, proposal, cast.group, "agree")["state"] == "passed"
    assert api.get(f"/spaces/{shared.pk}", cast.sam).json()["charter"] == AMENDED


def test_a_charter_for_another_kind_is_invalid_input(api, cast, shared):
    """422 `invalid_input` naming `charter`; nothing is written."""
    response = api.post(f"/spaces/{shared.pk}/proposals", cast.carol,
                        {"kind": "decision", "title": "Meet on Tuesdays"})
    proposal = response.json()
    with nothing_written():
        error = assert_error(
            api.post(f"/proposals/{proposal['id']}/amend", cast.carol, {"charter": AMENDED}),
            422, "invalid_input")
    assert set(error["fields"]) == {"charter"}
    assert api.get(f"/proposals/{proposal['id']}", cast.carol).json()["version"] == 1


def test_a_charter_without_its_purpose_is_named_with_a_dot(api, cast, shared):
    proposal = _propose_charter(api, cast, shared)
    with nothing_written():
        error = assert_error(
            api.post(f"/proposals/{proposal['id']}/amend", cast.carol,
                     {"charter": {"payment": "£14"}}),
            422, "invalid_input")
    assert set(error["fields"]) == {"charter.purpose"}


def test_only_the_proposer_amends_the_charter(api, cast, shared):
    proposal = _propose_charter(api, cast, shared)
    with nothing_written():
        assert_error(api.post(f"/proposals/{proposal['id']}/amend", cast.sam,
                              {"charter": AMENDED}), 403, "not_proposer")
    assert api.get(f"/proposals/{proposal['id']}", cast.sam).json()["charter"] == PROPOSED


def test_the_document_lists_charter_as_an_optional_amend_field(client):
    """The OpenAPI document: `charter` is beside `title`, `body` and `amount`, none
    required."""
    document = client.get("/api/v1/openapi.json").json()
    schema = document["components"]["schemas"]["ProposalPatch"]
    assert set(schema["properties"]) == {"title", "body", "amount", "charter"}
    assert not schema.get("required")
