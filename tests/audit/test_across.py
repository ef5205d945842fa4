"""Audits across spaces: a party across all its spaces, a partnership across the spaces two
parties meet in (DESIGN §5). The figures are worked out by hand from the scenario in
tests/audit/partnership.py; see docs/audit.md, "Audits across spaces"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sharedspace.audit.across import audit_partnership, audit_party
from sharedspace.audit.across.combine import SpaceItem, circles
from sharedspace.audit.models import SpaceCounters
from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex

from .partnership import build
from .steps import host_decides, pass_shared


def test_partnership_figures_by_hand(cast, shared):
    """Council and self-advocates meet in the board (council's own space) and the shared
    space. Decisions: 2 by the council in the board, 2 by consent, 1 outside (the council's,
    disputed). Initiative: the council opened both spaces, invited the group and made 4
    proposals (7); the group made 1 proposal (1)."""
    s = build(cast, shared)
    council, group = cast.council.pk, cast.group.pk
    r = audit_partnership(council, group)
    assert [row["space"] for row in r["spaces"]] == [shared.pk, s.board.pk]
    assert r["spaces"][1]["relation"] == {council: "holder", group: "guest"}
    d = r["decisions"]
    assert d["total"] == 5
    assert d["by_venue"] == {"own": 2, "shared": 2, "outside": 1}
    assert d["by_party"] == {council: 3}  # 2 in its own space + 1 outside, all alone
    assert d["made_together"] == 2
    assert d["circles"][council] == {"own": 2, "invited": 0, "shared": 2, "outside": 1}
    assert d["circles"][group] == {"own": 0, "invited": 2, "shared": 2, "outside": 1}
    assert d["outside"][council] == {
        "total": 1, "confirmed": 0, "disputed": 1, "unanswered": 0, "made_by_itself": 1,
        "made_by_others": 0,
        # the one naming the council, as it answered it: disputed (DESIGN rule 11)
        "by_itself": {"confirmed": 0, "disputed": 1, "unanswered": 0},
        "elsewhere": {"spaces": 0, "total": 0, "confirmed": 0, "disputed": 0, "unanswered": 0},
    }
    assert d["outside_by_party"] == {council: {"confirmed": 0, "disputed": 1, "unanswered": 0}}
    assert d["outside"][group]["made_by_others"] == 1
    assert r["initiative"]["by_party"] == {council: 7, group: 1}
    assert r["initiative"]["share"] == {council: 0.875, group: 0.125}
    assert r["acceptance"][council] == {"proposed": 4, "passed": 2, "blocked": 2, "lapsed": 0,
                                        "withdrawn": 0, "open": 0, "share": 0.5}
    assert r["acceptance"][group]["share"] == 1.0
    assert r["objections"][council]["raised"] == 2
    assert r["objections"][council]["blocked"] == 2
    assert r["money"]["committed_by"] == {council: "100.00", group: "20.00"}
    assert r["money"]["joint"] == "120.00"
    assert r["money"]["joint_share"] == 1.0
    assert r["exit_power"]["can_remove"] == [
        {"party": council, "can_remove": group, "spaces": [s.board.pk]}]
    assert r["exit_power"]["can_be_removed_in"] == {council: 0, group: 1}
    assert r["outside_decisions"] == {"confirmed": 0, "disputed": 1, "unanswered": 0}


def test_partnership_label_check_cites_the_figures(cast, shared):
    """They hold a space together, so the shared rules apply to everything they do: 2 of 5
    decisions by consent (40%) and the council starting 7 of 8 things (88%) fail; all the
    money is joint (passes). Called coproduction, measured co-design."""
    build(cast, shared)
    r = audit_partnership(cast.council.pk, cast.group.pk)
    assert r["claimed_approach"] == "coproduction"
    assert r["measured_approach"] == "co-design"
    assert r["label_check"] == {"mismatch": True, "reasons": [
        "2 of 5 decisions (40%) were made by consent in the space; coproduction needs at "
        "least 75%.",
        "Council team started 7 of 8 things (88%); in coproduction no group starts more "
        "than 80%.",
        "This is co-design, not coproduction.",
    ]}
    assert [(c["rule"], c["passed"]) for c in r["checks"]] == [
        ("decisions", False), ("initiative", False), ("money", True)]
    codes = {f["code"] for f in r["flags"]}
    assert {"decides_outside", "label_mismatch", "disputed_outside_decisions"} <= codes


def test_party_figures_by_hand(cast, shared):
    """The self-advocates across their three spaces: 1 decision in their own space, 2 made
    for them in the council's board, 2 by consent, 1 outside. They started 3 things (opened
    their space, 2 proposals) of 10."""
    s = build(cast, shared)
    group, council = cast.group.pk, cast.council.pk
    r = audit_party(group)
    assert r["scope"] == "party"
    assert {row["space"] for row in r["spaces"]} == {s.board.pk, shared.pk, s.group_own.pk}
    assert r["decisions"]["circles"] == {group: {"own": 1, "invited": 2, "shared": 2,
                                                 "outside": 1}}
    assert r["initiative"]["by_party"] == {council: 7, group: 3}
    assert r["approaches"] == {
        "claimed": {"coproduction": 3},
        "measured": {"co-design": 1, "consultation": 1, "informing": 1},
        "label_mismatches": 3,
    }
    assert r["partners"] == [{"party": council, "spaces": 2, "held_together": 1,
                              "it_hosts_them": 0, "they_host_it": 1, "both_guests": 0}]
    # The council audited alone sees the same decisions from its side.
    mine = audit_party(council)["decisions"]["circles"][council]
    assert mine == {"own": 2, "invited": 0, "shared": 2, "outside": 1}


def test_within_keeps_to_the_spaces_given(cast, shared):
    """``within`` (the spaces a viewer may see) leaves the others out of every figure."""
    s = build(cast, shared)
    r = audit_party(cast.group.pk, within={s.group_own.pk})
    assert [row["space"] for row in r["spaces"]] == [s.group_own.pk]
    assert r["decisions"]["circles"][cast.group.pk] == {"own": 1, "invited": 0, "shared": 0,
                                                        "outside": 0}
    assert r["initiative"]["by_party"] == {cast.group.pk: 2}
    assert set(r["evidence"]) == {s.group_own.pk}


def test_counters_behind_are_recounted_to_the_same_figures(cast, shared):
    """With a space's counter row gone the audit recounts it from the ledger (read-only) and
    the figures are the same."""
    build(cast, shared)
    before = audit_partnership(cast.council.pk, cast.group.pk)
    SpaceCounters.objects.filter(chain=shared.pk).delete()
    after = audit_partnership(cast.council.pk, cast.group.pk)
    assert after == before
    assert not SpaceCounters.objects.filter(chain=shared.pk).exists()


def test_parties_that_never_met(cast, shared):
    """No space in common: an empty report that says so, and no label check."""
    r = audit_partnership(cast.group.pk, cast.outsiders.pk)
    assert r["spaces"] == []
    assert r["decisions"]["total"] == 0
    assert r["measured_approach"] is None
    assert r["label_check"] == {"mismatch": False, "reasons": []}
    assert r["cannot_measure_yet"] == [
        "Self-advocates and Other charity do not meet in any space yet."]


def test_a_young_space_says_what_cannot_be_measured_yet(cast, shared):
    """A new shared space: no decisions, no proposals, no money; the council opened it, so the
    self-advocates are flagged as not having started anything."""
    r = audit_partnership(cast.council.pk, cast.group.pk)
    assert r["cannot_measure_yet"] == [
        "No decisions have been made yet, so where decisions are made cannot be measured yet.",
        "No proposals have been made yet, so acceptance cannot be measured yet.",
        "There is no money in any fund, so who controls money cannot be measured yet.",
    ]
    never = [f for f in r["flags"] if f["code"] == "never_starts"]
    assert [f["party"] for f in never] == [cast.group.pk]
    assert never[0]["message"] == "Self-advocates has not started anything in this space."


def test_a_party_that_left_keeps_its_place_in_the_record(cast, shared):
    """The self-advocates leave: the space closes; their decisions by consent still count as
    made in a shared space they held, and they show as a former holder."""
    pass_shared(cast, shared)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    r = audit_partnership(cast.council.pk, cast.group.pk)
    row = r["spaces"][0]
    assert row["state"] == "closed"
    assert row["relation"][cast.group.pk] == "former_holder"
    assert r["decisions"]["circles"][cast.group.pk]["shared"] == 1
    assert r["exit_power"]["left"] == {cast.group.pk: 1}


def test_money_in_two_currencies_is_never_added_up(cast, shared):
    """GBP in the shared space and EUR in the council's board: shown per currency, the flat
    figures are null, and the report says why; the money rule cannot be measured."""
    s = build(cast, shared)
    actions.fund_commit(actor=cast.carol, space_id=s.board.pk, party=cast.council.pk,
                        amount=Decimal("50.00"), currency="EUR")
    r = audit_partnership(cast.council.pk, cast.group.pk)
    m = r["money"]
    assert m["mixed_currencies"] is True
    assert m["currencies"] == ["EUR", "GBP"]
    assert m["committed"] is None and m["joint_share"] is None
    assert m["by_currency"]["EUR"]["committed_by"] == {cast.council.pk: "50.00"}
    assert m["by_currency"]["EUR"]["joint_share"] == 0.0
    assert m["by_currency"]["GBP"]["committed"] == "120.00"
    assert ("The money is in more than one currency (EUR, GBP), so it is shown for each "
            "currency and not added up.") in r["cannot_measure_yet"]
    money_check = next(c for c in r["checks"] if c["rule"] == "money")
    assert money_check["passed"] is None


def test_own_spaces_only_judge_the_partnership_by_what_guests_may_do(cast, own):
    """The council and the carers forum meet only in the council's own space, where guests
    may propose: engagement at most, and the reasons name who decided."""
    host_decides(cast, own, "agree")
    host_decides(cast, own, "object", by=cast.gil)
    r = audit_partnership(cast.guests.pk, cast.council.pk)
    assert r["measured_approach"] == "engagement"
    assert r["checks"] == []
    assert r["label_check"]["reasons"] == [
        "Council team made 2 of 2 decisions (100%) on its own.",
        "Guests could make proposals, but only Council team could decide.",
        "This is engagement, not coproduction.",
    ]
    assert r["decisions"]["circles"][cast.guests.pk] == {"own": 0, "invited": 2, "shared": 0,
                                                         "outside": 0}


def test_unknown_parties_and_a_party_with_itself_are_refused(cast):
    """NotFound for a party that does not exist; InvalidInput for a pair of one party."""
    with pytest.raises(ex.NotFound):
        audit_party("pty_nobody")
    with pytest.raises(ex.NotFound):
        audit_partnership(cast.group.pk, "pty_nobody")
    with pytest.raises(ex.InvalidInput):
        audit_partnership(cast.group.pk, cast.group.pk)


def _item(kind, created_by, holders, own=0, shared=0, outside=0):
    state = {"kind": kind, "created_by": created_by, "holders": holders, "former_holders": {},
             "decisions": {"own": own, "shared": shared, "outside": outside, "by_party": {},
                           "together": shared}}
    return SpaceItem("spc", "t", state, {})


def test_circles_of_a_guest_in_a_shared_space_are_invited():
    """A guest of a shared space did not take part in the holders' consent: for it, those
    decisions were made in someone else's space."""
    items = [_item("shared", "a", ["a", "b"], shared=3),
             _item("own", "a", ["a"], own=2, outside=1)]
    assert circles(items, "a") == {"own": 2, "invited": 0, "shared": 3, "outside": 1}
    assert circles(items, "c") == {"own": 0, "invited": 5, "shared": 0, "outside": 1}
    assert circles(items, "b") == {"own": 0, "invited": 2, "shared": 3, "outside": 1}


def test_a_guest_removed_by_a_host_shows_in_exit_power(cast, shared):
    """The council stops involving the self-advocates in its board: one removal by a host,
    the council can no longer remove them anywhere, and the flag says so in plain words."""
    s = build(cast, shared)
    actions.guest_remove(actor=cast.carol, space_id=s.board.pk, party_id=cast.group.pk)
    r = audit_partnership(cast.council.pk, cast.group.pk)
    assert r["exit_power"]["guest_removals"] == 1
    assert r["exit_power"]["guest_removals_by_host"] == 1
    assert r["exit_power"]["can_remove"] == []
    assert r["spaces"][1]["relation"][cast.group.pk] == "former_guest"
    removed = [f["message"] for f in r["flags"] if f["code"] == "guests_removed"]
    assert removed == ["A host stopped involving a guest once."]
