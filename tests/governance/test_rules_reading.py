"""Equal sight (DESIGN §4 rule 6; CONTRACT "Who may read what"), for every role.

Every holder sees everything in a space: the space, its proposals, fund, outside decisions
and ledger. Guests see the space and its fund, and the ledger where the host gave them
`view`. Anyone else is told the space does not exist (`not_found`, never `forbidden`).
"""

from __future__ import annotations

from typing import Any

import pytest

from sharedspace.governance import actions, selectors
from sharedspace.governance.exceptions import GovernanceError

from .roles import OK, PEOPLE, row

READS = ("space_get", "proposals_for", "fund_get", "outside_decisions_for", "ledger_page",
         "ledger_verify")
NOT_FOUND = "not_found"


def everything(**who: str | None) -> dict[str, dict[str, str | None]]:
    """The same result for every read, per person."""
    return {read: row(**who) for read in READS}


SHARED = everything(carol=OK, owen=OK, sam=OK, mo=OK, ria=OK, gil=OK, olive=NOT_FOUND)
OWN = everything(carol=OK, owen=OK, gil=OK, sam=NOT_FOUND, mo=NOT_FOUND, ria=NOT_FOUND,
                 olive=NOT_FOUND)
# A guest the host did not give `view` sees the space and its fund, not the ledger.
NO_VIEW = everything(carol=OK, owen=OK, gil=OK, sam=NOT_FOUND, mo=NOT_FOUND, ria=NOT_FOUND,
                     olive=NOT_FOUND)
NO_VIEW["ledger_page"] = NO_VIEW["ledger_verify"] = row(
    carol=OK, owen=OK, gil=NOT_FOUND, sam=NOT_FOUND, mo=NOT_FOUND, ria=NOT_FOUND,
    olive=NOT_FOUND)


def read(name: str, viewer: Any, space_id: str) -> Any:
    return getattr(selectors, name)(viewer=viewer, space_id=space_id)


def check(table: dict[str, dict[str, str | None]], cast: Any, space_id: str) -> None:
    for name, by in table.items():
        for who in PEOPLE:
            expected = by[who]
            if expected is None:
                assert read(name, getattr(cast, who), space_id) is not None
            else:
                with pytest.raises(GovernanceError) as caught:
                    read(name, getattr(cast, who), space_id)
                assert caught.value.code == expected, (name, who)


def test_shared_space_every_holder_sees_everything(cast, shared_guest):
    """In a shared space every holder's people, and the guest with `view`, read it all."""
    check(SHARED, cast, shared_guest.pk)


def test_own_space_host_and_guest(cast, own):
    """In an own space the host's people and its guest (given `view`) read it all."""
    check(OWN, cast, own.pk)


def test_guest_without_view_does_not_read_the_ledger(cast):
    """A guest the host allowed only to comment sees the space and fund, not the ledger."""
    space = actions.space_create(
        actor=cast.carol, title="Listening", purpose="Hear", holders=[cast.council.pk],
        claimed_approach="consultation", guest_permissions=["comment"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    check(NO_VIEW, cast, space.pk)


def test_a_missing_space_looks_like_a_hidden_one(cast):
    """Asking about a space that does not exist gives the same answer as one you may not
    see, so nothing is revealed."""
    for name in READS:
        with pytest.raises(GovernanceError) as caught:
            read(name, cast.carol, "spc_doesnotexist00")
        assert caught.value.code == NOT_FOUND


def test_labels_tell_each_party_whose_space_it_is(cast, shared_guest, own):
    """The host sees "my space", its guest "your space"; holders of a shared space see
    "shared space" and its guest "your space" (DESIGN §3)."""
    assert selectors.space_get(viewer=cast.owen, space_id=own.pk).label == "my_space"
    assert selectors.space_get(viewer=cast.gil, space_id=own.pk).label == "your_space"
    assert selectors.space_get(viewer=cast.mo, space_id=shared_guest.pk).label == "shared_space"
    assert selectors.space_get(viewer=cast.gil, space_id=shared_guest.pk).label == "your_space"
