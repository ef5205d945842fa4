"""`POST /proposals/{id}/amend` that changes nothing is 422 `invalid_input` on `title`, and
the proposal keeps its version and every answer (a new version would reset them)."""

from __future__ import annotations

import pytest

from sharedspace.governance import actions

from .conftest import assert_error, nothing_written


@pytest.mark.parametrize("body", [{}, {"title": "Pay the venue"}, {"body": ""}])
def test_an_amendment_that_changes_nothing_is_refused(api, cast, shared, body):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Pay the venue")
    with nothing_written():
        response = api.post(f"/proposals/{proposal.pk}/amend", cast.carol, body)
    assert_error(response, 422, "invalid_input")
    assert "Nothing has changed" in response.json()["error"]["fields"]["title"]
    assert api.get(f"/proposals/{proposal.pk}", cast.carol).json()["version"] == 1
    changed = api.post(f"/proposals/{proposal.pk}/amend", cast.carol, {"body": "At noon."})
    assert changed.status_code == 200 and changed.json()["version"] == 2
