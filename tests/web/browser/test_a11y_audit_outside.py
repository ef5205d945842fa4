"""The pages changed for outside decisions, votes and the perception check shown on the audit
pass axe-core's WCAG 2.x A and AA rules at phone and desktop width, easy read on and off: a
named group's own audit (the table of decisions naming it elsewhere), a space's audit with the
split decisions table, and the history with votes, reasons and the link to a proposal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("easy_read", "width"), [(False, "desktop"), (True, "phone")])
def test_outside_decisions_and_votes_pages(easy_read, width, cast, shared, open_context,
                                           check_page):
    made = [actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                            made_by=cast.outsiders.pk, summary=f"Decision {n}")
            for n in range(2)]
    actions.outside_decision_dispute(actor=cast.olive, decision_id=made[0].pk)
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet at County Hall")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="Too far")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")  # the reason is no longer the group's: a link
    viewport = PHONE if width == "phone" else DESKTOP
    olive = open_context(cast.olive, easy_read=easy_read, viewport=viewport)
    url = reverse("web:party_audit", args=[cast.outsiders.pk])
    olive.goto(url)
    check_page(olive, url)
    sam = open_context(cast.sam, easy_read=easy_read, viewport=viewport)
    for url in (reverse("web:audit", args=[shared.pk]), reverse("web:history", args=[shared.pk])):
        sam.goto(url)
        check_page(sam, url)
    assert sam.get_by_role("link", name="Read the proposal").count() == 1
