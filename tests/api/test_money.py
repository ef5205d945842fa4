"""The fund: giving, taking back, and spending only by consent in a shared space."""

from __future__ import annotations

from sharedspace.governance import actions

from .conftest import assert_error, nothing_written


def _commit(api, person, space, party, amount):
    response = api.post(
        f"/spaces/{space.pk}/fund/commitments", person, {"party": party.pk, "amount": amount}
    )
    assert response.status_code == 201, response.content
    return response.json()


def _passed_spend(cast, space, amount):
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=space.pk, kind="spend", title="Pay the venue", amount=amount
    )
    for person, party in (
        (cast.carol, cast.council),
        (cast.sam, cast.group),
        (cast.mo, cast.group),
    ):
        actions.position_give(
            actor=person, proposal_id=proposal.pk, party=party.pk, position="agree"
        )
    proposal.refresh_from_db()
    assert proposal.state == "passed"
    return proposal


def test_fund_has_the_contract_shape(api, cast, shared):
    """`GET /spaces/{id}/fund` has balance, committed_by, spent and withdrawn as money."""
    _commit(api, cast.carol, shared, cast.council, "100.00")
    _commit(api, cast.sam, shared, cast.group, 20)
    fund = api.get(f"/spaces/{shared.pk}/fund", cast.mo).json()
    assert {k: fund[k] for k in ("balance", "committed_by", "spent", "withdrawn")} == {
        "balance": {"amount": "120.00", "currency": "GBP"},
        "committed_by": [
            {"party": cast.council.pk, "amount": {"amount": "100.00", "currency": "GBP"}},
            {"party": cast.group.pk, "amount": {"amount": "20.00", "currency": "GBP"}},
        ],
        "spent": {"amount": "0.00", "currency": "GBP"},
        "withdrawn": {"amount": "0.00", "currency": "GBP"},
    }
    assert [e["kind"] for e in fund["entries"]] == ["commitment", "commitment"]


def test_guests_see_the_fund_and_outsiders_do_not(api, cast, own):
    """Everyone in the space knows the budget; anyone else gets 404."""
    _commit(api, cast.carol, own, cast.council, "50")
    assert api.get(f"/spaces/{own.pk}/fund", cast.gil).json()["balance"]["amount"] == "50.00"
    assert_error(api.get(f"/spaces/{own.pk}/fund", cast.olive), 404, "not_found")


def test_money_as_object_number_or_text(api, cast, shared):
    """Money in a body may be text, a JSON number (kept exact) or an object with a
    currency; the fund's one currency is kept (422 `currency_mismatch`)."""
    entry = _commit(api, cast.carol, shared, cast.council, {"amount": "10.10", "currency": "EUR"})
    assert entry["amount"] == {"amount": "10.10", "currency": "EUR"}
    assert _commit(api, cast.carol, shared, cast.council, 0.1)["amount"]["amount"] == "0.10"
    assert _commit(api, cast.carol, shared, cast.council, "5")["amount"]["currency"] == "EUR"
    with nothing_written():
        response = api.post(
            f"/spaces/{shared.pk}/fund/commitments",
            cast.carol,
            {"party": cast.council.pk, "amount": {"amount": "1", "currency": "GBP"}},
        )
    assert_error(response, 422, "currency_mismatch")


def test_only_a_coordinator_gives_for_a_party(api, cast, shared):
    """Owen cannot give the council's money: 403 `not_coordinator`."""
    with nothing_written():
        response = api.post(
            f"/spaces/{shared.pk}/fund/commitments",
            cast.owen,
            {"party": cast.council.pk, "amount": "5"},
        )
    assert_error(response, 403, "not_coordinator")


def test_withdraw_up_to_the_unspent_commitment(api, cast, shared):
    """A party takes back its own unspent money (201, marked unilateral in a shared
    space); more than that is 409 `more_than_unspent`."""
    _commit(api, cast.sam, shared, cast.group, "30")
    with nothing_written():
        assert_error(
            api.post(
                f"/spaces/{shared.pk}/fund/withdrawals",
                cast.sam,
                {"party": cast.group.pk, "amount": "30.01"},
            ),
            409,
            "more_than_unspent",
        )
        assert_error(
            api.post(
                f"/spaces/{shared.pk}/fund/withdrawals",
                cast.carol,
                {"party": cast.council.pk, "amount": "1"},
            ),
            409,
            "more_than_unspent",
        )
    response = api.post(
        f"/spaces/{shared.pk}/fund/withdrawals", cast.sam, {"party": cast.group.pk, "amount": "10"}
    )
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["unilateral"]) == ("withdrawal", True)
    fund = api.get(f"/spaces/{shared.pk}/fund", cast.carol).json()
    assert fund["withdrawn"]["amount"] == "10.00"
    assert fund["balance"]["amount"] == "20.00"


