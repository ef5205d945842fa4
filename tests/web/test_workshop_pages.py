"""Workshop mode's pages: a facilitator opens a session from the perception check, people
join with the code and no account, answer one question a page, and the big screen and the
answers page count them by side; every form as a plain POST."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

from sharedspace.governance import actions as gov
from sharedspace.perception.questions import QUESTIONS
from sharedspace.web import easyread, ratelimit
from sharedspace.web.forms.workshops import JoinForm
from sharedspace.web.models import RateLimitCount
from sharedspace.web.views import workshop_join, workshop_words
from sharedspace.web.views.workshop_join import KEY_COOKIE
from sharedspace.workshops import actions, codes
from sharedspace.workshops import exceptions as wex
from sharedspace.workshops.models import Answer, Participant, Workshop
from sharedspace.workshops.tally import UNSURE
from tests.governance.conftest import CHARTER, accept_all

from .conftest import errors_in, form_data

NOT_FOUND = "We could not find a workshop with that code"


def text_of(response) -> str:
    """The page's words, without tags, spaces squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def workshop(cast, shared):
    return actions.workshop_open(actor=cast.carol, space_id=shared.pk)


def phone(address: str = "127.0.0.1", **headers: Any) -> Client:
    """Someone in the room: no account, and the site's CSRF check on, as in a browser."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address, **headers)


def post(client: Client, url: str, data: dict[str, str]):
    """A form posted as a browser does: the page first (it sets the CSRF cookie), then the
    form with the token from the cookie."""
    client.get(url)
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def join(client: Client, workshop: Workshop, side: str):
    return post(client, reverse("web:workshop_side", args=[workshop.code]),
                form_data("side", side=side))


def answer(client: Client, workshop: Workshop, number: int, value: str):
    return post(client, reverse("web:workshop_question", args=[workshop.code, number]),
                form_data("answer", answer=value))


# --- opening, from the perception check ---------------------------------------------------------


def test_the_perception_page_lists_workshops_and_offers_to_run_one(cast, shared, signed_in,
                                                                   workshop):
    """A holder's person sees every workshop, its state and people, a link to its answers and
    to its big screen while open, and "Run a workshop"."""
    page = signed_in(cast.sam).get(reverse("web:perception", args=[shared.pk]))
    html = page.content.decode()
    assert "Workshops" in html and "Run a workshop" in html
    assert reverse("web:workshop_open", args=[shared.pk]) in html
    assert reverse("web:workshop_results", args=[workshop.pk]) in html
    assert reverse("web:workshop", args=[workshop.pk]) in html
    assert "Open" in text_of(page)


def test_a_guest_reads_workshops_but_cannot_run_one(cast, own, signed_in):
    """The guest group's people see the list, not the button, and the page to open one
    says who can; a POST gets the core's refusal."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gil = signed_in(cast.gil)
    html = gil.get(reverse("web:perception", args=[own.pk])).content.decode()
    assert reverse("web:workshop_results", args=[found.pk]) in html
    assert "Run a workshop</a>" not in html
    page = gil.get(reverse("web:workshop_open", args=[own.pk]))
    assert "Only people in the groups that hold this space can run a workshop." in text_of(page)
    assert 'value="open"' not in page.content.decode()
    refused = gil.post(reverse("web:workshop_open", args=[own.pk]), {"form": "open"})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Only the groups that hold this space can do this."]
    assert Workshop.objects.count() == 1


def test_an_outsider_finds_nothing(cast, shared, signed_in, workshop):
    """Someone who cannot see the space gets "not found" for every facilitator page."""
    olive = signed_in(cast.olive)
    for url in (reverse("web:workshop_open", args=[shared.pk]),
                reverse("web:workshop", args=[workshop.pk]),
                reverse("web:workshop_live", args=[workshop.pk]),
                reverse("web:workshop_results", args=[workshop.pk])):
        assert olive.get(url).status_code == 404, url


def test_facilitator_pages_ask_people_to_sign_in(workshop, shared):
    """The big screen, its figures and the answers need a signed-in person who sees the space."""
    for url in (reverse("web:workshop_open", args=[shared.pk]),
                reverse("web:workshop", args=[workshop.pk]),
                reverse("web:workshop_live", args=[workshop.pk]),
                reverse("web:workshop_results", args=[workshop.pk])):
        response = Client().get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_opening_a_workshop_goes_to_its_big_screen(cast, shared, signed_in):
    """The button opens a session and shows its big screen: the address to type, the code
    in two groups of three, the QR code of the direct address, and the circles."""
    owen = signed_in(cast.owen)
    response = owen.post(reverse("web:workshop_open", args=[shared.pk]), {"form": "open"})
    found = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workshop", args=[found.pk])
    page = owen.get(response["Location"])
    html = page.content.decode()
    words = text_of(page)
    assert "The workshop is open. People can join now." in words
    assert "testserver/w" in words
    assert codes.spaced(found.code) in words
    assert 'class="app-workshop-qr"' in html and 'role="img"' in html
    assert 'aria-label="QR code: scan it to join the workshop"' in html
    for short in ("My space", "Your space", "Shared space"):
        assert short in words
    assert "0 people have answered." in words
    assert 'http-equiv="refresh"' not in html.lower()
    assert re.search(r'<script type="module" src="[^"]*workshop-live\.mjs" nonce="[^"]+">', html)
    assert "Show the latest answers" in words
    assert "Close the workshop" in words


