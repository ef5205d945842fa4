"""Published work and critical friends (ADR 36): the list and a publication's page pass
axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in English and Welsh, with easy read on and
off, at phone width (390 px) and desktop width, signed out and signed in (with the comment
form, its error summary, the links to propose removing a comment and to take back one's
own); and a newcomer signs in from the work's page, comments and reads the comment there,
with the keyboard only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from sharedspace.governance import actions
from sharedspace.governance.models import Person, Publication, PublicComment

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES, PHONE
from .test_journey import press, tab_to, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


LONG_TITLE = "What 40 people told us about the day service, the buses and Saturday opening"


def _publish(cast: Any, space: Any, title: str, body: str) -> Publication:
    """Carol proposes publishing; every holder agrees (the self-advocates by majority)."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=space.pk, kind="publish",
                                       title=title, body=body)
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        proposal.refresh_from_db()
        if proposal.state != "open":
            break
        if party.pk in space.tenures.filter(role="holder").values_list("party_id", flat=True):
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    return Publication.objects.get(proposal=proposal)


def _story(cast: Any, shared: Any) -> Publication:
    """A piece of work with a long title and several paragraphs, two friends' comments (one
    long) and a third the groups hid."""
    item = _publish(cast, shared, LONG_TITLE, "\n\n".join([
        "We asked 40 people who use the day service what works and what does not.",
        " ".join(["Most said the buses come too early and leave too late."] * 6),
        "Next we will ask the council to change the timetable.",
    ]))
    fran = actions.person_create(email="fran@example.org", name="Fran")
    actions.public_comment_add(actor=fran, publication_id=item.pk,
                               body="Who did you not ask?\nCarers, maybe.")
    actions.public_comment_add(actor=cast.olive, publication_id=item.pk,
                               body=" ".join(["We found the same in our own survey."] * 10))
    actions.public_comment_add(actor=cast.carol, publication_id=item.pk,
                               body="Speaking for myself: thank you.")
    hidden = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Rude words")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                       kind="remove_content", title="Remove it",
                                       content=hidden.pk)
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        proposal.refresh_from_db()
        if proposal.state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    return item


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_published_pages_have_no_accessibility_violations(
        language, easy_read, cast, shared, open_context, check_page):
    """Zero axe violations signed out (the list, the work with its "Sign in to comment") and
    signed in as a holder (the work with the form and the remove links, then the form sent
    empty: the error summary)."""
    item = _story(cast, shared)
    url = reverse("web:publication", args=[item.pk])
    options = {"language": language, "easy_read": easy_read,
               "viewport": BOTH_WIDTHS}

    reader = open_context(**options)
    for address in (reverse("web:published"), url):
        reader.goto(address)
        check_page(reader, address)
    expect(reader.locator("[data-sign-in]")).to_have_count(1)
    expect(reader.locator("[data-removed]")).to_have_count(1)

    carol = open_context(cast.carol, **options)
    carol.goto(url)
    expect(carol.locator("[data-remove]")).to_have_count(3)
    expect(carol.locator('button[name="withdraw-id"]')).to_have_count(1)
    check_page(carol, "publication with the comment form")
    carol.click('form:has(input[name="form"][value="comment"]) button.govuk-button')
    expect(carol.locator(".govuk-error-summary")).to_have_count(1)
    check_page(carol, "publication with the error summary")
    assert reader.console_errors == [] and carol.console_errors == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_that_lead_to_and_from_published_work_have_no_violations(
        language, cast, shared, open_context, check_page):
    """The space's overview with its "Published work", the publish proposal that made it,
    the proposals page with a friend's comment to remove, the history, the dashboard with the
    work commented on, and the question before taking back one's own comment: easy read on,
    desktop."""
    item = _story(cast, shared)
    said = PublicComment.objects.filter(publication=item, removed_at__isnull=True).first()
    carol = open_context(cast.carol, language=language, easy_read=True)
    for address in (reverse("web:space", args=[shared.pk]),
                    reverse("web:proposal", args=[item.proposal_id]),
                    reverse("web:proposals", args=[shared.pk]) + f"?remove={said.pk}"):
        carol.goto(address)
        check_page(carol, address)
    expect(carol.locator('input[name="remove_content-content"]')).to_have_value(said.pk)
    for address in (reverse("web:history", args=[shared.pk]),  # the hiding said, linked
                    reverse("web:dashboard")):  # "Published work you commented on"
        carol.goto(address)
        check_page(carol, address)
    carol.goto(reverse("web:publication", args=[item.pk]))
    carol.click('button[name="withdraw-id"]')  # her own comment: asked first
    expect(carol.locator('input[name="confirmed"]')).to_have_count(1)
    check_page(carol, "take back your comment?")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_newcomer_signs_in_and_comments_with_the_keyboard_only(javascript, cast, shared,
                                                                 open_context, check_page):
    """Someone with no account opens the work, follows "Sign in to comment", asks for a
    link, signs in with it, says their name, lands back at the comments, writes one and
    reads it on the page: nothing but the keyboard (and, in one run, no JavaScript)."""
    item = _publish(cast, shared, "What we found", "Saturdays, please.")
    url = reverse("web:publication", args=[item.pk])
    page = open_context(viewport=PHONE, javascript=javascript)
    page.goto(url)
    press(page, "[data-sign-in]")
    assert "/sign-in/" in page.url
    type_into(page, 'input[name="email-email"]', "newcomer@example.org")
    press(page, "main form button.govuk-button")
    found = re.search(r"http://\S+/sign-in/link/\?\S+", str(mail.outbox[-1].body))
    assert found, "the email holds a sign-in link"
    page.goto(found.group(0))  # as if opened from the email
    press(page, "main form button.govuk-button")
    assert "/account/name/" in page.url  # a newcomer says what to call them first
    type_into(page, 'input[name="name-name"]', "Nia")
    press(page, "main form button.govuk-button")
    assert page.url.endswith(url + "#comments"), page.url
    type_into(page, 'textarea[name="comment-body"]', "Did you ask people who work weekends?")
    press(page, 'form:has(input[name="form"][value="comment"]) button.govuk-button')
    assert page.url.endswith(url + "#comments"), page.url
    expect(page.locator("#comments .app-comment")).to_have_count(1)
    expect(page.locator("#comments .app-comment .govuk-body p")).to_have_text(
        "Did you ask people who work weekends?")
    if javascript:
        check_page(page, "publication after commenting")
    nia = Person.objects.get(email="newcomer@example.org")
    assert PublicComment.objects.get().author_id == nia.pk and nia.name == "Nia"
    tab_to(page, "a.govuk-footer__link[href='/published/']")  # and on to the rest
