"""`GET /parties/{id}/audit` and `GET /partnerships/{a}/{b}/audit`: the audits across spaces,
scoped to the spaces the caller may see."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.utils import timezone

from sharedspace.governance import actions
from tests.audit.partnership import build

from .conftest import assert_error


def test_partnership_audit_has_each_partys_circles_and_the_label_check(api, cast, shared):
    """Sam sees both spaces the council and the self-advocates meet in, with the figures of
    the scenario (tests/audit/partnership.py) and the partnership's label check."""
    s = build(cast, shared)
    council, group = cast.council.pk, cast.group.pk
    response = api.get(f"/partnerships/{council}/{group}/audit", cast.sam)
    assert response.status_code == 200, response.content
    audit = response.json()
    assert audit["scope"] == "partnership"
    assert audit["partnership"] == [council, group]
    assert [row["space"] for row in audit["spaces"]] == [shared.pk, s.board.pk]
    assert audit["decisions"]["circles"] == {
        council: {"own": 2, "invited": 0, "shared": 2, "outside": 1},
        group: {"own": 0, "invited": 2, "shared": 2, "outside": 1},
    }
    assert audit["measured_approach"] == "co-design"
    assert audit["label_check"]["mismatch"] is True
    assert audit["money"]["committed_by"] == {council: "100.00", group: "20.00"}


def test_partnership_figures_do_not_depend_on_the_order_of_the_two(api, cast, shared):
    """Asking for (group, council) gives the same figures as (council, group)."""
    build(cast, shared)
    one = api.get(f"/partnerships/{cast.council.pk}/{cast.group.pk}/audit", cast.sam).json()
    two = api.get(f"/partnerships/{cast.group.pk}/{cast.council.pk}/audit", cast.sam).json()
    for key in ("decisions", "initiative", "acceptance", "money", "measured_approach",
                "label_check", "exit_power"):
        assert one[key] == two[key], key


def test_outsiders_get_404_for_both_audits(api, cast, shared):
    """Olive's group is in none of these spaces: both audits are 404, never an empty report
    that would tell her the parties exist and meet."""
    build(cast, shared)
    assert_error(api.get(f"/parties/{cast.group.pk}/audit", cast.olive), 404, "not_found")
    assert_error(api.get(f"/partnerships/{cast.council.pk}/{cast.group.pk}/audit", cast.olive),
                 404, "not_found")
    assert_error(api.get("/parties/pty_nobody/audit", cast.sam), 404, "not_found")


def test_a_party_sees_only_the_spaces_it_is_in(api, cast, shared, own):
    """Gil's carers forum is a guest in one council space only (``own``): the council's audit
    shows him that space and nothing of the board or the shared space; Carol sees all three."""
    s = build(cast, shared)
    seen_by_gil = api.get(f"/parties/{cast.council.pk}/audit", cast.gil).json()
    assert [row["space"] for row in seen_by_gil["spaces"]] == [own.pk]
    assert seen_by_gil["decisions"]["total"] == 0
    assert seen_by_gil["money"]["measurable"] is False
    seen_by_carol = api.get(f"/parties/{cast.council.pk}/audit", cast.carol).json()
    assert {row["space"] for row in seen_by_carol["spaces"]} == {own.pk, shared.pk, s.board.pk}
    assert seen_by_carol["decisions"]["circles"][cast.council.pk] == {
        "own": 2, "invited": 0, "shared": 2, "outside": 1}
    # The council and the self-advocates never meet where Gil can see: 404 for him.
    assert_error(api.get(f"/partnerships/{cast.council.pk}/{cast.group.pk}/audit", cast.gil),
                 404, "not_found")


def test_a_party_with_no_spaces_sees_an_empty_report_of_its_own(api, cast):
    """Olive's own group has no space yet: she gets a report saying so; Sam gets 404."""
    response = api.get(f"/parties/{cast.outsiders.pk}/audit", cast.olive)
    assert response.status_code == 200
    audit = response.json()
    assert audit["spaces"] == []
    assert audit["cannot_measure_yet"] == ["Other charity is not in any space yet."]
    assert_error(api.get(f"/parties/{cast.outsiders.pk}/audit", cast.sam), 404, "not_found")


def test_partnership_of_a_party_with_itself_is_bad_input(api, cast):
    """The same party twice is a 422 naming the field."""
    error = assert_error(
        api.get(f"/partnerships/{cast.group.pk}/{cast.group.pk}/audit", cast.sam),
        422, "invalid_input")
    assert set(error["fields"]) == {"b"}


def test_audits_need_sign_in(api, cast):
    """No token: 401 with the error body."""
    assert_error(api.get(f"/parties/{cast.group.pk}/audit"), 401, "not_signed_in")
    assert_error(api.get(f"/partnerships/{cast.group.pk}/{cast.council.pk}/audit"), 401,
                 "not_signed_in")


def test_due_deadlines_are_resolved_before_the_audit(api, cast, shared):
    """A proposal whose deadline passed with a holder silent lapses before it is counted."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Soon", closes_at=timezone.now() + dt.timedelta(days=1))
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    later = timezone.now() + dt.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        audit = api.get(f"/parties/{cast.council.pk}/audit", cast.carol).json()
    assert audit["acceptance"][cast.council.pk]["lapsed"] == 1
    assert audit["acceptance"][cast.council.pk]["open"] == 0


def test_openapi_documents_the_new_operations(api, client):
    """The audits and the perception check are in the OpenAPI document."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for method, path in (
        ("get", "/parties/{id}/audit"),
        ("get", "/partnerships/{a}/{b}/audit"),
        ("get", "/perception/questions"),
        ("post", "/spaces/{id}/perception-rounds"),
        ("get", "/spaces/{id}/perception-rounds"),
        ("get", "/perception-rounds/{id}"),
        ("post", "/perception-rounds/{id}/answers"),
        ("post", "/perception-rounds/{id}/close"),
    ):
        assert method in paths["/api/v1" + path], (method, path)
