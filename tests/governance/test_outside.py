"""Outside decisions are visible (DESIGN §4 rule 11).

Any holder records a decision made elsewhere, naming who made it; only that party answers,
once: it confirms or disputes. (Who may do what, role by role, is in test_rules_*.py.)
"""

from __future__ import annotations

import datetime as dt

from sharedspace.governance import actions, ledger, selectors

from .conftest import refused, watch


def test_recorded_with_its_date_and_answered_once(cast, shared):
    """The group records the council's decision; the council disputes it, once."""
    with watch() as written:
        decision = actions.outside_decision_record(
            actor=cast.mo, space_id=shared.pk, made_by=cast.council.pk,
            summary="Cabinet closed the centre", made_on=dt.date(2026, 2, 1))
    assert written.one("outside.record")["data"]["made_on"] == "2026-02-01"
    assert written.one("outside.record")["actor"]["party"] == cast.group.pk
    actions.outside_decision_dispute(actor=cast.carol, decision_id=decision.pk,
                                     reason="It was a pause.")
    refused("already_answered", actions.outside_decision_confirm, actor=cast.carol,
            decision_id=decision.pk)
    shown = selectors.outside_decisions_for(viewer=cast.sam, space_id=shared.pk)
    assert [(d.pk, d.state) for d in shown] == [(decision.pk, "disputed")]


def test_named_party_from_outside_the_space_answers(cast, shared):
    """A decision said to be made by a party outside the space is answered by that party;
    it sees the decision, and nothing else of the space."""
    decision = actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk, summary="Funding cut")
    assert selectors.outside_decision_get(viewer=cast.olive, decision_id=decision.pk)
    refused("not_found", actions.proposal_submit, actor=cast.olive, space_id=shared.pk,
            kind="decision", title="Hello")
    with watch() as written:
        actions.outside_decision_confirm(actor=cast.olive, decision_id=decision.pk)
    entry = written.one("outside.confirm")
    assert entry["chain"] == shared.pk
    assert entry["actor"] == {"person": cast.olive.pk, "party": cast.outsiders.pk}
    assert ledger.verify_chain(shared.pk).ok


def test_bad_input_records_nothing(cast, shared):
    """A date that is not a date, or a maker that does not exist, is bad input."""
    refused("invalid_input", actions.outside_decision_record, actor=cast.mo,
            space_id=shared.pk, made_by=cast.council.pk, summary="x", made_on="yesterday")
    refused("invalid_input", actions.outside_decision_record, actor=cast.mo,
            space_id=shared.pk, made_by="pty_nobody", summary="x")
    refused("invalid_input", actions.outside_decision_record, actor=cast.mo,
            space_id=shared.pk, made_by=cast.council.pk, summary="  ")
