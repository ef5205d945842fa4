"""The proposal page tells each person how their own group decides its answer: its rule, how
many answers it needs and has, and their own answer, so "No answer yet" is never a mystery.
A group's votes are its own people's business: no one else sees them."""

# ruff: noqa: RUF001  (the typographic apostrophe is the interface's own)

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex


def words(client, proposal) -> str:
    html = client.get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def proposal(cast, shared):
    return actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                   title="Meet monthly")


def test_a_majority_group_sees_how_many_answers_it_needs_and_has(cast, proposal, signed_in):
    """Self-advocates (3 members, majority): 2 answers needed; after Mo's answer, 1 of 2,
    the group still has no answer, and Mo sees her own answer with its reason."""
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="Not in the evening")
    said = words(signed_in(cast.mo), proposal)
    assert "Self-advocates decides by a majority of its members." in said
    assert "Answers so far: 1 of 2 needed." in said
    assert "Your answer: Object. Reason: Not in the evening" in said
    assert "Self-advocates : No answer yet" in said
    # Ria has not answered: she sees the count, and no answer of hers.
    said = words(signed_in(cast.ria), proposal)
    assert "Answers so far: 1 of 2 needed." in said and "Your answer:" not in said


def test_the_answer_form_starts_from_my_own_answer(cast, proposal, signed_in):
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="Not in the evening")
    html = signed_in(cast.mo).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert re.search(r'<input[^>]*value="object"[^>]*checked', html)
    assert "Not in the evening</textarea>" in html


def test_a_speaker_group_names_its_speakers(cast, proposal, signed_in):
    said = words(signed_in(cast.owen), proposal)  # a council member, not a speaker
    assert "Council team answers through its speakers: Carol" in said
    assert "Ask a speaker to give the group’s answer." in said
    said = words(signed_in(cast.carol), proposal)
    assert "You are a speaker, so your answer is the group’s answer." in said


def test_nothing_is_said_once_the_proposal_has_ended(cast, proposal, signed_in):
    actions.proposal_withdraw(actor=cast.carol, proposal_id=proposal.pk)
    said = words(signed_in(cast.mo), proposal)
    assert "decides by a majority" not in said and "Answers so far" not in said


def test_another_groups_tally_is_not_found(cast, proposal):
    """Carol may see the proposal, but the self-advocates' votes are theirs alone."""
    with pytest.raises(ex.NotFound):
        selectors.vote_tally(viewer=cast.carol, proposal=proposal, party_id=cast.group.pk)
    mine = selectors.vote_tally(viewer=cast.sam, proposal=proposal, party_id=cast.group.pk)
    assert (mine.rule, mine.needed, len(mine.votes)) == ("majority", 2, 0)


def test_the_same_reason_from_several_members_is_shown_once(cast, proposal, signed_in):
    for who in (cast.sam, cast.mo):
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="object", reason="Too far for us")
    said = words(signed_in(cast.carol), proposal)
    assert said.count("Too far for us") == 1


def test_the_group_a_proposal_names_is_never_a_holder(cast, shared, own, signed_in):
    """Holders are not offered (they cannot be added again nor removed); guests come first,
    marked as guests now."""
    html = signed_in(cast.carol).get(reverse("web:proposals", args=[own.pk])).content.decode()
    field = html.split('name="proposal-party"', 1)[1].split("</select>", 1)[0]
    assert f'value="{cast.council.pk}"' not in field  # the host
    assert "Carers forum (a guest now)" in field
    assert field.index("Carers forum (a guest now)") < field.index("Other charity")


def test_a_spending_proposal_says_what_the_fund_holds(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    big = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                  title="A minibus", amount="999999")
    small = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                    title="Tea", amount="20")
    said = words(signed_in(cast.sam), big)
    assert "In the fund now £100.00" in said
    assert "This asks for more money than the fund holds now." in said
    assert "more money than the fund holds" not in words(signed_in(cast.sam), small)


def test_a_speaker_group_without_a_speaker_is_told_so(cast, proposal, signed_in):
    """With its last speaker's role taken away, the council cannot answer: the page says so
    and who can change it, not "answers through its speakers: ."."""
    actions.party_member_set_roles(actor=cast.carol, party_id=cast.council.pk,
                                   person_id=cast.carol.pk, roles=["coordinator"])
    said = words(signed_in(cast.owen), proposal)
    assert "Council team answers through its speakers, but it has none now." in said
    assert "speakers: ." not in said and "Ask a speaker" not in said


def test_a_guest_is_told_its_answer_is_a_view_before_it_answers(cast, own, signed_in):
    """A guest group's speaker is told, before answering, that the answer is a view that
    does not decide, not that it is "the group's answer"; a holder's speaker is not."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision",
                                       title="Meet monthly")
    said = words(signed_in(cast.gil), proposal)
    assert "Carers forum is a guest here. Its answer is a view: it is shown, but it does " \
           "not decide." in said
    assert "your answer is the group’s view." in said
    assert "your answer is the group’s answer." not in said
    said = words(signed_in(cast.carol), proposal)
    assert "is a guest here" not in said and "your answer is the group’s answer." in said


def test_a_guest_group_that_may_not_give_views_is_not_told_how_it_decides(
    cast, own, signed_in
):
    """In an own space whose guests may not give views, the guest group gives no answer,
    so the page does not explain how it would."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision",
                                       title="Meet monthly")
    gil = signed_in(cast.gil)
    assert "Carers forum answers through its speakers: Gil" in words(gil, proposal)
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment"])
    assert "answers through its speakers" not in words(gil, proposal)


def test_closing_early_does_not_blame_the_group_that_had_not_answered(cast, shared, signed_in):
    """Closed by a holder three weeks before its deadline: the group still gathering answers
    was not late, and the page does not say "did not answer in time"."""
    import datetime as dt

    from django.utils import timezone

    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet monthly",
        closes_at=timezone.now() + dt.timedelta(days=21))
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    actions.proposal_close(actor=cast.carol, proposal_id=proposal.pk)
    said = words(signed_in(cast.sam), proposal)
    assert ("It was closed before its deadline, so it ended without a decision: "
            "Self-advocates had not answered yet.") in said
    assert "did not answer in time" not in said


def test_after_answering_the_form_says_change_your_answer(cast, proposal, signed_in):
    mo = signed_in(cast.mo)
    assert "Give your answer" in words(mo, proposal)
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    said = words(mo, proposal)
    assert "Change your answer" in said and "Change answer" in said
    assert "Give your answer" not in said


def test_each_members_reason_is_on_its_own_line_and_the_proposer_is_named(cast, proposal,
                                                                          signed_in):
    """A majority group's objection joins its members' reasons: each on its own line, not run
    together; and the page names the person who proposed, who alone can change it."""
    for person, reason in ((cast.mo, "Not in the evening"), (cast.ria, "Pay us for the time")):
        actions.position_give(actor=person, proposal_id=proposal.pk, party=cast.group.pk,
                              position="object", reason=reason)
    html = signed_in(cast.owen).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "Not in the evening<br>Pay us for the time" in html
    said = words(signed_in(cast.owen), proposal)
    assert "Proposed by Carol, for Council team" in said
    assert "The person who proposed it can change it" in said
