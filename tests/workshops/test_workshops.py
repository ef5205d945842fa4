"""Workshop mode's rules: who opens and closes a session, what a closed one refuses, one
answer per phone and question, anonymity, the cap, and codes people can read aloud."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sharedspace.governance import actions as gov
from sharedspace.governance.models import LedgerEntry
from sharedspace.workshops import actions, codes, selectors
from sharedspace.workshops import exceptions as wex
from sharedspace.workshops.models import Answer, Participant, Workshop
from sharedspace.workshops.tally import UNSURE
from tests.governance.conftest import CHARTER, accept_all, refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("carol", True), ("owen", True), ("sam", True), ("ria", True), ("gil", False),
     ("olive", False)],
)
def test_any_holder_person_opens_a_session_no_one_else(who, allowed, cast, shared_guest):
    """People of the groups holding the space open a session; the guest's people are refused
    (not_holder), and someone who cannot see the space is told it is not there."""
    person = getattr(cast, who)
    if allowed:
        found = actions.workshop_open(actor=person, space_id=shared_guest.pk)
        assert found.space_id == shared_guest.pk and found.closed_at is None
        assert found.opened_by == person
        assert codes.looks_like_a_code(found.code)
    else:
        code = "not_holder" if who == "gil" else "not_found"
        refused(code, actions.workshop_open, actor=person, space_id=shared_guest.pk)
        assert not Workshop.objects.exists()


def test_in_an_own_space_the_host_opens_and_the_guest_cannot(cast, own):
    """An own space's host runs workshops; its guest answers in them but cannot open one."""
    assert actions.workshop_open(actor=cast.owen, space_id=own.pk).space_id == own.pk
    refused("not_holder", actions.workshop_open, actor=cast.gil, space_id=own.pk)


def test_opening_and_closing_write_nothing_to_the_ledger(cast, shared):
    """Perception rounds keep off the ledger (ADR 5): so do workshops, and their answers."""
    before = LedgerEntry.objects.count()
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=found.pk, key="k1", side=cast.group.pk)
    actions.answer_give(workshop_id=found.pk, key="k1", question="overall", answer="together")
    actions.workshop_close(actor=cast.sam, workshop_id=found.pk)
    assert LedgerEntry.objects.count() == before


def test_who_may_close(cast, own):
    """A holder's person closes a session; the guest cannot; closing twice changes nothing."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    refused("not_holder", actions.workshop_close, actor=cast.gil, workshop_id=found.pk)
    refused("not_found", actions.workshop_close, actor=cast.olive, workshop_id=found.pk)
    closed = actions.workshop_close(actor=cast.owen, workshop_id=found.pk)
    assert closed.closed_at is not None
    again = actions.workshop_close(actor=cast.carol, workshop_id=found.pk)
    assert again.closed_at == closed.closed_at


def test_a_closed_session_takes_no_answers_and_no_one_new(cast, shared):
    """Once closed, answering, changing an answer and joining are all refused; what was
    answered before stays."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=found.pk, key="k1", side=cast.council.pk)
    actions.answer_give(workshop_id=found.pk, key="k1", question="money", answer="dont_know")
    actions.workshop_close(actor=cast.carol, workshop_id=found.pk)
    with pytest.raises(wex.WorkshopClosed) as caught:
        actions.answer_give(workshop_id=found.pk, key="k1", question="money", answer="together")
    assert caught.value.code == "workshop_closed" and caught.value.status == 409
    with pytest.raises(wex.WorkshopClosed):
        actions.participant_join(workshop_id=found.pk, key="k2", side=UNSURE)
    assert list(Answer.objects.values_list("answer", flat=True)) == ["dont_know"]
    assert Participant.objects.count() == 1


