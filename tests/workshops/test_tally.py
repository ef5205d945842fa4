"""The pure counting of workshop answers: the three circles from each person's own side, and
the side by side, where people not sure of their side never make a disagreement."""

from __future__ import annotations

from sharedspace.workshops.tally import (
    MINE,
    NOT_SURE,
    SHARED,
    UNPLACED,
    UNSURE,
    YOURS,
    circle_counts,
    circle_of,
    side_by_side,
)


def test_an_answer_is_placed_from_the_side_of_who_gave_it():
    """Naming your own group is My space, another group Your space, all of us together
    Shared space; don't know, and a group named by someone not sure of their side, are
    counted beside."""
    assert circle_of("council", "party:council") == MINE
    assert circle_of("group", "party:council") == YOURS
    assert circle_of("group", "together") == SHARED
    assert circle_of(UNSURE, "together") == SHARED
    assert circle_of("group", "dont_know") == NOT_SURE
    assert circle_of(UNSURE, "party:council") == UNPLACED


def test_circle_counts_add_up_one_question():
    rows = [
        ("council", "overall", "party:council", 2),
        ("group", "overall", "party:council", 3),
        ("group", "overall", "together", 1),
        (UNSURE, "overall", "party:group", 4),
        ("group", "money", "together", 9),
    ]
    assert circle_counts(rows, "overall") == {
        MINE: 2, YOURS: 3, SHARED: 1, NOT_SURE: 0, UNPLACED: 4,
    }
    assert circle_counts(rows, "money")[SHARED] == 9
    assert sum(circle_counts([], "overall").values()) == 0


def test_people_not_sure_of_their_side_are_shown_but_never_disagree():
    """Both groups say "together"; those not sure say something else: seen the same way,
    with their counts in a column of their own."""
    rows = [
        ("council", "overall", "together", 2),
        ("group", "overall", "together", 1),
        (UNSURE, "overall", "party:council", 5),
    ]
    summary = side_by_side(rows, sides=["council", "group", UNSURE])
    overall = next(q for q in summary["questions"] if q["key"] == "overall")
    assert overall["disagreement"] is False
    assert overall["by_party"][UNSURE]["counts"] == {"party:council": 5}
    assert overall["by_party"]["council"]["answered"] == 2
    assert summary["answered_parties"] == ["council", "group", UNSURE]


def test_groups_that_differ_are_seen_differently():
    rows = [("council", "overall", "together", 1), ("group", "overall", "party:council", 2)]
    summary = side_by_side(rows, sides=["council", "group", UNSURE])
    overall = next(q for q in summary["questions"] if q["key"] == "overall")
    assert overall["disagreement"] is True
    assert overall["by_party"][UNSURE]["answered"] == 0
