"""The pure side of the perception check."""

from sharedspace.perception.compare import dominant, party_view, record_answers, summarise


def test_party_view_is_the_most_common_answer_and_a_tie_is_split():
    """A party's view is its most common answer; a tie at the top shows as split."""
    assert party_view({"together": 3, "party:a": 1}) == "together"
    assert party_view({"together": 2, "party:a": 2}) == "split"
    assert party_view({}) is None


def test_dominant_needs_three_quarters():
    """The record names one holder of a dimension only at 75% or more of its events."""
    assert dominant({"a": 3, "b": 1}) == "party:a"
    assert dominant({"a": 2, "b": 1}) == "mixed"
    assert dominant({"together": 4}) == "together"
    assert dominant({}) is None


def test_summarise_marks_disagreement_and_compares_with_the_record():
    """Two parties that see the same question differently show a disagreement, and each
    view is marked against what the record says."""
    answers = [
        ("council", "overall", "together"),
        ("council", "overall", "together"),
        ("group", "overall", "party:council"),
        ("group", "budget", "dont_know"),
    ]
    record = record_answers(
        {"kind": "own", "host": "council", "holders": ["council"], "guests": ["group"],
         "decisions": {}, "initiative": {},
         "money": {"measurable": False, "committed_by": {}, "withdrawn_by": {},
                   "withdrawn_unilaterally": "0", "spent_alone": "0", "joint_share": 0.0},
         "budget": {"has_fund": False, "every_party_can_see": True},
         "exit": {"host_can_remove": ["council"], "holders_can_be_removed": False,
                  "guests_removed_only_together": False}}
    )
    result = summarise(answers, parties=["council", "group"], record=record)
    overall = next(q for q in result["questions"] if q["key"] == "overall")
    assert overall["disagreement"] is True
    assert overall["record"] == "party:council"
    assert overall["matches_record"] == {"council": False, "group": True}
    budget = next(q for q in result["questions"] if q["key"] == "budget")
    assert budget["record"] is None  # no fund: the record cannot say
    assert budget["disagreement"] is False
    assert result["notes"] == []


def test_one_side_only_says_it_cannot_compare_yet():
    """With only one party's answers the summary says they cannot be compared yet."""
    result = summarise([("a", "topic", "together")], parties=["a", "b"])
    assert result["answered_parties"] == ["a"]
    assert "cannot be compared" in result["notes"][0]


def test_changes_names_each_party_whose_view_moved():
    """Between two rounds, a party whose view differs is a change; a party that answered in
    only one of them is not, and neither is a view that stayed the same."""
    from sharedspace.perception.compare import changes

    parties = ["council", "group"]
    before = summarise([("council", "overall", "together"), ("group", "overall", "party:council"),
                        ("group", "money", "dont_know")], parties=parties)
    after = summarise([("council", "overall", "together"), ("group", "overall", "together"),
                       ("council", "money", "together")], parties=parties)
    assert changes(before, after) == [
        {"key": "overall", "party": "group", "before": "party:council", "after": "together"}
    ]
    assert changes(after, after) == []


def test_every_question_has_a_picture_of_its_own_kind():
    """Each question names one of our icons, and the icon exists as a template."""
    from django.template.loader import get_template

    from sharedspace.perception.questions import QUESTIONS

    for q in QUESTIONS:
        svg = get_template(f"web/icons/{q.icon}.svg").render({})
        assert 'aria-hidden="true"' in svg and "style=" not in svg, q.key