def test_a_session_in_a_closed_space_takes_no_answers(cast, shared):
    """A space that closes while a session is open: the session takes no more answers
    (rule 8), and it can no longer be closed either."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    refused("space_closed", actions.participant_join, workshop_id=found.pk, key="k",
            side=UNSURE)
    refused("space_closed", actions.workshop_close, actor=cast.carol, workshop_id=found.pk)
    refused("space_closed", actions.workshop_open, actor=cast.carol, space_id=shared.pk)


def test_the_same_phone_changes_its_answers_instead_of_adding(cast, shared):
    """The same key again: one participant, one answer per question, the latest kept; a
    new side replaces the old one."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=found.pk, key="phone", side=cast.group.pk)
    actions.answer_give(workshop_id=found.pk, key="phone", question="overall",
                        answer=f"party:{cast.council.pk}")
    actions.participant_join(workshop_id=found.pk, key="phone", side=UNSURE)
    actions.answer_give(workshop_id=found.pk, key="phone", question="overall", answer="together")
    assert Participant.objects.count() == 1
    assert Participant.objects.get().party_id is None
    assert list(Answer.objects.values_list("question", "answer")) == [("overall", "together")]
    assert selectors.mine(found, "phone") == selectors.Mine(UNSURE, {"overall": "together"})
    assert selectors.mine(found, "another") == selectors.Mine(None, {})


def test_answers_need_a_side_a_real_question_and_a_real_answer(cast, shared):
    """A phone that has not said its side, a made-up question, a group not in the space,
    or a made-up answer: each refused with its own code, nothing saved."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    refused("workshop_side_first", actions.answer_give, workshop_id=found.pk, key="k",
            question="overall", answer="together")
    refused("workshop_not_a_side", actions.participant_join, workshop_id=found.pk, key="k",
            side=cast.outsiders.pk)
    actions.participant_join(workshop_id=found.pk, key="k", side=cast.council.pk)
    refused("workshop_not_a_question", actions.answer_give, workshop_id=found.pk, key="k",
            question="weather", answer="together")
    for bad in (f"party:{cast.outsiders.pk}", "everyone", ""):
        refused("workshop_not_an_answer", actions.answer_give, workshop_id=found.pk, key="k",
                question="overall", answer=bad)
    refused("workshop_side_first", actions.answer_give, workshop_id=found.pk, key="",
            question="overall", answer="together")
    assert not Answer.objects.exists()


def test_a_guest_group_is_a_side_too(cast, own):
    """In an own space, the guest group is one of the sides, and a possible answer."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    assert selectors.sides(found.space) == [cast.council.pk, cast.guests.pk, UNSURE]
    actions.participant_join(workshop_id=found.pk, key="k", side=cast.guests.pk)
    actions.answer_give(workshop_id=found.pk, key="k", question="stop",
                        answer=f"party:{cast.guests.pk}")
    assert Answer.objects.get().answer == f"party:{cast.guests.pk}"


def test_nothing_names_a_person_or_an_address(cast, shared):
    """Participants and answers have no field for a person, an address or a time, and the
    key is not stored as it is: only its digest, mixed with the session."""
    for model in (Participant, Answer):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"person", "person_id", "user", "ip", "address", "user_agent",
                            "created_at", "answered_at", "joined_at"}, names
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert cast.carol.__class__ not in related
    first = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    second = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    for found in (first, second):
        actions.participant_join(workshop_id=found.pk, key="secret-key", side=UNSURE)
    digests = list(Participant.objects.values_list("key_digest", flat=True))
    assert len(set(digests)) == 2, "the same phone in two sessions cannot be linked"
    assert all("secret-key" not in d and len(d) == 64 for d in digests)


def test_the_cap_on_people(cast, shared, monkeypatch):
    """A session takes at most MAX_PARTICIPANTS people; those already in can still change
    their side and answer."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 3)
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    for i in range(3):
        actions.participant_join(workshop_id=found.pk, key=f"k{i}", side=UNSURE)
    refused("workshop_full", actions.participant_join, workshop_id=found.pk, key="k9",
            side=UNSURE)
    actions.participant_join(workshop_id=found.pk, key="k0", side=cast.council.pk)
    actions.answer_give(workshop_id=found.pk, key="k1", question="overall", answer="together")
    assert Participant.objects.filter(workshop=found).count() == 3


def test_the_cap_is_per_session(cast, shared, monkeypatch):
    """A full session does not stop another one."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 1)
    first = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    second = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=first.pk, key="a", side=UNSURE)
    actions.participant_join(workshop_id=second.pk, key="a", side=UNSURE)
    assert Participant.objects.count() == 2


