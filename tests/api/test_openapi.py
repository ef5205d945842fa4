"""The OpenAPI document: served at /api/v1/openapi.json, listing the whole contract."""

from __future__ import annotations

import typing

import pytest

from sharedspace.api.schemas import common
from sharedspace.governance import choices

# Every operation of CONTRACT.md §JSON API, exactly as written there.
CONTRACT = [
    ("get", "/me"),
    ("post", "/parties"),
    ("get", "/parties/{id}"),
    ("post", "/parties/{id}/members"),
    ("patch", "/parties/{id}"),
    ("post", "/spaces"),
    ("get", "/spaces"),
    ("get", "/spaces/{id}"),
    ("post", "/spaces/{id}/guests"),
    ("delete", "/spaces/{id}/guests/{party}"),
    ("delete", "/spaces/{id}/holders/{party}"),
    ("post", "/spaces/{id}/leave"),
    ("get", "/invitations"),
    ("post", "/invitations/{id}/accept"),
    ("post", "/invitations/{id}/decline"),
    ("post", "/spaces/{id}/proposals"),
    ("get", "/proposals/{id}"),
    ("post", "/proposals/{id}/positions"),
    ("post", "/proposals/{id}/amend"),
    ("post", "/proposals/{id}/close"),
    ("get", "/spaces/{id}/fund"),
    ("post", "/spaces/{id}/fund/commitments"),
    ("post", "/spaces/{id}/fund/withdrawals"),
    ("post", "/spaces/{id}/fund/spending"),
    ("post", "/spaces/{id}/outside-decisions"),
    ("post", "/outside-decisions/{id}/confirm"),
    ("post", "/outside-decisions/{id}/dispute"),
    ("get", "/spaces/{id}/ledger"),
    ("get", "/spaces/{id}/ledger/verify"),
    ("get", "/spaces/{id}/audit"),
]


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_document_lists_every_contract_operation(document):
    """Each method and path of the contract is in the document, under /api/v1."""
    missing = [
        (method, path)
        for method, path in CONTRACT
        if method not in document["paths"].get("/api/v1" + path, {})
    ]
    assert missing == []
    assert document["openapi"].startswith("3.")


def test_every_operation_documents_the_error_body_and_sign_in(document):
    """Every operation says it may answer 401 with the error body, and how to sign in."""
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"]["401"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, (method, path)
            assert {"TokenAuth": []} in operation["security"], (method, path)
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_creates_are_documented_as_201_and_guest_removal_as_204(document):
    """Status codes in the document match the contract."""
    paths = document["paths"]
    assert "201" in paths["/api/v1/spaces"]["post"]["responses"]
    assert "201" in paths["/api/v1/proposals/{id}/positions"]["post"]["responses"]
    assert "204" in paths["/api/v1/spaces/{id}/guests/{party}"]["delete"]["responses"]
    assert "200" in paths["/api/v1/spaces/{id}/leave"]["post"]["responses"]


def test_inputs_refuse_unknown_fields_and_enums_are_exact(document):
    """Request bodies forbid unknown fields; vocabularies are listed exactly."""
    schemas = document["components"]["schemas"]
    for name in ("SpaceIn", "ProposalIn", "PositionIn", "PartyIn", "PartyMoneyIn"):
        assert schemas[name]["additionalProperties"] is False, name
    assert schemas["PositionIn"]["properties"]["position"]["enum"] == [
        "agree",
        "object",
        "stand_aside",
    ]
    money_in = schemas["PartyMoneyIn"]["properties"]["amount"]["anyOf"]
    assert [m["type"] for m in money_in] == ["string", "number", "object"]


def test_the_docs_page_is_served(client):
    """People can read the API documentation in a browser."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.parametrize(
    ("literal", "values"),
    [
        (common.PartyKind, choices.PartyKind.values),
        (common.DecisionRule, choices.DecisionRule.values),
        (common.PowerSource, choices.PowerSource.values),
        (common.Role, choices.Role.values),
        (common.SpaceKind, choices.SpaceKind.values),
        (common.SpaceState, choices.SpaceState.values),
        (common.Approach, choices.Approach.values),
        (common.GuestPermission, choices.GuestPermission.values),
        (common.ProposalKind, choices.ProposalKind.values),
        (common.ProposalState, choices.ProposalState.values),
        (common.PositionValue, choices.PositionValue.values),
        (common.TenureRole, choices.TenureRole.values),
        (common.InvitationState, choices.InvitationState.values),
        (common.FundEntryKind, choices.FundEntryKind.values),
        (common.OutsideDecisionState, choices.OutsideDecisionState.values),
    ],
)
def test_api_vocabularies_match_the_core(literal, values):
    """The API's enums are the governance core's code words, in the same order."""
    assert list(typing.get_args(literal)) == list(values)