def test_the_qr_code_holds_the_direct_address(cast, workshop, signed_in, monkeypatch):
    """The QR code is drawn from the session's own join address (the typed one is shorter)."""
    from sharedspace.web.views import workshop_live

    drawn: list[str] = []
    real = workshop_live.qr_svg
    monkeypatch.setattr(workshop_live, "qr_svg", lambda a, label: drawn.append(a) or real(a, label))
    monkeypatch.setattr("sharedspace.web.views.workshops.qr_svg", workshop_live.qr_svg)
    signed_in(cast.carol).get(reverse("web:workshop", args=[workshop.pk]))
    assert drawn == [f"http://testserver/w/{workshop.code}/"]


# --- joining and answering, without an account --------------------------------------------------


def test_the_join_page_takes_a_code_as_people_type_it(workshop):
    """Small letters, spaces and dashes are fine; the code goes to the session's page."""
    client = phone()
    typed = workshop.code[:3].lower() + " - " + workshop.code[3:].lower()
    response = post(client, reverse("web:workshop_join"), form_data("code", code=typed))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workshop_side", args=[workshop.code])
    side = client.get(response["Location"])
    assert side.status_code == 200 and "Which side are you on?" in text_of(side)


def test_a_code_of_the_wrong_length_is_an_error_on_the_form(db):
    """No code, or one of the wrong length, is told on the form, in the error summary."""
    client = phone()
    empty = post(client, reverse("web:workshop_join"), form_data("code", code=""))
    assert errors_in(empty.content.decode()) == ["Write the workshop code"]
    short = post(client, reverse("web:workshop_join"), form_data("code", code="KM7"))
    assert errors_in(short.content.decode()) == ["The workshop code has 6 letters and numbers"]


@pytest.mark.parametrize(("typed", "error"), [
    ("ABC/DE", "Check the code on the big screen"),  # a slash: once a server error
    ("KM7/4Q", "Check the code on the big screen"),
    ("KM7/4QX", "The workshop code has 6 letters and numbers"),
    ("ABCDEF", "Check the code on the big screen"),  # vowels: no code has them
    ("KM7 4Q0", "Check the code on the big screen"),  # 0: no code has it
    ("abc%de", "Check the code on the big screen"),
    ("KM7?QX", "Check the code on the big screen"),
    ("KM7#QX", "Check the code on the big screen"),
    ("..", "The workshop code has 6 letters and numbers"),
    ("ÄBCDEF", "Check the code on the big screen"),
    ("KM7\u200b4QX", "The workshop code has 6 letters and numbers"),  # a zero-width space
    ("\uff2b\uff2d\uff17\uff14\uff31\uff38", "Check the code on the big screen"),  # full width
    ("🙂🙂🙂🙂🙂🙂", "Check the code on the big screen"),
    ("KM7\x004QX", "Check the code on the big screen"),  # a null character
    ("KM7 " * 10, "The workshop code has 6 letters and numbers"),
    ("K" * 41, "The workshop code has 6 letters and numbers"),  # over the box's 40
    ("K" * 5000, "The workshop code has 6 letters and numbers"),
    ("   ", "Write the workshop code"),
])
def test_odd_codes_are_an_error_on_the_form(db, typed, error):
    """What cannot be a code is told on the form in plain words, in the error summary:
    never a server error, and not counted as a wrong code (it cannot be anyone's)."""
    client = phone()
    response = post(client, reverse("web:workshop_join"), form_data("code", code=typed))
    assert response.status_code == 200
    assert errors_in(response.content.decode()) == [error]
    assert not RateLimitCount.objects.exists()


@pytest.mark.parametrize("typed", ["km7 4qx", " KM7-4QX ", "km7\t4qx", "KM7.4QX", "KM7\u20134QX"])
def test_codes_typed_as_people_do_go_to_the_session(db, typed):
    """Small letters, spaces, tabs, dashes and dots around a right code are fine."""
    response = post(phone(), reverse("web:workshop_join"), form_data("code", code=typed))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workshop_side", args=["KM74QX"])


@settings_(max_examples=300, deadline=None)
@given(typed=st.text(max_size=60) | st.text(st.sampled_from(codes.ALPHABET + "/?#%aeiou -"),
                                             min_size=5, max_size=9))
def test_whatever_is_typed_the_form_gives_a_code_or_an_error(typed):
    """Any text at all: the form is invalid, or its code is one a session could have, whose
    join address can be made (no NoReverseMatch)."""
    form = JoinForm({"code": typed})
    if form.is_valid():
        code = form.cleaned_data["code"]
        assert codes.looks_like_a_code(code)
        assert reverse("web:workshop_side", args=[code]) == f"/w/{code}/"
    else:
        assert form.errors["code"]


def test_a_wrong_code_gives_a_plain_page(db, workshop):
    """A code no session has: "We could not find a workshop with that code", status 404,
    and a way to type it again. The same at every address under that code."""
    client = phone()
    response = post(client, reverse("web:workshop_join"), form_data("code", code="CCC CCC"))
    page = client.get(response["Location"])
    assert page.status_code == 404
    assert NOT_FOUND in text_of(page)
    assert f'<h1 class="govuk-heading-l">{NOT_FOUND}</h1>' in page.content.decode()
    assert reverse("web:workshop_join") in page.content.decode()
    for url in (reverse("web:workshop_question", args=["CCCCCC", 1]),
                reverse("web:workshop_thanks", args=["CCCCCC"])):
        assert client.get(url).status_code == 404