def test_codes_are_unique_among_open_sessions(cast, shared, monkeypatch):
    """A code in use by an open session is drawn again; once that session closes, the code
    is free, and ``by_code`` finds the newest session with it."""
    drawn = iter(["KMN349", "KMN349", "TVW679", "KMN349"])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    first = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    second = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    assert (first.code, second.code) == ("KMN349", "TVW679")
    actions.workshop_close(actor=cast.carol, workshop_id=first.pk)
    assert selectors.by_code("KMN349") == first
    third = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    assert third.code == "KMN349"
    assert selectors.by_code("KMN349") == third
    assert selectors.by_code("CCCCCC") is None


def test_code_alphabet_has_no_look_alikes():
    """Codes use no character that looks or sounds like another, nor vowels."""
    assert not set(codes.ALPHABET) & set("0O1IL2Z5S8BUAEU")
    for _ in range(200):
        code = codes.new_code()
        assert codes.looks_like_a_code(code)
    assert codes.normalise(" km7-4qx ") == "KM74QX"
    assert codes.spaced("KM74QX") == "KM7 4QX"


def test_counts_stay_at_two_queries_however_many_people(cast, shared):
    """The projector's counts are two grouped queries with 2 or 40 people answering."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            side = [cast.council.pk, cast.group.pk, UNSURE][i % 3]
            actions.participant_join(workshop_id=found.pk, key=f"p{i}", side=side)
            for question in ("overall", "money"):
                actions.answer_give(workshop_id=found.pk, key=f"p{i}", question=question,
                                    answer=["together", f"party:{cast.council.pk}"][i % 2])

    add(0, 2)
    with CaptureQueriesContext(connection) as small:
        selectors.counts(found)
    add(2, 38)
    with CaptureQueriesContext(connection) as large:
        counted = selectors.counts(found)
    assert len(small.captured_queries) == len(large.captured_queries) == 2
    assert counted.total == 40
    assert sum(n for _s, q, _a, n in counted.rows if q == "overall") == 40


def test_overview_counts_people_who_answered(cast, shared):
    """The list of sessions counts people who answered something, not those who only
    chose a side."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=found.pk, key="a", side=UNSURE)
    actions.participant_join(workshop_id=found.pk, key="b", side=cast.group.pk)
    for q in ("overall", "money"):
        actions.answer_give(workshop_id=found.pk, key="b", question=q, answer="together")
    assert selectors.workshops_overview(viewer=cast.sam, space_id=shared.pk) == [(found, 1)]
    with pytest.raises(Exception) as caught:
        selectors.workshops_overview(viewer=cast.olive, space_id=shared.pk)
    assert getattr(caught.value, "code", "") == "not_found"


def test_a_session_open_when_its_space_closed_ends_with_it(cast, shared, own, monkeypatch):
    """Nobody can close a session whose space closed (rule 8), so it ends with the space:
    every read treats it as ended, and the next session opened anywhere writes its end (the
    space's own closing time), which frees its code."""
    drawn = iter(["KMN349", "KMN349"])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    stale = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    stale = Workshop.objects.select_related("space").get(pk=stale.pk)
    assert stale.closed_at is None
    assert not stale.taking_answers and stale.ended_with_its_space
    assert list(Workshop.objects.taking_answers()) == []
    assert list(Workshop.objects.ended_with_their_spaces()) == [stale]
    assert selectors.by_code("KMN349") == stale

    fresh = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    assert fresh.code == "KMN349", "the code of the session that ended is free again"
    stale.refresh_from_db()
    assert stale.closed_at == stale.space.closed_at
    assert stale.ended_with_its_space and not stale.taking_answers
    assert selectors.by_code("KMN349") == fresh
    assert list(Workshop.objects.taking_answers()) == [fresh]
    assert list(Workshop.objects.ended_with_their_spaces()) == []
    refused("workshop_closed", actions.answer_give, workshop_id=stale.pk, key="k",
            question="overall", answer="together")


