"""Make a proposal: every mistake is shown at once, a deadline that has passed included
(it was found only on the next try, after the amount was put right)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sharedspace.governance.models import Proposal

from .conftest import date_parts, errors_in, form_data

pytestmark = pytest.mark.django_db

PAST = ("1", "1", "2020")


def test_spending_with_no_amount_and_a_past_deadline_shows_both_errors(cast, shared, signed_in):
    page = signed_in(cast.carol).post(reverse("web:proposals", args=[shared.pk]), form_data(
        "proposal", kind="spend", title="Buy a laptop", amount="",
        **date_parts("closes_at", *PAST),
    ))
    assert sorted(errors_in(page.content.decode())) == [
        "Say how much money to spend.", "The deadline must be in the future."]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("url_name", "prefix", "fields"), [
    ("web:charter", "charter", {"purpose": "Work together"}),
    ("web:proposals", "remove_content", {"content": "cmt_none"}),
])
def test_every_proposal_form_checks_the_deadline(url_name, prefix, fields, cast, shared,
                                                   signed_in):
    """With the title missing too, both are said at once."""
    page = signed_in(cast.carol).post(reverse(url_name, args=[shared.pk]), form_data(
        prefix, **fields, **date_parts("closes_at", *PAST)))
    errors = errors_in(page.content.decode())
    assert "The deadline must be in the future." in errors
    assert len(errors) == 2, errors
    assert not Proposal.objects.exists()


def test_today_is_still_a_deadline_to_come(cast, shared, signed_in, monkeypatch):
    """A day means the end of that day: today is accepted until then, even late in it."""
    carol = signed_in(cast.carol)
    today = timezone.localdate()
    late = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 58)))
    monkeypatch.setattr(timezone, "now", lambda: late)  # the form's check and the core's
    response = carol.post(reverse("web:proposals", args=[shared.pk]), form_data(
        "proposal", kind="decision", title="Meet today",
        **date_parts("closes_at", str(today.day), str(today.month), str(today.year))))
    assert response.status_code == 302
    assert Proposal.objects.get().closes_at.date() == today
