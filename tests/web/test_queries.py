"""No page needs more database queries as the data grows (no N+1 creeps in)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.workshops import actions as workshops

from .conftest import CHARTER, accept_all

# Generous fixed ceilings; the real check is that counts do not grow with the data.
MAX_QUERIES = {"dashboard": 30, "space": 45, "proposal": 55, "proposals": 40, "fund": 40,
               "history": 35, "outside": 35}


def grow(cast, shared, n: int) -> None:
    """Add n spaces, and n proposals, comments, votes, fund entries and outside decisions;
    and workshops: one open in each new space (the dashboard lists them), and in the shared
    space one open and one closed with answers (its overview shows them)."""
    for i in range(n):
        space = actions.space_create(
            actor=cast.carol, title=f"Space {i}", purpose="More", claimed_approach="co-design",
            holders=[cast.council.pk, cast.group.pk], charter=CHARTER,
        )
        accept_all(space, cast)
        own = actions.space_create(actor=cast.carol, title=f"Own {i}", purpose="Ours",
                                   holders=[cast.council.pk], claimed_approach="informing")
        actions.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.group.pk)
        proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                           kind="decision", title=f"Idea {i}")
        actions.position_give(actor=cast.carol, proposal_id=proposal.pk,
                              party=cast.council.pk, position="agree")
        actions.comment_add(actor=cast.sam, space_id=shared.pk, body=f"Comment {i}")
        actions.comment_add(actor=cast.sam, space_id=shared.pk, body=f"On {i}",
                            proposal_id=FIRST[0])
        actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                            amount="10")
        actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                        made_by=cast.group.pk, summary=f"Decided {i}")
        workshops.workshop_open(actor=cast.carol, space_id=space.pk)
        workshops.workshop_open(actor=cast.carol, space_id=own.pk)
        workshops.workshop_open(actor=cast.carol, space_id=shared.pk)
        held = workshops.workshop_open(actor=cast.carol, space_id=shared.pk)
        key = f"phone-{held.pk}"
        workshops.participant_join(workshop_id=held.pk, key=key, side=cast.group.pk)
        workshops.answer_give(workshop_id=held.pk, key=key, question="overall",
                              answer="together")
        workshops.workshop_close(actor=cast.carol, workshop_id=held.pk)


FIRST: list[str] = []


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_query_count_does_not_grow_with_the_data(page, cast, shared, signed_in,
                                                 django_assert_max_num_queries):
    """Each page's query count is the same with 1 and with 6 of everything, and stays under
    a fixed ceiling."""
    first = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                    title="First")
    FIRST[:] = [first.pk]
    client = signed_in(cast.sam)
    urls = {
        "dashboard": reverse("web:dashboard"),
        "space": reverse("web:space", args=[shared.pk]),
        "proposal": reverse("web:proposal", args=[first.pk]),
        "proposals": reverse("web:proposals", args=[shared.pk]),
        "fund": reverse("web:fund", args=[shared.pk]),
        "history": reverse("web:history", args=[shared.pk]),
        "outside": reverse("web:outside", args=[shared.pk]),
    }
    grow(cast, shared, 1)
    small = count(client, urls[page])
    grow(cast, shared, 5)
    large = count(client, urls[page])
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(urls[page])
    if page in ("dashboard", "space"):  # the workshops parts were drawn, and counted
        html = response.content.decode()
        assert html.count("Show on the big screen") == (12 if page == "dashboard" else 6)
        assert page == "dashboard" or "The last workshop started on" in html
