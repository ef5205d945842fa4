"""Removing my name and email in the browser (DESIGN rule 13, docs/adr/0021): a confirm page
that says plainly what happens, a plain POST that erases and signs out, the core's refusal
in the error summary, and pages that show "Erased person" where the name was."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sharedspace.governance import actions, ledger
from sharedspace.governance.models import LedgerEntry, Membership, Person
from sharedspace.web import present

from .conftest import errors_in, form_data, hidden_fields

ERASE = reverse("web:account_erase")


def test_the_account_page_leads_to_the_confirm_page(cast, signed_in):
    """The account page has a section that links to the confirm page."""
    html = signed_in(cast.owen).get(reverse("web:account")).content.decode()
    assert "Remove my name and email" in html and f'href="{ERASE}"' in html


def test_the_confirm_page_says_what_happens(cast, signed_in):
    """The confirm page explains erasure plainly, names the groups to be left, and offers
    one button (and a way back)."""
    response = signed_in(cast.owen).get(ERASE)
    html = response.content.decode()
    assert response.status_code == 200
    for words in ("Your name and email are removed", "What you did stays in the record",
                  "You leave every group you are in", "cannot sign in to this account again",
                  "You cannot undo this.", "Council team", "Yes, remove my name and email",
                  "No, go back"):
        assert words in html, words
    assert "Before you can do this" not in html


def test_signing_in_is_needed(client, db):
    """Someone signed out is sent to sign in, not shown the page or allowed to post."""
    assert client.get(ERASE).status_code == 302
    assert client.post(ERASE, form_data("erase")).status_code == 302


def test_a_plain_post_erases_signs_out_and_shows_a_plain_page(cast, signed_in):
    """Owen confirms: his name and email are gone, he left the council (on its chain), he is
    signed out, and he sees a plain page saying so. Every chain still verifies."""
    client = signed_in(cast.owen)
    response = client.post(ERASE, form_data("erase"))
    assert response.status_code == 302 and response["Location"] == reverse("web:account_erased")
    owen = Person.objects.get(pk=cast.owen.pk)
    assert owen.name == "Erased person" and "owen" not in owen.email and not owen.is_active
    assert not Membership.objects.filter(person=owen, left_at__isnull=True).exists()
    assert LedgerEntry.objects.filter(chain=cast.council.pk, action="member.remove").count() == 1
    assert ledger.verify_all().ok
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Your name and email are removed" in page.content.decode()
    assert "Sign out" not in page.content.decode()
    account = client.get(reverse("web:account"))
    assert account.status_code == 302 and reverse("web:sign_in") in account["Location"]


def test_the_only_coordinator_is_refused_in_the_error_summary(cast, signed_in):
    """Sam is the self-advocates' only coordinator: the page says what to do first and offers
    no button; a plain POST anyway gets the core's refusal in the error summary and changes
    nothing."""
    client = signed_in(cast.sam)
    html = client.get(ERASE).content.decode()
    assert "Before you can do this" in html and "Self-advocates" in html
    assert "Yes, remove my name and email" not in html
    before = LedgerEntry.objects.count()
    response = client.post(ERASE, form_data("erase"))
    assert response.status_code == 409
    assert errors_in(response.content.decode()) == [
        "You are the only coordinator of Self-advocates. Make someone else a coordinator first."
    ]
    assert Person.objects.get(pk=cast.sam.pk).name == "Sam"
    assert LedgerEntry.objects.count() == before
    assert client.get(reverse("web:account")).status_code == 200  # still signed in


def test_the_refusal_reads_in_welsh(cast, signed_in):
    """The refusal names the group inside the Welsh sentence, where the catalogue has it."""
    client = signed_in(cast.sam)
    client.cookies["django_language"] = "cy"
    html = client.post(ERASE, form_data("erase")).content.decode()
    (shown,) = errors_in(html)
    assert "Self-advocates" in shown
    with translation.override("cy"):
        welsh = translation.gettext(
            "You are the only coordinator of %(groups)s. Make someone else a coordinator first.")
    assert shown == welsh % {"groups": "Self-advocates"}


def test_the_only_member_is_told_the_group_stays_empty(cast, signed_in):
    """Olive is her charity's only member: the page says it will stay, with no members."""
    html = signed_in(cast.olive).get(ERASE).content.decode()
    assert "You are the only member of these groups" in html and "Other charity" in html
    assert "Yes, remove my name and email" in html


