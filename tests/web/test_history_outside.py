"""The space's history names which outside decision was written down, confirmed or disputed
(by the first words of what was decided, as the outside decisions page names it) and links
to the decision's own page, reading every decision's words in one query for the page."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.web import history

from .test_history_pages import history_texts


def record(cast, space, summary: str):
    return actions.outside_decision_record(actor=cast.carol, space_id=space.pk,
                                           made_by=cast.group.pk, summary=summary)


def test_confirmed_and_disputed_decisions_are_named(cast, shared, signed_in):
    taxis = record(cast, shared, "Taxis for everyone.")
    rooms = record(cast, shared, "The group meets in the library.")
    actions.outside_decision_confirm(actor=cast.sam, decision_id=taxis.pk)
    actions.outside_decision_dispute(actor=cast.sam, decision_id=rooms.pk, reason="No")
    texts = history_texts(signed_in(cast.owen), shared)
    said = [t for t in texts if "somewhere else" in t or "said to be theirs" in t]
    assert said == [
        "Council team wrote down a decision made by Self-advocates somewhere else: "
        "“Taxis for everyone”. Read the decision : Taxis for everyone",
        "Council team wrote down a decision made by Self-advocates somewhere else: "
        "“The group meets in the library”. Read the decision : The group meets in the library",
        "Self-advocates confirmed a decision made somewhere else: “Taxis for everyone”. "
        "Read the decision : Taxis for everyone",
        "Self-advocates disputed a decision said to be theirs: "
        "“The group meets in the library”. Read the decision : The group meets in the library",
    ]


def test_each_entry_links_to_its_decision(cast, shared, signed_in):
    """The link's words say which decision, for a screen reader hearing the links alone."""
    taxis = record(cast, shared, "Taxis for everyone")
    actions.outside_decision_confirm(actor=cast.sam, decision_id=taxis.pk)
    html = signed_in(cast.owen).get(reverse("web:history", args=[shared.pk])).content.decode()
    href = reverse("web:outside_decision", args=[taxis.pk])
    links = re.findall(rf'<a class="govuk-link" href="{href}">(.*?)</a>', html)
    assert links == ['Read the decision<span class="govuk-visually-hidden">: '
                     'Taxis for everyone</span>'] * 2


def test_a_long_decision_is_named_by_its_first_words():
    """Eight words, on one line, with "…" when there were more; no full stop of its own."""
    assert history.decision_name("We will close the day centre\non Fridays from May, "
                                 "and open it on Saturdays.") == (
        "We will close the day centre on Fridays…")
    assert history.decision_name("  Taxis   for everyone.  ") == "Taxis for everyone"


def test_a_decision_that_cannot_be_found_is_said_without_a_name(cast):
    """An entry whose decision is not in the database (or whose id is damaged) still reads
    as a sentence, without a name or a link."""
    entries = [
        {"seq": n, "at": None, "hash": "", "action": action,
         "actor": {"party": cast.group.pk, "person": cast.sam.pk},
         "data": {"decision": decision, "made_by": cast.group.pk}}
        for n, (action, decision) in enumerate([
            ("outside.record", "out_missing"), ("outside.confirm", ["out_damaged"]),
            ("outside.dispute", None)])
    ]
    said = history.sentences(entries)
    assert [s["text"] for s in said] == [
        "Self-advocates wrote down a decision made by Self-advocates somewhere else.",
        "Self-advocates confirmed a decision made somewhere else.",
        "Self-advocates disputed a decision said to be theirs.",
    ]
    assert [s["link"] for s in said] == [None, None, None]


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_naming_the_decisions_adds_no_query_per_decision(cast, shared, signed_in):
    """The same number of queries with one decision confirmed and one disputed as with six
    of each: the decisions' words are read in one query for the whole page."""

    def grow(n: int, start: int) -> None:
        for i in range(start, start + n):
            yes = record(cast, shared, f"Yes {i}")
            no = record(cast, shared, f"No {i}")
            actions.outside_decision_confirm(actor=cast.sam, decision_id=yes.pk)
            actions.outside_decision_dispute(actor=cast.sam, decision_id=no.pk)

    owen = signed_in(cast.owen)
    url = reverse("web:history", args=[shared.pk])
    grow(1, 0)
    few = page_queries(owen, url)
    grow(5, 1)
    many = page_queries(owen, url)
    assert many == few
    texts = history_texts(owen, shared)
    assert sum("confirmed a decision made somewhere else: “Yes" in t for t in texts) == 6
    assert sum("disputed a decision said to be theirs: “No" in t for t in texts) == 6
