"""The perception check pages: the rounds of a space, answering, and the answers side by side
with disagreements in words and the record beside; every form as a plain POST."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sharedspace.governance import actions as gov
from sharedspace.perception import actions
from sharedspace.perception.models import Answer, Round
from sharedspace.perception.questions import QUESTIONS

from .conftest import errors_in, form_data, hidden_fields


def text_of(response) -> str:
    """The page's words, without tags, spaces squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str, key: str) -> str:
    """The results page's section for one question."""
    match = re.search(
        rf'<section class="app-perception-result" aria-labelledby="q-{key}">'
        r"(.*?)</section>",
        html,
        re.S,
    )
    assert match, key
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def answer(client: Client, round_id: str, party: str, **answers: str):
    return client.post(
        reverse("web:perception_answer", args=[round_id]),
        form_data("answers", party=party, **answers),
    )


@pytest.fixture
def rnd(cast, shared):
    return actions.round_open(actor=cast.carol, space_id=shared.pk)


# --- the list of rounds ---------------------------------------------------------------------


def test_the_space_has_a_perception_tab(cast, shared, signed_in):
    """Every space page links to the perception check."""
    html = signed_in(cast.sam).get(reverse("web:space", args=[shared.pk])).content.decode()
    assert f'href="{reverse("web:perception", args=[shared.pk])}">Perception check</a>' in html


def test_no_round_yet_says_so_and_a_holder_can_start_one(cast, shared, signed_in):
    """Before any round: one clear sentence; a holder's person sees the start button."""
    response = signed_in(cast.owen).get(reverse("web:perception", args=[shared.pk]))
    assert response.status_code == 200
    words = text_of(response)
    assert "No perception check has been done in this space yet." in words
    assert "Start a perception check" in words
    assert ("Each group that holds the space has two weeks to answer before another group "
            "can close the check.") in words


def test_starting_a_round_is_a_plain_post_that_leads_to_the_questions(cast, shared, signed_in):
    """The start button posts back; the new round's answer page follows."""
    client = signed_in(cast.mo)
    response = client.post(reverse("web:perception", args=[shared.pk]), {"form": "open"})
    found = Round.objects.get(space=shared)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:perception_answer", args=[found.pk])
    page = client.get(reverse("web:perception", args=[shared.pk]))
    words = text_of(page)
    assert "A perception check is open." in words and "Answer the questions" in words


def test_a_guest_answers_but_does_not_start_or_close(cast, own, signed_in):
    """In the council's own space the guest's people may answer and read the answers; only
    the host starts and closes a round. A guest's POST is refused in the error summary."""
    found = actions.round_open(actor=cast.carol, space_id=own.pk)
    gil = signed_in(cast.gil)
    page = gil.get(reverse("web:perception", args=[own.pk]))
    words = text_of(page)
    assert "Your group is a guest here." in words
    assert "Start a perception check" not in words
    assert 'name="close-id"' not in page.content.decode()
    assert "Answer the questions" in words
    refused = gil.post(reverse("web:perception", args=[own.pk]), {"form": "open"})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Only the groups that hold this space can do this."
    ]
    closing = gil.post(
        reverse("web:perception", args=[own.pk]), {"form": "close", "close-id": found.pk}
    )
    assert closing.status_code == 403
    assert errors_in(closing.content.decode()) == [
        "Only the groups that hold this space can do this."
    ]
    ok = answer(gil, found.pk, cast.guests.pk, stop=f"party:{cast.council.pk}")
    assert ok.status_code == 302
    assert Answer.objects.get(round=found).party_id == cast.guests.pk


def test_outsiders_see_nothing_and_visitors_are_asked_to_sign_in(cast, shared, rnd, signed_in):
    """Someone outside the space gets the not-found page on every perception page."""
    urls = [
        reverse("web:perception", args=[shared.pk]),
        reverse("web:perception_round", args=[rnd.pk]),
        reverse("web:perception_answer", args=[rnd.pk]),
    ]
    olive = signed_in(cast.olive)
    for url in urls:
        assert olive.get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url
    assert (
        olive.post(
            urls[2], form_data("answers", party=cast.outsiders.pk, overall="together")
        ).status_code
        == 404
    )
    assert (
        signed_in(cast.sam).get(reverse("web:perception_round", args=["prc_nothing"])).status_code
        == 404
    )


