"""The perception check over the API: questions, rounds, answers, summary, close."""

from __future__ import annotations

from .conftest import assert_error


def _open(api, cast, space):
    response = api.post(f"/spaces/{space.pk}/perception-rounds", cast.carol)
    assert response.status_code == 201, response.content
    return response.json()


def test_questions_are_the_fixed_easy_read_core(api, cast):
    """Eleven questions, each with its text, hint, picture and the answer forms."""
    response = api.get("/perception/questions", cast.gil)
    assert response.status_code == 200
    questions = response.json()
    assert len(questions) == 11
    overall = next(q for q in questions if q["key"] == "overall")
    assert overall["text"] == "Whose space is this?"
    assert overall["measured_by"] == "overall"
    assert overall["answers"] == ["party:<id>", "together", "dont_know"]


def test_a_round_from_opening_to_closing(api, cast, shared):
    """A holder opens a round; each side answers for its own party; the summary shows the
    views side by side with the record; after closing, no one can answer."""
    opened = _open(api, cast, shared)
    assert opened["answered_parties"] == []
    round_id = opened["round"]
    council, group = cast.council.pk, cast.group.pk
    response = api.post(f"/perception-rounds/{round_id}/answers", cast.carol,
                        {"party": council, "answers": {"overall": "together"}})
    assert response.status_code == 201, response.content
    assert response.json() == {"round": round_id, "party": council,
                               "answers": {"overall": "together"}}
    one_side = api.get(f"/perception-rounds/{round_id}", cast.sam).json()
    assert one_side["notes"] == [
        "Only one group has answered so far. Answers cannot be compared yet."]
    for who in (cast.sam, cast.mo):
        api.post(f"/perception-rounds/{round_id}/answers", who,
                 {"party": group, "answers": {"overall": f"party:{council}"}})
    summary = api.get(f"/perception-rounds/{round_id}", cast.ria).json()
    overall = next(q for q in summary["questions"] if q["key"] == "overall")
    assert overall["by_party"][council]["view"] == "together"
    assert overall["by_party"][group]["view"] == f"party:{council}"
    assert overall["disagreement"] is True
    assert overall["record"] == "together"
    assert summary["respondents"] == {council: 1, group: 2}
    closed = api.post(f"/perception-rounds/{round_id}/close", cast.sam)
    assert closed.status_code == 200
    assert closed.json()["closed_at"] is not None
    assert_error(api.post(f"/perception-rounds/{round_id}/answers", cast.ria,
                          {"party": group, "answers": {"overall": "together"}}),
                 409, "conflict")
    listed = api.get(f"/spaces/{shared.pk}/perception-rounds", cast.mo).json()
    assert [(r["id"], r["open"]) for r in listed] == [(round_id, False)]


def test_rounds_repeat_so_change_shows(api, cast, shared):
    """Two rounds in one space are listed oldest first. One is open at a time: a second
    cannot start until the first is closed."""
    first = _open(api, cast, shared)["round"]
    assert_error(api.post(f"/spaces/{shared.pk}/perception-rounds", cast.sam), 409,
                 "round_already_open")
    assert api.post(f"/perception-rounds/{first}/close", cast.sam).status_code == 200
    second = _open(api, cast, shared)["round"]
    listed = api.get(f"/spaces/{shared.pk}/perception-rounds", cast.sam).json()
    assert [r["id"] for r in listed] == [first, second]


def test_refusals(api, cast, shared, own):
    """Outsiders get 404; a guest cannot open a round; no one answers for another party;
    unknown questions and answers are named field by field; unknown fields are refused."""
    round_id = _open(api, cast, shared)["round"]
    assert_error(api.get(f"/perception-rounds/{round_id}", cast.olive), 404, "not_found")
    assert_error(api.get(f"/spaces/{shared.pk}/perception-rounds", cast.olive), 404,
                 "not_found")
    assert_error(api.post(f"/perception-rounds/{round_id}/answers", cast.olive,
                          {"party": cast.outsiders.pk, "answers": {"stop": "together"}}),
                 404, "not_found")
    assert_error(api.post(f"/spaces/{own.pk}/perception-rounds", cast.gil), 403, "not_holder")
    assert_error(api.post(f"/perception-rounds/{round_id}/answers", cast.carol,
                          {"party": cast.group.pk, "answers": {"stop": "together"}}),
                 403, "not_member")
    error = assert_error(api.post(f"/perception-rounds/{round_id}/answers", cast.sam,
                                  {"party": cast.group.pk,
                                   "answers": {"stop": "party:nobody", "colour": "together"}}),
                         422, "invalid_input")
    assert set(error["fields"]) == {"stop", "colour"}
    error = assert_error(api.post(f"/perception-rounds/{round_id}/answers", cast.sam,
                                  {"party": cast.group.pk, "answers": {}, "name": "Sam"}),
                         422, "invalid_input")
    assert "name" in error["fields"]
    assert_error(api.get("/perception-rounds/prc_nothing", cast.sam), 404, "not_found")


def test_the_audit_of_the_space_shows_the_latest_round(api, cast, shared):
    """`GET /spaces/{id}/audit` carries the perceptions of the latest round."""
    assert api.get(f"/spaces/{shared.pk}/audit", cast.sam).json()["perceptions"]["status"] == (
        "no_round")
    round_id = _open(api, cast, shared)["round"]
    api.post(f"/perception-rounds/{round_id}/answers", cast.carol,
             {"party": cast.council.pk, "answers": {"money": "together"}})
    block = api.get(f"/spaces/{shared.pk}/audit", cast.sam).json()["perceptions"]
    assert block["round"] == round_id
    assert block["status"] == "one_side"
    assert block["comparable"] is False
