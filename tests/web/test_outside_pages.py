"""An outside decision's own page: the group it names reads it from its dashboard and, through
a coordinator or speaker, confirms or disputes it, even with no part in the space (DESIGN §3,
rule 11; docs/adr/0025)."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.governance import actions
from sharedspace.governance.models import OutsideDecision, Person

from .conftest import errors_in, form_data, pass_proposal

DASHBOARD_HEADING = "Decisions said to be your group’s"


@pytest.fixture
def decision(cast, shared):
    """The council writes down, in the shared space, a decision it says the other charity
    (Olive's group, with no part in the space) made."""
    return actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk,
        summary="The charity closed its Tuesday drop-in.",
    )


@pytest.fixture
def pat(cast):
    """Pat is a plain member of the other charity: neither coordinator nor speaker."""
    actions.person_create(email="pat@example.org", name="Pat")
    actions.party_member_add(actor=cast.olive, party_id=cast.outsiders.pk,
                             email="pat@example.org", roles=["member"])
    return Person.objects.get(email="pat@example.org")


def url(decision) -> str:
    return reverse("web:outside_decision", args=[decision.pk])


def test_the_named_group_finds_it_on_its_dashboard(cast, decision, signed_in):
    """Olive's dashboard lists the decision said to be her group's, with how many, and links
    to its page."""
    page = signed_in(cast.olive).get(reverse("web:dashboard")).content.decode()
    assert DASHBOARD_HEADING in page
    assert "1 decision made somewhere else is said to be your group’s." in page
    assert f'href="{url(decision)}"' in page
    assert "The charity closed its Tuesday drop-in." in page
    assert "Council team wrote in “Day service review” that Other charity made this" in page


def test_the_dashboard_says_how_many_and_leaves_out_others(cast, shared, decision, signed_in):
    """Two decisions name the charity, one names the self-advocates: the charity's dashboard
    counts two; a group named in none has no such section."""
    actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                    made_by=cast.outsiders.pk, summary="Second one")
    actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                    made_by=cast.group.pk, summary="Not the charity's")
    page = signed_in(cast.olive).get(reverse("web:dashboard")).content.decode()
    assert "2 decisions made somewhere else are said to be your group’s." in page
    assert "Not the charity's" not in page
    gil = signed_in(cast.gil).get(reverse("web:dashboard")).content.decode()
    assert DASHBOARD_HEADING not in gil


def test_the_page_shows_the_decision_and_only_the_space_title(cast, shared, decision,
                                                              signed_in):
    """Olive sees the space's title, who wrote it down and when, and the summary; not the
    space's purpose; and the space's own pages stay not found for her."""
    olive = signed_in(cast.olive)
    response = olive.get(url(decision))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Day service review" in page
    assert "The charity closed its Tuesday drop-in." in page
    assert "Written down by" in page and "Council team" in page
    assert "Review the day service" not in page  # the purpose is the space's, not hers
    assert f'href="{reverse("web:outside", args=[shared.pk])}"' not in page
    assert olive.get(reverse("web:space", args=[shared.pk])).status_code == 404
    assert olive.get(reverse("web:outside", args=[shared.pk])).status_code == 404


def test_the_coordinator_disputes_it_and_the_page_shows_the_answer(cast, decision, signed_in):
    """Olive (coordinator) sees the form, disputes with a reason, and is brought back to the
    page, which now shows the answer and no form; her dashboard no longer lists it as
    waiting, but as answered, so she can find it again."""
    olive = signed_in(cast.olive)
    page = olive.get(url(decision)).content.decode()
    assert 'name="answer-answer"' in page
    response = olive.post(url(decision), form_data("answer", id=decision.pk, answer="dispute",
                                                   reason="We moved it to Wednesday."))
    assert response.status_code == 302 and response["Location"] == url(decision)
    decision.refresh_from_db()
    assert decision.state == "disputed" and decision.answered_by == cast.olive
    page = olive.get(url(decision)).content.decode()
    assert "Other charity disputed it on" in page
    assert "We moved it to Wednesday." in page
    assert "Olive answered for the group." in page
    assert 'name="answer-answer"' not in page
    assert "Your answer is recorded." in page
    dashboard = olive.get(reverse("web:dashboard")).content.decode()
    assert "waits for your group’s answer" not in dashboard
    answered = dashboard[dashboard.index("Answered in the last 30 days"):]
    assert url(decision) in answered
    day = date_format(timezone.localtime(decision.answered_at), "j F Y")
    assert f"Other charity disputed it on {day}, in “Day service review”." in answered