def test_sides_are_the_groups_by_name_and_not_sure(cast, own):
    """In an own space: the host and its guest group, by name, then "I am not sure"."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    page = phone().get(reverse("web:workshop_side", args=[found.code]))
    labels = re.findall(r'govuk-radios__label" for="[^"]+">([^<]+)</label>', page.content.decode())
    assert labels == ["Council team", "Carers forum", "I am not sure"]


def test_a_person_joins_answers_and_is_thanked(cast, workshop):
    """Side, then one question a page in order, each with its picture's name and its place
    ("Question 1 of 11"); the last goes to the thank-you page."""
    client = phone()
    response = join(client, workshop, cast.group.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workshop_question", args=[workshop.code, 1])
    cookie = client.cookies[KEY_COOKIE]
    assert cookie["httponly"] and cookie["path"] == "/w/" and cookie["samesite"] == "Lax"
    first = client.get(response["Location"])
    assert f"Question 1 of {len(QUESTIONS)}" in text_of(first)
    assert str(QUESTIONS[0].text) in text_of(first)
    for number in range(1, len(QUESTIONS) + 1):
        response = answer(client, workshop, number, "together")
        assert response.status_code == 302, errors_in(response.content.decode())
    assert response["Location"] == reverse("web:workshop_thanks", args=[workshop.code])
    thanks = client.get(response["Location"])
    assert f"You answered {len(QUESTIONS)} questions." in text_of(thanks)
    assert Answer.objects.count() == len(QUESTIONS)
    assert set(Participant.objects.values_list("party_id", flat=True)) == {cast.group.pk}


def test_a_question_can_be_skipped_and_an_empty_answer_says_so(cast, workshop):
    """"Skip this question" goes to the next one; Continue with nothing chosen says to choose
    or skip, in the error summary, and saves nothing."""
    client = phone()
    join(client, workshop, UNSURE)
    url = reverse("web:workshop_question", args=[workshop.code, 3])
    page = client.get(url).content.decode()
    assert f'href="{reverse("web:workshop_question", args=[workshop.code, 4])}"' in page
    assert f'href="{reverse("web:workshop_question", args=[workshop.code, 2])}"' in page
    empty = post(client, url, {"form": "answer"})
    assert empty.status_code == 200
    assert errors_in(empty.content.decode()) == ["Choose an answer, or skip this question"]
    assert not Answer.objects.exists()
    last = client.get(reverse("web:workshop_question", args=[workshop.code, len(QUESTIONS)]))
    assert reverse("web:workshop_thanks", args=[workshop.code]) in last.content.decode()


def test_questions_need_a_side_first_and_exist(cast, workshop):
    """A phone that has not said its side is sent to the side page; question 0 or 12 is
    not found."""
    client = phone()
    response = client.get(reverse("web:workshop_question", args=[workshop.code, 1]))
    assert response["Location"] == reverse("web:workshop_side", args=[workshop.code])
    thanks = client.get(reverse("web:workshop_thanks", args=[workshop.code]))
    assert thanks["Location"] == reverse("web:workshop_side", args=[workshop.code])
    join(client, workshop, UNSURE)
    for number in (0, len(QUESTIONS) + 1):
        url = reverse("web:workshop_question", args=[workshop.code, number])
        assert client.get(url).status_code == 404


def test_the_same_phone_changes_its_answers_and_never_adds_a_person(cast, workshop):
    """The phone's cookie brings back its side and answers (filled in), and saving again
    replaces them: one participant, one answer a question."""
    client = phone()
    join(client, workshop, cast.council.pk)
    answer(client, workshop, 11, f"party:{cast.council.pk}")
    side = client.get(reverse("web:workshop_side", args=[workshop.code])).content.decode()
    assert re.search(rf'value="{cast.council.pk}" checked', side)
    assert "You have chosen a side already." in side
    page = client.get(reverse("web:workshop_question", args=[workshop.code, 11])).content.decode()
    assert re.search(rf'value="party:{cast.council.pk}" checked', page)
    join(client, workshop, cast.group.pk)
    answer(client, workshop, 11, "together")
    assert Participant.objects.count() == 1
    assert list(Answer.objects.values_list("question", "answer")) == [("overall", "together")]
    assert Participant.objects.get().party_id == cast.group.pk
    other = phone()
    join(other, workshop, UNSURE)
    assert Participant.objects.count() == 2


def test_a_signed_in_person_is_anonymous_too(cast, workshop, signed_in):
    """Someone signed in who joins is stored like anyone else: no person, and the same
    pages (no sign-in needed, none used)."""
    client = signed_in(cast.sam)
    join(client, workshop, cast.group.pk)
    answer(client, workshop, 1, "together")
    row = Participant.objects.values().get()
    assert set(row) == {"id", "workshop_id", "key_digest", "party_id"}
    assert cast.sam.pk not in str(row)
    assert set(Answer.objects.values().get()) == {"id", "participant_id", "question", "answer"}


def test_join_pages_are_never_cached(workshop):
    """The pages people answer on hold their own answers: never kept by a cache."""
    client = phone()
    for url in (reverse("web:workshop_side", args=[workshop.code]),):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_a_post_without_the_csrf_token_is_refused(cast, workshop):
    """Anonymous forms are protected by Django's CSRF cookie like every other form."""
    client = phone()
    client.get(reverse("web:workshop_side", args=[workshop.code]))
    response = client.post(reverse("web:workshop_side", args=[workshop.code]),
                           form_data("side", side=UNSURE))
    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_a_closed_workshop_thanks_only_those_who_took_part(cast, workshop):
    """Opening a closed session's link says it is closed; only a phone that joined it before
    it closed is thanked for taking part, in the page and in easy read."""
    joined = phone()
    join(joined, workshop, UNSURE)
    actions.workshop_close(actor=cast.carol, workshop_id=workshop.pk)
    url = reverse("web:workshop_side", args=[workshop.code])
    stranger = phone("127.0.0.2")
    stranger.cookies["easy_read"] = "1"
    words = text_of(stranger.get(url))
    assert "This workshop is closed" in words and "It takes no more answers." in words
    assert "taking part" not in words
    joined.cookies["easy_read"] = "1"
    assert text_of(joined.get(url)).count("Thank you for taking part.") == 2


