""""Whose space is this?": the record's answer agrees with what the record says about who
holds the space (its kind, its holders, the audit's checks), never naming one group for a
space shared by its rules (docs/adr/0022, amended)."""

from __future__ import annotations

import itertools
from unittest import mock

import pytest

from sharedspace.audit import audit_space
from sharedspace.governance import actions as gov
from sharedspace.perception import actions, compare, selectors
from sharedspace.perception.compare import MIXED, TOGETHER, record_facts, record_rules
from sharedspace.perception.models import Round

from .test_record import _facts, record


def test_a_shared_space_one_group_funded_is_not_called_that_groups_space(cast, shared):
    """The contradiction a newcomer found: the council gave 95% of the shared fund. The
    banner and the audit say the space is shared by both groups, yet "Whose space is this?"
    said "Council team". Now it says shared, with the council holding more of its power, and
    names what it rests on: the money answer."""
    gov.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="9500")
    gov.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="500")
    report = audit_space(shared.pk)
    assert report["kind"] == "shared"
    assert report["holders"] == [cast.council.pk, cast.group.pk]
    found = record(cast, shared)
    council = f"party:{cast.council.pk}"
    assert found["money"] == (council, "money_given_by_one")
    assert found["overall"] == (MIXED, "shared_one_group_holds_more")
    summary = selectors.round_summary(viewer=cast.sam, round_id=_open_round(cast, shared).pk)
    overall = next(q for q in summary["questions"] if q["key"] == "overall")
    assert overall["record_basis"] == [
        {"key": "next_steps", "record": None, "record_rule": "no_decisions_yet"},
        {"key": "money", "record": council, "record_rule": "money_given_by_one"},
    ]


def _open_round(cast, space):
    return (Round.objects.filter(space=space, closed_at__isnull=True).first()
            or actions.round_open(actor=cast.carol, space_id=space.pk))


SAID = [None, "together", MIXED, "party:a", "party:b"]


@pytest.mark.parametrize(("decisions", "money"), list(itertools.product(SAID, SAID)))
def test_for_a_shared_space_the_record_never_names_one_group(decisions, money):
    """Whatever the record says about deciding and money, "Whose space is this?" in a
    shared space is "together" or "mixed", never one group: no holder decides there alone,
    and none can be removed."""
    # The deciding answers say what this case needs, whatever the facts.
    with (mock.patch.object(compare, "_next_steps", lambda facts: (decisions, "x")),
          mock.patch.object(compare, "_money_rule", lambda facts: (money, "y"))):
        said, rule = record_rules(_facts(kind="shared", host=None, holders=["a", "b"]))[
            "overall"]
    assert said in (TOGETHER, MIXED), (decisions, money, said)
    named = {s for s in (decisions, money) if s and s.startswith("party:")}
    if len(named) == 1:
        assert rule == "shared_one_group_holds_more"
    elif said == TOGETHER:
        assert rule == "shared_held_together"
        assert {decisions, money} <= {None, TOGETHER}
    else:
        assert rule == "overall_mixed"


def test_an_own_space_is_its_hosts_as_its_banner_says():
    assert record_rules(_facts())["overall"] == ("party:host", "own_space")
    assert record_rules(_facts(host=None))["overall"] == (None, "overall_unknown")


def test_the_audits_failing_checks_on_decisions_or_money_make_it_mixed(cast, shared):
    """The audit's verdict counts: its check on decisions or on money failing makes a shared
    space "mixed", not "together". Its check on who starts things does not: opening a space
    is starting something, so every new shared space fails it, and is still held together."""
    report = audit_space(shared.pk)
    failed = {c["rule"] for c in report["checks"] if c["passed"] is False}
    assert failed == {"initiative"}
    facts = record_facts(report)
    assert facts["holding_checks_failed"] == []
    assert record_rules(facts)["overall"] == (TOGETHER, "shared_held_together")
    checks = [{"rule": "money", "passed": False, "reason": "Most money is not joint."},
              {"rule": "decisions", "passed": None, "reason": "No decisions yet."}]
    facts = record_facts({**report, "checks": checks})
    assert facts["holding_checks_failed"] == ["money"]
    assert record_rules(facts)["overall"] == (MIXED, "overall_mixed")