def test_a_session_closed_before_its_space_did_not_end_with_it(cast, shared):
    """Closed by a facilitator, then the space closed: "closed", not "ended with the space"."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=found.pk)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    found = Workshop.objects.select_related("space").get(pk=found.pk)
    assert not found.ended_with_its_space and not found.taking_answers
    assert actions.end_with_their_spaces() == 0


def test_the_counts_say_when_a_session_is_full(cast, shared, monkeypatch):
    """Everyone who chose a side takes a place, answered or not: the big screen says "full"
    once the places are taken, in the same two queries."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 3)
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.participant_join(workshop_id=found.pk, key="a", side=UNSURE)
    actions.participant_join(workshop_id=found.pk, key="b", side=cast.group.pk)
    actions.answer_give(workshop_id=found.pk, key="b", question="overall", answer="together")
    actions.answer_give(workshop_id=found.pk, key="b", question="money", answer="together")
    counted = selectors.counts(found)
    assert (counted.joined, counted.total, counted.full) == (2, 1, False)
    assert counted.people == {cast.group.pk: 1}
    actions.participant_join(workshop_id=found.pk, key="c", side=UNSURE)
    with CaptureQueriesContext(connection) as queries:
        counted = selectors.counts(found)
    assert len(queries.captured_queries) == 2
    assert (counted.joined, counted.total, counted.full) == (3, 1, True)


# --- who sees how to join (docs/adr/0029, "Review fixes") ---------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [("carol", True), ("owen", True), ("sam", True), ("mo", True), ("ria", True),
     ("gil", True), ("olive", False)],
)
def test_people_of_the_groups_in_the_space_now_see_the_code(who, sees, cast, shared_guest):
    """Holders' people and the guest's people see the code; no one else does."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared_guest.pk)
    assert selectors.may_see_code(viewer=getattr(cast, who), workshop=found) is sees


def test_no_one_signed_out_sees_the_code(cast, shared):
    from django.contrib.auth.models import AnonymousUser

    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    assert not selectors.may_see_code(viewer=None, workshop=found)
    assert not selectors.may_see_code(viewer=AnonymousUser(), workshop=found)


def test_a_group_that_left_still_reads_the_answers_but_not_the_code(cast):
    """A holder that left an active space keeps reading it (ADR 27), and its session's
    answers, but is no longer told how to join."""
    space = gov.space_create(
        actor=cast.carol, title="Three", purpose="p", charter=CHARTER,
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        claimed_approach="coproduction")
    accept_all(space, cast)
    found = actions.workshop_open(actor=cast.carol, space_id=space.pk)
    assert selectors.may_see_code(viewer=cast.olive, workshop=found)
    gov.space_leave(actor=cast.olive, space_id=space.pk, party_id=cast.outsiders.pk)
    found = selectors.workshop_get(viewer=cast.olive, workshop_id=found.pk)  # still visible
    assert found.taking_answers
    assert not selectors.may_see_code(viewer=cast.olive, workshop=found)
    assert selectors.may_see_code(viewer=cast.sam, workshop=found)


def test_a_removed_guest_and_an_invited_group_do_not_see_the_code(cast, own):
    """A guest the host stopped involving, and a group invited but not yet in, can see the
    space, and not the code of its session."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    assert selectors.may_see_code(viewer=cast.gil, workshop=found)
    gov.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    gov.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.outsiders.pk)
    for person in (cast.gil, cast.olive):
        found = selectors.workshop_get(viewer=person, workshop_id=found.pk)
        assert not selectors.may_see_code(viewer=person, workshop=found)
    assert selectors.may_see_code(viewer=cast.owen, workshop=found)


def test_seeing_the_code_takes_a_fixed_number_of_queries(cast, shared_guest):
    """The membership and the space's groups: three queries, however many groups."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared_guest.pk)
    found = Workshop.objects.select_related("space").get(pk=found.pk)
    with CaptureQueriesContext(connection) as queries:
        selectors.may_see_code(viewer=cast.gil, workshop=found)
    assert len(queries.captured_queries) <= 3
