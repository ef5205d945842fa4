"""An amendment that changes nothing is refused (422 ``invalid_input`` on ``title``), and
writes nothing: a new version resets every answer, so one with the same words would wipe an
objection without giving anyone anything new to answer (DESIGN rule 5)."""

from __future__ import annotations

import pytest

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal

from .conftest import refused, watch


@pytest.fixture
def objected(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                       title="Pay for taxis", body="Every Monday.",
                                       amount="40")
    for who in (cast.sam, cast.mo):  # the group decides by majority
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="object", reason="Not on Mondays.")
    assert Proposal.objects.get(pk=proposal.pk).positions.filter(position="object").exists()
    return proposal


@pytest.mark.parametrize("change", [
    {},
    {"title": "Pay for taxis"},
    {"title": "  Pay for taxis  ", "body": "Every Monday.", "amount": "40.00"},
])
def test_the_same_words_again_are_refused_and_the_objection_stays(cast, objected, change):
    with watch() as written:
        error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                        proposal_id=objected.pk, **change)
    assert "Nothing has changed" in error.fields["title"]
    assert written.actions == []
    proposal = Proposal.objects.get(pk=objected.pk)
    assert proposal.version == 1
    assert [(p.party_id, p.position) for p in proposal.positions.filter(version=1)] == [
        (cast.group.pk, "object")]


@pytest.mark.parametrize("change", [
    {"title": "Pay for taxis on Tuesdays"},
    {"body": "Every Tuesday."},
    {"amount": "45"},
])
def test_any_real_change_makes_a_new_version(cast, objected, change):
    proposal = actions.proposal_amend(actor=cast.carol, proposal_id=objected.pk, **change)
    assert proposal.version == 2
    assert not proposal.positions.filter(version=2).exists()
