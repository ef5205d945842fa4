"""A page form sent twice acts once, without JavaScript (docs/adr/0030).

Every page form carries a once-only key, put in as the page is drawn. Sending the form claims
the key in the same transaction as the action; the same form sent again does nothing and
goes where the first send went, saying "You sent this twice. We did it only once." A form
shown again with errors, or refused, gets a new key and can be sent again. Keys last a week.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import ApiToken, FundEntry, LedgerEntry, Proposal
from sharedspace.web.once import keys as once
from sharedspace.web.once.models import UsedFormKey
from tests.races import needs_postgresql, race

from .conftest import errors_in, form_data, hidden_fields

ONCE = re.compile(r'<input type="hidden" name="form" value="([^"]*)">'
                  r'<input type="hidden" name="once" value="([^"]*)">')


def keys_in(html: str) -> dict[str, list[str]]:
    """Each page form's name, with the keys of the forms of that name on the page."""
    found: dict[str, list[str]] = {}
    for name, key in ONCE.findall(html):
        found.setdefault(name, []).append(key)
    return found


def _banner_with(page: str, text: str) -> str:
    """The notification banner that says ``text`` (its own class, then its inside)."""
    for part in re.split(r'<div class="govuk-notification-banner(?=[" ])', page)[1:]:
        if text in part.split("</div>\n</div>", 1)[0]:
            return part.split("</div>\n</div>", 1)[0]
    raise AssertionError(f"no banner says {text!r}")


def _proposal(**more: Any) -> dict[str, Any]:
    return form_data("proposal", kind="decision", title="Buy chairs", body="", amount="",
                     party="", as_party="", **more)


def test_a_proposal_sent_twice_is_made_once(cast, shared, signed_in):
    """The same POST twice (a double click without JavaScript): one proposal, one ledger
    entry; the second goes to the same page as the first, saying it was already done."""
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    data = _proposal()
    entries = LedgerEntry.objects.count()
    first = carol.post(url, data)
    second = carol.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Proposal.objects.filter(title="Buy chairs").count() == 1
    assert LedgerEntry.objects.count() == entries + 1
    assert second["Location"] == first["Location"]
    page = carol.get(second["Location"]).content.decode()
    assert "You sent this twice. We did it only once." in page
    # UX review 2, item 16: not a second "Success", but a plain notice (the first send's own
    # success, if the person saw no page in between, stays green above it).
    banner = _banner_with(page, "You sent this twice. We did it only once.")
    assert "govuk-notification-banner--success" not in banner and 'role="alert"' not in banner
    assert ">Important</h2>" in banner and "Success" not in banner
    # A second form, drawn anew, is a second proposal: the key is per form, not per title.
    assert carol.post(url, _proposal()).status_code == 302
    assert Proposal.objects.filter(title="Buy chairs").count() == 2


def test_money_given_twice_is_given_once(cast, shared, signed_in):
    """"Give £100" sent twice gives £100, not £200."""
    carol = signed_in(cast.carol)
    url = reverse("web:fund", args=[shared.pk])
    data = form_data("commit", party=cast.council.pk, amount="100")
    assert carol.post(url, data).status_code == 302
    assert carol.post(url, data).status_code == 302
    assert [e.amount for e in FundEntry.objects.filter(space=shared, kind="commitment")] == [100]