@pytest.fixture
def mo_took_part(cast, shared):
    """Mo comments and answers a proposal in the shared space, then erases herself."""
    actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Buses are late on Mondays")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                       kind="decision", title="Meet monthly")
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    actions.person_erase(actor=cast.mo, person_id=cast.mo.pk)
    return proposal


def test_her_name_is_gone_from_the_pages_and_what_she_did_stays(cast, shared, signed_in,
                                                                 mo_took_part):
    """The overview's discussion, the proposal and the history show "Erased person" where
    Mo's name was; her comment and her answer stay; the record still verifies."""
    client = signed_in(cast.sam)
    overview = client.get(reverse("web:space", args=[shared.pk])).content.decode()
    assert "Buses are late on Mondays" in overview and "Erased person (Self-advocates)" in overview
    proposal = client.get(reverse("web:proposal", args=[mo_took_part.pk])).content.decode()
    assert "Erased person: Agree" in proposal
    history = client.get(reverse("web:history", args=[shared.pk])).content.decode()
    assert "Erased person (Self-advocates) voted agree on “Meet monthly”" in history
    assert "Record verified" in history
    for html in (overview, proposal, history):
        assert ">Mo<" not in html and "Mo (" not in html and "mo@example.org" not in html


def test_the_shown_name_follows_the_reader_s_language(cast, mo_took_part):
    """"Erased person" is shown through the catalogue, not as the stored English."""
    mo = Person.objects.get(pk=cast.mo.pk)
    with translation.override("cy"):
        assert present.person_name(mo.name, mo.erased_at) == translation.gettext(
            "Erased person")
    assert present.person_name("Mo", None) == "Mo"


def test_the_confirm_page_s_queries_do_not_grow_with_groups(cast, signed_in):
    """One more group or five more: the confirm page reads the same number of rows."""
    client = signed_in(cast.owen)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(ERASE).status_code == 200
        return len(ctx.captured_queries)

    actions.party_create(actor=cast.owen, name="Group 0", kind="people", decision_rule="all")
    first = count()
    for i in range(1, 6):
        party = actions.party_create(actor=cast.owen, name=f"Group {i}", kind="people",
                                     decision_rule="all")
        actions.party_member_add(actor=cast.owen, party_id=party.pk, email=f"p{i}@example.org",
                                 roles=["coordinator"])
    assert count() == first


def test_the_confirm_page_lists_comments_on_published_work_that_stay(cast, shared, signed_in):
    """A critical friend's comments stay public after erasure (ADR 36): the page lists the
    work they are on, so the person can take one back first; one taken back is not listed."""
    from tests.governance.conftest import pass_proposal

    client = signed_in(cast.olive)
    assert "Your comments on published work" not in client.get(ERASE).content.decode()
    works = []
    for title in ("First findings", "Second findings"):
        proposal = pass_proposal(cast, shared, kind="publish", title=title, body="Words")
        works.append(proposal.publication)
    actions.public_comment_add(actor=cast.olive, publication_id=works[0].pk, body="Good")
    taken = actions.public_comment_add(actor=cast.olive, publication_id=works[1].pk, body="Hm")
    actions.public_comment_withdraw(actor=cast.olive, comment_id=taken.pk)
    html = client.get(ERASE).content.decode()
    assert "Your comments on published work" in html
    assert reverse("web:publication", args=[works[0].pk]) + "#comments" in html
    assert "Second findings" not in html


def test_all_comments_on_published_work_are_taken_back_at_once(cast, shared, own, signed_in):
    """Asked first; then every comment still shown in an active space is taken back, one
    action (and one ledger entry) each."""
    from sharedspace.governance.models import PublicComment
    from tests.governance.conftest import pass_proposal

    works = [pass_proposal(cast, space, kind="publish", title=title, body="Words").publication
             for space, title in ((shared, "One"), (own, "Two"))]
    for work in works:
        actions.public_comment_add(actor=cast.olive, publication_id=work.pk, body="Hm")
    actions.public_comment_add(actor=cast.olive, publication_id=works[0].pk, body="Again")
    client = signed_in(cast.olive)
    asked = client.post(ERASE, form_data("take_back"))
    assert asked.status_code == 200 and "Take back all your comments" in asked.content.decode()
    assert not PublicComment.objects.filter(removed_at__isnull=False).exists()
    done = client.post(ERASE, {**hidden_fields(asked.content.decode()), "confirmed": "yes"})
    assert done.status_code == 302
    assert not PublicComment.objects.filter(author=cast.olive, removed_at__isnull=True).exists()
    assert LedgerEntry.objects.filter(action="public_comment.withdraw").count() == 3
    assert "Take back all of them" not in client.get(ERASE).content.decode()
