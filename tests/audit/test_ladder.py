"""The ladder rules as pure functions over plain numbers (usable for imported records too)."""

from decimal import Decimal

import pytest

from sharedspace.audit.ladder import (
    Figures,
    coproduction_checks,
    label_check,
    measured_approach,
    pct,
)


@pytest.mark.parametrize(("permissions", "expected"), [
    ([], "informing"),
    (["view"], "informing"),
    (["view", "comment"], "consultation"),
    (["give_views"], "consultation"),
    (["view", "comment", "give_views"], "consultation"),
    (["propose"], "engagement"),
    (["view", "comment", "propose", "give_views"], "engagement"),
])
def test_own_space_approach_follows_what_guests_may_do(permissions, expected):
    """Own space: view only informs, comment or views consult, propose engages — never
    higher, however many decisions."""
    fig = Figures(kind="own", guest_permissions=permissions, decisions_total=9,
                  decisions_in_space=9, initiative_by_party={"a": 1, "b": 1})
    assert measured_approach(fig) == expected


def _shared(**kw):
    base = {"kind": "shared", "decisions_total": 4, "decisions_in_space": 4,
            "initiative_by_party": {"a": 1, "b": 1}, "money_total": "100", "money_joint": "100"}
    return Figures(**{**base, **kw})


@pytest.mark.parametrize(("kw", "expected"), [
    ({"decisions_total": 4, "decisions_in_space": 3}, "coproduction"),  # exactly 75%
    ({"decisions_total": 100, "decisions_in_space": 74}, "co-design"),  # just under
    ({"initiative_by_party": {"a": 4, "b": 1}}, "coproduction"),  # exactly 80%
    ({"initiative_by_party": {"a": 81, "b": 19}}, "co-design"),  # just over
    ({"money_total": "100.00", "money_joint": "50.00"}, "coproduction"),  # exactly half
    ({"money_total": "100.00", "money_joint": "49.99"}, "co-design"),  # just under
    ({"money_total": "0", "money_joint": "0"}, "coproduction"),  # no money: not failed
    ({"decisions_total": 0, "decisions_in_space": 0}, "coproduction"),  # no decisions yet
    ({"initiative_by_party": {"a": 1}}, "co-design"),  # one party started everything
])
def test_shared_space_thresholds_on_both_sides(kw, expected):
    """Coproduction needs >= 75% decisions by consent in the space, no party > 80% of
    initiatives and >= 50% of money under joint control; otherwise co-design."""
    assert measured_approach(_shared(**kw)) == expected


def test_label_check_own_space_reasons_cite_the_figures():
    """The reasons say who decided, what guests could do and which word fits."""
    fig = Figures(kind="own", guest_permissions=["view", "give_views"], decisions_total=7,
                  decisions_in_space=7, host="c")
    check = label_check("coproduction", fig, {"c": "The council team"})
    assert check == {"mismatch": True, "reasons": [
        "The council team made 7 of 7 decisions (100%) on its own.",
        "Guests could only give views.",
        "This is consultation, not coproduction.",
    ]}


def test_label_check_shared_space_names_each_failed_rule():
    """Each failed rule is one sentence with its figures; rules that pass are not listed."""
    fig = _shared(decisions_total=3, decisions_in_space=2,
                  initiative_by_party={"a": 9, "b": 1}, money_total="1000",
                  money_joint="600", currency="GBP")
    check = label_check("coproduction", fig, {"a": "Council", "b": "Group"})
    assert check["mismatch"] is True
    assert check["reasons"] == [
        "2 of 3 decisions (67%) were made by consent in the space; coproduction needs at "
        "least 75%.",
        "Council started 9 of 10 things (90%); in coproduction no group starts more than 80%.",
        "This is co-design, not coproduction.",
    ]


@pytest.mark.parametrize(("claimed", "mismatch"), [
    ("informing", False), ("consultation", False), ("engagement", True),
    ("co-design", True), ("coproduction", True),
])
def test_label_check_only_when_claimed_stands_higher(claimed, mismatch):
    """Consultation is not wrong; calling it something higher is."""
    fig = Figures(kind="own", guest_permissions=["comment"])
    assert label_check(claimed, fig)["mismatch"] is mismatch
    assert bool(label_check(claimed, fig)["reasons"]) is mismatch


def test_checks_say_when_something_cannot_be_measured():
    """No money and no decisions are neither passed nor failed."""
    checks = coproduction_checks(Figures(kind="shared"))
    assert [(c.rule, c.passed) for c in checks] == [
        ("decisions", None), ("initiative", None), ("money", None)]


def test_percentages_round_halves_up():
    """pct rounds like people do: 2 of 3 is 67%, 1 of 8 is 13%."""
    assert pct(2, 3) == "67%"
    assert pct(1, 8) == "13%"
    assert pct(Decimal("49.99"), Decimal("100")) == "50%"
    assert pct(0, 0) == "0%"
