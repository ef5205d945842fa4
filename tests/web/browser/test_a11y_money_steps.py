"""The next steps for money and the warning beside "Close the proposal now" pass axe-core in
English and Welsh at phone width, and the links land where they say on a phone: "Record this
spending" at the money page's form, showing the proposal and its amount (nothing to type);
"Make a spending proposal" at the proposal form's heading, four screens down, not at the top
of the page (ADR 28, amendment)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal
from tests.governance.conftest import pass_proposal

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_record_this_spending_lands_at_the_filled_in_form(language, cast, shared, open_context,
                                                          check_page):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="1000")
    proposal = pass_proposal(cast, shared, kind="spend", title="Print easy-read copies",
                             amount="380")
    mo = open_context(cast.mo, language=language, viewport=PHONE)
    mo.goto(reverse("web:proposal", args=[proposal.pk]))
    check_page(mo, "a passed spending proposal, not paid yet")
    mo.click(f"a[href$='?proposal={proposal.pk}#spend']")
    expect(mo.locator("#spend")).to_be_in_viewport()
    # The proposal and its agreed amount are shown; no amount to type again.
    expect(mo.locator("form:has(input[value='spend']) input[name='spend-proposal']")
           ).to_have_value(proposal.pk)
    expect(mo.locator("#spend ~ dl")).to_contain_text("£380.00")
    expect(mo.locator("#id_spend-amount")).to_have_count(0)
    check_page(mo, "the money page, with the proposal to pay for")
    mo.click("form:has(input[value='spend']) button")
    expect(mo.locator(".govuk-notification-banner--success")).to_have_count(1)
    assert Proposal.objects.get(pk=proposal.pk).spent_at is not None
    mo.goto(reverse("web:proposal", args=[proposal.pk]))
    expect(mo.locator(f"#spending ~ p a[href='{reverse('web:fund', args=[shared.pk])}']")
           ).to_have_count(1)
    check_page(mo, "a spending proposal that was paid")
    assert mo.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_make_a_spending_proposal_lands_at_the_form(language, cast, shared, open_context,
                                                   check_page):
    mo = open_context(cast.mo, language=language, viewport=PHONE)
    mo.goto(reverse("web:fund", args=[shared.pk]))
    check_page(mo, "the money page with nothing to spend, for a member")
    mo.click(f"a[href$='{reverse('web:proposals', args=[shared.pk])}?kind=spend#new']")
    heading = mo.locator("#new")
    expect(heading).to_be_in_viewport()
    top = heading.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 4, top  # at the top of the screen, not just visible
    expect(mo.locator("input[name='proposal-kind'][value='spend']")).to_be_checked()
    # The keyboard goes on from the heading: Tab reaches the form's first field next.
    mo.keyboard.press("Tab")
    expect(mo.locator("form:has(input[value='proposal']) :focus")).to_have_count(1)
    assert mo.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_close_warning_has_no_accessibility_violations(language, cast, shared,
                                                           open_context, check_page):
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet on Saturdays")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="Our staff do not work weekends")
    carol = open_context(cast.carol, language=language, viewport=PHONE)
    carol.goto(reverse("web:proposal", args=[proposal.pk]))
    expect(carol.locator("section[aria-labelledby='end-now'] .govuk-warning-text")
           ).to_have_count(1)
    check_page(carol, "a proposal with an objection, and the close warning")
    carol.click("form:has(input[value='close']) button")
    expect(carol.locator("input[name='confirmed']")).to_have_count(1)
    check_page(carol, "the confirm page for closing after an objection")
    assert carol.console_errors == []
