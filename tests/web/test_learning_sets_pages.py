"""Action learning sets on the web (ADR 35): plan one, present, choose actions, and review
them at the next set, every form a plain POST; the history says it in sentences; query
counts stay flat."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import Meeting, MeetingAction

from .conftest import date_parts, errors_in, form_data

FIRST = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
NEXT = dt.datetime(2031, 12, 3, 10, 30, tzinfo=dt.UTC)


def _set(cast, space, when, title):
    return actions.meeting_schedule(actor=cast.carol, space_id=space.pk, title=title,
                                    starts_at=when, kind="learning_set")


def test_schedule_a_set(cast, shared, signed_in):
    client = signed_in(cast.mo)
    url = reverse("web:meetings", args=[shared.pk])
    html = client.get(url).content.decode()
    assert "An action learning set" in html
    assert "A few people each bring a question from their work." in html
    response = client.post(url, form_data(
        "schedule", title="Set one", **date_parts("day", "4", "12", "2031"), time="2pm",
        place="", as_party="", kind="learning_set"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Set one")
    assert meeting.is_learning_set
    page = client.get(response["Location"]).content.decode()
    assert "Presenters" in page and "From the last set: review your actions" in page


def test_present_choose_actions_and_review_at_the_next_set(cast, shared, signed_in):
    first = _set(cast, shared, NEXT - dt.timedelta(days=30), "Set one")
    client = signed_in(cast.mo)
    url = reverse("web:meeting", args=[first.pk])
    assert 'value="myaction"' not in client.get(url).content.decode()
    assert client.post(url, form_data("present", question="Getting the bus",
                                      as_party="")).status_code == 302
    response = client.post(url, form_data("myaction", what="Ask the driver",
                                          **date_parts("due_on", "", "", "")))
    assert response.status_code == 302
    html = client.get(url).content.decode()
    presenters = html.split('id="presenters"', 1)[1]
    assert "Getting the bus" in presenters and "Ask the driver" in presenters
    point = MeetingAction.objects.get(what="Ask the driver")
    assert point.person_id == cast.mo.pk
    second = _set(cast, shared, NEXT, "Set two")
    url2 = reverse("web:meeting", args=[second.pk])
    # Ria is not the presenter: she sees the action but no form; posting is refused.
    ria = signed_in(cast.ria)
    html = ria.get(url2).content.decode()
    top = html.split('id="review"', 1)[1].split('id="presenters"', 1)[0]
    assert "Ask the driver" in top and 'value="review"' not in top
    page = ria.post(url2, form_data("review", id=point.pk, done="yes", learned=""))
    assert page.status_code == 403
    assert errors_in(page.content.decode()) == [
        "Only the person whose action it is, or a coordinator of their group, can review it."]
    # Mo reviews: a choice is needed first.
    page = client.post(url2, form_data("review", id=point.pk, done="", learned=""))
    assert "Choose done or not done yet" in errors_in(page.content.decode())
    response = client.post(url2, form_data("review", id=point.pk, done="yes",
                                           learned="Drivers help if you ask"))
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.review_done and point.learned == "Drivers help if you ask"
    html = client.get(url2).content.decode()
    assert "There are no actions from earlier sets to review." in html
    assert "Drivers help if you ask" in html
    history = client.get(reverse("web:history", args=[shared.pk])).content.decode()
    assert "Council team called an action learning set: “Set two”." in history
    assert "Mo of Self-advocates will present a question at “Set one”." in history
    assert "Mo of Self-advocates reviewed an action at “Set two”: done." in history


def test_an_ordinary_meeting_has_no_set_forms(cast, shared, signed_in):
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Plain",
                                       starts_at=NEXT)
    url = reverse("web:meeting", args=[meeting.pk])
    html = signed_in(cast.mo).get(url).content.decode()
    assert 'value="present"' not in html and "Presenters" not in html
    page = signed_in(cast.mo).post(url, form_data("present", question="x", as_party=""))
    assert page.status_code == 409
    assert errors_in(page.content.decode()) == [
        "Only an action learning set has presenters, their own actions and reviews."]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(cast, space, n):
    for i in range(n):
        earlier = _set(cast, space, FIRST + dt.timedelta(days=i), f"Set {i}")
        for who in (cast.mo, cast.ria):
            actions.presenter_add(actor=who, meeting_id=earlier.pk, question=f"Q {i}")
            actions.presenter_action_add(actor=who, meeting_id=earlier.pk, what=f"Do {i}")


def test_query_counts_do_not_grow(cast, shared, signed_in, django_assert_max_num_queries):
    later = _set(cast, shared, NEXT, "Later")
    client = signed_in(cast.sam)  # a coordinator: a review form for every action
    url = reverse("web:meeting", args=[later.pk])
    actions.presenter_add(actor=cast.sam, meeting_id=later.pk, question="Mine")
    actions.presenter_action_add(actor=cast.sam, meeting_id=later.pk, what="Do it")
    _grow(cast, shared, 1)
    small = _count(client, url)
    _grow(cast, shared, 4)
    assert _count(client, url) == small
    with django_assert_max_num_queries(45):
        client.get(url)
