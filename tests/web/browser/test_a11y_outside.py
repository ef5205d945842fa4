"""An outside decision's own page, the dashboard that lists it for the group it names, and
the pages a removed guest sees pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in
English and Welsh, with easy read on and off, at phone width (390 px) and desktop width; and
the named group answers with JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import OutsideDecision

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def _story(cast: Any, shared: Any, own: Any) -> dict[str, Any]:
    """Two decisions said to be the other charity's (one answered, with a long summary),
    and a second guest in the council's board, whose first guest the council then stopped
    involving."""
    waiting = actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk,
        summary="The charity closed its Tuesday drop-in.\nIt opens on Wednesdays instead.",
    )
    answered = actions.outside_decision_record(
        actor=cast.sam, space_id=shared.pk, made_by=cast.outsiders.pk,
        summary=" ".join(["The charity stopped paying for the minibus to the day centre."] * 8),
    )
    actions.outside_decision_confirm(actor=cast.olive, decision_id=answered.pk,
                                     reason="Yes, from the first of May.")
    invitation = actions.guest_invite(actor=cast.carol, space_id=own.pk,
                                      party_id=cast.group.pk)
    actions.invitation_accept(actor=cast.sam, invitation_id=invitation.pk)
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    return {"waiting": waiting, "answered": answered}


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_outside_and_removal_pages_have_no_accessibility_violations(
        language, easy_read, cast, shared, own, open_context, check_page):
    """Zero axe violations for the named group (dashboard, the page with its form, with the
    error summary, and once answered), for the council (the page without a form, the
    space's list, the warning before removing a guest) and for the removed guest
    (dashboard and the space's banner)."""
    made = _story(cast, shared, own)
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}

    olive = open_context(cast.olive, **options)
    for url in (reverse("web:dashboard"),
                reverse("web:outside_decision", args=[made["answered"].pk])):
        olive.goto(url)
        check_page(olive, url)
    page = reverse("web:outside_decision", args=[made["waiting"].pk])
    olive.goto(page)
    check_page(olive, page)
    olive.click("#answer ~ form button.govuk-button")  # no choice: the error summary
    expect(olive.locator(".govuk-error-summary")).to_have_count(1)
    check_page(olive, "outside decision answer with errors")
    olive.check("#id_answer-answer-1")
    olive.fill("#id_answer-reason", "We moved it to Wednesday.")
    olive.click("#answer ~ form button.govuk-button")
    expect(olive.locator("#answer .govuk-tag--red")).to_have_count(1)
    check_page(olive, "outside decision once disputed")
    assert olive.console_errors == [], olive.console_errors

    carol = open_context(cast.carol, **options)
    for url in (reverse("web:outside_decision", args=[made["answered"].pk]),
                reverse("web:outside", args=[shared.pk]),
                reverse("web:space", args=[own.pk])):
        carol.goto(url)
        check_page(carol, url)

    gil = open_context(cast.gil, **options)
    for url in (reverse("web:dashboard"), reverse("web:space", args=[own.pk])):
        gil.goto(url)
        check_page(gil, url)


def test_the_named_group_answers_without_javascript(cast, shared, open_context):
    """With JavaScript off, Olive opens the decision from her dashboard, confirms it, and
    reads the answer on the page."""
    decision = actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk, summary="Budget cut",
    )
    olive = open_context(cast.olive, viewport=PHONE, javascript=False)
    olive.goto(reverse("web:dashboard"))
    olive.click("#named-decisions ~ ul a")
    expect(olive.locator("h1")).to_have_text("A decision made somewhere else")
    olive.check("#id_answer-answer")
    olive.click("#answer ~ form button.govuk-button")
    expect(olive.locator("#answer .govuk-tag--green")).to_have_count(1)
    assert OutsideDecision.objects.get(pk=decision.pk).state == "confirmed"
