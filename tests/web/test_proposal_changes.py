"""After an amendment, the proposal page says what changed since the version before (the
words the core kept), and a charter proposal marks each part that differs from the charter
as it reads now, with those words beside it."""

from __future__ import annotations

import itertools
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedspace.governance import actions
from sharedspace.governance.models import Proposal, ProposalVersion

from .conftest import accept_all, form_data

pytestmark = pytest.mark.django_db

CHANGED_TAG = '<strong class="govuk-tag govuk-tag--yellow">Changed</strong>'


def section(html: str, heading_id: str) -> str:
    """The page from the heading with this id to the next h2."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def amend(client, proposal, **fields):
    response = client.post(reverse("web:proposal", args=[proposal.pk]),
                           form_data("amend", **fields))
    assert response.status_code == 302, response.content.decode()


def test_a_changed_title_and_amount_are_shown_before_and_now(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                       title="Buy a laptop", body="For the notes.", amount="400")
    amend(signed_in(cast.carol), proposal, title="Buy a tablet", body="For the notes.",
          amount="250")
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    changes = section(html, "changes")
    assert "What changed since version 1" in changes
    assert "Before: Buy a laptop" in changes and "Now: Buy a tablet" in changes
    assert "Before: £400.00" in changes and "Now: £250.00" in changes
    assert "What is proposed" not in changes  # the words of the proposal did not change


def test_changed_words_are_shown_as_they_were_in_every_earlier_version(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", body="On the first Monday.")
    carol = signed_in(cast.carol)
    amend(carol, proposal, title="Meet monthly", body="On the first Tuesday.")
    amend(carol, proposal, title="Meet monthly", body="On the first Tuesday, at 2pm.")
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    changes = section(html, "changes")
    assert "What changed since version 2" in changes and "The words changed." in changes
    assert "Before: Meet monthly" not in changes  # the title stayed
    assert re.search(r"What version 2 said.*On the first Tuesday\.</p>", changes, re.S)
    assert re.search(r"What version 1 said.*On the first Monday\.", changes, re.S)

    # Word by word, with words for a screen reader, not only strike-through and underline.
    marked = re.search(r'<p class="govuk-body app-word-changes">(.*?)</p>', changes, re.S)
    assert marked
    words = re.sub(r"<[^>]+>", "", marked.group(1))
    assert words == ("On the first taken out: Tuesday. (end of words taken out)"
                     "put in: Tuesday, at 2pm. (end of words put in)")
    assert '<ins class="app-word-added">' in marked.group(1)


def test_word_changes_mark_only_what_changed():
    from sharedspace.web.present import word_changes

    runs = word_changes("Meet on the first Monday.\nBring food.",
                        "Meet on the first Tuesday.\nBring food.")
    assert runs == [
        {"kind": "same", "text": "Meet on the first "},
        {"kind": "removed", "text": "Monday."},
        {"kind": "added", "text": "Tuesday."},
        {"kind": "same", "text": "\nBring food."},
    ]
    assert word_changes("", "New words") == [{"kind": "added", "text": "New words"}]
    assert word_changes("Old", "") == [{"kind": "removed", "text": "Old"}]


def _rebuilt(runs, left_out):
    return "".join(run["text"] for run in runs if run["kind"] != left_out)


@settings(max_examples=200, deadline=None)
@given(before=st.text(st.sampled_from("ab \n"), max_size=60),
       now=st.text(st.sampled_from("abc \n"), max_size=60))
def test_word_changes_always_rebuild_both_versions(before, now):
    from sharedspace.web.present import word_changes

    runs = word_changes(before, now)
    assert _rebuilt(runs, "added") == before
    assert _rebuilt(runs, "removed") == now
    kinds = [run["kind"] for run in runs]
    assert all(a != b for a, b in itertools.pairwise(kinds)), "runs are merged"


def test_a_long_repetitive_change_is_compared_without_the_slow_exact_matcher(monkeypatch):
    """An amendment of 5,000 repeated words made every view of the page take 17 s with the
    exact matcher. Past EXACT_WORD_PAIRS the heuristic one is used, and the runs still
    rebuild both versions."""
    import difflib

    from sharedspace.web import present

    used = []

    class Recording(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs):
            used.append(kwargs.get("autojunk"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(present.difflib, "SequenceMatcher", Recording)
    present._word_changes.cache_clear()
    before = " ".join(["a"] * 5000)
    now = " ".join(["a", "b"] * 2500)
    runs = present.word_changes(before, now)
    assert used == [True]
    assert _rebuilt(runs, "added") == before and _rebuilt(runs, "removed") == now
    # A small change in a long text keeps the exact comparison: only its middle is compared.
    used.clear()
    long_text = " ".join(f"word{i}" for i in range(3000))
    changed = long_text.replace("word1500 ", "other ")
    runs = present.word_changes(long_text, changed)
    assert used == [False]
    assert [run["kind"] for run in runs] == ["same", "removed", "added", "same"]
    assert runs[1]["text"] == "word1500" and runs[2]["text"] == "other"


def test_the_answers_to_an_earlier_version_stay_beside_its_words(cast, shared, signed_in):
    """An objection is met by an amendment; the reason stays readable beside the version it
    answered, marked as no longer counting, and each older version keeps its own answers."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", body="On Mondays.")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="Mondays clash with college.")
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="Mondays clash with college.")
    carol = signed_in(cast.carol)
    amend(carol, proposal, title="Meet monthly", body="On Tuesdays.")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="stand_aside")
    amend(carol, proposal, title="Meet monthly", body="On Tuesdays at 2pm.")
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    changes = section(html, "changes")
    to_two = changes[changes.index("The answers to version 2"):changes.index("What version 1")]
    assert "They do not count now" in to_two
    assert re.search(r"<strong>[^<]+</strong>: Stand aside</span>", to_two)
    assert "Mondays clash" not in to_two
    older = changes[changes.index("What version 1 said"):]
    assert "The answers to version 1:" in older
    assert "Object. Reason: <bdi>Mondays clash with college.</bdi>" in older
    assert "Stand aside" not in older
    # Now: no group has answered version 3 yet.
    current = html[html.index("Each group\u2019s answer"):]
    current = current[:current.index("<form")]
    assert "Mondays clash" not in current and "Stand aside" not in current


