"""A charter proposal's page: its proposer's amend form has every part of the charter,
filled in as proposed, to change (ADR 37); "What changed" names each part that changed.
No JavaScript needed; mistakes are in the error summary."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions, ledger
from sharedspace.governance.actions._base import CHARTER_SECTIONS
from sharedspace.governance.models import LedgerEntry, Proposal, ProposalVersion

from .conftest import errors_in, form_data
from .test_queries import MAX_QUERIES

pytestmark = pytest.mark.django_db

PROPOSED = {"purpose": "Make the day service better together.",
            "payment": "Everyone is paid £12 an hour.",
            "meetings": "We meet monthly.\nA break every 45 minutes."}


@pytest.fixture
def proposal(cast, shared) -> Proposal:
    """Carol proposes a payment part; the self-advocates object to the rate."""
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="charter",
                                title="Add how we pay people", charter=PROPOSED)
    for who in (cast.sam, cast.mo):
        actions.position_give(actor=who, proposal_id=p.pk, party=cast.group.pk,
                              position="object", reason="It must say £14.")
    return p


def url(proposal: Proposal) -> str:
    return reverse("web:proposal", args=[proposal.pk])


def amend_form(html: str) -> str:
    """The amend form of the page."""
    found = re.search(r'<form method="post" novalidate>\s*<input type="hidden" '
                      r'name="csrfmiddlewaretoken"[^>]*><input type="hidden" name="form" '
                      r'value="amend">(.*?)</form>', html, re.S)
    assert found, "no amend form"
    return found.group(1)


def textarea(form: str, name: str) -> str | None:
    found = re.search(rf'<textarea [^>]*name="{name}"[^>]*>(.*?)</textarea>', form, re.S)
    return None if found is None else unescape(found.group(1)).strip("\n")


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def charter_fields(**sections: str) -> dict[str, str]:
    """Every part of the charter, as the form posts it (an empty box is sent empty)."""
    return {f"charter_{key}": sections.get(key, "") for key in CHARTER_SECTIONS}


def amend(client, proposal, *, title="Add how we pay people", **sections):
    return client.post(url(proposal), form_data("amend", title=title, body="",
                                                **charter_fields(**sections)))


def test_the_amend_form_has_every_part_filled_in_as_proposed(cast, proposal, signed_in):
    html = signed_in(cast.carol).get(url(proposal)).content.decode()
    form = amend_form(html)
    for key in CHARTER_SECTIONS:
        assert textarea(form, f"amend-charter_{key}") == PROPOSED.get(key, ""), key
    assert "data-charter-sections" in form and "The charter, as it would read" in form
    assert ("Each part of the charter starts as you proposed it. Change the parts you want "
            "to change.") in html
    assert 'name="amend-amount"' not in form


def test_other_kinds_have_no_charter_parts(cast, shared, signed_in):
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Meet monthly")
    form = amend_form(signed_in(cast.carol).get(url(p)).content.decode())
    assert "charter_" not in form and "data-charter-sections" not in form


def test_only_the_proposer_sees_the_form(cast, proposal, signed_in):
    html = signed_in(cast.sam).get(url(proposal)).content.decode()
    assert 'value="amend"' not in html and 'name="amend-charter_purpose"' not in html


def test_changing_a_part_amends_the_charter_and_clears_every_answer(cast, proposal,
                                                                    signed_in):
    """The part changed is stored as written; a part sent back with the browser's line
    endings keeps its words exactly, so only the payment part changed."""
    response = amend(signed_in(cast.carol), proposal, purpose=PROPOSED["purpose"],
                     payment="Everyone is paid £14 an hour.",
                     meetings=PROPOSED["meetings"].replace("\n", "\r\n"))
    assert response.status_code == 302
    amended = Proposal.objects.get(pk=proposal.pk)
    assert amended.charter == {**PROPOSED, "payment": "Everyone is paid £14 an hour."}
    assert amended.version == 2 and not amended.positions.filter(version=2).exists()
    assert ProposalVersion.objects.get(proposal=proposal).charter == PROPOSED
    entry = LedgerEntry.objects.filter(action="proposal.amend").get()
    assert json.loads(entry.content)["data"]["charter_sha256"] == ledger.digest(
        ledger.canonical(amended.charter))


def test_the_title_alone_leaves_the_charter_as_it_was(cast, proposal, signed_in):
    response = amend(signed_in(cast.carol), proposal, title="Pay people fairly", **PROPOSED)
    assert response.status_code == 302
    amended = Proposal.objects.get(pk=proposal.pk)
    assert (amended.title, amended.charter) == ("Pay people fairly", PROPOSED)
    entry = LedgerEntry.objects.filter(action="proposal.amend").get()
    assert "charter_sha256" not in json.loads(entry.content)["data"]


def test_a_charter_with_no_purpose_is_said_in_the_error_summary(cast, proposal, signed_in):
    response = amend(signed_in(cast.carol), proposal, payment="£14")
    assert response.status_code == 200
    html = response.content.decode()
    assert errors_in(html) == ["Say why you work together"]
    assert 'href="#id_amend-charter_purpose"' in html
    assert 'id="id_amend-charter_purpose-error"' in html
    # What was typed stays in the form, to put right.
    assert textarea(amend_form(html), "amend-charter_payment") == "£14"
    assert Proposal.objects.get(pk=proposal.pk).version == 1


def test_a_refusal_by_the_core_is_put_on_the_part_it_names(cast, proposal, signed_in):
    """Words too long for the core: its refusal names ``charter.payment``, shown on that
    part and in the error summary."""
    response = amend(signed_in(cast.carol), proposal, purpose="Better together.",
                     payment="£" * 20001)
    assert response.status_code == 422
    html = response.content.decode()
    errors = errors_in(html)
    assert len(errors) == 1
    assert 'href="#id_amend-charter_payment"' in html
    beside = re.search(r'id="id_amend-charter_payment-error" class="govuk-error-message">'
                       r'<span class="govuk-visually-hidden">Error:</span> (.*?)</p>', html)
    assert beside and beside.group(1) == errors[0]
    assert Proposal.objects.get(pk=proposal.pk).version == 1


def test_what_changed_names_each_part_that_changed(cast, proposal, signed_in):
    carol = signed_in(cast.carol)
    amend(carol, proposal, purpose=PROPOSED["purpose"], payment="Everyone is paid £14 an hour.",
          accessibility="Easy read papers.")
    html = signed_in(cast.sam).get(url(proposal)).content.decode()
    changes = section(html, "changes")
    assert "Charter: How people are paid or thanked" in changes
    assert "Charter: Our accessibility promises" in changes
    assert "Charter: Why we work together" not in changes
    marked = re.findall(r'<p class="govuk-body app-word-changes">(.*?)</p>', changes, re.S)
    words = [re.sub(r"<[^>]+>", "", m) for m in marked]
    assert ("Everyone is paid taken out: £12 (end of words taken out)put in: £14 (end of "
            "words put in) an hour.") in words
    # The meetings part, left out of the new version, says so.
    assert "Charter: How meetings work" in changes
    assert "The new version leaves this part out." in changes
    assert "The new version leaves this part out." not in html.replace(changes, "")


def test_older_versions_show_the_charter_they_proposed(cast, proposal, signed_in):
    carol = signed_in(cast.carol)
    amend(carol, proposal, purpose=PROPOSED["purpose"], payment="Paid £14.")
    amend(carol, proposal, purpose=PROPOSED["purpose"], payment="Paid £15.")
    html = signed_in(cast.sam).get(url(proposal)).content.decode()
    changes = section(html, "changes")
    assert "What changed since version 2" in changes
    older = changes[changes.index("What version 1 said"):]
    assert "The charter it proposed:" in older
    assert "Everyone is paid £12 an hour." in older


def test_the_amended_charter_is_the_space_charter_once_it_passes(cast, shared, proposal,
                                                                 signed_in):
    amend(signed_in(cast.carol), proposal, purpose=PROPOSED["purpose"], payment="Paid £14.")
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group),
                       (cast.mo, cast.group)):
        if Proposal.objects.get(pk=proposal.pk).state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    html = signed_in(cast.sam).get(reverse("web:charter", args=[shared.pk])).content.decode()
    assert "Paid £14." in html and "£12" not in html


def test_the_page_query_count_does_not_grow_with_amendments(cast, proposal, signed_in):
    """Each earlier version's charter is read with its words, in the same query."""
    carol = signed_in(cast.carol)
    sam = signed_in(cast.sam)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = sam.get(url(proposal))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    amend(carol, proposal, purpose=PROPOSED["purpose"], payment="Paid £13.")
    few = count()
    for pay in ("£14", "£15", "£16", "£17"):
        amend(carol, proposal, purpose=PROPOSED["purpose"], payment=f"Paid {pay}.",
              meetings=f"Meet {pay}")
    assert Proposal.objects.get(pk=proposal.pk).version == 6
    assert count() == few
    assert few <= MAX_QUERIES["proposal"]  # the ceiling every proposal page keeps