def test_shared_spending_needs_a_passed_spend_proposal(api, cast, shared):
    """Without a passed spend proposal of that amount: 403 `needs_passed_proposal`.
    With one: 201, once."""
    _commit(api, cast.carol, shared, cast.council, "100")
    open_one = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="spend", title="Not agreed yet", amount="40"
    )
    passed = _passed_spend(cast, shared, "40")
    with nothing_written():
        for body in (
            {"amount": "40"},
            {"amount": "40", "proposal": open_one.pk},
            {"amount": "39", "proposal": passed.pk},
        ):
            assert_error(
                api.post(f"/spaces/{shared.pk}/fund/spending", cast.carol, body),
                403,
                "needs_passed_proposal",
            )
    response = api.post(
        f"/spaces/{shared.pk}/fund/spending", cast.sam, {"amount": "40.00", "proposal": passed.pk}
    )
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["proposal"]) == ("spending", passed.pk)
    assert api.get(f"/proposals/{passed.pk}", cast.carol).json()["spent"] is True


def test_a_spent_proposal_cannot_be_spent_again(api, cast, shared, own):
    """Shared space: a proposal already spent is not a passed proposal "not yet spent", so
    403 `needs_passed_proposal`, saying so in plain words. Own space: 409 `already_spent`."""
    _commit(api, cast.carol, shared, cast.council, "100")
    passed = _passed_spend(cast, shared, "40")
    body = {"amount": "40", "proposal": passed.pk}
    assert api.post(f"/spaces/{shared.pk}/fund/spending", cast.sam, body).status_code == 201
    _commit(api, cast.carol, own, cast.council, "100")
    own_passed = actions.proposal_submit(
        actor=cast.carol, space_id=own.pk, kind="spend", title="Pay the venue", amount="40"
    )
    actions.position_give(
        actor=cast.carol, proposal_id=own_passed.pk, party=cast.council.pk, position="agree"
    )
    own_body = {"amount": "40", "proposal": own_passed.pk}
    assert api.post(f"/spaces/{own.pk}/fund/spending", cast.carol, own_body).status_code == 201
    with nothing_written():
        error = assert_error(
            api.post(f"/spaces/{shared.pk}/fund/spending", cast.carol, body),
            403,
            "needs_passed_proposal",
        )
        assert error["message"] == (
            "The money for this proposal has already been spent. You can ask for money to be "
            "spent by making a spending proposal."
        )
        assert_error(
            api.post(f"/spaces/{own.pk}/fund/spending", cast.carol, own_body),
            409,
            "already_spent",
        )


def test_a_fund_never_goes_below_zero(api, cast, shared, own):
    """Spending more than the balance is 409 `fund_too_low`, in either kind of space."""
    _commit(api, cast.carol, shared, cast.council, "10")
    passed = _passed_spend(cast, shared, "10.01")
    _commit(api, cast.carol, own, cast.council, "10")
    with nothing_written():
        assert_error(
            api.post(
                f"/spaces/{shared.pk}/fund/spending",
                cast.carol,
                {"amount": "10.01", "proposal": passed.pk},
            ),
            409,
            "fund_too_low",
        )
        assert_error(
            api.post(f"/spaces/{own.pk}/fund/spending", cast.carol, {"amount": "10.01"}),
            409,
            "fund_too_low",
        )


def test_in_an_own_space_the_host_spends(api, cast, own):
    """The host's coordinator spends from its own fund; a guest cannot (403 `not_host`)."""
    _commit(api, cast.carol, own, cast.council, "10")
    with nothing_written():
        assert_error(
            api.post(f"/spaces/{own.pk}/fund/spending", cast.gil, {"amount": "1"}), 403, "not_host"
        )
    response = api.post(f"/spaces/{own.pk}/fund/spending", cast.carol, {"amount": "2.50"})
    assert response.status_code == 201
    assert api.get(f"/spaces/{own.pk}/fund", cast.gil).json()["balance"]["amount"] == "7.50"


def test_money_given_back_as_the_space_closes_is_in_the_fund(api, cast, shared):
    """Leaving a two-group space closes it; each group's unspent money goes back to it, as
    `return` entries that name the group and no actor (ADR 39). The closed space stays
    read-only: taking money back afterwards is 409 `space_closed`."""
    _commit(api, cast.carol, shared, cast.council, "100")
    _commit(api, cast.sam, shared, cast.group, "20")
    response = api.post(f"/spaces/{shared.pk}/leave", cast.sam, {"party": cast.group.pk})
    assert response.status_code == 200, response.content
    fund = api.get(f"/spaces/{shared.pk}/fund", cast.carol).json()
    assert fund["balance"] == {"amount": "0.00", "currency": "GBP"}
    assert fund["withdrawn"] == {"amount": "120.00", "currency": "GBP"}
    returned = [e for e in fund["entries"] if e["kind"] == "return"]
    assert [(e["party"], e["amount"]["amount"], e["unilateral"], e["by"]) for e in returned] == [
        (cast.council.pk, "100.00", False, {"person": None, "party": None}),
        (cast.group.pk, "20.00", False, {"person": None, "party": None}),
    ]
    assert_error(
        api.post(f"/spaces/{shared.pk}/fund/withdrawals", cast.carol,
                 {"party": cast.council.pk, "amount": "1"}),
        409, "space_closed")
