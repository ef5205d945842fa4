"""What cannot be undone is asked about first: taking a proposal back, closing it now, and
taking money back from a fund each show a page saying what will happen, with "Yes" and
"No, go back". Nothing happens until "Yes" is pressed; it all works without JavaScript."""

# ruff: noqa: RUF001  (Welsh text uses the typographic apostrophe)

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import FundEntry, Proposal

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
    assert "Press the red button only if you are sure." in html


def test_more_than_the_group_may_take_back_is_refused_at_once(cast, shared, signed_in):
    """No confirm step for what the core refuses: the refusal shows straight away."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    html = signed_in(cast.carol).post(
        reverse("web:fund", args=[shared.pk]),
        form_data("withdraw", party=cast.council.pk, amount="99999")).content.decode()
    assert "Take this money back" not in html
    assert "A group can only take back money it gave" in html
