"""Published work and critical friends (ADR 36): publishing takes consent like everything else
that matters; anyone signed in may comment; removing a comment takes consent too."""

from __future__ import annotations

import datetime as dt

import pytest

from sharedspace.governance import actions, ledger
from sharedspace.governance.models import LedgerEntry, Publication, PublicComment

from .conftest import agree_all, pass_proposal, refused, watch


@pytest.fixture
def outsider(cast):
    """Someone in no group at all: a critical friend."""
    return actions.person_create(email="friend@example.org", name="Fran")


def publish(cast, space, **kwargs) -> Publication:
    kwargs.setdefault("body", "We asked 40 people. Most want the service open on Saturdays.")
    proposal = pass_proposal(cast, space, kind="publish", title="What we found", **kwargs)
    return Publication.objects.get(proposal=proposal)


def test_publishing_in_a_shared_space_waits_for_every_group(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="What we found", body="Saturdays, please.")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    assert not Publication.objects.exists(), "one group published alone"
    with watch() as written:
        agree_all(cast, proposal)
    entry = written.one("work.publish")
    publication = Publication.objects.get()
    assert (publication.title, publication.body) == ("What we found", "Saturdays, please.")
    assert entry["data"] == {
        "publication": publication.pk, "proposal": proposal.pk,
        "title_sha256": ledger.digest("What we found"),
        "body_sha256": ledger.digest("Saturdays, please."),
    }
    assert ledger.verify_chain(shared.pk).ok


def test_an_objection_keeps_the_work_unpublished(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="Draft", body="Not ready")
    for who in (cast.sam, cast.mo):  # the group decides by majority, with a quorum of 2
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="object", reason="We have not checked the easy read")
    actions.proposal_close(actor=cast.carol, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.state == "blocked"
    assert not Publication.objects.exists()


def test_the_published_words_are_the_words_that_passed(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="First go", body="Old words")
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Second go",
                           body="New words")
    agree_all(cast, proposal)
    publication = Publication.objects.get()
    assert (publication.title, publication.body) == ("Second go", "New words")


def test_work_to_publish_cannot_be_empty(cast, shared):
    error = refused("invalid_input", actions.proposal_submit, actor=cast.carol,
                    space_id=shared.pk, kind="publish", title="Nothing", body="  ")
    assert "body" in error.fields
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="Something", body="Words")
    error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=proposal.pk, body="")
    assert "body" in error.fields


def test_in_an_own_space_the_host_publishes_and_a_guest_can_only_ask(cast, own):
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="publish",
                                       title="Our view", body="Carers want more notice.")
    actions.position_give(actor=cast.gil, proposal_id=proposal.pk, party=cast.guests.pk,
                          position="agree")
    assert not Publication.objects.exists(), "a guest's view published the work"
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    assert Publication.objects.get().space_id == own.pk


def test_anyone_signed_in_may_comment_as_a_critical_friend(cast, shared, outsider):
    publication = publish(cast, shared)
    with watch() as written:
        comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                             body="  Who did you not ask?  ")
    assert comment.body == "Who did you not ask?"
    entry = written.one("public_comment.add")
    assert entry["chain"] == shared.pk
    assert entry["actor"] == {"person": outsider.pk, "party": None}
    assert entry["data"] == {"publication": publication.pk, "comment": comment.pk,
                             "body_sha256": ledger.digest("Who did you not ask?")}
    assert ledger.verify_chain(shared.pk).ok


def test_a_comment_must_say_something_and_not_too_much(cast, shared, outsider):
    publication = publish(cast, shared)
    for body in ("", "   ", "x" * 5001):
        error = refused("invalid_input", actions.public_comment_add, actor=outsider,
                        publication_id=publication.pk, body=body)
        assert "body" in error.fields


def test_no_comment_on_work_that_does_not_exist(cast, outsider):
    refused("not_found", actions.public_comment_add, actor=outsider,
            publication_id="pub_missing", body="Hello")


def test_a_closed_space_takes_no_more_comments_and_keeps_its_work(cast, shared, outsider):
    publication = publish(cast, shared)
    actions.public_comment_add(actor=outsider, publication_id=publication.pk, body="Good")
    pass_proposal(cast, shared, kind="close")
    refused("space_closed", actions.public_comment_add, actor=outsider,
            publication_id=publication.pk, body="Too late")
    assert Publication.objects.filter(pk=publication.pk).exists()
    assert PublicComment.objects.count() == 1


def test_removing_a_critical_friends_comment_takes_every_groups_consent(cast, shared, outsider):
    publication = publish(cast, shared)
    comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                         body="Rude words")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                       kind="remove_content", title="Remove it",
                                       content=comment.pk)
    assert proposal.public_comment_id == comment.pk and proposal.content_id is None
    submitted = LedgerEntry.objects.filter(chain=shared.pk, action="proposal.submit").last()
    assert f'"content":"{comment.pk}"' in submitted.content
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    comment.refresh_from_db()
    assert comment.removed_at is None, "one group silenced a critical friend"
    with watch() as written:
        agree_all(cast, proposal)
    comment.refresh_from_db()
    assert comment.removed_at is not None and comment.body == "Rude words"
    assert written.one("content.remove")["data"] == {"comment": comment.pk,
                                                      "proposal": proposal.pk, "public": True}
    assert ledger.verify_chain(shared.pk).ok