def test_a_holder_closes_a_round_from_the_list(cast, shared, rnd, signed_in):
    """The close button is a one-button form; no one has answered, so the page says closing
    ends every group's chance and asks first; after "Yes" the round takes no answers."""
    client = signed_in(cast.sam)
    page = client.get(reverse("web:perception", args=[shared.pk])).content.decode()
    assert f'name="close-id" value="{rnd.pk}"' in page
    assert ("Council team, Self-advocates have not answered yet. If you close the check now, "
            "those groups cannot answer.") in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    asked = client.post(
        reverse("web:perception", args=[shared.pk]), {"form": "close", "close-id": rnd.pk}
    )
    assert asked.status_code == 200 and "Close the perception check now?" in text_of(asked)
    rnd.refresh_from_db()
    assert rnd.closed_at is None  # nothing happens before "Yes"
    response = client.post(reverse("web:perception", args=[shared.pk]),
                           hidden_fields(asked.content.decode()))
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.closed_at is not None
    words = text_of(client.get(reverse("web:perception", args=[shared.pk])))
    assert "Closed" in words and "A perception check is open." not in words


def test_closing_a_round_of_another_space_from_this_page_is_not_found(cast, shared, own, signed_in):
    """The close form only acts on the rounds its page shows."""
    other = actions.round_open(actor=cast.carol, space_id=own.pk)
    response = signed_in(cast.carol).post(
        reverse("web:perception", args=[shared.pk]), {"form": "close", "close-id": other.pk}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.closed_at is None


# --- answering ------------------------------------------------------------------------------


def test_each_question_is_a_fieldset_of_radios_naming_every_group(cast, shared, rnd, signed_in):
    """One fieldset per question; radios for each group, all of us together, don't know; the
    person's own group is fixed when they belong to one group in the space."""
    html = signed_in(cast.sam).get(reverse("web:perception_answer", args=[rnd.pk])).content
    html = html.decode()
    assert html.count('<fieldset class="govuk-fieldset"') == len(QUESTIONS)
    for q in QUESTIONS:
        name = f"answers-{q.key}"
        values = re.findall(rf'name="{name}" type="radio" value="([^"]*)"', html)
        assert values == [
            f"party:{cast.council.pk}",
            f"party:{cast.group.pk}",
            "together",
            "dont_know",
        ], q.key
    assert (
        f'<input type="hidden" id="id_answers-party" name="answers-party" value="{cast.group.pk}">'
    ) in html
    assert "Council team" in html and "All of us together" in html and "Don’t know" in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]


