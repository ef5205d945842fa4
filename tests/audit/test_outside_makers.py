"""Outside decisions are credited to the group named as their maker, and marked by how that
group answered (DESIGN rule 11: both confirmed and disputed ones count, disputed ones marked),
in a space's audit and in the named group's own audit, also when it has no part in the space."""

from __future__ import annotations

import pytest

from sharedspace.audit import audit_space, compare, fold
from sharedspace.audit.across import audit_party, party_scope
from sharedspace.governance import actions
from sharedspace.governance.exceptions import NotFound


@pytest.fixture
def named(cast, shared):
    """Three decisions the self-advocates say the other charity made, outside the space
    the charity has no part in: Olive confirms one, disputes one, leaves one."""
    made = [
        actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                        made_by=cast.outsiders.pk, summary=f"Decision {n}")
        for n in range(3)
    ]
    actions.outside_decision_confirm(actor=cast.olive, decision_id=made[0].pk)
    actions.outside_decision_dispute(actor=cast.olive, decision_id=made[1].pk,
                                     reason="We did not decide that")
    return made


def test_the_space_audit_says_which_of_a_makers_decisions_it_disputed(cast, shared, named):
    """``decisions.by_party`` keeps counting all three for the charity (CONTRACT's field, as
    it was); ``decisions.outside_by_party`` says one is confirmed, one disputed, one not
    answered yet; the counters agree with a recount of the ledger."""
    report = audit_space(shared.pk)
    assert report["decisions"]["by_party"][cast.outsiders.pk] == 3
    assert report["decisions"]["outside_by_party"] == {
        cast.outsiders.pk: {"confirmed": 1, "disputed": 1, "unanswered": 1}}
    assert report["outside_decisions"] == {"confirmed": 1, "disputed": 1, "unanswered": 1}
    assert compare(shared.pk) == []


def test_counters_of_the_last_version_are_recounted(cast, shared, named):
    """Counters kept before makers were counted (version 2) are an older version: readable,
    recounted on read, so the report has the makers all the same."""
    from sharedspace.audit.models import SpaceCounters

    row = SpaceCounters.objects.get(chain=shared.pk)
    old = dict(row.state, v=2)
    old["outside"] = {k: v for k, v in old["outside"].items() if k != "by_maker"}
    assert fold.is_readable(old) and not fold.is_current(old)
    SpaceCounters.objects.filter(pk=row.pk).update(state=old)
    assert audit_space(shared.pk)["decisions"]["outside_by_party"][cast.outsiders.pk][
        "disputed"] == 1


def test_a_groups_own_audit_counts_the_decisions_it_is_named_for(cast, shared, named):
    """The charity holds no space, but its audit counts the three decisions named as its
    own, in its outside circle, with how it answered them; nothing else of the space."""
    ids = party_scope(viewer=cast.olive, party_id=cast.outsiders.pk)
    assert ids == {shared.pk}
    report = audit_party(cast.outsiders.pk, within=ids)
    assert report["spaces"] == []  # the space itself is not its space
    assert report["initiative"]["total"] == 0 and report["money"]["measurable"] is False
    d = report["decisions"]
    assert d["circles"][cast.outsiders.pk]["outside"] == 3
    assert d["outside"][cast.outsiders.pk]["elsewhere"] == {
        "spaces": 1, "total": 3, "confirmed": 1, "disputed": 1, "unanswered": 1}
    flags = {f["code"]: f["message"] for f in report["flags"]}
    assert flags["named_outside_elsewhere"] == (
        "Other charity is named as the maker of 3 decisions about the work of spaces it is "
        "not part of. It disputes 1 of them.")


def test_who_may_read_a_groups_decisions_elsewhere(cast, shared, named):
    """Its own people read them all (as they read the decisions naming their group); someone
    who sees neither the group's spaces nor is one of its people still gets a 404."""
    with pytest.raises(NotFound):
        party_scope(viewer=cast.carol, party_id=cast.outsiders.pk)
    # The council's own audit is not changed by decisions naming another group.
    council = audit_party(cast.council.pk,
                          within=party_scope(viewer=cast.carol, party_id=cast.council.pk))
    assert council["decisions"]["outside"][cast.council.pk]["elsewhere"]["total"] == 0
    assert council["decisions"]["outside"][cast.council.pk]["made_by_others"] == 3