def test_a_space_cannot_remove_comments_on_another_spaces_work(cast, shared, own, outsider):
    publication = publish(cast, own)
    comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                         body="On the council's own work")
    error = refused("invalid_input", actions.proposal_submit, actor=cast.carol,
                    space_id=shared.pk, kind="remove_content", title="Remove it",
                    content=comment.pk)
    assert "content" in error.fields


def test_a_critical_friend_may_take_back_their_own_comment_and_no_one_else(cast, shared,
                                                                            outsider):
    publication = publish(cast, shared)
    comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                         body="I gave my address: 1 High St")
    refused("not_comment_author", actions.public_comment_withdraw, actor=cast.carol,
            comment_id=comment.pk)
    with watch() as written:
        actions.public_comment_withdraw(actor=outsider, comment_id=comment.pk)
    assert written.one("public_comment.withdraw")["data"] == {
        "publication": publication.pk, "comment": comment.pk}
    comment.refresh_from_db()
    assert comment.removed_at is not None and comment.body  # hidden, kept for the export
    refused("not_found", actions.public_comment_withdraw, actor=outsider, comment_id=comment.pk)
    assert ledger.verify_chain(shared.pk).ok


def test_a_comment_taken_back_is_not_removed_again_by_a_proposal(cast, shared, outsider):
    """A remove_content proposal that passes after its comment was already hidden changes
    nothing, and no entry says it was hidden twice."""
    publication = publish(cast, shared)
    comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                         body="Oops")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                       kind="remove_content", title="Remove it",
                                       content=comment.pk)
    actions.public_comment_withdraw(actor=outsider, comment_id=comment.pk)
    with watch() as written:
        agree_all(cast, proposal)
    assert "content.remove" not in written.actions
    assert proposal.state == "passed"


def test_content_remove_names_a_critical_friends_comment_as_public(cast, shared, outsider):
    publication = publish(cast, shared)
    comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                         body="Hm")
    with watch() as written:
        pass_proposal(cast, shared, kind="remove_content", content=comment.pk)
    assert written.one("content.remove")["data"]["public"] is True


def test_a_switched_off_or_erased_account_cannot_comment(cast, shared, outsider):
    publication = publish(cast, shared)
    actions.person_erase(actor=outsider, person_id=outsider.pk)
    outsider.refresh_from_db()
    refused("not_found", actions.public_comment_add, actor=outsider,
            publication_id=publication.pk, body="Still here?")


def test_effects_never_run_without_their_passed_proposal(cast, shared):
    from sharedspace.governance.actions import content

    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="Not yet", body="Words")
    with pytest.raises(RuntimeError):
        content.publish(shared, proposal=proposal, actor=cast.carol, party=None)
    assert not Publication.objects.exists()


def test_a_guest_of_a_shared_space_cannot_propose_publishing(cast, shared_guest):
    refused("guest_permission_missing", actions.proposal_submit, actor=cast.gil,
            space_id=shared_guest.pk, kind="publish", title="Our say", body="Words")


def test_the_invariants_hold_over_a_history_with_published_work(cast, shared, own, outsider):
    """The stateful test's checks (tests/governance/invariants.py) over publishing, friends'
    comments, removal and closing; and they catch published words that did not pass."""
    from . import invariants

    consent, closed_seen = invariants.Consent(), {}
    publication = publish(cast, shared)
    friend = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                        body="Hm")
    pass_proposal(cast, shared, kind="remove_content", content=friend.pk)
    publish(cast, own, body="The council's own words")
    pass_proposal(cast, shared, kind="close")
    consent.check()
    invariants.closed_spaces_never_change(closed_seen)
    assert closed_seen[shared.pk]["publications"] and closed_seen[shared.pk]["public_comments"]
    Publication.objects.filter(pk=publication.pk).update(body="Words no one agreed")
    with pytest.raises(AssertionError, match="not the words that passed"):
        consent.check()
    with pytest.raises(AssertionError, match="changed"):
        invariants.closed_spaces_never_change(closed_seen)


def test_one_person_writes_at_most_ten_comments_in_fifteen_minutes(cast, shared, outsider,
                                                                   clock):
    """However they are sent (web or API), counted from the comments themselves; taken-back
    ones count too, so taking back does not reset the limit."""
    publication = publish(cast, shared)
    for i in range(10):
        comment = actions.public_comment_add(actor=outsider, publication_id=publication.pk,
                                             body=f"Point {i}")
    actions.public_comment_withdraw(actor=outsider, comment_id=comment.pk)
    refused("too_many_comments", actions.public_comment_add, actor=outsider,
            publication_id=publication.pk, body="One more")
    actions.public_comment_add(actor=cast.olive, publication_id=publication.pk,
                               body="Someone else is not held back")
    clock.advance(minutes=16)
    actions.public_comment_add(actor=outsider, publication_id=publication.pk, body="Later")


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202b"])
def test_titles_refuse_characters_that_turn_the_text_around(cast, shared, control):
    """A title is read inside sentences (the history) and, once published, by anyone: a
    right-to-left override in it could make the sentence around it read otherwise."""
    error = refused("invalid_input", actions.proposal_submit, actor=cast.carol,
                    space_id=shared.pk, kind="publish", title=f"Good{control}news",
                    body="Words")
    assert "title" in error.fields
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Plain")
    refused("invalid_input", actions.proposal_amend, actor=cast.carol,
            proposal_id=proposal.pk, title=f"Plain{control}")
    refused("invalid_input", actions.meeting_schedule, actor=cast.carol, space_id=shared.pk,
            title=f"Meet{control}", starts_at=dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC))
