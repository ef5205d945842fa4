"""Money has a next step for everyone (ADR 28, amendment):

- a passed spending proposal not paid yet offers "Record this spending" to whoever the core
  lets record it, leading to the money page with the proposal shown with its agreed amount,
  which is not asked for again (no JavaScript: query parameters); once paid, the proposal
  page says when and how much;
- the money page names proposals with their amounts in money, says the agreed amount when a
  different one is typed, and sends "Make a spending proposal" to the form itself;
- someone who may not spend is told what they can do: propose spending, or whom to ask."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.governance import actions
from sharedspace.governance.models import FundEntry, Proposal
from tests.governance.conftest import pass_proposal, shared_guest  # noqa: F401  (fixtures)

from .conftest import errors_in, form_data

pytestmark = pytest.mark.django_db

TITLE = "Print 200 easy-read copies of the plan"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def fund_url(space) -> str:
    return reverse("web:fund", args=[space.pk])


def passed_spend(cast, space, amount="380", give="1000") -> Proposal:
    """Money in the fund, and a passed spending proposal for ``amount``."""
    actions.fund_commit(actor=cast.carol, space_id=space.pk, party=cast.council.pk,
                        amount=give)
    return pass_proposal(cast, space, kind="spend", title=TITLE, amount=amount)


def record_href(proposal) -> str:
    return f"{fund_url(proposal.space)}?proposal={proposal.pk}#spend"


def test_a_passed_proposal_leads_to_recording_its_spending(cast, shared, signed_in):
    """Mo (a member of a holding group: the core lets him record spending in a shared space)
    follows "Record this spending" and finds the proposal shown with its £380.00, nothing to
    type; he records it, and the proposal page then says it was spent, when and how much."""
    proposal = passed_spend(cast, shared)
    mo = signed_in(cast.mo)
    page = mo.get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "Record this spending" in page
    assert f'href="{record_href(proposal)}"' in page.replace("&amp;", "&")
    money = mo.get(fund_url(shared), {"proposal": proposal.pk}).content.decode()
    assert '<h2 class="govuk-heading-m" id="spend">Spend money</h2>' in money
    # The proposal fixes the amount: shown, not asked for again.
    spend = text_of(money[money.index('id="spend"'):])
    assert f"Proposal {TITLE} Amount agreed £380.00 Record this spending" in spend
    assert 'name="spend-amount"' not in money
    assert f'<input type="hidden" name="spend-proposal" value="{proposal.pk}">' in money
    assert ">None<" not in money  # in a shared space, spending always pays for a proposal
    assert mo.post(fund_url(shared), form_data("spend", pays="proposal", proposal=proposal.pk)
                   ).status_code == 302
    assert FundEntry.objects.get(kind="spending").amount == 380
    proposal.refresh_from_db()
    assert proposal.spent_at is not None
    day = date_format(timezone.localtime(proposal.spent_at), "j F Y")
    page = text_of(mo.get(reverse("web:proposal", args=[proposal.pk])).content.decode())
    assert f"The money was spent: £380.00, recorded on {day}." in page
    assert "Record this spending" not in page
    html = mo.get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert f'<a class="govuk-link" href="{fund_url(shared)}">See it on the money page</a>' in html


def test_a_different_amount_is_told_the_agreed_amount(cast, shared, signed_in):
    """£400 against an agreed £380: the error says the proposal agreed £380.00, not that it
    needs a passed proposal. Nothing is spent."""
    proposal = passed_spend(cast, shared)
    carol = signed_in(cast.carol)
    response = carol.post(fund_url(shared), form_data("spend", proposal=proposal.pk,
                                                      amount="£400"))
    assert response.status_code == 200
    assert errors_in(response.content.decode()) == [
        "The proposal agreed £380.00, so record £380.00. To spend a different amount, make a "
        "new spending proposal."]
    assert not FundEntry.objects.filter(kind="spending").exists()


def test_a_shared_space_asks_which_proposal_it_pays_for(cast, shared, signed_in):
    """Two proposals waiting: the page asks which one, each named with its amount, and asks
    for no amount. Choosing none says so; the chosen one's agreed amount is spent."""
    proposal = passed_spend(cast, shared)
    other = pass_proposal(cast, shared, kind="spend", title="Taxis", amount="25")
    carol = signed_in(cast.carol)
    html = carol.get(fund_url(shared)).content.decode()
    assert re.search(rf'type="radio" value="{proposal.pk}">\s*<label [^>]*>{TITLE} '
                     r'\(£380\.00\)</label>', html)
    assert re.search(rf'type="radio" value="{other.pk}">\s*<label [^>]*>Taxis \(£25\.00\)',
                     html)
    assert 'name="spend-amount"' not in html
    response = carol.post(fund_url(shared), form_data("spend", pays="proposal"))
    assert errors_in(response.content.decode()) == ["Choose the proposal this spending pays for"]
    assert 'href="#id_spend-proposal"' in response.content.decode()
    assert carol.post(fund_url(shared), form_data("spend", pays="proposal", proposal=other.pk)
                      ).status_code == 302
    assert FundEntry.objects.get(kind="spending").amount == 25
    # Sent without one (by hand), the core's refusal (its stable code and words) says why.
    response = carol.post(fund_url(shared), form_data("spend", proposal="", amount="380"))
    assert response.status_code == 403
    assert errors_in(response.content.decode()) == [
        "In a shared space this needs a passed proposal: every group answered, no group said no, "
        "and at least one said yes."]