def test_a_charter_that_changed_since_is_said_before_amending(cast, shared, proposal,
                                                              signed_in):
    """When another charter change passed after this proposal was made, amending would
    bring back its old words in the parts not touched: the form says so first."""
    client = signed_in(cast.carol)
    assert "The charter changed since you made this proposal" not in unescape(
        client.get(url(proposal)).content.decode())
    other = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="charter",
                                    title="Meetings", charter={**PROPOSED,
                                                               "meetings": "Weekly."})
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group),
                       (cast.mo, cast.group)):
        actions.position_give(actor=who, proposal_id=other.pk, party=party.pk,
                              position="agree")
    html = unescape(client.get(url(proposal)).content.decode())
    assert "The charter changed since you made this proposal" in html
    assert "Say in a few words what changes" in amend_form(html)


def test_the_history_says_when_an_amendment_changed_the_charter(cast, shared, proposal,
                                                                signed_in):
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk,
                           charter={**PROPOSED, "payment": "Everyone is paid £14 an hour."})
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Pay people")
    html = unescape(signed_in(cast.carol).get(
        reverse("web:history", args=[shared.pk])).content.decode())
    # Both sentences name the proposal by its title now.
    assert "changed the proposal “Pay people”, and the charter it proposes." in html
    assert "changed the proposal “Pay people”. Everyone answers again." in html
