"""Closing a proposal now stays open to whoever CONTRACT and ADR 28 allow, but when it
takes a chance away, the page and the confirm page say so plainly (ADR 28, amendment):

- a group objected and the proposer has not changed the proposal since: closing ends it
  blocked, though an objection keeps a proposal open so the proposer can change it
  (DESIGN rule 5);
- the closer's own group has not answered: closing ends it with no decision.

"End it now" is a section of its own, after the answers and apart from the answer form."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal
from sharedspace.web.views.proposals import ago
from tests.governance.conftest import clock  # noqa: F401  (a fixture)

from .conftest import form_data, hidden_fields

pytestmark = pytest.mark.django_db

BLOCKED = "If you close it now, it ends blocked, and it cannot be changed any more."
NO_DECISION = "Your group has not answered yet. If you close it now, it ends with no decision."


def what_will_happen(html: str) -> str:
    found = re.search(r'__key">What will happen</dt>\s*<dd class="govuk-summary-list__value">'
                      r"(.*?)</dd>", html, re.S)
    assert found, "no 'What will happen' row"
    return found.group(1).strip()


def warning_on(html: str) -> str:
    """The warning beside "Close the proposal now" on the proposal page ("" if none)."""
    section = html.split('id="end-now"', 1)[1]
    found = re.search(r'<span class="govuk-visually-hidden">Warning</span> (.*?)</strong>',
                      section, re.S)
    return found.group(1).strip() if found else ""


def day(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def test_objecting_then_closing_a_minute_later_is_said_plainly(
        cast, shared, signed_in, clock):  # noqa: F811
    """The reviewer's walk: Carol objects for the council, and a minute later closes it. The
    confirm page says when the council objected, that Sam (the proposer) has not changed it
    since, and that closing ends it blocked for good. Pressing Yes still closes it: who may
    close is CONTRACT's rule, unchanged."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet on Saturdays",
                                       closes_at=timezone.now() + dt.timedelta(days=30))
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="Our staff do not work weekends")
    clock.advance(minutes=1)
    carol = signed_in(cast.carol)
    url = reverse("web:proposal", args=[proposal.pk])
    said = ("Council team objected 1 minute ago. Sam has not changed the proposal since. "
            + BLOCKED)
    assert warning_on(carol.get(url).content.decode()) == said
    asked = carol.post(url, form_data("close")).content.decode()
    assert "Close the proposal now?" in asked
    assert what_will_happen(asked) == said
    assert "It will be blocked" not in asked  # the forecast, extended: not said twice
    assert Proposal.objects.get(pk=proposal.pk).state == "open"
    assert carol.post(url, hidden_fields(asked)).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == "blocked"


def test_the_proposer_is_told_it_is_their_proposal(
        cast, shared, signed_in, clock):  # noqa: F811
    """Sam proposed; the council objected three hours ago. Sam, about to close it, reads
    that he has not changed it since (he could, and then every group answers again)."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet on Saturdays")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="Weekends")
    clock.advance(hours=3, minutes=5)
    page = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert warning_on(page) == ("Council team objected 3 hours ago. You have not changed the "
                                "proposal since. " + BLOCKED)


def test_after_a_change_the_old_objection_is_not_counted(
        cast, shared, signed_in, clock):  # noqa: F811
    """Once Sam changes the proposal every answer is cleared: nothing is blocked any more,
    and Carol's group has not answered the new words, so that is what she reads."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet on Saturdays")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="Weekends")
    actions.proposal_amend(actor=cast.sam, proposal_id=proposal.pk, title="Meet on Fridays")
    page = signed_in(cast.carol).get(reverse("web:proposal",
                                             args=[proposal.pk])).content.decode()
    assert warning_on(page) == NO_DECISION + " Self-advocates has not answered yet either."
    assert "objected" not in warning_on(page)


def test_a_member_whose_group_has_not_answered_is_told(cast, shared, signed_in):
    """Mo (a member of the self-advocates, who decide by majority, so he may close) closes
    after the council agreed, before his own group has answered: it ends with no decision,
    and his group still has until the deadline."""
    closes_at = timezone.now() + dt.timedelta(days=40)
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", closes_at=closes_at)
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    mo = signed_in(cast.mo)
    url = reverse("web:proposal", args=[proposal.pk])
    said = f"{NO_DECISION} Every group has until {day(closes_at)} to answer."
    assert warning_on(mo.get(url).content.decode()) == said
    asked = mo.post(url, form_data("close")).content.decode()
    assert what_will_happen(asked) == said
    assert "It will end without a decision" not in asked


def test_an_objection_comes_before_a_silent_group(cast, shared, signed_in):
    """The council objects and the self-advocates have not answered: closing ends it
    blocked (the objection counts first), so Mo is told that, not "no decision"."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason="Not yet")
    page = signed_in(cast.mo).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert warning_on(page) == ("Council team objected just now. Carol has not changed the "
                                "proposal since. " + BLOCKED)


def test_no_warning_when_closing_takes_nothing_away(cast, shared, signed_in):
    """Carol's group has answered and no one objects: the forecast is said as before, after
    "If it is closed now:", with no warning."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    page = signed_in(cast.carol).get(reverse("web:proposal",
                                             args=[proposal.pk])).content.decode()
    assert warning_on(page) == ""
    assert ("If it is closed now: It will end without a decision: Self-advocates has not "
            "answered yet.") in page


def test_end_it_now_is_a_section_apart_after_the_answer_form(cast, shared, signed_in):
    """On the page, in this order: the answer form, then a visible break, then "End it now"
    under its own heading (a section named by it), with the close button inside it."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    page = signed_in(cast.carol).get(reverse("web:proposal",
                                             args=[proposal.pk])).content.decode()
    answer_form = page.index('value="answer"')
    rule = page.index("govuk-section-break--visible", answer_form)
    section = page.index('<section aria-labelledby="end-now">')
    heading = page.index('<h2 class="govuk-heading-m" id="end-now">End it now</h2>')
    close = page.index('value="close"')
    assert answer_form < rule < section < heading < close
    assert page.index("</section>", heading) > close


@pytest.mark.parametrize(("minutes", "said"), [
    (0, "just now"), (1, "1 minute ago"), (59, "59 minutes ago"), (60, "1 hour ago"),
    (60 * 23, "23 hours ago"), (60 * 24, "1 day ago"), (60 * 24 * 13, "13 days ago"),
])
def test_how_long_ago_in_plain_words(minutes, said):
    now = dt.datetime(2027, 3, 20, 12, 0, tzinfo=dt.UTC)
    with translation.override("en"):
        assert ago(now - dt.timedelta(minutes=minutes, seconds=20), now) == said


def test_after_two_weeks_the_day_is_said():
    now = dt.datetime(2027, 3, 20, 12, 0, tzinfo=dt.UTC)
    with translation.override("en"):
        assert ago(now - dt.timedelta(days=14), now) == f"on {day(now - dt.timedelta(days=14))}"
