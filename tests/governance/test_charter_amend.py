"""A charter proposal's charter can be amended (ADR 37): an objection to a charter change
("the payment section must say £14") is met by changing the charter proposed, not only by a
block and a new proposal (DESIGN §4 rule 5)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sharedspace.governance import actions, ledger
from sharedspace.governance.models import LedgerEntry, Proposal, ProposalVersion, Space

from .conftest import CHARTER, agree_all, refused, watch

pytestmark = pytest.mark.django_db

PROPOSED = {"purpose": "Make the day service better together.",
            "payment": "Everyone is paid £12 an hour."}
AMENDED = {"purpose": "Make the day service better together.",
           "payment": "Everyone is paid £14 an hour."}


def charter_digest(charter: dict[str, str]) -> str:
    return ledger.digest(ledger.canonical(charter))


@pytest.fixture
def proposal(cast, shared) -> Proposal:
    """Carol proposes a payment section; the self-advocates object to the rate."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="charter",
                                title="Add how we pay people", charter=PROPOSED)
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    actions.position_give(actor=cast.sam, proposal_id=p.pk, party=cast.group.pk,
                          position="object", reason="The payment section must say £14.")
    actions.position_give(actor=cast.mo, proposal_id=p.pk, party=cast.group.pk,
                          position="object", reason="£14, please.")
    p.refresh_from_db()
    assert p.state == "open" and p.positions.filter(version=1).count() == 2
    return p


def test_amending_the_charter_resets_every_position(cast, proposal):
    """A new version, with no answers: no one agrees to a charter they did not see."""
    amended = actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk,
                                     charter=AMENDED)
    assert amended.version == 2 and amended.charter == AMENDED
    assert not amended.positions.filter(version=2).exists()
    assert amended.state == "open"


def test_the_amended_charter_takes_effect_when_it_passes(cast, shared, proposal):
    """The charter the groups agreed, the amended one, becomes the space's charter."""
    amended = actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk,
                                     charter=AMENDED)
    with watch() as written:
        passed = agree_all(cast, amended)
    assert passed.state == "passed"
    assert Space.objects.get(pk=shared.pk).charter == AMENDED
    assert written.one("charter.change")["data"]["charter_sha256"] == charter_digest(AMENDED)


def test_the_amended_charter_is_cleaned_as_at_submission(cast, proposal):
    """Sections are checked as when proposing: unknown sections and a missing purpose are
    refused, naming the field; blank sections are left out."""
    error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=proposal.pk, charter={"purpose": "Yes", "pay": "£14"})
    assert "charter" in error.fields
    error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=proposal.pk, charter={"payment": "£14"})
    assert "charter.purpose" in error.fields
    error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=proposal.pk, charter="£14")
    assert "charter" in error.fields
    amended = actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk,
                                     charter={"purpose": "  Better together. ", "payment": None,
                                              "meetings": "Monthly."})
    assert amended.charter == {"purpose": "Better together.", "meetings": "Monthly."}


