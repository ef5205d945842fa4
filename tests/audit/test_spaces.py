"""Exit power, information, participation, flags, and spaces at the edges of their life."""

import pytest

from sharedspace.audit import audit_space, compare
from sharedspace.audit.fold import EVIDENCE_LIMIT
from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex

from .steps import actions_at, pass_shared, propose


def test_exit_power_in_an_own_space(cast, own):
    """The host can remove each guest; removing one is counted and ends its tenure."""
    report = audit_space(own.pk)
    assert report["exit_power"]["can_remove"] == [
        {"party": cast.council.pk, "can_remove": cast.guests.pk}]
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    report = audit_space(own.pk)
    assert report["exit_power"]["guest_removals"] == 1
    assert report["exit_power"]["guest_removals_by_host"] == 1
    assert report["exit_power"]["can_remove"] == []
    assert report["guests"] == []
    assert report["former_guests"] == [cast.guests.pk]
    assert "guest.remove" in actions_at(own, report["evidence"]["exit_power"])
    assert any(f["code"] == "guests_removed" for f in report["flags"])


def test_exit_power_in_a_shared_space(cast, shared):
    """No holder can remove another; a guest leaves only by a passed proposal."""
    pass_shared(cast, shared, kind="add_guest", party=cast.guests.pk)
    invitation = shared.invitations.get(party=cast.guests, state="open")
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    assert audit_space(shared.pk)["guests"] == [cast.guests.pk]
    pass_shared(cast, shared, by=cast.sam, kind="remove_guest", party=cast.guests.pk)
    report = audit_space(shared.pk)
    assert report["exit_power"]["can_remove"] == []
    assert report["exit_power"]["holders_can_be_removed"] is False
    assert report["exit_power"]["guests_removed_only_together"] is True
    assert report["exit_power"]["guest_removals_by_proposal"] == 1
    assert report["guests"] == []


def test_information_guests_without_view_cannot_read_the_record(cast, plain_own):
    """Holders read the whole record; a guest reads it only where the host granted `view`."""
    actions.space_settings_update(actor=cast.carol, space_id=plain_own.pk,
                                  guest_permissions=["comment"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=plain_own.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    info = audit_space(plain_own.pk)["information"]
    assert info[cast.council.pk]["share"] == 1.0
    assert info[cast.guests.pk] == {"relation": "guest", "can_see": 0, "of": 4, "share": 0.0}


def test_a_party_that_left_keeps_its_history_and_sees_up_to_its_leaving(cast, shared):
    """Leaving deletes nothing: the party's counts stay, and it reads the record up to the
    entry by which it left. Fewer than two holders close the space."""
    pass_shared(cast, shared, by=cast.sam)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    report = audit_space(shared.pk)
    assert report["state"] == "closed"
    assert report["holders"] == [cast.council.pk]
    assert report["former_holders"] == [cast.group.pk]
    assert report["acceptance"][cast.group.pk]["passed"] == 1
    assert report["exit_power"]["left"] == {cast.group.pk: 1}
    info = report["information"][cast.group.pk]
    assert info["relation"] == "former_holder"
    assert info["can_see"] == report["entries"] - 1  # everything but the closing entry
    assert report["parties"][cast.group.pk] == {"name": "Self-advocates", "kind": "people"}
    assert compare(shared.pk) == []


def test_closed_space_by_passed_proposal(cast, shared):
    """A space closed by consent keeps its figures; the close is a decision made together."""
    open_one = propose(cast, shared, by=cast.sam)
    pass_shared(cast, shared, kind="close")
    report = audit_space(shared.pk)
    assert report["state"] == "closed"
    assert report["decisions"]["total"] == 1
    assert report["acceptance"][cast.group.pk]["lapsed"] == 1  # open_one lapsed at closing
    assert open_one.pk
    with pytest.raises(ex.SpaceClosed):
        propose(cast, shared)
    assert compare(shared.pk) == []


def test_space_with_no_decisions_says_what_cannot_be_measured(cast, plain_own):
    """A new own space: no decisions, no proposals, no money, no guests — each said plainly,
    and the counts are zero rather than missing."""
    report = audit_space(plain_own.pk)
    assert report["decisions"] == {"total": 0, "by_venue": {"own": 0, "shared": 0, "outside": 0},
                                   "by_party": {cast.council.pk: 0}, "made_together": 0,
                                   "outside_by_party": {}}
    notes = " ".join(report["cannot_measure_yet"])
    for words in ("No decisions", "No proposals", "no money", "No guest"):
        assert words in notes
    assert report["acceptance"] == {cast.council.pk: {
        "proposed": 0, "passed": 0, "blocked": 0, "lapsed": 0, "withdrawn": 0, "open": 0}}
    assert report["measured_approach"] == "informing"
    assert report["label_check"]["mismatch"] is True
    assert report["label_check"]["reasons"][0].startswith("No decisions have been made yet")


def test_participation_counts_people_per_party_per_month(cast, shared):
    """Active people: those who did something on the record, by party and month."""
    pass_shared(cast, shared, by=cast.sam)
    participation = audit_space(shared.pk)["participation"]
    (month,) = participation["months"]
    assert participation["by_party"][cast.group.pk] == {month: 2}  # Sam and Mo voted
    assert participation["by_party"][cast.council.pk] == {month: 1}  # Carol
    assert participation["people_by_party"] == {cast.council.pk: 1, cast.group.pk: 2}


def test_flag_for_a_party_that_never_starts_anything(cast, plain_own):
    """A guest that has started nothing is flagged, and the flag says when it was not allowed
    to."""
    invitation = actions.guest_invite(actor=cast.carol, space_id=plain_own.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    flags = audit_space(plain_own.pk)["flags"]
    never = [f for f in flags if f["code"] == "never_starts"]
    assert [f["party"] for f in never] == [cast.guests.pk]
    assert "not allowed to make proposals" in never[0]["message"]


def test_evidence_keeps_the_first_entries_and_counts_all(cast, own):
    """Evidence keeps at most the first EVIDENCE_LIMIT sequence numbers, and the full count."""
    for _ in range(EVIDENCE_LIMIT + 3):
        actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision", title="x")
    report = audit_space(own.pk)
    assert len(report["evidence"]["initiative"]) == EVIDENCE_LIMIT
    assert report["evidence_total"]["initiative"] == EVIDENCE_LIMIT + 5
    assert report["evidence"]["initiative"] == sorted(report["evidence"]["initiative"])


def test_unknown_space_is_not_found(db):
    """Asking for a space that does not exist is refused as not found."""
    with pytest.raises(ex.NotFound):
        audit_space("spc_nothinghere000000")