def test_an_answer_leaves_the_dashboard_after_30_days(cast, shared, decision, signed_in):
    """Confirmed decisions stay on the dashboard, newest answer first, for 30 days after the
    answer; then only the decision's own page and the space's history show them."""
    older = actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk,
        summary="The charity moved its office.",
    )
    for d in (older, decision):
        actions.outside_decision_confirm(actor=cast.olive, decision_id=d.pk)
    olive = signed_in(cast.olive)
    dashboard = olive.get(reverse("web:dashboard")).content.decode()
    assert dashboard.index(url(decision)) < dashboard.index(url(older))  # newest first
    assert "Other charity confirmed it on" in dashboard
    # Time passes: the older answer was given 31 days ago (arranged on the row itself).
    OutsideDecision.objects.filter(pk=older.pk).update(
        answered_at=timezone.now() - dt.timedelta(days=31))
    dashboard = olive.get(reverse("web:dashboard")).content.decode()
    assert url(decision) in dashboard and url(older) not in dashboard
    OutsideDecision.objects.filter(pk=decision.pk).update(
        answered_at=timezone.now() - dt.timedelta(days=31))
    assert DASHBOARD_HEADING not in olive.get(reverse("web:dashboard")).content.decode()


def test_confirming_needs_no_reason(cast, decision, signed_in):
    """A confirmation with nothing added is fine; the page says it was confirmed."""
    olive = signed_in(cast.olive)
    assert olive.post(url(decision), form_data("answer", id=decision.pk, answer="confirm",
                                               reason="")).status_code == 302
    decision.refresh_from_db()
    assert decision.state == "confirmed" and decision.reason == ""
    assert "Other charity confirmed it on" in olive.get(url(decision)).content.decode()


def test_no_choice_is_a_form_error(cast, decision, signed_in):
    """Sending the form without yes or no: the error summary asks for it, nothing changes."""
    response = signed_in(cast.olive).post(url(decision), form_data("answer", id=decision.pk))
    assert errors_in(response.content.decode()) == ["Say if this is right"]
    decision.refresh_from_db()
    assert decision.state == "unanswered"


def test_a_plain_member_reads_it_but_cannot_answer(cast, decision, pat, signed_in):
    """Pat reads the page and sees who can answer, but no form; if Pat posts anyway, the
    core's refusal is in the error summary and nothing changes."""
    client = signed_in(pat)
    assert DASHBOARD_HEADING in client.get(reverse("web:dashboard")).content.decode()
    page = client.get(url(decision)).content.decode()
    assert "Only a coordinator or speaker of Other charity can answer for it." in page
    assert 'name="answer-answer"' not in page
    response = client.post(url(decision), form_data("answer", id=decision.pk, answer="confirm"))
    assert response.status_code == 403
    assert errors_in(response.content.decode()) == [
        "Only the group this decision is said to come from can confirm or dispute it."]
    decision.refresh_from_db()
    assert decision.state == "unanswered"


def test_a_holder_reads_it_with_no_form_and_links_both_ways(cast, shared, decision,
                                                           signed_in):
    """Carol (who wrote it down) reads the page: it waits for the charity, she has no form;
    the page links to the space's list, and that list links to the page."""
    carol = signed_in(cast.carol)
    page = carol.get(url(decision)).content.decode()
    assert "Other charity has not answered yet." in page
    assert 'name="answer-answer"' not in page
    assert f'href="{reverse("web:outside", args=[shared.pk])}"' in page
    listing = carol.get(reverse("web:outside", args=[shared.pk])).content.decode()
    assert f'href="{url(decision)}"' in listing
    assert "Its own page, where Other charity can answer" in listing