def test_whose_space_has_a_hint_that_fits_a_workshop(cast, workshop):
    """The perception check's hint for "Whose space is this?" speaks of my space and your
    space; a workshop's choices are the groups by name, so its page asks in those words."""
    client = phone()
    join(client, workshop, UNSURE)
    number = [q.key for q in QUESTIONS].index("overall") + 1
    words = text_of(client.get(reverse("web:workshop_question", args=[workshop.code, number])))
    assert "Which group’s space is it, or is it everyone’s?" in words  # noqa: RUF001
    assert "My space, your space" not in words
    assert "Self-advocates" in words and "All of us together" in words


def test_a_closed_workshop_takes_no_answers(cast, workshop):
    """After closing, the pages say it is closed, and an answer sent from a page left open
    is refused with the same page (409); nothing changes."""
    client = phone()
    join(client, workshop, UNSURE)
    url = reverse("web:workshop_question", args=[workshop.code, 1])
    client.get(url)
    token = client.cookies["csrftoken"].value
    actions.workshop_close(actor=cast.carol, workshop_id=workshop.pk)
    page = client.get(reverse("web:workshop_side", args=[workshop.code]))
    assert "This workshop is closed" in text_of(page)
    response = client.post(url, {**form_data("answer", answer="together"),
                                 "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 409)
    assert "This workshop is closed" in text_of(response)
    assert not Answer.objects.exists()


def test_an_answer_sent_as_the_session_closes_gets_the_closed_page(cast, workshop, monkeypatch):
    """The core's refusal (closed between the page's check and the write) shows the same
    page, with status 409."""
    client = phone()
    join(client, workshop, UNSURE)

    def closed(**kwargs):
        raise wex.WorkshopClosed

    monkeypatch.setattr(actions, "answer_give", closed)
    response = answer(client, workshop, 1, "together")
    assert response.status_code == 409
    assert "This workshop is closed" in text_of(response)


def test_a_full_workshop_says_so(cast, workshop, monkeypatch):
    """Past the cap, a new phone is told the workshop is full (409); those in carry on."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 1)
    first = phone()
    join(first, workshop, UNSURE)
    second = phone()
    response = join(second, workshop, UNSURE)
    assert response.status_code == 409
    assert "This workshop is full" in text_of(response)
    assert answer(first, workshop, 1, "together").status_code == 302
    assert Participant.objects.count() == 1


def test_a_made_up_side_is_an_error_on_the_form(cast, workshop):
    """A side that is not offered never reaches the core."""
    response = join(phone(), workshop, cast.outsiders.pk)
    assert errors_in(response.content.decode()) == ["Choose your group, or say you are not sure"]


# --- limits by network address ------------------------------------------------------------------

TOO_MANY_CODES = ("Too many wrong codes Wait 15 minutes, or ask the person running the "
                  "workshop to read the code again.")


def wrong(client: Client, code: str = "CCCCCC"):
    return client.get(reverse("web:workshop_side", args=[code]))


def test_wrong_codes_are_limited_by_address_and_right_ones_are_not(workshop, monkeypatch):
    """Past ``WRONG_CODES`` wrong codes from one address, a wrong code gets "too many wrong
    codes" (429) instead of "could not find"; the right code still works for the whole room
    behind that address, and another address is not touched."""
    monkeypatch.setattr(workshop_join, "WRONG_CODES", 3)
    room = phone("198.51.100.7")
    for code in ("CCCCCC", "DDDDDD", "FFFFFF"):
        assert wrong(room, code).status_code == 404
    response = wrong(room, "GGGGGG")
    assert response.status_code == 429
    assert TOO_MANY_CODES in text_of(response)
    assert "no-store" in response["Cache-Control"]
    typed = post(room, reverse("web:workshop_join"), form_data("code", code="HHH HHH"))
    assert wrong(room, typed["Location"].split("/")[2]).status_code == 429
    # The right code: the side page, for a phone already there and for a new one alike.
    assert join(room, workshop, UNSURE).status_code == 302
    newcomer = phone("198.51.100.7")
    assert newcomer.get(reverse("web:workshop_side", args=[workshop.code])).status_code == 200
    assert join(newcomer, workshop, UNSURE).status_code == 302
    assert wrong(phone("198.51.100.8")).status_code == 404


def test_an_address_that_keeps_guessing_gets_the_same_page_for_every_code(
    cast, workshop, shared, monkeypatch
):
    """Past ``GUESSING`` wrong codes, which no room types, a phone that has not joined gets
    the "too many wrong codes" page for a right code too (the same page, so a script cannot
    tell); a phone from there that joined before carries on."""
    monkeypatch.setattr(workshop_join, "WRONG_CODES", 2)
    monkeypatch.setattr(workshop_join, "GUESSING", 4)
    closed = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=closed.pk)
    inside = phone("198.51.100.7")
    join(inside, workshop, UNSURE)
    script = phone("198.51.100.7")
    for n in range(4):
        wrong(script, f"CCCCC{codes.ALPHABET[n]}")
    right = script.get(reverse("web:workshop_side", args=[workshop.code]))
    assert right.status_code == 200, "4 wrong codes: not yet guessing"
    wrong(script)
    refused = wrong(script, "DDDDDD")
    for found in (workshop, closed):
        response = script.get(reverse("web:workshop_side", args=[found.code]))
        assert response.status_code == 429
        assert text_of(response) == text_of(refused)
    assert answer(inside, workshop, 1, "together").status_code == 302
    assert phone("198.51.100.8").get(
        reverse("web:workshop_side", args=[workshop.code])).status_code == 200


def test_wrong_codes_count_by_the_address_behind_a_trusted_proxy(workshop, monkeypatch,
                                                                settings):
    """Behind a proxy, the address is the one the proxy heard from, as for signing in
    (``SHAREDSPACE_TRUSTED_PROXIES``): people behind one proxy are not one address."""
    settings.SHAREDSPACE_TRUSTED_PROXIES = 1
    monkeypatch.setattr(workshop_join, "WRONG_CODES", 1)
    first = phone("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = phone("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert wrong(first).status_code == 404
    assert wrong(first).status_code == 429
    assert wrong(other).status_code == 404


def test_the_limits_keep_no_address(workshop):
    """What the limits count under is a digest keyed with the site's secret: not the
    address, nor the digest the sign-in limit would make of it."""
    wrong(phone("198.51.100.7"))
    join(phone("198.51.100.7"), workshop, UNSURE)
    keys = list(RateLimitCount.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("198.51.100.7" in key for key in keys)
    for kind in (workshop_join.WRONG_CODE_KIND, workshop_join.NEW_PERSON_KIND):
        for value in ("198.51.100.7", f"{workshop.pk}:198.51.100.7"):
            assert ratelimit._key(kind, value) not in keys


def test_new_people_are_limited_by_address_in_each_workshop(cast, shared, workshop,
                                                          monkeypatch):
    """One address adds at most ``NEW_PEOPLE`` people to a session ("too many people joined
    from this network", 429); those in change their side freely; another address, or
    another session, is not touched."""
    monkeypatch.setattr(workshop_join, "NEW_PEOPLE", 2)
    first, second = phone("198.51.100.7"), phone("198.51.100.7")
    assert join(first, workshop, UNSURE).status_code == 302
    assert join(second, workshop, UNSURE).status_code == 302
    third = join(phone("198.51.100.7"), workshop, UNSURE)
    assert third.status_code == 429
    assert "Too many people joined from this network" in text_of(third)
    assert "Try with mobile data instead" in text_of(third)
    assert join(first, workshop, cast.group.pk).status_code == 302
    assert Participant.objects.get(workshop=workshop, party=cast.group).pk
    assert join(phone("198.51.100.8"), workshop, UNSURE).status_code == 302
    other = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    assert join(phone("198.51.100.7"), other, UNSURE).status_code == 302
    assert Participant.objects.filter(workshop=workshop).count() == 3


# --- the big screen and its figures -------------------------------------------------------------


def test_the_big_screen_counts_people_by_side_and_fills_the_circles(cast, workshop, signed_in):
    """Two self-advocates and one person not sure answer "Whose space is this?": the counts
    by side, and the circles, from each person's own side."""
    for side, value in ((cast.group.pk, f"party:{cast.group.pk}"),
                        (cast.group.pk, f"party:{cast.council.pk}"),
                        (UNSURE, "together")):
        client = phone()
        join(client, workshop, side)
        answer(client, workshop, 11, value)
    carol = signed_in(cast.carol)
    html = carol.get(reverse("web:workshop", args=[workshop.pk])).content.decode()
    assert f'data-number="side-{cast.group.pk}">2<' in html
    assert f'data-number="side-{cast.council.pk}">0<' in html
    assert 'data-number="side-unsure">1<' in html
    assert 'data-number="total">3<' in html
    for key, n in (("mine", 1), ("yours", 1), ("shared", 1), ("dont_know", 0)):
        assert f'data-number="circle-{key}">{n}<' in html
    assert "3 people have answered." in html
    data = carol.get(reverse("web:workshop_live", args=[workshop.pk])).json()
    assert data["closed"] is False
    assert data["numbers"]["total"] == 3 and data["numbers"]["circle-mine"] == 1
    assert [c["key"] for c in data["circles"]] == ["mine", "yours", "shared"]
    assert data["status"] == "3 people have answered."
    assert data["description"] == "My space: 1; Your space: 1; Shared space: 1"


def test_the_big_screen_is_a_projector_layout_in_both_languages(cast, workshop, signed_in):
    """The big screen uses the whole width (app-workshop-screen); the count sits beside the
    code, above the tables; how to join is said in the other language too, marked as such;
    and the answer counted beside the circles is said plainly."""
    carol = signed_in(cast.carol)
    html = carol.get(reverse("web:workshop", args=[workshop.pk])).content.decode()
    assert 'class="app-workshop-screen"' in html
    top = html[html.index("app-workshop-screen__top"):html.index("app-workshop-screen__tables")]
    for part in ('class="app-workshop-code"', 'data-live="status"',
                 '<svg class="app-audit-circles"', 'class="app-workshop-qr"'):
        assert part in top, part
    assert '<span class="app-workshop-screen__other" lang="cy">Ymunwch' in html
    words = text_of(carol.get(reverse("web:workshop", args=[workshop.pk])))
    assert "Answered, but not sure which side they are on" in words
    assert "Named a group" not in words
    carol.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = carol.get(reverse("web:workshop", args=[workshop.pk])).content.decode()
    assert '<span class="app-workshop-screen__other" lang="en">Join on your phone. Go to:' in html


def test_the_big_screen_shows_another_question(cast, workshop, signed_in):
    """?question= picks the question; the figures follow it; an unknown one is the first."""
    client = phone()
    join(client, workshop, cast.council.pk)
    answer(client, workshop, 3, f"party:{cast.council.pk}")  # money
    carol = signed_in(cast.carol)
    page = carol.get(reverse("web:workshop", args=[workshop.pk]) + "?question=money")
    assert "Who decides how money is spent?" in text_of(page)
    assert 'data-number="circle-mine">1<' in page.content.decode()
    live = carol.get(reverse("web:workshop_live", args=[workshop.pk]) + "?question=money")
    assert live.json()["numbers"]["circle-mine"] == 1
    other = carol.get(reverse("web:workshop_live", args=[workshop.pk]) + "?question=nope")
    assert other.json()["numbers"]["circle-mine"] == 0
    assert "no-store" in live["Cache-Control"]


def test_the_figures_take_the_same_queries_however_many_answer(cast, workshop, signed_in):
    """The JSON the big screen asks for every few seconds costs the same with 2 people as
    with 30."""
    carol = signed_in(cast.carol)
    url = reverse("web:workshop_live", args=[workshop.pk])

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            side = [cast.council.pk, cast.group.pk, UNSURE][i % 3]
            actions.participant_join(workshop_id=workshop.pk, key=f"p{i}", side=side)
            for question in ("overall", "money", "stop"):
                actions.answer_give(workshop_id=workshop.pk, key=f"p{i}", question=question,
                                    answer=["together", f"party:{cast.group.pk}"][i % 2])

    carol.get(url)
    add(0, 2)
    with CaptureQueriesContext(connection) as small:
        assert carol.get(url).json()["numbers"]["total"] == 2
    add(2, 28)
    with CaptureQueriesContext(connection) as large:
        assert carol.get(url).json()["numbers"]["total"] == 30
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(small.captured_queries) <= 12


def test_only_the_live_figures_get_a_get(cast, workshop, signed_in):
    response = signed_in(cast.carol).post(reverse("web:workshop_live", args=[workshop.pk]))
    assert response.status_code == 405


def test_closing_asks_first_then_closes(cast, workshop, signed_in):
    """"Close the workshop" asks first; yes closes it and shows its answers; the big screen
    then says it is closed, and the figures say so."""
    sam = signed_in(cast.sam)
    url = reverse("web:workshop", args=[workshop.pk])
    ask = sam.post(url, {"form": "close"})
    assert ask.status_code == 200 and "Close this workshop?" in text_of(ask)
    workshop.refresh_from_db()
    assert workshop.closed_at is None
    done = sam.post(url, {"form": "close", "confirmed": "yes"})
    assert done["Location"] == reverse("web:workshop_results", args=[workshop.pk])
    workshop.refresh_from_db()
    assert workshop.closed_at is not None
    page = sam.get(url)
    assert "This workshop is closed. It takes no more answers." in text_of(page)
    assert "Close the workshop" not in text_of(page)
    assert "Show the latest answers" not in text_of(page)  # nothing more will come
    assert "Then type the code" not in text_of(page)
    assert sam.get(reverse("web:workshop_live", args=[workshop.pk])).json()["closed"] is True


def test_a_guest_sees_the_big_screen_but_cannot_close(cast, own, signed_in):
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gil = signed_in(cast.gil)
    page = gil.get(reverse("web:workshop", args=[found.pk]))
    assert page.status_code == 200 and "Close the workshop" not in text_of(page)
    refused = gil.post(reverse("web:workshop", args=[found.pk]),
                       {"form": "close", "confirmed": "yes"})
    assert refused.status_code in (400, 403)
    found.refresh_from_db()
    assert found.closed_at is None


# --- who sees how to join (docs/adr/0029, "Review fixes") ---------------------------------------

FIXED_CODE = "KMN349"


def _no_way_in(html: str) -> None:
    """Nothing on the page that leads to the join pages: no code, no QR code, no address."""
    assert FIXED_CODE not in html and codes.spaced(FIXED_CODE) not in html
    assert "KMN 349" not in html
    assert "app-workshop-qr" not in html and "app-workshop-code" not in html
    assert "/w/" not in html and "Then type the code" not in html


def _former_holder(cast, signed_in) -> tuple[Workshop, Client]:
    space = gov.space_create(
        actor=cast.carol, title="Three", purpose="p", charter=CHARTER,
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        claimed_approach="coproduction")
    accept_all(space, cast)
    found = actions.workshop_open(actor=cast.carol, space_id=space.pk)
    gov.space_leave(actor=cast.olive, space_id=space.pk, party_id=cast.outsiders.pk)
    return found, signed_in(cast.olive)


def _removed_guest(cast, signed_in) -> tuple[Workshop, Client]:
    own = _own_space(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gov.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    return found, signed_in(cast.gil)


def _invited_group(cast, signed_in) -> tuple[Workshop, Client]:
    own = _own_space(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gov.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.outsiders.pk)
    return found, signed_in(cast.olive)


def _own_space(cast):
    own = gov.space_create(
        actor=cast.carol, title="Coproduction board", purpose="Hear from people",
        holders=[cast.council.pk], claimed_approach="coproduction",
        guest_permissions=["view", "comment", "propose", "give_views"])
    invitation = gov.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    gov.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    return own


@pytest.mark.parametrize("who", [_former_holder, _removed_guest, _invited_group],
                         ids=["left", "removed", "invited"])
def test_a_group_not_in_the_space_now_reads_the_answers_but_not_the_code(
    cast, signed_in, monkeypatch, who
):
    """A group that left, a guest the host removed, and a group only invited can still see
    the space (ADR 27) and the workshop's figures, but no page or figures they can open
    says how to join: from outside the room they could add answers or fill the places."""
    monkeypatch.setattr(codes, "new_code", lambda: FIXED_CODE)
    found, client = who(cast, signed_in)
    assert found.code == FIXED_CODE
    join(phone(), found, UNSURE)
    big_screen = client.get(reverse("web:workshop", args=[found.pk]))
    assert big_screen.status_code == 200
    html = big_screen.content.decode()
    _no_way_in(html)
    words = text_of(big_screen)
    assert ("This workshop is open. Only people in the groups that are in this space now can "
            "see how to join it.") in words
    assert "Join on your phone" not in words and "point your phone" not in words
    assert 'data-number="total">0<' in html and "circle-shared" in html  # the figures stay
    assert re.search(r"<title>\s*Workshop \u2013 ", html)
    for url in (reverse("web:workshop", args=[found.pk]) + "?question=money",
                reverse("web:workshop_results", args=[found.pk]),
                reverse("web:workshop_live", args=[found.pk]),
                reverse("web:workshop_live", args=[found.pk]) + "?question=money",
                reverse("web:perception", args=[found.space_id])):
        response = client.get(url)
        assert response.status_code == 200, url
        _no_way_in(response.content.decode())
    results = text_of(client.get(reverse("web:workshop_results", args=[found.pk])))
    assert "State: Open." in results and "Code:" not in results
    # Those in the space now still see it all.
    holder = signed_in(cast.carol).get(reverse("web:workshop", args=[found.pk]))
    assert codes.spaced(FIXED_CODE) in text_of(holder)
    assert "testserver/w" in text_of(holder) and "app-workshop-qr" in holder.content.decode()
    assert "Code: KMN 349." in text_of(
        signed_in(cast.carol).get(reverse("web:workshop_results", args=[found.pk])))


def test_a_guest_group_in_the_space_now_sees_the_code(cast, own, signed_in):
    """The guest's people are in the room too: they see how to join, and cannot close."""
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gil = signed_in(cast.gil)
    page = gil.get(reverse("web:workshop", args=[found.pk]))
    assert codes.spaced(found.code) in text_of(page)
    assert 'class="app-workshop-qr"' in page.content.decode()
    assert "Close the workshop" not in text_of(page)
    results = gil.get(reverse("web:workshop_results", args=[found.pk]))
    assert f"Code: {codes.spaced(found.code)}." in text_of(results)


def test_a_closed_workshop_shows_its_code_only_to_the_groups_in_the_space(
    cast, own, signed_in, monkeypatch
):
    """Closed, no one can join with its code; still, only the groups in the space now read
    it (one rule, whatever the state), and no one gets the join address or QR code."""
    monkeypatch.setattr(codes, "new_code", lambda: FIXED_CODE)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=found.pk)
    gov.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    for url in (reverse("web:workshop", args=[found.pk]),
                reverse("web:workshop_results", args=[found.pk])):
        _no_way_in(signed_in(cast.gil).get(url).content.decode())
        html = signed_in(cast.carol).get(url).content.decode()
        assert "KMN 349" in html and "app-workshop-qr" not in html and "/w/" not in html


# --- the answers, side by side ------------------------------------------------------------------


def test_the_answers_page_shows_each_side_and_no_names(cast, workshop, signed_in):
    """Each side's view in words, the counts behind it, "Seen differently" where the groups
    differ, the people not sure of their side beside, and no one's name."""
    for side, value in ((cast.council.pk, "together"),
                        (cast.group.pk, f"party:{cast.council.pk}"),
                        (UNSURE, "dont_know")):
        client = phone()
        join(client, workshop, side)
        answer(client, workshop, 11, value)
    actions.workshop_close(actor=cast.carol, workshop_id=workshop.pk)
    page = signed_in(cast.mo).get(reverse("web:workshop_results", args=[workshop.pk]))
    assert page.status_code == 200
    words = text_of(page)
    assert "Seen differently." in words
    assert "Not sure of their side" in words
    assert "State: Closed." in words
    assert "Who answered" in words
    for name in ("Carol", "Sam", "Owen", "Mo", "Ria"):
        assert not re.search(rf"\b{name}\b", words), name


def test_workshops_stay_readable_after_the_space_closes(cast, shared, signed_in, workshop):
    """A session open when its space closed ended then: its answers stay readable, nothing
    can be answered, and the big screen offers no close button."""
    client = phone()
    join(client, workshop, UNSURE)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    carol = signed_in(cast.carol)
    results = carol.get(reverse("web:workshop_results", args=[workshop.pk]))
    assert "Ended when the space closed" in text_of(results)
    assert "Close the workshop" not in text_of(carol.get(reverse("web:workshop",
                                                                  args=[workshop.pk])))
    assert "This workshop is closed" in text_of(
        client.get(reverse("web:workshop_question", args=[workshop.code, 1])))


def test_the_code_of_a_workshop_that_ended_with_its_space_is_free_again(
    cast, shared, own, signed_in, workshop, monkeypatch
):
    """Its code goes to the next session that draws it; the old one still reads "Ended when
    the space closed", in its space's list of workshops too, and its live figures say
    closed."""
    join(phone(), workshop, UNSURE)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    carol = signed_in(cast.carol)
    assert carol.get(reverse("web:workshop_live", args=[workshop.pk])).json()["closed"] is True
    monkeypatch.setattr(codes, "new_code", lambda: workshop.code)
    fresh = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    assert fresh.code == workshop.code
    side = phone().get(reverse("web:workshop_side", args=[workshop.code]))
    assert side.status_code == 200 and own.title in text_of(side)
    for url in (reverse("web:workshop_results", args=[workshop.pk]),
                reverse("web:perception", args=[shared.pk])):
        words = text_of(carol.get(url))
        assert "Ended when the space closed" in words and "Open" not in words.split(), url


def test_the_big_screen_says_when_the_workshop_is_full(cast, workshop, signed_in, monkeypatch):
    """Once every place is taken, the big screen says so under the code, and its figures
    tell the page's script to show it; before, the words are there but hidden."""
    monkeypatch.setattr(actions, "MAX_PARTICIPANTS", 1)
    carol = signed_in(cast.carol)
    url = reverse("web:workshop", args=[workshop.pk])
    full = re.compile(r'<div data-live="full"( hidden)?>')
    assert full.search(carol.get(url).content.decode()).group(1) == " hidden"
    assert carol.get(reverse("web:workshop_live", args=[workshop.pk])).json()["full"] is False
    join(phone(), workshop, UNSURE)
    page = carol.get(url)
    assert full.search(page.content.decode()).group(1) is None
    assert "This workshop is full. No more people can join it." in text_of(page)
    assert carol.get(reverse("web:workshop_live", args=[workshop.pk])).json()["full"] is True


def test_the_big_screen_has_a_quiet_place_to_say_the_figures_stopped(cast, workshop,
                                                                      signed_in):
    """An empty polite live region, with the words the script puts in it after a few
    failed tries (tested in the browser: tests/web/browser/test_a11y_workshops.py)."""
    html = signed_in(cast.carol).get(reverse("web:workshop", args=[workshop.pk])).content.decode()
    assert ('<p class="govuk-body" role="status" data-live="trouble" data-text="Could not get '
            'the latest answers. Trying again."></p>') in html


# --- words --------------------------------------------------------------------------------------


SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_easy_read_sentences_are_short_and_single(language):
    """Every easy-read line of the workshop pages, in English and Welsh, is one sentence of
    at most 15 words (the rule of web/easyread.py)."""
    with translation.override(language):
        for key, item in workshop_words.EASY_READ.items():
            assert item.lines, key
            for line in item.lines:
                text = str(line)
                assert len(text.split()) <= easyread.MAX_WORDS, f"{key}: {text}"
                assert len(SENTENCE_END.findall(text)) == 1 and text.endswith("."), text


def test_each_workshop_refusal_has_words_to_translate():
    """The web's copy of each workshop refusal is the core's English, word for word."""
    with translation.override("en"):
        assert set(workshop_words.REFUSALS) == {cls.code for cls in wex.ALL}
        for cls in wex.ALL:
            assert str(workshop_words.REFUSALS[cls.code]) == cls().message, cls.code
            assert workshop_words.refusal(cls()) == cls().message


def test_the_join_pages_offer_no_sign_in(cast, shared):
    """No one needs an account to take part, so the join pages' menu has no "Sign in"."""
    from django.test import Client

    from sharedspace.workshops import actions as workshops

    session = workshops.workshop_open(actor=cast.carol, space_id=shared.pk)
    phone = Client()
    for url in (reverse("web:workshop_join"), reverse("web:workshop_side", args=[session.code])):
        html = phone.get(url).content.decode()
        assert 'href="/sign-in/"' not in html, url
    assert 'href="/sign-in/"' in phone.get("/").content.decode()
