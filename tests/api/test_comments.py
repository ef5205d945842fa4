"""Discussion in a space."""

from __future__ import annotations

from .conftest import assert_error, nothing_written


def test_holders_and_permitted_guests_comment(api, cast, own):
    """`POST /spaces/{id}/comments` is 201; the discussion lists comments oldest first."""
    first = api.post(f"/spaces/{own.pk}/comments", cast.owen, {"body": "Welcome"})
    assert first.status_code == 201, first.content
    assert first.json()["author"] == {"person": cast.owen.pk, "party": cast.council.pk}
    second = api.post(f"/spaces/{own.pk}/comments", cast.gil, {"body": "Thank you"})
    assert second.status_code == 201
    listed = api.get(f"/spaces/{own.pk}/comments", cast.gil).json()
    assert [(c["body"], c["removed"]) for c in listed] == [("Welcome", False), ("Thank you", False)]


def test_comment_refusals(api, cast, own):
    """A guest without `comment` is refused; outsiders get 404; empty text is 422."""
    api.patch(f"/spaces/{own.pk}", cast.carol, {"guest_permissions": ["view"]})
    with nothing_written():
        assert_error(
            api.post(f"/spaces/{own.pk}/comments", cast.gil, {"body": "Hi"}),
            403,
            "guest_permission_missing",
        )
        assert_error(
            api.post(f"/spaces/{own.pk}/comments", cast.olive, {"body": "Hi"}), 404, "not_found"
        )
        assert_error(
            api.post(f"/spaces/{own.pk}/comments", cast.carol, {"body": " "}), 422, "invalid_input"
        )
    assert_error(api.get(f"/spaces/{own.pk}/comments", cast.olive), 404, "not_found")
