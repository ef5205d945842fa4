"""Closing a perception check over the API (docs/adr/0013, amended): a group that answered
cannot close it while another holder group has not; the summary says who closed it and which
groups had not answered."""

from __future__ import annotations

from .conftest import assert_error


def test_closing_before_the_other_holder_answered_is_refused(api, cast, shared):
    opened = api.post(f"/spaces/{shared.pk}/perception-rounds", cast.carol).json()
    round_id = opened["round"]
    api.post(f"/perception-rounds/{round_id}/answers", cast.carol,
             {"party": cast.council.pk, "answers": {"overall": "together"}})
    error = assert_error(api.post(f"/perception-rounds/{round_id}/close", cast.owen), 403,
                         "groups_not_answered_yet")
    assert "only the last group still to answer can close it" in error["message"]
    assert api.get(f"/perception-rounds/{round_id}", cast.sam).json()["closed_at"] is None
    closed = api.post(f"/perception-rounds/{round_id}/close", cast.sam)
    assert closed.status_code == 200, closed.content
    summary = closed.json()
    assert summary["closed_at"] is not None
    assert summary["closed_by"] == {"person": cast.sam.pk, "party": cast.group.pk}
    assert summary["not_answered_at_close"] == [cast.group.pk]
