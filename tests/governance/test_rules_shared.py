"""Every rule of DESIGN §4 in a shared space, for every role (STYLE §7).

The space is held by the council (rule: speaker) and the self-advocates (rule: majority), with
the carers forum as a guest let in by a passed proposal (guests may only view). For each
action and each person the table gives the expected result: allowed (``OK``) or the refusal's
code. An allowed action must append its ledger entry with the right data; a refused one must
change nothing at all (``refused`` compares every governance row and the ledger).
"""

from __future__ import annotations

import pytest

from .roles import OK, PEOPLE, cases, ids, row, run_case

HOLDERS_OK = {"carol": OK, "owen": OK, "sam": OK, "mo": OK, "ria": OK}
COORDINATORS_OK = {"carol": OK, "owen": "not_coordinator", "sam": OK,
                   "mo": "not_coordinator", "ria": "not_coordinator"}
ONLY_BY_PROPOSAL = dict.fromkeys(PEOPLE[:-1], "needs_passed_proposal")

TABLE: dict[str, dict[str, str | None]] = {
    # Rule 5: anyone holding the space can start anything; guests here only view.
    "proposal_submit": row(**HOLDERS_OK, gil="guest_permission_missing", olive="not_found"),
    # Rule 9: a party speaks by its own rule: the council through its speaker, the group by
    # majority of its members.
    "position_give": row(carol=OK, owen="not_a_speaker", sam=OK, mo=OK, ria=OK,
                         gil="guest_permission_missing", olive="not_found"),
    "position_give_for_another_party": row(
        carol="not_member", owen="not_member", sam="not_member", mo="not_member",
        ria="not_member", gil="not_member", olive="not_found"),
    "proposal_amend": row(carol=OK, owen="not_proposer", sam="not_proposer",
                          mo="not_proposer", ria="not_proposer", gil="not_proposer",
                          olive="not_found"),
    "proposal_withdraw": row(carol=OK, owen="not_proposer", sam="not_proposer",
                             mo="not_proposer", ria="not_proposer", gil="not_proposer",
                             olive="not_found"),
    # Closing early ends every group's time to answer: someone who takes part in a holder's
    # answer (the self-advocates decide by their members; the council through its speaker).
    "proposal_close": row(carol=OK, owen="not_coordinator_or_speaker", sam=OK, mo=OK, ria=OK,
                          gil="not_holder", olive="not_found"),
    # Rule 5: guests are added and removed only by passed proposals; settings likewise.
    "guest_invite": row(**ONLY_BY_PROPOSAL, olive="not_found"),
    "guest_remove": row(**ONLY_BY_PROPOSAL, olive="not_found"),
    "space_settings_update": row(**ONLY_BY_PROPOSAL, olive="not_found"),
    # Rule 5: no holder can be removed by others, whoever asks.
    "holder_remove": row(**dict.fromkeys(PEOPLE[:-1], "holder_cannot_be_removed"),
                         olive="not_found"),
    # Rule 7: any holder (by its coordinator) may leave; a guest may leave too.
    "space_leave": row(**COORDINATORS_OK, gil=OK, olive="not_found"),
    "comment_add": row(**HOLDERS_OK, gil="guest_permission_missing", olive="not_found"),
    # Rule 10: committing is a gift, no consent needed; only a party's coordinator moves
    # its money.
    "fund_commit": row(**COORDINATORS_OK, gil=OK, olive="not_found"),
    "fund_withdraw": row(**COORDINATORS_OK, gil=OK, olive="not_found"),
    "fund_spend_without_proposal": row(
        **dict.fromkeys(HOLDERS_OK, "needs_passed_proposal"), gil="not_holder",
        olive="not_found"),
    "fund_spend_passed_proposal": row(**HOLDERS_OK, gil="not_holder", olive="not_found"),
    # Rule 11: any holder records an outside decision; only the named party answers.
    "outside_decision_record": row(**HOLDERS_OK, gil="not_holder", olive="not_found"),
    "outside_decision_confirm": row(
        carol=OK, owen="not_named_party", sam="not_named_party", mo="not_named_party",
        ria="not_named_party", gil="not_named_party", olive="not_found"),
    "outside_decision_dispute": row(
        carol="not_named_party", owen="not_named_party", sam=OK, mo="not_named_party",
        ria="not_named_party", gil="not_named_party", olive="not_found"),
}


CASES = cases(TABLE)


@pytest.mark.parametrize(("action", "who", "expected"), CASES, ids=ids(CASES))
def test_shared_space_rule(cast, shared_guest, action, who, expected):
    """Each person gets exactly the result the rules of power give their role."""
    run_case(cast, shared_guest, action, who, expected)
