"""The pages and forms added to close the gaps between the core and the browser pass axe-core
(WCAG 2.0, 2.1, 2.2 A and AA), in English and Welsh, easy read on and off, phone and desktop:
group members' roles and leaving, proposals of every kind filled in from links, proposing to
remove a comment, the own space's name and purpose, a charter proposal's amend form with
its parts (ADR 37), and their error summaries; the group's
download of everything it can read, and the page asking to wait when downloaded too often."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.web.views import parties
from tests.governance.conftest import shared_guest  # noqa: F401 (a fixture)

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_the_new_forms_have_no_accessibility_violations(language, easy_read, cast,
                                                        shared_guest, own, open_context,  # noqa: F811
                                                        check_page, monkeypatch):
    """Zero axe violations on each new form, shown empty and with its error summary."""
    shared = shared_guest
    comment = actions.comment_add(actor=cast.owen, space_id=shared.pk, body="Rude words")
    removal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="remove_content",
                                      title="Remove it", content=comment.pk)
    # An amended proposal (what changed) and a charter proposal (its parts marked Changed).
    amended = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                      title="Buy a laptop", body="For notes.", amount="400")
    for n, body in enumerate(("For notes and easy read.", "For notes, easy read and video.")):
        actions.proposal_amend(actor=cast.carol, proposal_id=amended.pk, title=f"Buy {n}",
                               body=body, amount=str(300 - n))
    charter = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="charter", title="Shorter sessions",
        charter={"purpose": "Make the day service better, with everyone.",
                 "meetings": "A break every 30 minutes.",
                 "other": "Either group can leave at any time."})
    # Its charter amended (ADR 37): what changed names the parts; its amend form has them.
    actions.proposal_amend(actor=cast.carol, proposal_id=charter.pk, charter={
        "purpose": "Make the day service better, with everyone.",
        "meetings": "A break every 40 minutes.", "payment": "Travel is paid."})
    options = {"language": language, "easy_read": easy_read,
               "viewport": BOTH_WIDTHS}
    party = reverse("web:party", args=[cast.council.pk])
    proposals = reverse("web:proposals", args=[shared.pk])

    carol = open_context(cast.carol, **options)
    pages = [
        f"{party}?member={cast.owen.pk}",
        f"{proposals}?kind=add_guest",
        f"{proposals}?kind=remove_guest&party={cast.guests.pk}",
        f"{proposals}?remove={comment.pk}",
        reverse("web:proposal", args=[removal.pk]),
        reverse("web:proposal", args=[amended.pk]),
        reverse("web:proposal", args=[charter.pk]),
        reverse("web:charter", args=[shared.pk]),
        reverse("web:space", args=[shared.pk]),
        reverse("web:space", args=[own.pk]),
    ]
    for url in pages:
        carol.goto(url)
        check_page(carol, url)

    # Error summaries: the core's refusal (the last coordinator), and a form's own errors.
    carol.goto(f"{party}?member={cast.carol.pk}")
    carol.uncheck("input[name='roles-roles'][value='coordinator']")
    carol.click("form:has(input[value='roles']) button.govuk-button")
    expect(carol.locator(".govuk-error-summary")).to_have_count(1)
    check_page(carol, "the last coordinator's refusal")
    carol.goto(f"{proposals}?remove={comment.pk}")
    carol.fill("#id_remove_content-title", "")
    carol.click("form:has(input[value='remove_content']) button.govuk-button")
    expect(carol.locator(".govuk-error-summary")).to_have_count(1)
    check_page(carol, "removal form with errors")
    carol.goto(reverse("web:proposal", args=[charter.pk]))
    carol.fill("#id_amend-charter_purpose", "")
    carol.click("form:has(input[value='amend']) button.govuk-button")
    expect(carol.locator(".govuk-error-summary a[href='#id_amend-charter_purpose']")
           ).to_have_count(1)
    check_page(carol, "a charter proposal's amend form with errors")
    carol.goto(reverse("web:space", args=[own.pk]))
    carol.fill("#id_details-title", "")
    carol.click("form:has(input[value='details']) button.govuk-button")
    expect(carol.locator(".govuk-error-summary")).to_have_count(1)
    check_page(carol, "space details with errors")
    assert carol.console_errors == [], carol.console_errors

    owen = open_context(cast.owen, **options)
    owen.goto(party)
    check_page(owen, "a member's group page, with leaving")

    # The download of everything the group can read: its section on the group's page, the
    # zip itself, and the plain page asking to wait once a person has used up the limit.
    monkeypatch.setattr(parties, "EXPORT_LIMIT", 1)
    export = reverse("web:party_export", args=[cast.council.pk])
    expect(owen.locator("#export")).to_be_visible()
    with owen.expect_download() as got:
        owen.locator(f"a[href='{export}']").click()
    assert got.value.suggested_filename.startswith("shared-space-council-team-")
    owen.goto(export)
    expect(owen.locator("h1")).to_be_visible()
    check_page(owen, "wait before downloading the group's records again")