def test_an_amendment_with_the_same_words_says_so(cast, shared, signed_in):
    """Such an amendment is refused now (below), but one made before that stays in the
    record: as if, the words kept for version 1 are the words of version 2."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    amend(signed_in(cast.carol), proposal, title="Meet weekly")
    Proposal.objects.filter(pk=proposal.pk).update(title="Meet monthly")
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "The words did not change." in section(html, "changes")


def test_words_not_kept_are_not_guessed(cast, shared, signed_in):
    """A proposal amended before the core kept earlier words (as if: the row is gone)."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk, title="Meet weekly")
    ProposalVersion.objects.filter(proposal=proposal).delete()
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "The words of version 1 were not kept." in section(html, "changes")


def test_a_first_version_has_no_changes_section(cast, shared, signed_in):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly")
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert 'id="changes"' not in html


NOW = {"purpose": "Fair transport for everyone.",
       "meetings": "We meet monthly.\nA break every 45 minutes.",
       "other": "Either group can leave at any time."}


@pytest.fixture
def chartered(cast):
    space = actions.space_create(
        actor=cast.carol, title="Transport", purpose="Fair transport",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction", charter=NOW,
    )
    accept_all(space, cast)
    return space


def test_a_charter_proposal_marks_the_parts_that_differ(cast, chartered, signed_in):
    proposed = {**NOW, "meetings": "We meet monthly.\nA break every 30 minutes.",
                "payment": "Travel is paid."}
    del proposed["other"]
    proposal = actions.proposal_submit(actor=cast.sam, space_id=chartered.pk, kind="charter",
                                       title="Shorter sessions", charter=proposed)
    html = signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "3 parts are different from the charter now." in html
    rows = re.findall(r'<div class="govuk-summary-list__row[^"]*">\s*<dt class="govuk-summary-'
                      r'list__key">(.*?)</dt>(.*?)</div>\s*(?=<div class="govuk-summary-list__row'
                      r'|</dl>)', html, re.S)
    by_key = {re.sub(r"<[^>]+>", "", key).replace("Changed", "").strip(): (key, value)
              for key, value in rows}
    purpose, meetings = by_key["Why we work together"], by_key["How meetings work"]
    assert CHANGED_TAG not in purpose[0] and "What the charter says now" not in purpose[1]
    assert CHANGED_TAG in meetings[0]
    assert "A break every 30 minutes." in meetings[1]
    assert re.search(r"What the charter says now.*A break every 45 minutes\.", meetings[1], re.S)
    other = by_key["Anything else we agree"]
    assert CHANGED_TAG in other[0]
    assert "This part would be taken out of the charter." in other[1]
    assert "Either group can leave at any time." in other[1]
    payment = by_key["How people are paid or thanked"]
    assert CHANGED_TAG in payment[0] and "What the charter says now" not in payment[1]
    assert html.count(CHANGED_TAG) == 3


def test_a_charter_proposal_says_how_to_change_its_words(cast, chartered, signed_in):
    """Its amend form has the charter's parts to change (ADR 37): no need to take it back."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=chartered.pk, kind="charter",
                                       title="Same words", charter=NOW)
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "Every part reads as the charter does now." in html
    assert CHANGED_TAG not in html
    assert ("Each part of the charter starts as you proposed it. Change the parts you want to "
            "change.") in html
    assert "take this proposal back and propose the change again" not in html


def test_a_passed_charter_proposal_is_not_compared(cast, chartered, signed_in):
    proposal = actions.proposal_submit(actor=cast.sam, space_id=chartered.pk, kind="charter",
                                       title="Shorter", charter={**NOW, "meetings": "Short."})
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group),
                       (cast.mo, cast.group)):
        if Proposal.objects.get(pk=proposal.pk).state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    assert Proposal.objects.get(pk=proposal.pk).state == "passed"
    html = signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "The charter, as it was agreed" in html and CHANGED_TAG not in html
    assert "as it would read" not in html  # it is the charter now, not a hope


def test_a_charter_proposal_taken_back_says_it_was_only_proposed(cast, chartered, signed_in):
    proposal = actions.proposal_submit(actor=cast.sam, space_id=chartered.pk, kind="charter",
                                       title="Shorter", charter={**NOW, "meetings": "Short."})
    actions.proposal_withdraw(actor=cast.sam, proposal_id=proposal.pk)
    html = signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert "The charter, as it was proposed" in html and "as it would read" not in html


def test_sending_the_same_words_again_is_refused_beside_the_title(cast, shared, signed_in):
    """The amend form comes filled in with the words as they are: sending it unchanged would
    make a new version and reset every answer. The core refuses it; the page says why, in
    the error summary and beside the title, and the proposal stays as it was."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet monthly", body="On the first Monday.")
    response = signed_in(cast.carol).post(
        reverse("web:proposal", args=[proposal.pk]),
        form_data("amend", title="Meet monthly", body="On the first Monday."))
    assert response.status_code == 422
    html = " ".join(response.content.decode().split())
    words = ("Nothing has changed. Change the title, the text or the amount first. Until then, "
             "every answer given stays.")
    assert html.count(words) == 2  # the summary and beside the field
    assert 'href="#id_amend-title"' in html
    assert Proposal.objects.get(pk=proposal.pk).version == 1
