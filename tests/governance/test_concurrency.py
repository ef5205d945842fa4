"""Serialised per space (DESIGN §4 rule 12): simultaneous actions never lose a position,
never double-spend and never fork a chain.

These run real threads, each with its own database connection, against PostgreSQL (row
locks). On SQLite the test database lives in memory with a shared cache, where a second
writer fails at once instead of waiting, so there is nothing meaningful to race there.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from sharedspace.governance import actions, ledger
from sharedspace.governance.exceptions import GovernanceError
from sharedspace.governance.models import FundShare, LedgerEntry, Person, Vote
from tests import races
from tests.races import needs_postgresql

from .conftest import pass_proposal

pytestmark = needs_postgresql


def race(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs at once; a refusal is a result here (the tests count them)."""
    return races.race(jobs, allowed=(GovernanceError,))


@pytest.fixture
def big_group(cast, shared):
    """The self-advocates grow to eight members, all of whom must answer (quorum 8)."""
    emails = [f"member{i}@example.org" for i in range(7)]
    for email in emails:
        actions.party_member_add(actor=cast.sam, party_id=cast.group.pk, email=email,
                                 roles=["member"])
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, quorum=8)
    return [cast.sam, *Person.objects.filter(email__in=emails)]


def test_simultaneous_positions_are_never_lost(transactional_db, cast, shared, big_group):
    """Eight members answer at the same moment: every vote counts, so the group reaches
    its quorum and the proposal passes, once."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Meet weekly")
    actions.position_give(actor=cast.carol, proposal_id=p.pk, party=cast.council.pk,
                          position="agree")
    results = race([
        (lambda who=who: actions.position_give(actor=who, proposal_id=p.pk,
                                               party=cast.group.pk, position="agree"))
        for who in big_group
    ])
    assert not any(isinstance(r, GovernanceError) for r in results)
    p.refresh_from_db()
    assert p.state == "passed"
    assert Vote.objects.filter(proposal=p, party=cast.group).count() == 8
    assert LedgerEntry.objects.filter(chain=shared.pk, action="vote.cast").count() == 9
    assert LedgerEntry.objects.filter(chain=shared.pk, action="proposal.resolve").count() == 1
    assert ledger.verify_all().ok


def test_a_passed_proposal_is_never_spent_twice(transactional_db, cast, shared):
    """Four holders' people spend the same passed proposal at once: one spends it; for the
    others it is no longer a passed proposal to spend (a shared space: 403)."""
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group)):
        actions.fund_commit(actor=who, space_id=shared.pk, party=party.pk, amount="100")
    p = pass_proposal(cast, shared, kind="spend", amount="60")
    results = race([
        (lambda who=who: actions.fund_spend(actor=who, space_id=shared.pk, amount="60",
                                            proposal=p.pk))
        for who in (cast.carol, cast.owen, cast.sam, cast.mo)
    ])
    refusals = [r.code for r in results if isinstance(r, GovernanceError)]
    assert refusals == ["needs_passed_proposal"] * 3
    assert LedgerEntry.objects.filter(chain=shared.pk, action="fund.spend").count() == 1
    spent = sum(s.spent for s in FundShare.objects.filter(space=shared))
    assert spent == Decimal("60")
    assert ledger.verify_all().ok


def test_the_fund_never_goes_below_zero(transactional_db, cast, own):
    """Six spendings and withdrawals of 30 race for a fund of 100: at most three succeed,
    and no share goes below zero."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="100")
    jobs = [lambda: actions.fund_spend(actor=cast.carol, space_id=own.pk, amount="30")] * 3
    jobs += [lambda: actions.fund_withdraw(actor=cast.carol, space_id=own.pk,
                                           party=cast.council.pk, amount="30")] * 3
    results = race(jobs)
    done = [r for r in results if not isinstance(r, GovernanceError)]
    refused = {r.code for r in results if isinstance(r, GovernanceError)}
    assert len(done) == 3 and refused <= {"fund_too_low", "more_than_unspent"}
    share = FundShare.objects.get(space=own, party=cast.council)
    assert share.unspent == Decimal("10") and share.unspent >= 0
    assert ledger.verify_all().ok


@pytest.mark.parametrize("chain", ["spc_existing", "spc_brandnew"])
def test_many_appends_never_fork_a_chain(transactional_db, chain):
    """Eight writers append twenty entries each to one chain at once (one that exists and
    one that does not yet): one chain, seqs 1 to 160, verifying."""
    if chain == "spc_existing":
        with transaction.atomic():
            ledger.append(chain=chain, action="test.start", person=None, party=None, data={})

    def writer(n: int) -> None:
        for i in range(20):
            with transaction.atomic():
                ledger.append(chain=chain, action="test.append", person=None, party=None,
                              data={"writer": n, "i": i})

    race([lambda n=n: writer(n) for n in range(8)])
    seqs = list(LedgerEntry.objects.filter(chain=chain).order_by("seq")
                .values_list("seq", flat=True))
    total = 160 + (chain == "spc_existing")
    assert seqs == list(range(1, total + 1))
    assert ledger.verify_chain(chain) == ledger.Verdict(True, total, chain)
