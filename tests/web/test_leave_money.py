"""The leave page says what leaving does to money still in the fund. When leaving closes
the space, each group's unspent money goes back to it as it closes (ADR 39): the page names
the amounts, and says a passed spending proposal not yet spent will not be. When the space
stays open, the group's money stays in the fund and the groups still there may spend it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sharedspace.governance import actions

from .conftest import accept_all, pass_proposal

pytestmark = pytest.mark.django_db


def _page(client, space):
    return " ".join(client.get(reverse("web:leave", args=[space.pk])).content.decode().split())


def test_leaving_the_last_two_says_each_groups_money_goes_back(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100")
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    page = _page(signed_in(cast.sam), shared)
    assert "The fund still holds £150.00. £50.00 of it is your group's." in page
    assert ("When the space closes, money not spent yet goes back to the group that gave it. "
            "No one needs to do anything.") in page
    assert "£50.00 goes back to your group." in page
    assert "£100.00 goes back to the other groups." in page
    assert "will not be spent" not in page  # no passed spending waits
    assert "no group can take money back" not in page
    assert reverse("web:fund", args=[shared.pk]) in page


def test_a_passed_spending_not_spent_yet_is_named_before_leaving(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100")
    pass_proposal(cast, shared, kind="spend", amount="40")
    page = _page(signed_in(cast.sam), shared)
    assert ("A spending proposal passed, but its money was not spent yet. It will not be "
            "spent once the space is closed.") in page


def test_after_leaving_the_money_page_and_history_say_where_the_money_went(
        cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100")
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="10")
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    client = signed_in(cast.carol)
    fund = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ",
                  client.get(reverse("web:fund", args=[shared.pk])).content.decode()))
    assert "Money in the fund now £0.00" in fund
    # What a group took back itself is apart from what went back to it as the space closed.
    assert "Taken back £10.00" in fund
    assert "Given back when the space closed £140.00" in fund
    table = fund[fund.index("Who gave what"):fund.index("Every movement of money")]
    assert "Given back when it closed" in table
    assert "Council team £100.00 £0.00 £0.00 £100.00 £0.00" in table
    assert "Self-advocates £50.00 £0.00 £10.00 £40.00 £0.00" in table
    assert fund.count("Money given back when the space closed") == 2
    history = " ".join(
        client.get(reverse("web:history", args=[shared.pk])).content.decode().split())
    assert ("The space was closing, so £100.00 that Council team gave and was not spent went "
            "back to it.") in history
    assert ("The space was closing, so £40.00 that Self-advocates gave and was not spent went "
            "back to it.") in history


def test_money_taken_back_first_is_no_longer_mentioned(cast, shared, signed_in):
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                          amount="50")
    page = _page(signed_in(cast.sam), shared)
    assert "Money still in the fund" not in page


def test_a_group_whose_leaving_does_not_close_the_space_keeps_its_way_back(
        cast, shared, signed_in):
    """A third holder leaves: the space stays open, and its coordinator can still take
    the group's money back afterwards (the core allows it)."""
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    page = _page(signed_in(cast.sam), shared)
    assert "A coordinator of your group can still take it back while the space is open." in page
    # Until it does, the groups still there may spend it (DESIGN rule 10: spending draws on
    # every share): the page says so rather than let the group think it is kept aside.
    assert "the groups still here can spend it" in page
    assert "That includes the other groups." not in page
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk,
                          amount="50")


def test_choosing_to_propose_closing_says_the_money_goes_back(cast, shared, signed_in):
    page = _html(signed_in(cast.sam), reverse("web:proposals", args=[shared.pk]))
    assert ("If it passes, the space closes for good. Nothing is deleted. Money not spent yet "
            "goes back to the group that gave it.") in page


def _html(client, url):
    return " ".join(client.get(url).content.decode().split())
