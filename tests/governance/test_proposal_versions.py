"""Amending keeps the words being replaced (ProposalVersion), so whoever answered them can
see what changed. The ledger binds each version's words by their digests; the kept words
match them."""

from __future__ import annotations

import json

import pytest

from sharedspace.governance import actions, ledger
from sharedspace.governance.models import LedgerEntry, ProposalVersion

from .conftest import refused

pytestmark = pytest.mark.django_db


def digests(proposal_id: str) -> dict[int, tuple[str, str]]:
    """Each version's title and body digests, from the ledger."""
    found = {}
    for row in LedgerEntry.objects.filter(action__in=("proposal.submit", "proposal.amend")):
        data = json.loads(row.content)["data"]
        if data["proposal"] == proposal_id:
            found[data["version"]] = (data["title_sha256"], data["body_sha256"])
    return found


def test_each_amendment_keeps_the_words_it_replaced(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                       title="Buy a laptop", body="For the notes.", amount="400")
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Buy a tablet",
                           amount="250")
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, body="For notes and easy "
                           "read.")
    kept = list(ProposalVersion.objects.filter(proposal=proposal).order_by("version"))
    assert [(v.version, v.title, v.body, str(v.amount)) for v in kept] == [
        (1, "Buy a laptop", "For the notes.", "400.00"),
        (2, "Buy a tablet", "For the notes.", "250.00"),
    ]
    chain = digests(proposal.pk)
    for version in kept:
        assert chain[version.version] == (ledger.digest(version.title),
                                          ledger.digest(version.body))


def test_a_refused_amendment_keeps_nothing(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    refused("invalid_input", actions.proposal_amend, actor=cast.carol, proposal_id=proposal.pk,
            amount="10")
    refused("not_proposer", actions.proposal_amend, actor=cast.sam, proposal_id=proposal.pk,
            title="Meet weekly")
    assert not ProposalVersion.objects.exists()
