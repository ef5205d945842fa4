"""What cannot be undone is asked about first: taking a proposal back, closing it now, and
taking money back from a fund each show a page saying what will happen, with "Yes" and
"No, go back". Nothing happens until "Yes" is pressed; it all works without JavaScript. In
easy read each names its buttons by their words, and says what will happen where it can."""

# ruff: noqa: RUF001  (Welsh text uses the typographic apostrophe)

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sharedspace.governance import actions
from sharedspace.governance.models import FundEntry, Proposal
from sharedspace.web import easyread, views
from sharedspace.web.views.base import Confirm, Page

from .conftest import form_data, hidden_fields


@pytest.mark.parametrize(("form", "question", "state"), [
    ("withdraw", "Take the proposal back?", "withdrawn"),
    ("close", "Close the proposal now?", "lapsed"),
])
def test_a_proposal_is_ended_only_after_yes(form, question, state, cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    carol = signed_in(cast.carol)
    url = reverse("web:proposal", args=[proposal.pk])
    asked = carol.post(url, form_data(form))
    assert asked.status_code == 200
    html = asked.content.decode()
    assert f"<h1 class=\"govuk-heading-l\">{question}</h1>" in html
    assert "This cannot be undone." in html and "No, go back" in html
    assert f'href="{url}"' in html
    assert Proposal.objects.get(pk=proposal.pk).state == "open"  # nothing happened yet
    again = hidden_fields(html)
    assert again["form"] == form and again["confirmed"] == "yes"
    assert carol.post(url, again).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == state


def test_money_is_taken_back_only_after_yes(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    carol = signed_in(cast.carol)
    url = reverse("web:fund", args=[shared.pk])
    asked = carol.post(url, form_data("withdraw", party=cast.council.pk, amount="£40"))
    html = asked.content.decode()
    assert "Take this money back from the fund?" in html
    assert "the power audit counts it as money taken back alone" in html
    assert not FundEntry.objects.filter(kind="withdrawal").exists()
    again = hidden_fields(html)
    assert again["withdraw-amount"] == "£40"  # what was typed is sent again as it was
    assert carol.post(url, again).status_code == 302
    assert FundEntry.objects.get(kind="withdrawal").amount == 40


def test_a_form_with_errors_is_not_asked_about(cast, shared, signed_in):
    """An amount that is not an amount gets the error summary, not the question."""
    carol = signed_in(cast.carol)
    response = carol.post(reverse("web:fund", args=[shared.pk]),
                          form_data("withdraw", party=cast.council.pk, amount="lots"))
    assert "Take this money back" not in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_the_confirm_page_speaks_welsh(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    carol = signed_in(cast.carol)
    carol.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    html = carol.post(reverse("web:proposal", args=[proposal.pk]),
                      form_data("withdraw")).content.decode()
    assert "Tynnu’r cynnig yn ôl?" in html and "Take the proposal back?" not in html


def test_the_confirm_page_names_what_it_asks_about(cast, shared, signed_in):
    """The proposal's title; the group and the amount for money; and easy read."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    carol = signed_in(cast.carol)
    html = carol.post(reverse("web:proposal", args=[proposal.pk]),
                      form_data("withdraw")).content.decode()
    assert "Meet monthly" in html.split("<h1", 1)[1]
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    carol.cookies["easy_read"] = "1"
    html = carol.post(reverse("web:fund", args=[shared.pk]),
                      form_data("withdraw", party=cast.council.pk, amount="40")).content.decode()
    assert "£40.00" in html and "Council team" in html
    assert "Press “Yes, take the money back” only if you are sure." in html
    assert "red button" not in html


def all_confirms() -> list:
    """Every confirm question the pages can ask: the pages' ``confirm`` tables and the
    module-level ones (filled in by ``confirm_for``)."""
    found = {}
    for info in pkgutil.iter_modules(views.__path__):
        module = importlib.import_module(f"{views.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, Confirm):
                found[id(obj)] = obj
            elif isinstance(obj, type) and issubclass(obj, Page):
                for asked in (getattr(obj, "confirm", None) or {}).values():
                    found[id(asked)] = asked
    return list(found.values())


def easy_lines(html: str) -> list[str]:
    blocks = re.findall(r'<div class="app-easy-read-block__text">(.*?)</div>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split())
            for block in blocks for line in re.findall(r"<p[^>]*>(.*?)</p>", block, re.S)]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_confirm_page_names_its_button_in_easy_read(language, rf):
    """In easy read every confirm page says which button to press by its words, not its
    colour (WCAG 1.3.3), and says what will happen where the page has a text for it; each
    sentence at most 15 words, one sentence, in English and Welsh."""
    asked = all_confirms()
    assert len(asked) >= 7  # withdraw, close, take money back, stop involving, call off, notes
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override(language):
        for confirm in asked:
            yes = str(confirm.yes)
            html = render_to_string("web/pages/confirm.html", {
                "question": confirm.question, "what_happens": confirm.what_happens,
                "yes": confirm.yes, "easy_read_about": confirm.easy_read, "fields": [],
                "back": "/", "details": [], "easy_read": True}, request=request)
            lines = easy_lines(html)
            assert any(f"“{yes}”" in line for line in lines), (yes, lines)
            if confirm.easy_read:
                about = [str(line) for line in easyread.TEXTS[confirm.easy_read].lines]
                assert lines[:len(about)] == about, yes
            for line in lines:
                assert len(line.split()) <= easyread.MAX_WORDS, line
                assert len(re.findall(r"[.!?](?=\s|$)", line)) == 1, line
                assert "red" not in line.split() and "coch" not in line.split(), line


def test_calling_a_meeting_off_says_in_easy_read_what_will_happen(cast, shared, signed_in):
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Planning",
                                       starts_at=dt.datetime(2031, 12, 3, 10, tzinfo=dt.UTC),
                                       place="Room 2")
    carol = signed_in(cast.carol)
    carol.cookies["easy_read"] = "1"
    html = carol.post(reverse("web:meeting", args=[meeting.pk]), {"form": "cancel"})
    lines = easy_lines(html.content.decode())
    assert lines[0] == "The meeting will not happen."
    assert "Press “Yes, call it off” only if you are sure." in lines
    assert "Choose “No, go back” if you are not sure." in lines


def test_more_than_the_group_may_take_back_is_refused_at_once(cast, shared, signed_in):
    """No confirm step for what the core refuses: the refusal shows straight away."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    html = signed_in(cast.carol).post(
        reverse("web:fund", args=[shared.pk]),
        form_data("withdraw", party=cast.council.pk, amount="99999")).content.decode()
    assert "Take this money back" not in html
    # The refusal names the group's limit (more_than_unspent, with the amount it may take).
    assert "Council team can take back at most £100.00." in html