def test_answers_are_saved_and_can_be_changed_while_open(cast, shared, rnd, signed_in):
    """A plain POST saves the answers; the form shows them again; saving again replaces."""
    client = signed_in(cast.sam)
    response = answer(
        client, rnd.pk, cast.group.pk, overall=f"party:{cast.council.pk}", money="dont_know"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:perception_round", args=[rnd.pk])
    page = client.get(reverse("web:perception_answer", args=[rnd.pk])).content.decode()
    assert "You have answered already." in page
    assert f'value="party:{cast.council.pk}" checked' in page
    assert 'value="dont_know" checked' in page
    answer(client, rnd.pk, cast.group.pk, overall="together")
    mine = dict(Answer.objects.filter(round=rnd, person=cast.sam).values_list("question", "answer"))
    assert mine == {"overall": "together", "money": "dont_know"}


def test_answering_nothing_or_nonsense_is_named_in_the_error_summary(cast, shared, rnd, signed_in):
    """An empty form, an answer that is not offered, or a group that is not yours."""
    client = signed_in(cast.sam)
    empty = answer(client, rnd.pk, cast.group.pk)
    assert empty.status_code == 200
    assert errors_in(empty.content.decode()) == ["Answer at least one question"]
    assert 'href="#id_answers-topic"' in empty.content.decode()
    bad = answer(client, rnd.pk, cast.group.pk, stop="party:nobody")
    assert errors_in(bad.content.decode()) == ["Choose a group, all of us together, or don’t know"]
    not_mine = answer(client, rnd.pk, cast.council.pk, stop="together")
    assert errors_in(not_mine.content.decode()) == ["Choose the group you are answering for"]
    assert not Answer.objects.exists()


def test_a_person_in_two_groups_of_the_space_chooses_which(cast, shared, rnd, signed_in):
    """With two groups in the space, the group is a radio question of its own."""
    gov.party_member_add(
        actor=cast.carol, party_id=cast.council.pk, email="sam@example.org", roles=["member"]
    )
    client = signed_in(cast.sam)
    html = client.get(reverse("web:perception_answer", args=[rnd.pk])).content.decode()
    assert "Which group are you answering for?" in html
    missing = client.post(
        reverse("web:perception_answer", args=[rnd.pk]), form_data("answers", overall="together")
    )
    assert errors_in(missing.content.decode()) == ["Choose the group you are answering for"]
    assert answer(client, rnd.pk, cast.council.pk, overall="together").status_code == 302
    assert Answer.objects.get().party_id == cast.council.pk


def test_a_closed_round_takes_no_answers(cast, shared, rnd, signed_in):
    """The form is gone once closed; a late POST is refused in the error summary."""
    client = signed_in(cast.sam)
    actions.round_close(actor=cast.carol, round_id=rnd.pk)
    page = client.get(reverse("web:perception_answer", args=[rnd.pk]))
    assert "This perception check is closed. No one can answer it now." in text_of(page)
    assert 'name="form" value="answers"' not in page.content.decode()
    late = answer(client, rnd.pk, cast.group.pk, overall="together")
    assert late.status_code == 409
    assert errors_in(late.content.decode()) == [
        "This perception check is closed. Ask for a new one."
    ]


def test_easy_read_shows_a_picture_beside_each_question(cast, shared, rnd, signed_in):
    """With easy read on, every question has its own picture and the easy-read text."""
    client = signed_in(cast.sam)
    client.cookies["easy_read"] = "1"
    html = client.get(reverse("web:perception_answer", args=[rnd.pk])).content.decode()
    assert html.count("app-icon--large") >= len(QUESTIONS)
    assert "There are no wrong answers." in html
    off = signed_in(cast.sam).get(reverse("web:perception_answer", args=[rnd.pk]))
    assert (
        "app-icon--large"
        not in off.content.decode().split("<main", 1)[1].split("Perception check started", 1)[1]
    )


# --- the answers side by side ---------------------------------------------------------------


def test_no_answers_yet_says_so(cast, shared, rnd, signed_in):
    words = text_of(signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])))
    assert "No one has answered yet." in words
    assert "This is the first perception check in this space." in words


def test_only_one_side_answered_and_a_group_with_no_answers(cast, shared, rnd, signed_in):
    """One group answered: a sentence says they cannot be compared, and names the group that
    has not answered; its column says it has no answers."""
    answer(signed_in(cast.sam), rnd.pk, cast.group.pk, overall="together")
    response = signed_in(cast.carol).get(reverse("web:perception_round", args=[rnd.pk]))
    words = text_of(response)
    assert "Only Self-advocates has answered so far. The answers cannot be compared yet." in words
    assert "Council team has not answered yet." in words
    overall = section(response.content.decode(), "overall")
    assert "Their view No answers yet All of us together" in overall
    assert "Seen differently" not in overall


def test_answers_side_by_side_with_disagreements_in_words(cast, shared, rnd, signed_in):
    """A table per question, a column per group; where the groups' views differ the page says
    "Seen differently" in words (not colour alone); where they match it says so."""
    answer(signed_in(cast.carol), rnd.pk, cast.council.pk, overall="together", topic="together")
    answer(
        signed_in(cast.sam),
        rnd.pk,
        cast.group.pk,
        overall=f"party:{cast.council.pk}",
        topic="together",
    )
    answer(signed_in(cast.mo), rnd.pk, cast.group.pk, overall=f"party:{cast.council.pk}")
    html = signed_in(cast.ria).get(reverse("web:perception_round", args=[rnd.pk])).content
    html = html.decode()
    # Who answered, then the two questions answered; the rest say no one answered them.
    assert html.count('class="govuk-table app-table"') == 3
    assert html.count("No one has answered this question yet.") == len(QUESTIONS) - 2
    overall = section(html, "overall")
    assert "Answer Council team Self-advocates" in overall
    assert "Council team 0 2" in overall and "All of us together 1 0" in overall
    assert "Their view All of us together Council team" in overall
    assert "Warning Seen differently. The groups do not give the same answer." in overall
    topic = section(html, "topic")
    assert "Seen differently" not in topic
    assert "Seen the same way: every group that answered gives the same answer." in topic
    main = " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split()).split()
    assert not {"Sam", "Mo", "Carol", "Ria"} & set(main)  # never names


