"""The money page says what became of each group's money, who can act, how much a group may
take back, and where to go when there is nothing to spend yet."""


from __future__ import annotations

import re

from django.urls import reverse

from sharedspace.governance import actions

from .conftest import form_data


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def url(space) -> str:
    return reverse("web:fund", args=[space.pk])


def test_who_gave_what_shows_money_taken_back_alone(cast, shared, signed_in):
    """The council gave £500 and took £120 back alone: its row says both, and what is left,
    so "Gave £500.00" alone cannot overstate its share."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="500")
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="20")
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="120")
    page = text_of(signed_in(cast.mo).get(url(shared)).content.decode())
    table = page[page.index("Who gave what"):page.index("Every movement of money")]
    assert "Took back alone" in table
    assert "Council team £500.00 £0.00 £120.00 £380.00" in table
    assert "Self-advocates £20.00 £0.00 £0.00 £20.00" in table


def test_someone_who_cannot_act_is_told_who_can(cast, shared, signed_in):
    """Owen (a plain member of the council) and Mo (of the self-advocates) cannot give or
    take back money, and are told who the coordinators of their own group are. In a shared
    space the core lets anyone in a holding group record spending (ADR 28), so they are not
    told only a coordinator can spend."""
    owen_html = signed_in(cast.owen).get(url(shared)).content.decode()
    owen = text_of(owen_html)
    assert "Who can give or take back money" in owen
    assert "Only a coordinator of a group can give its money or take it back." in owen
    assert "give, spend or take back" not in owen
    assert "For Council team: Carol." in owen
    assert "Self-advocates:" not in owen
    assert 'value="commit"' not in owen_html and 'value="withdraw"' not in owen_html
    mo = text_of(signed_in(cast.mo).get(url(shared)).content.decode())
    assert "For Self-advocates: Sam." in mo
    carol = text_of(signed_in(cast.carol).get(url(shared)).content.decode())
    assert "Who can give or take back money" not in carol  # she can act herself


def test_the_take_back_form_says_how_much_each_group_may_take(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="485.71")
    page = text_of(signed_in(cast.carol).get(url(shared)).content.decode())
    assert "Council team can take back up to £485.71." in page


def test_no_passed_spending_proposal_leads_to_making_one(cast, shared, signed_in):
    """Nothing to spend in a shared space: no form with only "None" to choose, but a link
    to make a spending proposal. Once one passes, the form is back; once it is paid, the
    page says none is waiting (not that none ever passed)."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="50")
    carol = signed_in(cast.carol)
    html = carol.get(url(shared)).content.decode()
    assert "No passed spending proposal is waiting to be paid" in html
    assert f'href="{reverse("web:proposals", args=[shared.pk])}?kind=spend#new"' in html
    assert 'value="spend"' not in html
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                       title="Taxis", amount="10")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    for who in (cast.sam, cast.mo):
        proposal.refresh_from_db()
        if proposal.state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                                  position="agree")
    html = carol.get(url(shared)).content.decode()
    assert "No passed spending proposal is waiting to be paid" not in html
    assert 'value="spend"' in html
    assert carol.post(url(shared), form_data("spend", amount="10", proposal=proposal.pk)
                      ).status_code == 302
    html = carol.get(url(shared)).content.decode()
    assert "No passed spending proposal is waiting to be paid" in html


def test_no_take_back_form_when_the_group_has_nothing_left_in_the_fund(cast, shared,
                                                                      signed_in):
    carol = signed_in(cast.carol)
    assert 'value="withdraw"' not in carol.get(url(shared)).content.decode()  # gave nothing
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="30")
    assert 'value="withdraw"' in carol.get(url(shared)).content.decode()
    actions.fund_withdraw(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                          amount="30")
    html = carol.get(url(shared)).content.decode()
    assert 'value="withdraw"' not in html and "can take back up to £0.00" not in html


def test_each_spending_says_what_it_paid_for(cast, shared, signed_in):
    """"Everyone knows the budget": a spending row names the proposal it paid for, and
    links to it, not only "Money spent"."""
    from tests.governance.conftest import pass_proposal

    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="500")
    paid = pass_proposal(cast, shared, kind="spend", title="Buses to the day centre",
                         amount="150")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, amount="150", proposal=paid.pk)
    html = signed_in(cast.mo).get(url(shared)).content.decode()
    page = text_of(html)
    movements = page[page.index("Every movement of money"):]
    assert "Money spent: Buses to the day centre" in movements
    assert f'href="{reverse("web:proposal", args=[paid.pk])}"' in html