def test_a_proposal_paid_meanwhile_is_explained_by_the_core(cast, shared, signed_in):
    """A page drawn before someone else recorded the spending: sending it gets the core's
    refusal in plain words, not a form error about a choice that is no longer listed."""
    proposal = passed_spend(cast, shared)
    actions.fund_spend(actor=cast.sam, space_id=shared.pk, amount="380", proposal=proposal.pk)
    response = signed_in(cast.carol).post(fund_url(shared), form_data(
        "spend", proposal=proposal.pk, amount="380"))
    # CONTRACT: 403 needs_passed_proposal (not yet spent); said as what happened.
    assert response.status_code == 403
    assert errors_in(response.content.decode()) == [
        "The money for this proposal has already been spent. You can ask for money to be "
        "spent by making a spending proposal."]
    assert FundEntry.objects.filter(kind="spending").count() == 1


def test_only_who_the_core_lets_record_spending_is_offered_it(cast, own, signed_in):
    """In an own space only the host's coordinators spend: Carol is offered "Record this
    spending"; Owen (a council officer) and Gil (a guest) are not, and see the money page
    link instead."""
    proposal = passed_spend(cast, own)
    url = reverse("web:proposal", args=[proposal.pk])
    assert "Record this spending" in signed_in(cast.carol).get(url).content.decode()
    for who in (cast.owen, cast.gil):
        page = text_of(signed_in(who).get(url).content.decode())
        assert "Record this spending" not in page
        assert "The money has not been spent yet. Go to the money page" in page


def test_a_guest_of_a_shared_space_is_not_offered_it(cast, shared_guest, signed_in):  # noqa: F811
    proposal = passed_spend(cast, shared_guest)
    page = signed_in(cast.gil).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "Record this spending" not in page
    assert 'value="spend"' not in signed_in(cast.gil).get(fund_url(shared_guest)
                                                          ).content.decode()


def test_not_enough_in_the_fund_says_so_instead(cast, shared, signed_in):
    """Someone took money back after it passed: the fund holds less than agreed, so there
    is no button the core would refuse; the page says how much the fund holds."""
    proposal = passed_spend(cast, shared, amount="380", give="400")
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="100")
    page = text_of(signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])
                                             ).content.decode())
    assert "Record this spending" not in page
    assert ("The fund holds £300.00 now, which is less than this. The spending can be recorded "
            "when there is enough money in the fund.") in page


def test_an_own_space_can_still_spend_without_a_proposal(cast, own, signed_in):
    """With no proposal waiting, an own space's host is asked only how much."""
    actions.fund_commit(actor=cast.carol, space_id=own.pk, party=cast.council.pk, amount="50")
    carol = signed_in(cast.carol)
    html = carol.get(fund_url(own)).content.decode()
    assert 'name="spend-amount"' in html and 'name="spend-proposal"' not in html
    assert "Spend without a proposal" not in html  # nothing else to choose from
    refused = carol.post(fund_url(own), form_data("spend", pays="other"))
    assert errors_in(refused.content.decode()) == ["Enter an amount"]
    assert carol.post(fund_url(own), form_data("spend", pays="other", amount="20")
                      ).status_code == 302
    assert carol.post(fund_url(own), form_data("spend", proposal="", amount="5")
                      ).status_code == 302  # sent as the form used to send it
    assert sorted(e.amount for e in FundEntry.objects.filter(kind="spending")) == [5, 20]


def test_a_member_is_led_to_propose_spending(cast, shared, signed_in):
    """Mo (a member of a holding group, not a coordinator) with nothing to spend: the page
    says anyone in a holding group can propose spending, and links to the form itself (its
    heading, #new, with spending chosen). Only coordinators give or take back money."""
    html = signed_in(cast.mo).get(fund_url(shared)).content.decode()
    page = text_of(html)
    href = reverse("web:proposals", args=[shared.pk]) + "?kind=spend#new"
    assert ("Anyone in a group that holds this space can propose spending. Make a spending "
            "proposal") in page
    assert f'href="{href}"' in html
    assert "Only a coordinator of a group can give its money or take it back." in page
    assert "For Self-advocates: Sam." in page
    form = signed_in(cast.mo).get(reverse("web:proposals", args=[shared.pk]),
                                  {"kind": "spend"}).content.decode()
    assert '<h2 class="govuk-heading-m" id="new">Make a proposal</h2>' in form
    assert 'name="proposal-kind" type="radio" value="spend" checked>' in form


def test_someone_who_may_only_propose_is_told_so_and_whom_to_ask(cast, own, signed_in):
    """Owen (a council officer) in the council's own space cannot spend (its coordinators
    do), but can propose: he is told both."""
    page = text_of(signed_in(cast.owen).get(fund_url(own)).content.decode())
    assert "Only a coordinator of a group can give, spend or take back its money." in page
    assert "For Council team: Carol." in page
    assert ("You can ask for money to be spent by making a spending proposal. Make a spending "
            "proposal") in page


def test_someone_who_may_not_propose_is_told_whom_to_ask(cast, signed_in):
    """A member of a guest group whose host does not let guests propose: the coordinators
    of the group, and no link to a form they cannot use."""
    space = actions.space_create(actor=cast.carol, title="Board", purpose="Hear people",
                                 holders=[cast.council.pk], claimed_approach="consultation",
                                 guest_permissions=["view"])
    invitation = actions.guest_invite(actor=cast.carol, space_id=space.pk,
                                      party_id=cast.guests.pk)
    actions.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    actions.party_member_add(actor=cast.gil, party_id=cast.guests.pk,
                             email="olive@example.org", roles=["member"])
    page = text_of(signed_in(cast.olive).get(fund_url(space)).content.decode())
    assert "For Carers forum: Gil." in page
    assert "Make a spending proposal" not in page
    assert "propose" not in page.split("Who can give, spend or take back money", 1)[1]