def test_a_split_group_is_said_in_words(cast, shared, rnd, signed_in):
    """Two people of one group answering differently is a split, said in words."""
    answer(signed_in(cast.sam), rnd.pk, cast.group.pk, stop="together")
    answer(signed_in(cast.mo), rnd.pk, cast.group.pk, stop=f"party:{cast.council.pk}")
    html = signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])).content
    stop = section(html.decode(), "stop")
    assert "Seen differently. People in Self-advocates gave different answers." in stop
    assert "Split: its people gave different answers" in stop


def test_the_record_is_shown_beside_what_it_measures(cast, shared, rnd, signed_in):
    """Where the record measures a dimension, it is shown with each group's view marked as
    matching it or not; where it measures nothing yet, the page says so; the rest have no
    record."""
    actions.answers_submit(
        actor=cast.carol,
        round_id=rnd.pk,
        party=cast.council.pk,
        answers={"overall": "together", "stop": f"party:{cast.council.pk}"},
    )
    actions.answers_submit(
        actor=cast.sam,
        round_id=rnd.pk,
        party=cast.group.pk,
        answers={"overall": "together", "stop": "dont_know"},
    )
    html = signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])).content
    html = html.decode()
    overall = section(html, "overall")
    assert "What the record shows: All of us together" in overall
    assert "Council team: their view is the same as the record." in overall
    assert "Self-advocates: their view is the same as the record." in overall
    stop = section(html, "stop")
    assert "Council team: their view is different from the record." in stop
    assert "Self-advocates: they don’t know." in stop
    money = section(html, "money")  # no fund yet
    assert "What the record shows: nothing yet." in money
    # Opening the space is starting something, as the audit counts it (docs/adr/0022).
    assert "What the record shows: Council team" in section(html, "start")
    assert "What the record shows" not in section(html, "knowledge")


def test_the_record_of_an_own_space_names_its_host(cast, own, signed_in):
    """In an own space the record says the host can stop the work."""
    found = actions.round_open(actor=cast.carol, space_id=own.pk)
    actions.answers_submit(
        actor=cast.gil, round_id=found.pk, party=cast.guests.pk, answers={"stop": "together"}
    )
    html = signed_in(cast.gil).get(reverse("web:perception_round", args=[found.pk])).content
    stop = section(html.decode(), "stop")
    assert "What the record shows: Council team" in stop
    assert "Carers forum: their view is different from the record." in stop


def test_earlier_rounds_and_what_changed_between_the_last_two(cast, shared, signed_in):
    """A later round lists the earlier ones and says whose view changed since the one
    before; an earlier round's page compares with the one before it, or says it is first."""
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.sam,
        round_id=first.pk,
        party=cast.group.pk,
        answers={"overall": f"party:{cast.council.pk}", "money": "dont_know"},
    )
    actions.round_close(actor=cast.carol, round_id=first.pk)
    second = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.sam,
        round_id=second.pk,
        party=cast.group.pk,
        answers={"overall": "together", "money": "dont_know"},
    )
    client = signed_in(cast.carol)
    words = text_of(client.get(reverse("web:perception_round", args=[second.pk])))
    assert (
        "Whose space is this? Self-advocates said “Council team” before, and “All of us "
        "together” now."
    ) in words
    assert "Who decides how money is spent?" not in words.split("What changed", 1)[1]
    html = client.get(reverse("web:perception_round", args=[second.pk])).content.decode()
    assert f'href="{reverse("web:perception_round", args=[first.pk])}"' in html
    earlier = text_of(client.get(reverse("web:perception_round", args=[first.pk])))
    assert "This is the first perception check in this space." in earlier


def test_no_change_is_said_too(cast, shared, signed_in):
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.sam, round_id=first.pk, party=cast.group.pk, answers={"overall": "together"}
    )
    actions.round_close(actor=cast.carol, round_id=first.pk)
    second = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.sam, round_id=second.pk, party=cast.group.pk, answers={"overall": "together"}
    )
    words = text_of(signed_in(cast.sam).get(reverse("web:perception_round", args=[second.pk])))
    assert "No group’s view changed." in words


def test_a_holder_closes_the_round_from_its_answers_page(cast, shared, rnd, signed_in):
    client = signed_in(cast.owen)
    url = reverse("web:perception_round", args=[rnd.pk])
    assert "Close this check" in text_of(client.get(url))
    asked = client.post(url, {"form": "close", "close-id": rnd.pk})
    assert "Close the perception check now?" in text_of(asked)
    response = client.post(url, hidden_fields(asked.content.decode()))
    assert response.status_code == 302 and response["Location"] == url
    words = text_of(client.get(url))
    assert "State: Closed." in words and "Close this check" not in words


