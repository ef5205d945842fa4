"""Proposals and positions: decisions by consent, through the API."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sharedspace.governance.actions import proposals as proposal_actions
from sharedspace.governance.models import LedgerEntry

from .conftest import assert_error, nothing_written

PROPOSAL_FIELDS = {
    "id",
    "space",
    "kind",
    "title",
    "body",
    "proposed_by",
    "state",
    "closes_at",
    "positions",
    "version",
}


def _propose(api, person, space, **extra):
    body = {"kind": "decision", "title": "Meet on Tuesdays", "body": "At 2pm", **extra}
    response = api.post(f"/spaces/{space.pk}/proposals", person, body)
    assert response.status_code == 201, response.content
    return response.json()


def _answer(api, person, proposal, party, position, reason=None):
    body = {"party": party.pk, "position": position}
    if reason is not None:
        body["reason"] = reason
    return api.post(f"/proposals/{proposal['id']}/positions", person, body)


def test_a_proposal_has_the_contract_shape(api, cast, shared):
    """`POST /spaces/{id}/proposals` is 201 and `GET /proposals/{id}` has every field."""
    created = _propose(api, cast.sam, shared)
    body = api.get(f"/proposals/{created['id']}", cast.carol).json()
    assert set(body) >= PROPOSAL_FIELDS
    assert body == created
    assert (body["space"], body["kind"], body["state"], body["version"]) == (
        shared.pk,
        "decision",
        "open",
        1,
    )
    assert body["proposed_by"] == {"person": cast.sam.pk, "party": cast.group.pk}
    assert (body["positions"], body["closes_at"], body["amount"]) == ([], None, None)


def test_a_shared_proposal_passes_when_every_holder_agrees(api, cast, shared):
    """It stays open until every holder has a position by its own rule; then passes."""
    proposal = _propose(api, cast.carol, shared)
    assert _answer(api, cast.carol, proposal, cast.council, "agree").json()["state"] == "open"
    response = _answer(api, cast.sam, proposal, cast.group, "agree")
    assert response.status_code == 201
    assert response.json()["state"] == "open"  # the group's majority needs two of three
    response = _answer(api, cast.ria, proposal, cast.group, "stand_aside")
    assert response.json()["state"] == "passed"
    assert response.json()["positions"] == [
        {"party": cast.council.pk, "position": "agree", "reason": None, "binding": True},
        {"party": cast.group.pk, "position": "agree", "reason": None, "binding": True},
    ]


def test_only_a_speaker_answers_for_a_speaker_party(api, cast, shared):
    """Owen is a member of the council, whose rule is `speaker`: 403 `not_a_speaker`.
    Olive belongs to neither party: 404."""
    proposal = _propose(api, cast.carol, shared)
    with nothing_written():
        assert_error(_answer(api, cast.owen, proposal, cast.council, "agree"), 403, "not_a_speaker")
        assert_error(_answer(api, cast.carol, proposal, cast.group, "agree"), 403, "not_member")
        assert_error(_answer(api, cast.olive, proposal, cast.outsiders, "agree"), 404, "not_found")


def test_objecting_needs_a_reason(api, cast, shared):
    """`object` without a reason (missing, empty or blank) is 422 naming `reason`."""
    proposal = _propose(api, cast.carol, shared)
    with nothing_written():
        for reason in (None, "", "   "):
            error = assert_error(
                _answer(api, cast.sam, proposal, cast.group, "object", reason),
                422,
                "reason_required",
            )
            assert "reason" in error["fields"]
        error = assert_error(
            _answer(api, cast.sam, proposal, cast.group, "maybe"), 422, "invalid_input"
        )
        assert set(error["fields"]) == {"position"}


def test_amending_resets_positions_and_raises_the_version(api, cast, shared):
    """An objection keeps it open; the proposer amends; positions reset; version goes up.
    Only the proposer amends (403 `not_proposer`)."""
    proposal = _propose(api, cast.carol, shared)
    _answer(api, cast.carol, proposal, cast.council, "agree")
    _answer(api, cast.sam, proposal, cast.group, "object", "Tuesdays clash")
    response = _answer(api, cast.mo, proposal, cast.group, "object", "Tuesdays clash")
    assert response.json()["state"] == "open"
    assert [p["position"] for p in response.json()["positions"]] == ["agree", "object"]
    with nothing_written():
        assert_error(
            api.post(f"/proposals/{proposal['id']}/amend", cast.sam, {"title": "Mine"}),
            403,
            "not_proposer",
        )
    response = api.post(
        f"/proposals/{proposal['id']}/amend", cast.carol, {"title": "Meet on Wednesdays"}
    )
    assert response.status_code == 200
    assert (
        response.json()["version"],
        response.json()["positions"],
        response.json()["title"],
        response.json()["body"],
    ) == (2, [], "Meet on Wednesdays", "At 2pm")


def test_close_resolves_now_and_then_the_proposal_is_closed(api, cast, shared):
    """`close` ends it as at its deadline (a standing objection: `blocked`); afterwards
    any answer, amendment or close is 409 `proposal_closed`."""
    proposal = _propose(api, cast.carol, shared)
    _answer(api, cast.sam, proposal, cast.group, "object", "Not this way")
    _answer(api, cast.mo, proposal, cast.group, "object", "Not yet")
    response = api.post(f"/proposals/{proposal['id']}/close", cast.mo)
    assert response.status_code == 200
    assert response.json()["state"] == "blocked"
    with nothing_written():
        assert_error(
            _answer(api, cast.carol, proposal, cast.council, "agree"), 409, "proposal_closed"
        )
        assert_error(
            api.post(f"/proposals/{proposal['id']}/amend", cast.carol, {"body": "x"}),
            409,
            "proposal_closed",
        )
        assert_error(
            api.post(f"/proposals/{proposal['id']}/close", cast.carol), 409, "proposal_closed"
        )


def test_silence_lapses_a_proposal_at_its_deadline_when_read(api, cast, shared, monkeypatch):
    """A deadline that passed is resolved before the proposal is read: silence is never
    consent, so one holder's agreement alone makes it `lapsed`."""
    closes = timezone.now() + dt.timedelta(days=7)
    proposal = _propose(api, cast.carol, shared, closes_at=closes.isoformat())
    _answer(api, cast.carol, proposal, cast.council, "agree")
    later = closes + dt.timedelta(minutes=1)
    monkeypatch.setattr(proposal_actions, "now", lambda: later)
    body = api.get(f"/proposals/{proposal['id']}", cast.sam).json()
    assert body["state"] == "lapsed"
    assert LedgerEntry.objects.filter(chain=shared.pk, action="proposal.resolve").count() == 1
    assert_error(_answer(api, cast.sam, proposal, cast.group, "agree"), 409, "proposal_closed")


