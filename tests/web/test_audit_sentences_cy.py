"""The audit's own sentences on Welsh pages (docs/adr/0018): the page shows the label
check's reasons and the notes in Welsh; the downloads in the engine's formats stay in
English like the CLI, and the easy-read downloads follow the page."""

# Welsh uses typographic apostrophes, as the interface does.
# ruff: noqa: RUF001

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from sharedspace.audit import audit_space
from sharedspace.audit.across import audit_partnership
from sharedspace.governance import actions


@pytest.fixture
def decided(cast, own):
    """The council's own space (claimed coproduction) with a decision the host made alone."""
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=own.pk, kind="decision", title="Our plan"
    )
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    return own


@pytest.fixture
def welsh(cast, signed_in):
    c = signed_in(cast.carol)
    c.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    return c


def _reports(space):
    with translation.override("en"):
        english = audit_space(space.pk)
    with translation.override("cy"):
        cymraeg = audit_space(space.pk)
    return english, cymraeg


def test_a_welsh_audit_page_gives_the_label_check_reasons_in_welsh(decided, welsh):
    english, cymraeg = _reports(decided)
    assert english["label_check"]["mismatch"]
    assert english["label_check"]["reasons"][0] == (
        "Council team made 1 of 1 decisions (100%) on its own."
    )
    html = welsh.get(reverse("web:audit", args=[decided.pk])).content.decode()
    for reason in cymraeg["label_check"]["reasons"]:
        assert escape(reason) in html
    for reason in english["label_check"]["reasons"]:
        assert escape(reason) not in html, reason
    assert "Gwnaeth Council team 1 o 1 penderfyniad (100%) ar ei ben ei hun." in html


def test_the_welsh_pages_name_what_is_audited_in_welsh(decided, cast, welsh):
    """The words the pages put into the label check ("This space", "The work of this
    partnership", the partnership's heading) are Welsh too, not English inside a Welsh
    sentence (they were once imported under a name makemessages does not read)."""
    page = welsh.get(reverse("web:audit", args=[decided.pk])).content.decode()
    assert "Yn ôl y gofod hwn, cydgynhyrchu ydyw." in page
    assert "This space" not in page
    url = reverse("web:partnership_audit", args=[cast.council.pk, cast.guests.pk])
    page = welsh.get(url).content.decode()
    assert "Council team a Carers forum" in page
    for english in ("The work of", "seen from", "This space", " and Carers forum"):
        assert english not in page, english


def test_downloads_in_the_engines_formats_stay_english(decided, welsh):
    """JSON (and so CSV, HTML, PDF, slides, made from the same report) from a Welsh page."""
    english, _cymraeg = _reports(decided)
    got = welsh.get(reverse("web:audit_download", args=[decided.pk, "json"]))
    assert got.status_code == 200
    report = json.loads(got.content)
    assert report["label_check"] == english["label_check"]
    assert report["cannot_measure_yet"] == english["cannot_measure_yet"]
    html = welsh.get(reverse("web:audit_download", args=[decided.pk, "html"])).content.decode()
    assert escape(english["label_check"]["reasons"][-1]) in html


def test_easy_read_downloads_follow_the_page(decided, welsh):
    english, cymraeg = _reports(decided)
    assert cymraeg["cannot_measure_yet"] != english["cannot_measure_yet"]
    got = welsh.get(reverse("web:audit_download", args=[decided.pk, "easy-read.html"]))
    html = got.content.decode()
    for note in cymraeg["cannot_measure_yet"]:
        assert escape(note) in html
    for note in english["cannot_measure_yet"]:
        assert escape(note) not in html


def test_a_partnership_download_is_english_from_a_welsh_page(decided, cast, welsh):
    """The party and partnership downloads follow the same rule as a space's."""
    with translation.override("en"):
        english = audit_partnership(cast.council.pk, cast.guests.pk)
    url = reverse("web:partnership_audit_download", args=[cast.council.pk, cast.guests.pk, "json"])
    report = json.loads(welsh.get(url).content)
    assert report["label_check"] == english["label_check"]
    assert report["flags"] == english["flags"]
    assert report["label_check"]["reasons"] or report["flags"]


def _both_answer(cast, space):
    """Council: the space is everyone's; the self-advocates: it is the council's. Both say
    money is decided together."""
    from sharedspace.perception import actions as perception

    rnd = perception.round_open(actor=cast.carol, space_id=space.pk)
    perception.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                              answers={"overall": "together", "money": "together"})
    for who in (cast.sam, cast.mo):
        perception.answers_submit(actor=who, round_id=rnd.pk, party=cast.group.pk,
                                  answers={"overall": f"party:{cast.council.pk}",
                                           "money": "together"})


def _row(html, question):
    row = html[html.index(escape(question)):]
    return row[:row.index("</tr>")]


def test_the_perception_table_speaks_welsh_and_shows_disagreements(cast, shared, welsh):
    """On a Welsh page the perception table's headings, answers and verdicts are Welsh, and
    the question the groups see differently is named in a warning above the table."""
    _both_answer(cast, shared)
    html = welsh.get(reverse("web:audit", args=[shared.pk])).content.decode()
    with translation.override("cy"):
        from django.utils.translation import gettext

        overall = gettext("Whose space is this?")
        money = gettext("Who decides how money is spent?")
        knowledge = gettext("Whose knowledge counts most?")
        for msgid in ("Question", "The record", "Groups agree?", "Yes, the same",
                      "Cannot compare yet", "Not measured"):
            assert escape(gettext(msgid)) in html, msgid
    section = html[html.index("Sut mae pob grŵp yn gweld pŵer"):]  # How each group sees power
    warnings, table = section[:section.index("<table")], section[section.index("<table"):]
    row = _row(table, overall)
    assert "Pob un ohonon ni gyda’n gilydd" in row  # All of us together
    assert "Yn cael ei weld yn wahanol." in row  # Seen differently.
    assert "Dim atebion eto" in _row(table, knowledge)  # No answers yet
    assert "Pob un ohonon ni gyda’n gilydd" in _row(table, money)
    assert "Yn cael ei weld yn wahanol." not in _row(table, money)
    for english in ("All of us together", "No answer<", "Seen differently", "Don't know"):
        assert english not in html, english
    assert warnings.count("govuk-warning-text__text") == 1
    assert "Yn cael ei weld yn wahanol." in warnings and escape(overall) in warnings
    assert "Dydy’r grwpiau ddim yn rhoi’r un ateb." in warnings
    assert re.search(r'<th scope="row"[^>]*>' + re.escape(escape(overall)), table)


def test_the_perception_download_stays_english(cast, shared, welsh):
    """The HTML download of the same report keeps the engine's English table."""
    _both_answer(cast, shared)
    html = welsh.get(reverse("web:audit_download", args=[shared.pk, "html"])).content.decode()
    for words in ("Groups agree?", "All of us together", "Seen differently", "The record"):
        assert escape(words) in html, words
