"""The perception check pages pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in English
and Welsh, with easy read on and off, at phone width (390 px) and desktop width; and a person
answers with the keyboard alone, without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.perception import actions
from sharedspace.perception.models import Answer

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def _rounds(cast: Any, shared: Any, own: Any) -> dict[str, Any]:
    """Two rounds in the shared space (with a change and a disagreement between them), and
    one in the own space that only the guest answered."""
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.sam,
        round_id=first.pk,
        party=cast.group.pk,
        answers={"overall": f"party:{cast.council.pk}", "stop": "dont_know"},
    )
    actions.round_close(actor=cast.carol, round_id=first.pk)
    second = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(
        actor=cast.carol,
        round_id=second.pk,
        party=cast.council.pk,
        answers={"overall": "together", "money": f"party:{cast.council.pk}"},
    )
    for who, value in ((cast.sam, "together"), (cast.mo, f"party:{cast.council.pk}")):
        actions.answers_submit(
            actor=who,
            round_id=second.pk,
            party=cast.group.pk,
            answers={"overall": value, "money": "dont_know"},
        )
    guest = actions.round_open(actor=cast.carol, space_id=own.pk)
    actions.answers_submit(
        actor=cast.gil, round_id=guest.pk, party=cast.guests.pk, answers={"stop": "together"}
    )
    return {"first": first, "second": second, "guest": guest}


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_perception_pages_have_no_accessibility_violations(
    language, easy_read, cast, shared, own, open_context, check_page
):
    """Zero axe violations on every perception page, for a holder and a guest, with errors."""
    rounds = _rounds(cast, shared, own)
    viewport = BOTH_WIDTHS
    options = {"language": language, "easy_read": easy_read, "viewport": viewport}
    sam = open_context(cast.sam, **options)
    pages = [
        reverse("web:perception", args=[shared.pk]),
        reverse("web:perception_round", args=[rounds["first"].pk]),
        reverse("web:perception_round", args=[rounds["second"].pk]),
        reverse("web:perception_answer", args=[rounds["second"].pk]),
        reverse("web:perception_answer", args=[rounds["first"].pk]),
    ]
    for url in pages:
        sam.goto(url)
        check_page(sam, url)
    ria = open_context(cast.ria, **options)  # has not answered: an empty form has errors
    ria.goto(reverse("web:perception_answer", args=[rounds["second"].pk]))
    ria.click('main form:has(input[name="form"][value="answers"]) button.govuk-button')
    expect(ria.locator(".govuk-error-summary")).to_have_count(1)
    check_page(ria, "answer form with errors")
    assert sam.console_errors == [], sam.console_errors

    gil = open_context(cast.gil, **options)
    for url in (
        reverse("web:perception", args=[own.pk]),
        reverse("web:perception_round", args=[rounds["guest"].pk]),
        reverse("web:perception_answer", args=[rounds["guest"].pk]),
    ):
        gil.goto(url)
        check_page(gil, url)


@pytest.mark.parametrize("javascript", [True, False])
def test_answering_with_the_keyboard_alone(javascript, cast, shared, open_context, check_page):
    """With the keyboard only (JavaScript on and off): the empty form shows the error summary,
    then one answer is chosen with the arrow keys and saved; the answers page follows."""
    found = actions.round_open(actor=cast.carol, space_id=shared.pk)
    ria = open_context(cast.ria, javascript=javascript)
    ria.goto(reverse("web:perception_answer", args=[found.pk]))
    submit = ria.locator("main form button.govuk-button")
    submit.focus()
    with ria.expect_navigation():
        ria.keyboard.press("Enter")
    expect(ria.locator(".govuk-error-summary")).to_have_count(1)
    if javascript:  # axe runs as a script: it cannot run in a page without JavaScript
        check_page(ria, "answer form with errors")
    ria.locator('input[name="answers-topic"]').first.focus()
    ria.keyboard.press("Space")
    ria.keyboard.press("ArrowDown")  # the second choice: the self-advocates
    submit.focus()
    with ria.expect_navigation():
        ria.keyboard.press("Enter")
    assert ria.url.endswith(reverse("web:perception_round", args=[found.pk]))
    assert ria.get_by_text("Your answers are saved.").count() == 1
    if javascript:
        check_page(ria, "answers after saving")
    saved = Answer.objects.get(round=found, person=cast.ria)
    assert saved.question == "topic" and saved.answer == f"party:{cast.group.pk}"