def test_deadline_must_have_a_zone_and_be_in_the_future(api, cast, shared):
    """`closes_at` without a time zone, or in the past, is 422."""
    with nothing_written():
        for closes_at in ("2030-01-01T10:00:00", "2001-01-01T10:00:00Z", "next week"):
            response = api.post(
                f"/spaces/{shared.pk}/proposals",
                cast.carol,
                {"kind": "decision", "title": "x", "closes_at": closes_at},
            )
            assert list(assert_error(response, 422, "invalid_input")["fields"]) == ["closes_at"]


def test_in_an_own_space_guests_give_views_and_the_host_decides(api, cast, own):
    """A guest allowed to propose does; its answer is a view (`binding: false`); the
    host's answer ends the proposal at once."""
    proposal = _propose(api, cast.gil, own)
    response = _answer(api, cast.gil, proposal, cast.guests, "object", "Too early")
    assert response.json()["positions"] == [
        {"party": cast.guests.pk, "position": "object", "reason": "Too early", "binding": False}
    ]
    assert response.json()["state"] == "open"
    response = _answer(api, cast.carol, proposal, cast.council, "agree")
    assert response.json()["state"] == "passed"


def test_who_may_propose(api, cast, own, shared):
    """A guest in a shared space and an outsider cannot propose; a guest without
    `propose` is refused with 403 `guest_permission_missing`."""
    api.patch(f"/spaces/{own.pk}", cast.carol, {"guest_permissions": ["view"]})
    body = {"kind": "decision", "title": "Let us decide"}
    with nothing_written():
        assert_error(
            api.post(f"/spaces/{own.pk}/proposals", cast.gil, body), 403, "guest_permission_missing"
        )
        assert_error(api.post(f"/spaces/{shared.pk}/proposals", cast.olive, body), 404, "not_found")


