"""The money page asks only what it needs to know:

- paying for a passed spending proposal spends the amount it agreed: the page shows it and
  asks for no amount (the core checks it still); an own space's host can still spend
  without a proposal, and is then asked how much;
- taking back more than a group's unspent money says how much it can take back, in the error
  summary and beside the amount. The core's refusal (``more_than_unspent``, 409) is the same."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import FundEntry
from tests.governance.conftest import pass_proposal

from .conftest import errors_in, form_data

pytestmark = pytest.mark.django_db


def fund_url(space) -> str:
    return reverse("web:fund", args=[space.pk])


def spend_part(html: str) -> str:
    return html[html.index('id="spend"'):html.index("</main>")]


def forms_in(html: str) -> list[str]:
    return re.findall(r"<form\b.*?</form>", html, re.S)


def test_an_own_space_offers_the_proposals_and_spending_without_one(cast, own, signed_in):
    """Two proposals waiting: choose one (no amount asked), or spend without one (the
    amount asked). The chosen proposal's agreed amount is what is spent."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="500")
    buses = pass_proposal(cast, own, kind="spend", title="Buses", amount="30")
    pass_proposal(cast, own, kind="spend", title="Taxis", amount="20")
    carol = signed_in(cast.carol)
    part = spend_part(carol.get(fund_url(own)).content.decode())
    assert "Pay for a passed spending proposal" in part and "Spend without a proposal" in part
    paying, other = (f for f in forms_in(part) if 'value="spend"' in f)
    assert 'name="spend-proposal" type="radio"' in paying and "spend-amount" not in paying
    assert 'name="spend-amount"' in other and "spend-proposal" not in other
    assert carol.post(fund_url(own), form_data("spend", pays="proposal", proposal=buses.pk)
                      ).status_code == 302
    assert FundEntry.objects.get(kind="spending").amount == 30
    buses.refresh_from_db()
    assert buses.spent_at is not None


def test_record_this_spending_shows_the_proposal_and_a_way_to_choose_another(cast, own,
                                                                           signed_in):
    """From the proposal page, the money page shows that proposal and its amount; with
    another one waiting too, a link to choose it instead."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="500")
    buses = pass_proposal(cast, own, kind="spend", title="Buses", amount="30")
    pass_proposal(cast, own, kind="spend", title="Taxis", amount="20")
    carol = signed_in(cast.carol)
    proposal_page = carol.get(reverse("web:proposal", args=[buses.pk])).content.decode()
    href = f"{fund_url(own)}?proposal={buses.pk}#spend"
    assert f'href="{href}"' in proposal_page.replace("&amp;", "&")
    part = spend_part(carol.get(fund_url(own), {"proposal": buses.pk}).content.decode())
    text = " ".join(re.sub(r"<[^>]+>", " ", part).split())
    assert "Proposal Buses Amount agreed £30.00 Record this spending" in text
    assert "Taxis" not in text
    paying = next(f for f in forms_in(part) if 'value="proposal"' in f)
    assert f'name="spend-proposal" value="{buses.pk}"' in paying and "spend-amount" not in paying
    assert f'href="{fund_url(own)}#spend">Choose a different proposal</a>' in part


def test_an_amount_error_keeps_the_proposal_shown(cast, own, signed_in):
    """Spending without a proposal sent with no amount: the error is beside the amount, and
    the proposal's form still pays for that proposal."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="500")
    buses = pass_proposal(cast, own, kind="spend", title="Buses", amount="30")
    carol = signed_in(cast.carol)
    response = carol.post(fund_url(own), form_data("spend", pays="other", amount=""))
    html = response.content.decode()
    assert errors_in(html) == ["Enter an amount"]
    assert 'href="#id_spend-amount"' in html
    paying = next(f for f in forms_in(spend_part(html)) if 'value="proposal"' in f)
    assert f'name="spend-proposal" value="{buses.pk}"' in paying
    assert not FundEntry.objects.filter(kind="spending").exists()


def test_less_in_the_fund_than_agreed_says_so_and_the_core_still_checks(cast, shared,
                                                                      signed_in):
    """Someone took money back after it passed: the page shows how much the fund holds,
    not a button the core would refuse (as the proposal page does). Sent anyway (a page
    drawn before), the core is given the agreed amount and refuses it."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="400")
    proposal = pass_proposal(cast, shared, kind="spend", title="Print", amount="380")
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="100")
    carol = signed_in(cast.carol)
    part = spend_part(carol.get(fund_url(shared), {"proposal": proposal.pk}).content.decode())
    assert ("The fund holds £300.00 now, which is less than this. The spending can be "
            "recorded when there is enough money in the fund.") in part
    assert "Record this spending" not in part
    response = carol.post(fund_url(shared), form_data(
        "spend", pays="proposal", proposal=proposal.pk))
    assert response.status_code == 409
    assert errors_in(response.content.decode()) == [
        "There is not enough money in the fund for this."]
    assert not FundEntry.objects.filter(kind="spending").exists()


def test_taking_back_too_much_says_the_limit(cast, shared, signed_in):
    """The self-advocates gave £60 and £20 of it was spent: taking back £50 is refused with
    how much they can take back, in the summary and beside the amount."""
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="60")
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="60")
    proposal = pass_proposal(cast, shared, kind="spend", title="Room", amount="40")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="40", proposal=proposal.pk)
    response = signed_in(cast.sam).post(fund_url(shared), {
        **form_data("withdraw", party=cast.group.pk, amount="50"), "confirmed": "yes"})
    assert response.status_code == 409  # the core's refusal, as before
    html = response.content.decode()
    limit = "Self-advocates can take back at most £40.00."
    assert errors_in(html) == [limit]
    assert f'href="#id_withdraw-amount">{limit}</a>' in html
    assert re.search(r'id="id_withdraw-amount-error" class="govuk-error-message">'
                     rf'<span class="govuk-visually-hidden">Error:</span> {re.escape(limit)}</p>',
                     html)
    assert not FundEntry.objects.filter(kind="withdrawal").exists()
    # The same amount as the limit goes through.
    assert signed_in(cast.sam).post(fund_url(shared), {
        **form_data("withdraw", party=cast.group.pk, amount="40"), "confirmed": "yes"}
    ).status_code == 302


def test_a_group_with_nothing_to_take_back_is_told_so(cast, shared, signed_in):
    """Not "at most £0.00": the group has nothing in the fund it can take back."""
    response = signed_in(cast.sam).post(fund_url(shared), {
        **form_data("withdraw", party=cast.group.pk, amount="5"), "confirmed": "yes"})
    assert response.status_code == 409
    assert errors_in(response.content.decode()) == [
        "Self-advocates has no money in this fund that it can take back."]