# --- a closed space is read only ------------------------------------------------------------


def test_a_closed_space_is_read_only(cast, shared, rnd, signed_in):
    """Once the space closes, earlier answers can be read; nothing can be started, answered
    or closed, and the open round shows as ended."""
    actions.answers_submit(
        actor=cast.sam, round_id=rnd.pk, party=cast.group.pk, answers={"overall": "together"}
    )
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    client = signed_in(cast.carol)
    words = text_of(client.get(reverse("web:perception", args=[shared.pk])))
    assert "This space is not active, so no one can start or answer a perception check." in words
    assert "Ended when the space closed" in words
    assert "Start a perception check" not in words and "Answer the questions" not in words
    results = text_of(client.get(reverse("web:perception_round", args=[rnd.pk])))
    assert "State: Ended when the space closed." in results
    assert "Close this check" not in results
    started = client.post(reverse("web:perception", args=[shared.pk]), {"form": "open"})
    assert started.status_code == 409
    assert errors_in(started.content.decode())[0].startswith("This space is closed.")
    late = answer(client, rnd.pk, cast.council.pk, overall="together")
    assert late.status_code == 409
    assert errors_in(late.content.decode())[0].startswith("This space is closed.")
    former = signed_in(cast.mo).get(reverse("web:perception_round", args=[rnd.pk]))
    assert former.status_code == 200


# --- query counts ---------------------------------------------------------------------------


def _grow(cast, shared, rounds: list[Round], n: int) -> None:
    """n more rounds with answers from everyone, and more answers in the watched round."""
    people = [
        (cast.carol, cast.council),
        (cast.owen, cast.council),
        (cast.sam, cast.group),
        (cast.mo, cast.group),
        (cast.ria, cast.group),
    ]
    for i in range(n):
        if rounds:  # one check is open at a time
            actions.round_close(actor=cast.carol, round_id=rounds[-1].pk)
        found = actions.round_open(actor=cast.carol, space_id=shared.pk)
        for who, party in people:
            value = "together" if i % 2 else f"party:{party.pk}"
            actions.answers_submit(
                actor=who,
                round_id=found.pk,
                party=party.pk,
                answers={q.key: value for q in QUESTIONS},
            )
        gov.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title=f"Idea {i}")
        rounds.append(found)


def _earlier(cast, shared, n):
    """n more checks before the open one, closed, every question answered by everyone. One
    check is open at a time, so these are written as history (checks are not power events:
    nothing of the ledger is skipped)."""
    people = [(cast.carol, cast.council), (cast.owen, cast.council), (cast.sam, cast.group),
              (cast.mo, cast.group), (cast.ria, cast.group)]
    for i in range(n):
        when = timezone.now() - dt.timedelta(days=400 - i)
        found = Round.objects.create(space=shared, opened_by=cast.carol, opened_at=when,
                                     closed_at=when + dt.timedelta(days=7))
        Answer.objects.bulk_create(
            Answer(round=found, person=who, party=party, question=q.key, answered_at=when,
                   answer="together" if i % 2 else f"party:{party.pk}")
            for who, party in people for q in QUESTIONS
        )


@pytest.mark.parametrize("page", ["perception", "perception_round", "perception_answer"])
def test_query_counts_stay_flat_as_answers_grow(page, cast, shared, signed_in):
    """Each page needs the same number of queries with one round of answers and with many."""
    rounds: list[Round] = []
    _grow(cast, shared, rounds, 2)
    watched = rounds[-1]
    client = signed_in(cast.sam)
    url = reverse(f"web:{page}", args=[shared.pk if page == "perception" else watched.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    small = count()
    _earlier(cast, shared, 4)
    for i in range(4):
        gov.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title=f"More {i}")
    for who in (cast.carol, cast.mo):  # more answers in the watched round too
        actions.answers_submit(
            actor=who,
            round_id=watched.pk,
            party=(cast.council if who == cast.carol else cast.group).pk,
            answers={"topic": "together"},
        )
    assert count() == small
    assert small <= 45


def test_a_split_group_is_not_held_against_the_record(cast, shared, rnd, signed_in):
    """A group whose people are split has no view to hold against the record; the page says
    so rather than calling it different."""
    actions.answers_submit(
        actor=cast.sam, round_id=rnd.pk, party=cast.group.pk, answers={"overall": "together"}
    )
    actions.answers_submit(
        actor=cast.mo,
        round_id=rnd.pk,
        party=cast.group.pk,
        answers={"overall": f"party:{cast.council.pk}"},
    )
    html = signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])).content
    overall = section(html.decode(), "overall")
    assert (
        "Self-advocates: their people are split, so their view cannot be held against the "
        "record." in overall
    )
    assert "Self-advocates: their view is different from the record." not in overall


