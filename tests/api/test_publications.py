"""Published work and critical friends' comments through the API (ADR 36: an addition to
CONTRACT.md)."""

from __future__ import annotations

from sharedspace.governance import actions

from .conftest import assert_error, nothing_written


def publish_by_api(api, cast, space, title="What we found", body="Saturdays, please."):
    """Propose through the API; every holder agrees through the API."""
    made = api.post(f"/spaces/{space.pk}/proposals", cast.carol,
                    {"kind": "publish", "title": title, "body": body})
    assert made.status_code == 201, made.content
    proposal = made.json()["id"]
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        if api.get(f"/proposals/{proposal}", cast.carol).json()["state"] != "open":
            break
        answered = api.post(f"/proposals/{proposal}/positions", who,
                            {"party": party.pk, "position": "agree"})
        assert answered.status_code == 201, answered.content
    assert api.get(f"/proposals/{proposal}", cast.carol).json()["state"] == "passed"
    return proposal


def test_publish_read_and_comment_as_a_critical_friend(api, cast, shared):
    proposal = publish_by_api(api, cast, shared)
    friend = actions.person_create(email="friend@example.org", name="Fran")
    (listed,) = api.get("/publications", friend).json()
    assert listed["proposal"] == proposal and listed["space"] == shared.pk
    assert listed["title"] == "What we found"
    made = api.post(f"/publications/{listed['id']}/comments", friend, {"body": "Who?"})
    assert made.status_code == 201, made.content
    assert made.json()["author"] == {"person": friend.pk, "name": "Fran"}
    work = api.get(f"/publications/{listed['id']}", friend).json()
    assert work["body"] == "Saturdays, please."
    assert [(c["body"], c["removed"]) for c in work["comments"]] == [("Who?", False)]


def test_a_removed_comment_keeps_its_place_without_its_words(api, cast, shared):
    publish_by_api(api, cast, shared)
    friend = actions.person_create(email="friend@example.org", name="Fran")
    (listed,) = api.get("/publications", friend).json()
    comment = api.post(f"/publications/{listed['id']}/comments", friend,
                       {"body": "Rude words"}).json()
    made = api.post(f"/spaces/{shared.pk}/proposals", cast.carol,
                    {"kind": "remove_content", "title": "Remove it", "content": comment["id"]})
    assert made.status_code == 201, made.content
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        api.post(f"/proposals/{made.json()['id']}/positions", who,
                 {"party": party.pk, "position": "agree"})
    (shown,) = api.get(f"/publications/{listed['id']}", friend).json()["comments"]
    assert (shown["body"], shown["removed"]) == (None, True)


def test_refusals(api, cast, shared):
    with nothing_written():
        assert_error(api.post(f"/spaces/{shared.pk}/proposals", cast.carol,
                              {"kind": "publish", "title": "Empty"}), 422, "invalid_input")
        assert_error(api.post("/publications/pub_missing/comments", cast.carol,
                              {"body": "Hi"}), 404, "not_found")
        assert_error(api.get("/publications/pub_missing", cast.carol), 404, "not_found")
        assert_error(api.get("/publications"), 401, "not_signed_in")
    publish_by_api(api, cast, shared)
    (listed,) = api.get("/publications", cast.olive).json()
    with nothing_written():
        assert_error(api.post(f"/publications/{listed['id']}/comments", cast.olive,
                              {"body": "  "}), 422, "invalid_input")
        assert_error(api.post(f"/publications/{listed['id']}/comments", cast.olive,
                              {"body": "x", "extra": 1}), 422, "invalid_input")
    assert api.get("/publications?page=2", cast.olive).json() == []
    assert_error(api.get("/publications?page=0", cast.olive), 422, "invalid_input")


def test_no_comment_once_the_space_has_closed(api, cast, shared):
    publish_by_api(api, cast, shared)
    (listed,) = api.get("/publications", cast.olive).json()
    made = api.post(f"/spaces/{shared.pk}/proposals", cast.carol,
                    {"kind": "close", "title": "We are done"}).json()
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        api.post(f"/proposals/{made['id']}/positions", who, {"party": party.pk,
                                                            "position": "agree"})
    with nothing_written():
        assert_error(api.post(f"/publications/{listed['id']}/comments", cast.olive,
                              {"body": "Late"}), 409, "space_closed")
    assert api.get(f"/publications/{listed['id']}", cast.olive).status_code == 200


def test_a_taken_back_comment_names_no_one_and_only_the_newest_are_listed(api, cast, shared,
                                                                         monkeypatch):
    from sharedspace.api.routers import publications

    monkeypatch.setattr(publications, "COMMENTS_SHOWN", 2)
    publish_by_api(api, cast, shared)
    friend = actions.person_create(email="friend@example.org", name="Fran")
    (listed,) = api.get("/publications", friend).json()
    made = [api.post(f"/publications/{listed['id']}/comments", friend, {"body": f"Point {i}"})
            .json() for i in range(3)]
    actions.public_comment_withdraw(actor=friend, comment_id=made[2]["id"])
    shown = api.get(f"/publications/{listed['id']}", friend).json()["comments"]
    assert [c["id"] for c in shown] == [made[1]["id"], made[2]["id"]]
    assert shown[1]["author"] is None and shown[1]["body"] is None
    assert shown[0]["author"] == {"person": friend.pk, "name": "Fran"}