def test_kind_specific_fields(api, cast, shared):
    """A spend needs an amount; add_guest needs a party; money can be an object with its
    currency."""
    with nothing_written():
        assert (
            "amount"
            in assert_error(
                api.post(
                    f"/spaces/{shared.pk}/proposals", cast.carol, {"kind": "spend", "title": "Buy"}
                ),
                422,
                "invalid_input",
            )["fields"]
        )
        assert (
            "party"
            in assert_error(
                api.post(
                    f"/spaces/{shared.pk}/proposals",
                    cast.carol,
                    {"kind": "add_guest", "title": "Invite"},
                ),
                422,
                "invalid_input",
            )["fields"]
        )
    spend = _propose(
        api, cast.carol, shared, kind="spend", amount={"amount": "12.5", "currency": "EUR"}
    )
    assert spend["amount"] == {"amount": "12.50", "currency": "EUR"}
    invite = _propose(api, cast.carol, shared, kind="add_guest", party=cast.guests.pk)
    assert invite["party"] == cast.guests.pk


def test_a_passed_add_guest_proposal_invites_the_guest(api, cast, shared):
    """In a shared space guests come in only by a passed proposal, then their own
    coordinator accepts."""
    proposal = _propose(api, cast.carol, shared, kind="add_guest", party=cast.guests.pk)
    _answer(api, cast.carol, proposal, cast.council, "agree")
    _answer(api, cast.sam, proposal, cast.group, "agree")
    assert _answer(api, cast.mo, proposal, cast.group, "agree").json()["state"] == "passed"
    invitation = api.get("/invitations", cast.gil).json()[0]
    assert (invitation["as"], invitation["proposal"]) == ("guest", proposal["id"])
    api.post(f"/invitations/{invitation['id']}/accept", cast.gil)
    guests = api.get(f"/spaces/{shared.pk}", cast.carol).json()["guests"]
    assert [g["id"] for g in guests] == [cast.guests.pk]


def test_proposal_list_and_withdraw(api, cast, shared):
    """`GET /spaces/{id}/proposals` lists them newest first; the proposer withdraws."""
    first = _propose(api, cast.carol, shared)
    second = _propose(api, cast.sam, shared, title="Second")
    listed = api.get(f"/spaces/{shared.pk}/proposals", cast.mo).json()
    assert [p["id"] for p in listed] == [second["id"], first["id"]]
    with nothing_written():
        assert_error(api.post(f"/proposals/{first['id']}/withdraw", cast.sam), 403, "not_proposer")
    response = api.post(f"/proposals/{first['id']}/withdraw", cast.carol)
    assert response.json()["state"] == "withdrawn"


def test_outsiders_and_missing_proposals_look_the_same(api, cast, shared):
    """A proposal of a space you cannot see is a 404, like one that never existed."""
    proposal = _propose(api, cast.carol, shared)
    hidden = api.get(f"/proposals/{proposal['id']}", cast.olive)
    assert_error(hidden, 404, "not_found")
    assert hidden.json() == api.get("/proposals/prp_nothing", cast.olive).json()
