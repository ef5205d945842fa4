"""The proposal page offers "Change your proposal" and "Take the proposal back" to its
proposer only while the proposer's group still may (the core's rule, ADR 27): not after the
group left the space, nor after the host stopped involving it. A page drawn before that,
sent anyway, gets the core's refusal at once, without a confirm page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry

from .conftest import accept_all, errors_in, form_data, pass_proposal

pytestmark = pytest.mark.django_db

CHANGE = "Change your proposal"
TAKE_BACK = "Take the proposal back"


@pytest.fixture
def three(cast, shared):
    pass_proposal(cast, shared, kind="add_holder", party=cast.guests.pk)
    accept_all(shared, cast)
    return shared


def page(client, proposal) -> str:
    response = client.get(reverse("web:proposal", args=[proposal.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_group_that_left_is_not_offered_change_or_take_back(cast, three, signed_in):
    proposal = actions.proposal_submit(actor=cast.gil, space_id=three.pk, kind="decision",
                                       title="Meet at the library")
    gil = signed_in(cast.gil)
    before = page(gil, proposal)
    assert CHANGE in before and TAKE_BACK in before
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    after = page(gil, proposal)
    assert "Meet at the library" in after  # it still reads the proposal (ADR 27)
    assert CHANGE not in after and TAKE_BACK not in after


def test_a_removed_guest_is_not_offered_change_or_take_back(cast, own, signed_in):
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                       title="Pay carers for their time")
    gil = signed_in(cast.gil)
    assert TAKE_BACK in page(gil, proposal)
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    after = page(gil, proposal)
    assert CHANGE not in after and TAKE_BACK not in after


def test_a_stale_page_is_refused_at_once_and_nothing_changes(cast, three, signed_in):
    """Gil's page was drawn before the group left; "Take the proposal back" pressed after
    it gets the refusal, not "Take the proposal back?" first."""
    proposal = actions.proposal_submit(actor=cast.gil, space_id=three.pk, kind="decision",
                                       title="Meet at the library")
    actions.space_leave(actor=cast.gil, space_id=three.pk, party_id=cast.guests.pk)
    entries = LedgerEntry.objects.count()
    url = reverse("web:proposal", args=[proposal.pk])
    refused = signed_in(cast.gil).post(url, form_data("withdraw"))
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Your group has left this space, so it can no longer change this proposal or take it "
        "back."]
    refused = signed_in(cast.gil).post(url, form_data("amend", title="Elsewhere", body=""))
    assert refused.status_code == 403
    assert LedgerEntry.objects.count() == entries
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == ("open", 1)
