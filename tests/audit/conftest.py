"""The governance suite's named people and spaces, re-used for the audit's scenarios."""

import pytest

from sharedspace.governance import actions
from tests.governance.conftest import CHARTER, Cast, accept_all, cast, own, shared

__all__ = ["CHARTER", "Cast", "accept_all", "cast", "own", "plain_own", "shared"]


@pytest.fixture
def plain_own(cast):
    """The council's own space with no guests yet, where guests may only view."""
    return actions.space_create(
        actor=cast.carol, title="Council planning", purpose="Plan the year",
        holders=[cast.council.pk], claimed_approach="coproduction",
    )