def test_only_a_charter_proposal_has_a_charter(cast, shared):
    """Giving another kind of proposal a charter is bad input, on the field ``charter``."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Meet monthly")
    error = refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=p.pk, charter=AMENDED)
    assert set(error.fields) == {"charter"}
    assert Proposal.objects.get(pk=p.pk).charter is None


def test_only_the_proposer_amends_the_charter(cast, proposal):
    """As for any amendment: someone else is refused, and the charter stays as proposed."""
    refused("not_proposer", actions.proposal_amend, actor=cast.sam, proposal_id=proposal.pk,
            charter=AMENDED)
    assert Proposal.objects.get(pk=proposal.pk).charter == PROPOSED


def test_a_closed_proposal_cannot_be_amended(cast, proposal):
    actions.proposal_withdraw(actor=cast.carol, proposal_id=proposal.pk)
    refused("proposal_closed", actions.proposal_amend, actor=cast.carol,
            proposal_id=proposal.pk, charter=AMENDED)


def test_the_earlier_charter_is_kept(cast, proposal):
    """Each replaced version keeps the charter it proposed, beside its words."""
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, charter=AMENDED)
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Pay £14")
    kept = list(ProposalVersion.objects.filter(proposal=proposal).order_by("version"))
    assert [(v.version, v.title, v.charter) for v in kept] == [
        (1, "Add how we pay people", PROPOSED),
        (2, "Add how we pay people", AMENDED),
    ]


def test_other_kinds_keep_no_charter(cast, shared):
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                title="Buses", amount="10")
    actions.proposal_amend(actor=cast.carol, proposal_id=p.pk, amount="12")
    assert ProposalVersion.objects.get(proposal=p).charter is None


def test_the_ledger_binds_the_amended_charter(cast, proposal):
    """``charter_sha256`` is on the amend entry only when the charter changed: it is the
    digest of the new charter's canonical JSON, as at submission."""
    with watch() as written:
        actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, charter=AMENDED)
    data = written.one("proposal.amend")["data"]
    assert data["charter_sha256"] == charter_digest(AMENDED)
    assert data["charter_sha256"] != charter_digest(PROPOSED)
    assert data["version"] == 2
    # The words only, or the same charter again: no charter_sha256.
    # An empty part says what a missing part says: no change either (the page agrees).
    for change in ({"title": "Pay £14 an hour"},
                   {"title": "Pay £15 an hour", "charter": dict(AMENDED)},
                   {"title": "Pay £16 an hour",
                    "charter": {**AMENDED, "meetings": "", "other": None}}):
        with watch() as written:
            actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, **change)
        assert "charter_sha256" not in written.one("proposal.amend")["data"]
    # The same charter alone changes nothing, so it is no new version (it would reset every
    # answer): refused, and nothing written.
    for same in (dict(AMENDED), {**AMENDED, "meetings": "", "other": None}):
        with watch() as written:
            refused("invalid_input", actions.proposal_amend, actor=cast.carol,
                    proposal_id=proposal.pk, charter=same)
        assert written.actions == []
    assert Proposal.objects.get(pk=proposal.pk).charter == AMENDED
    assert ledger.verify_all().ok


def test_submission_and_kept_charter_match_the_ledger(cast, proposal):
    """The kept charter of version 1 matches the digest ``proposal.submit`` wrote."""
    with watch() as written:
        actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, charter=AMENDED)
    assert written.actions == ["proposal.amend"]
    kept = ProposalVersion.objects.get(proposal=proposal, version=1)
    submitted = [json.loads(row.content)["data"] for row in
                 LedgerEntry.objects.filter(chain=proposal.space_id, action="proposal.submit")]
    found = [d for d in submitted if d["proposal"] == proposal.pk]
    assert len(found) == 1 and found[0]["charter_sha256"] == charter_digest(kept.charter)


def test_amending_a_charter_in_an_own_space(cast, own):
    """The guest who proposed it amends it; the host's agreement then changes the charter."""
    p = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="charter",
                                title="A charter", charter=CHARTER)
    actions.proposal_amend(actor=cast.gil, proposal_id=p.pk, charter=AMENDED)
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    assert Space.objects.get(pk=own.pk).charter == AMENDED


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_charter_of_versions_kept_before_it(cast, proposal):
    """Before migration 0008 amend could not change a charter, so each kept version of a
    charter proposal proposed the charter the proposal holds: the migration says so."""
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Pay people")
    spend = actions.proposal_submit(actor=cast.carol, space_id=proposal.space_id, kind="spend",
                                    title="Buses", amount="10")
    actions.proposal_amend(actor=cast.carol, proposal_id=spend.pk, amount="12")
    executor = MigrationExecutor(connection)
    executor.migrate([("governance", "0007_publications")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ProposalVersion.objects.get(proposal=proposal).charter == PROPOSED
    assert ProposalVersion.objects.get(proposal=spend).charter is None