def test_one_check_is_open_at_a_time(cast, shared, signed_in):
    """While a check is open the page offers no second one and says why; a second start
    sent anyway is refused in the error summary, in plain words, and nothing is opened."""
    client = signed_in(cast.carol)
    url = reverse("web:perception", args=[shared.pk])
    assert "Start a perception check" in text_of(client.get(url))
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    words = text_of(client.get(url))
    assert "Start a perception check" not in words
    assert "To ask everyone again, close the open check first." in words
    response = client.post(url, {"form": "open"})
    assert errors_in(response.content.decode()) == [
        "A perception check is already open in this space. Close it before you start a new one."
    ]
    assert "Start a perception check" not in text_of(response)  # the refusal, no button
    assert Round.objects.filter(space=shared).count() == 1
    actions.round_close(actor=cast.carol, round_id=first.pk)
    assert "Start a perception check" in text_of(client.get(url))


def test_each_groups_view_comes_first_and_the_counts_behind_a_details(cast, shared, rnd,
                                                                      signed_in):
    """A short list of each group's view leads each question; the table of how many people
    gave each answer sits behind "How many people gave each answer"."""
    answer(signed_in(cast.sam), rnd.pk, cast.group.pk, overall="together")
    html = signed_in(cast.ria).get(reverse("web:perception_round", args=[rnd.pk])).content
    overall = section(html.decode(), "overall")
    views = overall.index("Council team No answers yet Self-advocates All of us together")
    details = overall.index("How many people gave each answer")
    assert views < details < overall.index("Answer Council team Self-advocates")


def test_a_mixed_record_is_not_called_different_from_a_view(cast, shared, rnd, signed_in):
    """One decision by consent and one the council made elsewhere: the record of "who decides
    what happens next" is mixed. A group that says "all of us together", or names one group,
    is told how its view sits beside a mixed record, not that it is different from it."""
    from .conftest import pass_proposal

    pass_proposal(cast, shared, kind="decision", title="Evening meetings")
    decision = gov.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                           made_by=cast.council.pk, summary="Cut the budget")
    gov.outside_decision_confirm(actor=cast.carol, decision_id=decision.pk)
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"next_steps": "together"})
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"next_steps": f"party:{cast.council.pk}"})
    html = signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])).content
    steps = section(html.decode(), "next_steps")
    assert "What the record shows: Mixed: no one group holds most of it" in steps
    assert ("Council team: they say all of us together. The record is mixed: some of it was "
            "done together, some by one group or somewhere else.") in steps
    assert ("Self-advocates: they name one group. The record is mixed: no one group holds "
            "most of it.") in steps
    assert "different from the record" not in steps


# --- closing while a group has not answered (docs/adr/0013, amended) -------------------------


def test_a_group_that_answered_is_told_why_it_cannot_close_yet(cast, shared, rnd, signed_in):
    """The council has answered; the self-advocates have not. The council's people see no
    close button: the page says whom the check waits for and from when it can be closed. A
    close sent anyway is refused in plain words, and nothing changes."""
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    client = signed_in(cast.carol)
    fair = timezone.localtime(rnd.opened_at + dt.timedelta(days=14))
    said = ("Self-advocates has not answered yet. Each group has two weeks to answer. You can "
            "close the check once that group has answered, or from "
            f"{fair.day} {fair:%B %Y, %H:%M}.")
    for url in (reverse("web:perception", args=[shared.pk]),
                reverse("web:perception_round", args=[rnd.pk])):
        page = client.get(url)
        assert said in text_of(page), url
        assert 'name="close-id"' not in page.content.decode(), url
    refused = client.post(reverse("web:perception_round", args=[rnd.pk]),
                          {"form": "close", "close-id": rnd.pk})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Not every group that holds this space has answered the perception check yet. Each "
        "group has two weeks from the start to answer. Until then, only the last group still "
        "to answer can close it."
    ]
    rnd.refresh_from_db()
    assert rnd.closed_at is None