def test_yes_on_a_confirm_page_pressed_twice_acts_once(cast, shared, signed_in):
    """The confirm page sends on the key of the form it asks about: "Yes" twice takes the
    money back once, and the question is not asked again."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100", currency="GBP")
    carol = signed_in(cast.carol)
    url = reverse("web:fund", args=[shared.pk])
    data = form_data("withdraw", party=cast.council.pk, amount="40")
    asked = carol.post(url, data).content.decode()
    yes = hidden_fields(asked)
    assert yes["once"] == data["once"]  # the same key, not a new one
    assert carol.post(url, yes).status_code == 302
    assert carol.post(url, yes).status_code == 302
    assert carol.post(url, data).status_code == 302  # the first form again: no question
    assert FundEntry.objects.filter(kind="withdrawal").count() == 1


def test_a_form_shown_again_with_errors_gets_a_new_key_that_works(cast, shared, signed_in):
    """An empty title: nothing done, the key not used; the form shown again carries a new,
    unused key, and sending it corrected makes the proposal."""
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    wrong = _proposal()
    wrong["proposal-title"] = ""
    page = carol.post(url, wrong)
    assert page.status_code == 200 and errors_in(page.content.decode())
    assert not UsedFormKey.objects.exists()
    again = keys_in(page.content.decode())["proposal"]
    assert len(again) == 1 and again[0] != wrong["once"]
    corrected = {**wrong, "proposal-title": "Buy chairs", "once": again[0]}
    assert carol.post(url, corrected).status_code == 302
    assert Proposal.objects.filter(title="Buy chairs").count() == 1


def test_a_refusal_lets_the_key_go(cast, shared, signed_in):
    """The core refuses (more than the group gave): nothing is written, the key stays unused,
    so the same form sent again is refused again rather than called done."""
    carol = signed_in(cast.carol)
    url = reverse("web:fund", args=[shared.pk])
    data = form_data("withdraw", party=cast.council.pk, amount="99999")
    for _ in range(2):
        page = carol.post(url, data)
        assert page.status_code == 409
        assert ("Council team has no money in this fund that it can take back."
                in page.content.decode())
    assert not UsedFormKey.objects.exists()
    assert not FundEntry.objects.exists()


def test_a_key_too_old_or_not_ours_does_nothing_and_keeps_what_was_typed(
    cast, shared, signed_in, monkeypatch
):
    """A key made more than a week ago, or not made here: nothing done, a plain message,
    the typed text kept, and a new key to send it with."""
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    week_ago = time.time() - once.LIFETIME.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: week_ago)
    old = once.make()
    monkeypatch.undo()
    for key in (old, "made-up", old.replace(":", ";")):
        page = carol.post(url, {**_proposal(), "once": key})
        html = page.content.decode()
        assert page.status_code == 400
        assert errors_in(html) == ["This page was open for too long, so nothing was done. "
                                   "Check the form and press the button again."]
        assert 'value="Buy chairs"' in html
        assert keys_in(html)["proposal"][0] != key
    assert not Proposal.objects.exists()


def test_a_post_without_a_key_acts_as_before(cast, shared, signed_in):
    """A hand-made request (which could make keys of its own) or a page drawn before keys
    were put in: it acts, without the check."""
    data = _proposal()
    del data["once"]
    assert signed_in(cast.carol).post(reverse("web:proposals", args=[shared.pk]),
                                      data).status_code == 302
    assert Proposal.objects.count() == 1 and not UsedFormKey.objects.exists()


def test_a_page_drawn_by_its_handler_is_not_drawn_again(cast, signed_in):
    """Making an API token draws the token's page (it is shown once). Sent again, no second
    token is made: the account page, with "You sent this twice. We did it only once."."""
    c = signed_in(cast.carol)
    url = reverse("web:account")
    data = form_data("token", name="Scripts")
    assert c.post(url, data).status_code == 201
    again = c.post(url, data)
    assert again.status_code == 302 and again["Location"] == url
    assert ApiToken.objects.filter(person=cast.carol).count() == 1
    assert "You sent this twice. We did it only once." in c.get(url).content.decode()


@pytest.mark.parametrize("page", ["space", "proposals", "fund", "meetings", "account"])
def test_every_page_form_carries_its_own_key(page, cast, own, signed_in):
    """Each page form, the one-button forms in tables too, has a key of its own, made
    each time the page is drawn; the switches in the header (not page forms) have none."""
    actions.meeting_schedule(actor=cast.carol, space_id=own.pk, title="Board",
                             starts_at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC))
    actions.token_create(actor=cast.carol, name="Scripts")
    url = (reverse("web:account") if page == "account"
           else reverse(f"web:{page}", args=[own.pk]))
    carol = signed_in(cast.carol)
    html = carol.get(url).content.decode()
    forms = re.findall(r'<input type="hidden" name="form" value="[^"]*">', html)
    keys = [key for ks in keys_in(html).values() for key in ks]
    assert forms and len(keys) == len(forms) == len(set(keys))
    assert all(once.read(key) for key in keys)
    assert html.count('name="once"') == len(keys)  # none in the header's own forms
    assert set(keys).isdisjoint(k for ks in keys_in(carol.get(url).content.decode()).values()
                                for k in ks)


def test_old_used_keys_are_cleared_out(cast, shared, signed_in, monkeypatch):
    """Used keys older than a key can live are deleted, now and then, after an action."""
    from django.utils import timezone

    now = timezone.now()
    UsedFormKey.objects.create(key="a" * 32, used_at=now - once.LIFETIME - dt.timedelta(hours=1))
    UsedFormKey.objects.create(key="b" * 32, used_at=now - once.LIFETIME + dt.timedelta(hours=1))
    monkeypatch.setattr(once, "_next_clean", 0.0)  # due now
    assert signed_in(cast.carol).post(reverse("web:proposals", args=[shared.pk]),
                                      _proposal()).status_code == 302
    assert not UsedFormKey.objects.filter(key="a" * 32).exists()
    assert UsedFormKey.objects.filter(key="b" * 32).exists()
    assert UsedFormKey.objects.count() == 2  # the recent one and the proposal's
    # Not again within the hour: an old row stays until the next clear-out.
    UsedFormKey.objects.create(key="c" * 32, used_at=now - once.LIFETIME - dt.timedelta(hours=1))
    signed_in(cast.carol).post(reverse("web:proposals", args=[shared.pk]), _proposal())
    assert UsedFormKey.objects.filter(key="c" * 32).exists()
    assert once.forget_old() == 1


# --- at the same moment (PostgreSQL) ----------------------------------------------------------


@needs_postgresql
@pytest.mark.parametrize("form", ["proposal", "commit"])
def test_the_same_form_sent_at_the_same_moment_acts_once(form, transactional_db, cast, shared):
    """Eight sends of one form at once, each on its own connection: one acts; the others
    wait for it, find the key used and go where it went."""
    url = reverse("web:proposals" if form == "proposal" else "web:fund", args=[shared.pk])
    data = (_proposal() if form == "proposal"
            else form_data("commit", party=cast.council.pk, amount="100"))
    clients = []
    for _ in range(8):
        c = Client()
        c.force_login(cast.carol)
        clients.append(c)
    entries = LedgerEntry.objects.count()
    responses = race([lambda c=c: c.post(url, data) for c in clients])
    assert [r.status_code for r in responses] == [302] * 8
    assert len({r["Location"] for r in responses}) == 1
    assert LedgerEntry.objects.count() == entries + 1
    if form == "proposal":
        assert Proposal.objects.filter(title="Buy chairs").count() == 1
    else:
        assert FundEntry.objects.filter(space=shared, kind="commitment").count() == 1
    # One claim: the key with what was sent (keys.claim_for), the same for all eight.
    assert UsedFormKey.objects.count() == 1


def test_the_same_form_sent_again_with_other_words_acts(cast, shared, signed_in):
    """Back, mend a typo, send: the same drawing of the form (the same key) with other
    words is a new request, not the first one repeated, so it acts. The mended words sent
    twice still act once."""
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    typo = _proposal()
    typo["proposal-title"] = "Buy chiars"
    assert carol.post(url, typo).status_code == 302
    mended = {**typo, "proposal-title": "Buy chairs"}  # the same key
    assert carol.post(url, mended).status_code == 302
    assert carol.post(url, mended).status_code == 302
    titles = sorted(Proposal.objects.values_list("title", flat=True))
    assert titles == ["Buy chairs", "Buy chiars"]


def test_what_counts_as_the_same_request(cast):
    """The CSRF token, the key's own field and the confirm page's "yes" are not what was
    asked for; every other field is, with its order and repeats."""
    from django.http import QueryDict

    key = "a" * 32
    base = once.claim_for(key, QueryDict("form=x&x-a=1&x-b=2&x-b=3"))
    assert once.claim_for(key, QueryDict(
        "csrfmiddlewaretoken=t&once=k&confirmed=yes&form=x&x-b=2&x-b=3&x-a=1")) == base
    assert once.claim_for(key, QueryDict("form=x&x-a=1&x-b=3&x-b=2")) != base
    assert once.claim_for(key, QueryDict("form=x&x-a=1&x-b=2")) != base
    assert once.claim_for("b" * 32, QueryDict("form=x&x-a=1&x-b=2&x-b=3")) != base
    # Line breaks are one, however a browser sends them.
    assert once.claim_for(key, QueryDict("x=a%0D%0Ab")) == once.claim_for(key, QueryDict("x=a%0Ab"))
    # Field boundaries count: "ab"+"c" is not "a"+"bc".
    assert once.claim_for(key, QueryDict("x=ab&y=c")) != once.claim_for(key, QueryDict("x=a&y=bc"))


def test_a_workshops_participant_pages_keep_no_keys(cast, shared, signed_in):
    """Joining and answering a workshop is safe to repeat, and must keep nothing about when
    someone answered (ADR 29): its pages carry no once-only key and claim none."""
    from sharedspace.workshops import actions as workshops

    session = workshops.workshop_open(actor=cast.carol, space_id=shared.pk)
    phone = Client()
    page = phone.get(reverse("web:workshop_side", args=[session.code])).content.decode()
    assert 'name="once"' not in page
    assert 'name="once"' not in phone.get(reverse("web:workshop_join")).content.decode()
    # Even a key sent along (an old page's) is not claimed.
    joined = phone.post(reverse("web:workshop_side", args=[session.code]),
                        {"form": "side", "side-side": cast.group.pk, "once": once.make()})
    assert joined.status_code == 302, joined.content.decode()[:300]
    assert not UsedFormKey.objects.exists()
