"""The power audit pages (a space, a group, a partnership) with their pictures and charts pass
axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in English and Welsh, with easy read on and
off, at phone width (390 px) and desktop width; and nothing makes them scroll sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_audit_pages_have_no_accessibility_violations(
    language, easy_read, cast, shared, own, open_context, check_page
):
    """Zero axe violations on every audit page, with a label that does not match, money, an
    objection, an outside decision and a guest's proposal in the record."""
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Move the meeting"
    )
    actions.position_give(
        actor=cast.sam,
        proposal_id=proposal.pk,
        party=cast.group.pk,
        position="object",
        reason="Too far",
    )
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="250")
    actions.outside_decision_record(
        actor=cast.sam,
        space_id=shared.pk,
        made_by=cast.council.pk,
        summary="Cabinet cut the budget",
    )
    actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="Evenings")
    viewport = BOTH_WIDTHS
    carol = open_context(cast.carol, language=language, easy_read=easy_read, viewport=viewport)
    pages = [
        reverse("web:audit", args=[own.pk]),
        reverse("web:audit", args=[shared.pk]),
        reverse("web:party", args=[cast.council.pk]),
        reverse("web:party_audit", args=[cast.council.pk]),
        reverse("web:partnership_audit", args=[cast.council.pk, cast.group.pk]),
        reverse("web:partnership_audit", args=[cast.council.pk, cast.guests.pk]),
    ]
    for url in pages:
        carol.goto(url)
        check_page(carol, url)
        if "/audit/" not in url:
            continue  # the group's page, with its links to the audits
        assert carol.locator("svg.app-audit-chart").count() == 2, url
        if easy_read:
            assert carol.locator("#easy-read-title").count() == 1, url
