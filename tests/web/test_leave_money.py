"""The leave page says what leaving does to money still in the fund: when leaving closes the
space, no group can take money back there afterwards (a closed space is read-only), the
other groups included, so the page names the amounts and says to take money back first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions

from .conftest import accept_all, pass_proposal

pytestmark = pytest.mark.django_db


def _page(client, space):
    return " ".join(client.get(reverse("web:leave", args=[space.pk])).content.decode().split())


def test_leaving_the_last_two_warns_that_everyones_money_stays_in_the_closed_fund(
        cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100")
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    page = _page(signed_in(cast.sam), shared)
    assert "The fund still holds £150.00. £50.00 of it is your group's." in page
    assert "no group can take money back here. That includes the other groups." in page
    assert "take it back before you leave" in page
    assert "£100.00 belongs to other groups. Tell them before you leave" in page
    assert reverse("web:fund", args=[shared.pk]) in page


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