def test_the_group_still_to_answer_is_told_what_closing_does_and_the_page_keeps_it(
    cast, shared, rnd, signed_in
):
    """The self-advocates may close it, giving up their own chance: the page says so before
    the button and on the question that follows; afterwards the answers page says who closed
    it, for which group, and that the self-advocates had not answered."""
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    client = signed_in(cast.sam)
    url = reverse("web:perception_round", args=[rnd.pk])
    warning = ("Self-advocates has not answered yet. If you close the check now, that group "
               "cannot answer.")
    page = client.get(url)
    assert warning in text_of(page) and "Close this check" in text_of(page)
    asked = client.post(url, {"form": "close", "close-id": rnd.pk})
    assert "Close the perception check now?" in text_of(asked) and warning in text_of(asked)
    rnd.refresh_from_db()
    assert rnd.closed_at is None
    assert client.post(url, hidden_fields(asked.content.decode())).status_code == 302
    rnd.refresh_from_db()
    day = f"{timezone.localtime(rnd.closed_at).day} {timezone.localtime(rnd.closed_at):%B %Y}"
    words = text_of(signed_in(cast.owen).get(url))
    assert f"Sam, for Self-advocates, closed it on {day}." in words
    assert "Self-advocates had not answered when it was closed." in words


def test_when_every_group_has_answered_closing_acts_at_once(cast, shared, rnd, signed_in):
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group)):
        actions.answers_submit(actor=who, round_id=rnd.pk, party=party.pk,
                               answers={"overall": "together"})
    client = signed_in(cast.owen)
    url = reverse("web:perception_round", args=[rnd.pk])
    assert "has not answered yet" not in text_of(client.get(url))
    assert client.post(url, {"form": "close", "close-id": rnd.pk}).status_code == 302
    assert "Every group had answered when it was closed." in text_of(client.get(url))


# --- whose space is this? (docs/adr/0022, amended) -------------------------------------------


def test_whose_space_agrees_with_the_banner_of_a_shared_space(cast, shared, rnd, signed_in):
    """The council gave nearly all the money. The banner says the space is shared by both
    groups; "Whose space is this?" no longer says "Council team": it says the space is
    shared, that the council holds more of its power, and why, from the record."""
    gov.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="9500")
    gov.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="500")
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    actions.answers_submit(actor=cast.sam, round_id=rnd.pk, party=cast.group.pk,
                           answers={"overall": f"party:{cast.council.pk}"})
    client = signed_in(cast.sam)
    assert "This space is shared by Council team, Self-advocates." in text_of(
        client.get(reverse("web:space", args=[shared.pk])))
    html = client.get(reverse("web:perception_round", args=[rnd.pk])).content.decode()
    overall = section(html, "overall")
    assert "What the record shows: Shared, but Council team holds more of the power" in overall
    assert "What the record shows: Council team " not in overall
    for line in (
        "This is a shared space: nothing is decided unless no group objects, and no group "
        "can remove another.",
        "But the record shows Council team holds more of the power:",
        "Council team gave most of the money.",
        "It can take back what is not spent at any time.",
        "Council team: they say all of us together. The space is shared by its rules, but "
        "not all of its power is shared.",
        "Self-advocates: they name Council team. By its rules no one group holds this space "
        "alone, but the record shows Council team holds more of the power.",
    ):
        assert line in overall, line
    assert "different from the record" not in overall
    # The money answer still names the council: that is where its power shows.
    assert "What the record shows: Council team" in section(html, "money")


def test_whose_space_says_where_its_answer_comes_from(cast, shared, own, rnd, signed_in):
    """A new shared space: together, by its rules, with nothing in the record held by one
    group. An own space: its host's, as its banner says."""
    html = signed_in(cast.sam).get(reverse("web:perception_round", args=[rnd.pk])).content
    overall = section(html.decode(), "overall")
    assert "What the record shows: All of us together" in overall
    assert "The record shows no group deciding alone or holding the money alone." in overall
    found = actions.round_open(actor=cast.carol, space_id=own.pk)
    html = signed_in(cast.gil).get(reverse("web:perception_round", args=[found.pk])).content
    overall = section(html.decode(), "overall")
    assert "What the record shows: Council team" in overall
    assert "This is Council team’s own space, so Council team decides here." in overall
