"""The perception check through its actions and selectors."""

import pytest

from sharedspace.governance import actions as gov
from sharedspace.governance import exceptions as ex
from sharedspace.perception import actions, selectors


def test_each_person_answers_for_their_party_and_answers_show_side_by_side(cast, shared):
    """Answers are grouped by party, counted without names, and compared with the record."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together", "money": f"party:{cast.council.pk}"})
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"overall": f"party:{cast.council.pk}"})
    actions.answers_submit(actor=cast.mo, round_id=rnd.pk, party=cast.group.pk,
                           answers={"overall": f"party:{cast.council.pk}"})
    summary = selectors.round_summary(viewer=cast.ria, round_id=rnd.pk)
    overall = next(q for q in summary["questions"] if q["key"] == "overall")
    assert overall["by_party"][cast.council.pk]["view"] == "together"
    assert overall["by_party"][cast.group.pk]["counts"] == {f"party:{cast.council.pk}": 2}
    assert overall["disagreement"] is True
    assert overall["record"] == "together"  # a shared space is held together
    assert summary["respondents"] == {cast.council.pk: 1, cast.group.pk: 2}


def test_answering_again_replaces_your_answer(cast, shared):
    """A person has one answer per question in a round; answering again replaces it."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"stop": "dont_know"})
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"stop": "together"})
    summary = selectors.round_summary(viewer=cast.sam, round_id=rnd.pk)
    stop = next(q for q in summary["questions"] if q["key"] == "stop")
    assert stop["by_party"][cast.group.pk]["counts"] == {"together": 1}


def test_refusals(cast, shared, own):
    """Outsiders see nothing; no one answers for a party they are not in; bad answers are
    named; a closed round takes no answers."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    with pytest.raises(ex.NotFound):
        selectors.round_summary(viewer=cast.olive, round_id=rnd.pk)
    with pytest.raises(ex.NotMember):
        actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.group.pk,
                               answers={"stop": "together"})
    with pytest.raises(ex.InvalidInput) as bad:
        actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                               answers={"stop": "party:nobody", "colour": "together"})
    assert set(bad.value.fields) == {"stop", "colour"}
    actions.round_close(actor=cast.sam, round_id=rnd.pk)
    with pytest.raises(ex.Conflict):
        actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                               answers={"stop": "together"})
    with pytest.raises(ex.NotHolder):
        actions.round_open(actor=cast.gil, space_id=own.pk)


def test_guest_in_own_space_sees_the_host_holds_it_in_the_record(cast, own):
    """In the council's own space the record says the council decides and can stop it."""
    p = gov.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="Our idea")
    gov.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                      position="object", reason="Not now")
    rnd = actions.round_open(actor=cast.carol, space_id=own.pk)
    actions.answers_submit(actor=cast.gil, round_id=rnd.pk, party=cast.guests.pk,
                           answers={"stop": "together", "start": f"party:{cast.guests.pk}"})
    summary = selectors.round_summary(viewer=cast.gil, round_id=rnd.pk)
    by_key = {q["key"]: q for q in summary["questions"]}
    assert by_key["stop"]["record"] == f"party:{cast.council.pk}"
    assert by_key["stop"]["matches_record"] == {cast.guests.pk: False}
    assert by_key["next_steps"]["record"] == f"party:{cast.council.pk}"
    # The council opened the space and invited the forum; the forum proposed once: both
    # have started things, as the audit counts them (docs/adr/0022).
    assert by_key["start"]["record"] == "together"


def test_a_closed_space_takes_no_answers_and_its_rounds_stay_as_they_were(cast, shared):
    """A closed space is read-only forever (rule 8): answering or closing a round is
    refused, and what was answered stays readable."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"overall": "together"})
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    with pytest.raises(ex.SpaceClosed):
        actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                               answers={"overall": "together"})
    with pytest.raises(ex.SpaceClosed):
        actions.round_close(actor=cast.carol, round_id=rnd.pk)
    rnd.refresh_from_db()
    assert rnd.closed_at is None
    summary = selectors.round_summary(viewer=cast.sam, round_id=rnd.pk)
    assert summary["respondents"] == {cast.group.pk: 1}


def test_rounds_overview_counts_people_and_my_answers_are_mine(cast, shared, own):
    """The overview lists rounds newest first with how many people answered; a person's own
    answers come back for them alone; rounds of a space one cannot see are not found."""
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    with pytest.raises(ex.RoundAlreadyOpen):  # one check open at a time
        actions.round_open(actor=cast.sam, space_id=shared.pk)
    actions.round_close(actor=cast.carol, round_id=first.pk)
    second = actions.round_open(actor=cast.carol, space_id=shared.pk)
    for who, party in ((cast.sam, cast.group), (cast.mo, cast.group),
                       (cast.carol, cast.council)):
        actions.answers_submit(actor=who, round_id=second.pk, party=party.pk,
                               answers={"overall": "together", "stop": "dont_know"})
    overview = selectors.rounds_overview(viewer=cast.ria, space_id=shared.pk)
    assert [(r.pk, n) for r, n in overview] == [(second.pk, 3), (first.pk, 0)]
    assert selectors.my_answers(viewer=cast.sam, round_id=second.pk) == {
        "overall": (cast.group.pk, "together"), "stop": (cast.group.pk, "dont_know")}
    assert selectors.my_answers(viewer=cast.ria, round_id=second.pk) == {}
    assert selectors.round_get(viewer=cast.ria, round_id=first.pk) == first
    for read in (lambda: selectors.round_get(viewer=cast.olive, round_id=first.pk),
                 lambda: selectors.my_answers(viewer=cast.olive, round_id=first.pk),
                 lambda: selectors.rounds_overview(viewer=cast.olive, space_id=shared.pk)):
        with pytest.raises(ex.NotFound):
            read()