def test_a_holder_posting_an_answer_is_refused(cast, decision, signed_in):
    """Carol's group did not make the decision: the core refuses, shown in the summary."""
    response = signed_in(cast.carol).post(
        url(decision), form_data("answer", id=decision.pk, answer="confirm"))
    assert response.status_code == 403
    assert "Only the group this decision is said to come from" in errors_in(
        response.content.decode())[0]


def test_anyone_else_gets_not_found(cast, decision, signed_in, client):
    """Gil's group has no part in the space and is not named: not found, for reading and
    for answering; someone signed out is asked to sign in."""
    gil = signed_in(cast.gil)
    assert gil.get(url(decision)).status_code == 404
    assert gil.post(url(decision), form_data("answer", id=decision.pk,
                                             answer="confirm")).status_code == 404
    assert gil.get(reverse("web:outside_decision", args=["od_nothing"])).status_code == 404
    response = client.get(url(decision))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    decision.refresh_from_db()
    assert decision.state == "unanswered"


def test_an_answered_decision_cannot_be_answered_again(cast, decision, signed_in):
    """Once answered there is no form; a second answer posted is refused (already answered)."""
    actions.outside_decision_confirm(actor=cast.olive, decision_id=decision.pk)
    olive = signed_in(cast.olive)
    assert 'name="answer-answer"' not in olive.get(url(decision)).content.decode()
    response = olive.post(url(decision), form_data("answer", id=decision.pk, answer="dispute"))
    assert response.status_code == 409
    assert errors_in(response.content.decode()) == ["This has already been answered."]


def test_in_a_closed_space_it_can_no_longer_be_answered(cast, shared, decision, signed_in):
    """The space closes: the page says so and has no form; the dashboard no longer lists it."""
    pass_proposal(cast, shared, kind="close", title="We are done")
    olive = signed_in(cast.olive)
    page = olive.get(url(decision)).content.decode()
    assert "can no longer be answered" in page
    assert 'name="answer-answer"' not in page
    assert DASHBOARD_HEADING not in olive.get(reverse("web:dashboard")).content.decode()


def test_a_member_of_the_named_group_in_the_space_answers_on_either_page(cast, shared,
                                                                        signed_in):
    """Sam's group holds the space and is named: Sam (coordinator) answers on the new page
    too, and it links back to the space's list."""
    d = actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                        made_by=cast.group.pk, summary="Budget set")
    sam = signed_in(cast.sam)
    page = sam.get(url(d)).content.decode()
    assert 'name="answer-answer"' in page
    assert f'href="{reverse("web:outside", args=[shared.pk])}"' in page
    assert sam.post(url(d), form_data("answer", id=d.pk, answer="confirm")).status_code == 302
    assert OutsideDecision.objects.get(pk=d.pk).state == "confirmed"


def test_easy_read_and_welsh(cast, decision, signed_in):
    """With easy read on, the page and the dashboard explain in short sentences; in Welsh
    the page is drawn in Welsh."""
    olive = signed_in(cast.olive)
    olive.cookies["easy_read"] = "1"
    page = olive.get(url(decision)).content.decode()
    assert "Say yes if your group made this decision." in page
    dashboard = olive.get(reverse("web:dashboard")).content.decode()
    assert "They say your group made these decisions." in dashboard
    olive.cookies["django_language"] = "cy"
    welsh = olive.get(url(decision)).content.decode()
    assert 'lang="cy"' in welsh


def count(client, where: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(where)
    assert response.status_code == 200, where
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_decisions(cast, shared, decision, signed_in,
                                                     django_assert_max_num_queries):
    """The dashboard and the decision's page read as many rows with one decision naming the
    group as with eleven, some answered."""
    olive = signed_in(cast.olive)
    small = (count(olive, reverse("web:dashboard")), count(olive, url(decision)))
    for i in range(10):
        d = actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                            made_by=cast.outsiders.pk, summary=f"More {i}")
        if i % 2:
            actions.outside_decision_dispute(actor=cast.olive, decision_id=d.pk, reason="No")
    large = (count(olive, reverse("web:dashboard")), count(olive, url(decision)))
    assert large == small
    with django_assert_max_num_queries(20):
        olive.get(url(decision))
