"""A person put in a group by someone else is asked whether they want to be in it (ADR 38).

No one is enrolled in a space without their group's coordinator agreeing (rule 4); a person
is put in a group by its coordinator (CONTRACT: ``POST /parties/{id}/members`` is 201 at once).
So the membership counts at once, and the person is asked: they say they want to be in the
group (``party_member_confirm``, recorded on the group's chain) or leave it
(``party_member_remove`` by themselves).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sharedspace.audit import fold
from sharedspace.governance import actions, ledger
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Membership

from .conftest import refused, watch

pytestmark = pytest.mark.django_db


def membership(party, person) -> Membership:
    return Membership.objects.get(party=party, person=person, left_at__isnull=True)


def test_a_founder_chose_and_an_added_person_is_asked(cast):
    founder = membership(cast.council, cast.carol)
    assert founder.added_by_id == cast.carol.pk and founder.confirmed_at == founder.joined_at
    added = membership(cast.council, cast.owen)
    assert added.added_by_id == cast.carol.pk and added.confirmed_at is None
    assert pol.is_member(cast.owen, cast.council)  # it counts while they are asked


def test_saying_yes_is_recorded_on_the_groups_chain_once(cast):
    with watch() as written:
        confirmed = actions.party_member_confirm(actor=cast.owen, party_id=cast.council.pk)
    entry = written.one("member.confirm")
    assert written.actions == ["member.confirm"]
    assert entry["chain"] == cast.council.pk
    assert entry["actor"] == {"person": cast.owen.pk, "party": cast.council.pk}
    assert entry["data"] == {"member": cast.owen.pk}
    assert confirmed.confirmed_at is not None
    # Again (a form sent twice): nothing more is written, nothing changes.
    with watch() as again:
        same = actions.party_member_confirm(actor=cast.owen, party_id=cast.council.pk)
    assert again.actions == [] and same.confirmed_at == confirmed.confirmed_at
    assert ledger.verify_all().ok


def test_only_a_member_says_it_for_themselves(cast):
    # Not in the group (Sam coordinates another one): not found, nothing written.
    refused("not_found", actions.party_member_confirm, actor=cast.sam, party_id=cast.council.pk)
    refused("not_found", actions.party_member_confirm, actor=cast.owen, party_id="pty_nothere")
    # Someone who left cannot say it afterwards.
    actions.party_member_remove(actor=cast.owen, party_id=cast.council.pk,
                                person_id=cast.owen.pk)
    refused("not_found", actions.party_member_confirm, actor=cast.owen, party_id=cast.council.pk)


def test_added_again_after_leaving_is_asked_again(cast):
    actions.party_member_confirm(actor=cast.owen, party_id=cast.council.pk)
    actions.party_member_remove(actor=cast.owen, party_id=cast.council.pk,
                                person_id=cast.owen.pk)
    actions.party_member_add(actor=cast.carol, party_id=cast.council.pk,
                             email="owen@example.org", roles=["member"])
    assert membership(cast.council, cast.owen).confirmed_at is None


def test_the_audit_counts_it_as_the_groups_own_business():
    assert "member.confirm" in fold.PARTY_ACTIONS


@pytest.mark.django_db(transaction=True)
def test_memberships_made_before_are_taken_as_settled(cast):
    """Migration 0009: no one is asked about a group they were in before people were asked."""
    executor = MigrationExecutor(connection)
    executor.migrate([("governance", "0008_proposal_version_charter")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    for m in Membership.objects.all():
        assert m.confirmed_at == m.joined_at
