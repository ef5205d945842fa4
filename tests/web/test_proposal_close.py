"""Closing a proposal early stays open to anyone in a holder group (CONTRACT: "a holder may
call it"), but it is honest: the confirm page says what will happen, worked out by the
same arithmetic as the close, and afterwards the proposal page and the history say who
closed it, for which group."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal

from .conftest import form_data
from .test_confirm import hidden_fields

pytestmark = pytest.mark.django_db


def deadline() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=40)


def day(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def summary_value(html: str, key: str) -> str:
    found = re.search(rf'__key">{key}</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>',
                      html, re.S)
    assert found, f"no {key!r} row"
    return found.group(1).strip()


def answer(who, proposal, party, position, reason=""):
    actions.position_give(actor=who, proposal_id=proposal.pk, party=party, position=position,
                          reason=reason)


SILENT = "silent"
COUNCIL_AGREES = "council agrees"
GROUP_OBJECTS = "group objects"


def set_up(cast, proposal, scene):
    if scene in (COUNCIL_AGREES, GROUP_OBJECTS):
        answer(cast.carol, proposal, cast.council.pk, "agree")
    if scene == GROUP_OBJECTS:  # the group decides by majority: two of its three members
        for who in (cast.sam, cast.mo):
            answer(who, proposal, cast.group.pk, "object", "Too soon")


# What the page and the confirm page say; a warning (the plain words of ADR 28's amendment)
# when closing takes a chance away: the objection the proposer could still meet, or the
# closer's own group's answer. Otherwise the forecast, after "If it is closed now:".
@pytest.mark.parametrize(("scene", "said", "warning", "state"), [
    (SILENT, "Your group has not answered yet. If you close it now, it ends with no decision. "
             "Self-advocates has not answered yet either. Every group has until {deadline} to "
             "answer.", True, "lapsed"),
    (COUNCIL_AGREES, "It will end without a decision: Self-advocates has not answered yet. "
                     "They have until {deadline}.", False, "lapsed"),
    (GROUP_OBJECTS, "Self-advocates objected just now. Sam has not changed the proposal since. "
                    "If you close it now, it ends blocked, and it cannot be changed any more.",
     True, "blocked"),
])
def test_the_confirm_page_says_what_closing_will_do(scene, said, warning, state, cast, shared,
                                                    signed_in):
    closes_at = deadline()
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", closes_at=closes_at)
    set_up(cast, proposal, scene)
    carol = signed_in(cast.carol)  # the council closes it, through its coordinator
    url = reverse("web:proposal", args=[proposal.pk])
    expected = said.format(deadline=day(closes_at))
    page = carol.get(url).content.decode()
    if warning:
        assert ('<span class="govuk-visually-hidden">Warning</span> ' + expected) in page
        assert "If it is closed now:" not in page
    else:
        assert f"If it is closed now: {expected}" in page
    asked = carol.post(url, form_data("close")).content.decode()
    assert "Close the proposal now?" in asked
    assert summary_value(asked, "What will happen") == expected
    assert carol.post(url, hidden_fields(asked)).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == state  # as it said


def test_without_a_deadline_no_date_is_promised(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    asked = signed_in(cast.carol).post(reverse("web:proposal", args=[proposal.pk]),
                                      form_data("close")).content.decode()
    assert summary_value(asked, "What will happen") == (
        "Your group has not answered yet. If you close it now, it ends with no decision. "
        "Self-advocates has not answered yet either.")


def test_the_page_and_the_history_say_who_closed_it(cast, shared, signed_in):
    closes_at = deadline()
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", closes_at=closes_at)
    carol = signed_in(cast.carol)
    url = reverse("web:proposal", args=[proposal.pk])
    carol.post(url, form_data("close") | {"confirmed": "yes"})
    proposal.refresh_from_db()
    assert proposal.state == "lapsed"
    page = signed_in(cast.sam).get(url).content.decode()
    assert (f"Carol, for Council team, closed it on {day(proposal.resolved_at)}, before its "
            "deadline.") in page
    history = signed_in(cast.sam).get(reverse("web:history", args=[shared.pk])).content.decode()
    assert ("Carol, for Council team, closed the proposal “Meet monthly”. It ended without a "
            "decision.") in history


def test_a_proposal_that_reached_its_deadline_names_no_one(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", closes_at=deadline())
    actions.proposals_resolve_due(at=timezone.now() + dt.timedelta(days=41))
    proposal.refresh_from_db()
    assert proposal.state == "lapsed"
    sam = signed_in(cast.sam)
    page = sam.get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "closed it on" not in page
    history = sam.get(reverse("web:history", args=[shared.pk])).content.decode()
    assert "The proposal “Meet monthly” ended without a decision." in history
    assert "closed the proposal" not in history


def test_only_a_coordinator_or_speaker_is_offered_closing_early(cast, shared, signed_in):
    """Owen (a council officer; the council answers through its speaker) sees no "Close the
    proposal now" and is refused if he posts it anyway; Carol (its speaker) is offered it."""
    from .conftest import errors_in, form_data

    p = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                title="Meet on Tuesdays")
    url = reverse("web:proposal", args=[p.pk])
    assert 'value="close"' not in signed_in(cast.owen).get(url).content.decode()
    assert 'value="close"' in signed_in(cast.carol).get(url).content.decode()
    refused = signed_in(cast.owen).post(url, {**form_data("close"), "confirmed": "yes"})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Your group answers through its speakers, so only its speakers or coordinators can "
        "close a proposal before its deadline."]
    p.refresh_from_db()
    assert p.state == "open"
