"""Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in English and Welsh,
with easy read on and off, at phone width (390 px) and desktop width."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from sesame.utils import get_query_string

from sharedspace.governance import actions

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def _data(cast: Any, shared: Any, own: Any) -> dict[str, Any]:
    """A little of everything, so that every part of every page is drawn."""
    open_proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                            title="Taxis to meetings", amount="40",
                                            body="Two lines\nof text")
    actions.position_give(actor=cast.sam, proposal_id=open_proposal.pk, party=cast.group.pk,
                          position="object", reason="Buses are fine")
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body="A comment")
    actions.comment_add(actor=cast.carol, space_id=shared.pk, body="On it",
                        proposal_id=open_proposal.pk)
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="250")
    actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                    made_by=cast.council.pk, summary="Cabinet cut the budget")
    view = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision",
                                   title="Meet in the evening")
    actions.position_give(actor=cast.gil, proposal_id=view.pk, party=cast.guests.pk,
                          position="agree")
    actions.token_create(actor=cast.carol, name="Spreadsheet")
    # An invitation waiting on Carol's dashboard.
    other = actions.space_create(actor=cast.olive, title="Charity board", purpose="Listen",
                                 holders=[cast.outsiders.pk], claimed_approach="consultation")
    actions.guest_invite(actor=cast.olive, space_id=other.pk, party_id=cast.council.pk)
    return {"open": open_proposal, "view": view}


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_every_page_has_no_accessibility_violations(language, easy_read, cast, shared,
                                                    own, open_context, check_page):
    """Zero axe violations on every page, for a visitor, a holder and a guest."""
    data = _data(cast, shared, own)
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}
    visitor = open_context(**options)
    link = reverse("web:sign_in_link") + get_query_string(cast.sam)
    public = [reverse("web:home"), reverse("web:sign_in"), reverse("web:sign_in_sent"),
              reverse("web:sign_in_password"), link, reverse("web:sign_in_link") + "?sesame=x"]
    for url in public:
        visitor.goto(url)
        check_page(visitor, url)
    visitor.goto(reverse("web:sign_in"))
    visitor.click("form button.govuk-button")  # an empty form: the error summary
    expect(visitor.locator(".govuk-error-summary")).to_have_count(1)
    check_page(visitor, "sign-in form with errors")

    carol = open_context(cast.carol, **options)
    pages = [reverse("web:dashboard"), reverse("web:account"), reverse("web:party_new"),
             reverse("web:party", args=[cast.council.pk]),
             reverse("web:party", args=[cast.group.pk]), reverse("web:space_new"),
             reverse("web:space_new") + "?kind=shared", reverse("web:space_new") + "?kind=own",
             reverse("web:proposal", args=[data["open"].pk]),
             reverse("web:proposal", args=[data["view"].pk]), "/spaces/nothing-here/"]
    for space in (shared, own):
        pages += [reverse(f"web:{name}", args=[space.pk])
                  for name in ("space", "proposals", "fund", "outside", "history", "charter",
                               "leave", "audit")]
    for url in pages:
        carol.goto(url)
        check_page(carol, url)
    carol.goto(reverse("web:space_new"))
    carol.click("form button.govuk-button")
    check_page(carol, "space form with errors")
    carol.goto(reverse("web:space_new") + "?kind=shared")
    carol.click("main form button.govuk-button")
    check_page(carol, "shared space form with errors")
    assert carol.console_errors == [], carol.console_errors

    gil = open_context(cast.gil, **options)
    for url in (reverse("web:dashboard"), reverse("web:space", args=[own.pk]),
                reverse("web:proposal", args=[data["view"].pk])):
        gil.goto(url)
        check_page(gil, url)


def test_the_scan_finds_a_real_problem(db, open_context, axe_source):
    """The check can fail: an image without a text alternative is reported."""
    from .conftest import axe_violations

    page = open_context()
    page.goto(reverse("web:home"))
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe_violations(page, axe_source)]
