"""The easy-read summary of a space's audit says what applies, in words: a guest that was
never allowed to start anything is not blamed for it, the shared-space sentence is left out of
an own space, and money is "about half", not "50%"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.web.easyread import MAX_WORDS
from sharedspace.web.views import auditeasy


def easy_summary(client, space) -> str:
    """The easy-read summary at the top of the space's audit page, as text."""
    client.cookies["easy_read"] = "1"
    html = client.get(reverse("web:audit", args=[space.pk])).content.decode()
    blocks = re.findall(r'<div class="app-easy-read-block__text">(.*?)</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", b) for b in blocks)


def test_a_guest_never_allowed_to_propose_could_not_start_anything(cast, own, signed_in):
    """Its host did not allow it: said so, and the guest is not said to have "not started"."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "give_views"])
    said = easy_summary(signed_in(cast.gil), own)
    assert "Carers forum could not start anything." in said
    assert "Council team did not allow it." in said
    assert "Carers forum has not started anything." not in said


def test_a_guest_allowed_to_propose_that_did_not_has_not_started(cast, own, signed_in):
    said = easy_summary(signed_in(cast.gil), own)
    assert "Carers forum has not started anything." in said
    assert "could not start" not in said and "did not allow" not in said


def test_the_shared_space_sentence_only_where_there_is_a_shared_space(cast, own, shared,
                                                                      signed_in):
    """An own space: no word about groups holding a shared space being thrown out."""
    sentence = "No group that holds a shared space can be thrown out."
    assert sentence not in easy_summary(signed_in(cast.carol), own)
    assert "A host can stop involving its guests on its own." in easy_summary(
        signed_in(cast.carol), own)
    assert sentence in easy_summary(signed_in(cast.carol), shared)


def test_money_is_said_in_words_not_percentages(cast, shared, signed_in):
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100.00")
    said = easy_summary(signed_in(cast.sam), shared)
    assert "%" not in said
    assert "of the money is decided by all the groups together." in said


@pytest.mark.parametrize(("share", "words"), [
    (0, "None of the money"),
    (0.0001, "A little of the money"),
    (0.2499, "A little of the money"),
    (0.25, "Less than half of the money"),
    (0.4499, "Less than half of the money"),
    (0.45, "About half of the money"),
    (0.5, "About half of the money"),
    (0.55, "About half of the money"),
    (0.5501, "More than half of the money"),
    (0.7499, "More than half of the money"),
    (0.75, "Most of the money"),
    (0.9999, "Most of the money"),
    (1, "All of the money"),
])
def test_the_money_bands(share, words):
    """Each band's edges: "all" and "none" only when it is all or none."""
    said = auditeasy.money_words(share)
    assert said == f"{words} is decided by all the groups together."
    assert len(said.split()) <= MAX_WORDS


def test_who_may_not_start_anything():
    """An own space that lets guests propose: nobody. One that does not: each guest, current
    or former, with its host named. A shared space: guests never start things there."""
    own = {"kind": "own", "holders": ["host"], "guests": ["g1"], "former_guests": ["g2"]}
    name = {"host": "A very long name of the council team here"}.get
    assert auditeasy.not_allowed_to_start(own, guest_permissions=["propose"], name=name) == {}
    said = auditeasy.not_allowed_to_start(own, guest_permissions=["view"], name=name)
    assert said == {p: "A very long name of… did not allow it." for p in ("g1", "g2")}
    shared = {"kind": "shared", "holders": ["a", "b"], "guests": ["g"]}
    assert auditeasy.not_allowed_to_start(shared, guest_permissions=[], name=name) == {
        "g": "In a shared space, guests cannot start things."}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_new_sentences_stay_short_in_both_languages(language):
    """Every money band, and a guest that could not start anything with the longest names,
    in at most 15 words, in English and Welsh."""
    from django.utils import translation

    long_name = "Aberhafod Council adult social care commissioning and partnerships team"
    report = {"kind": "own", "holders": ["host"], "guests": ["g"],
              "initiative": {"by_party": {"host": 3, "g": 0}}}
    with translation.override(language):
        said = [auditeasy.money_words(s) for s in (0, 0.1, 0.3, 0.5, 0.6, 0.8, 1)]
        not_allowed = auditeasy.not_allowed_to_start(report, guest_permissions=["view"],
                                                     name=lambda p: long_name)
        ideas = auditeasy.summary(report, name=lambda p: long_name, subject="This space",
                                  circles={}, focus=["g"], not_allowed=not_allowed)
        said += [line for idea in ideas for line in idea["lines"]]
        shared = auditeasy.not_allowed_to_start({"kind": "shared", "guests": ["g"]},
                                                guest_permissions=[], name=lambda p: long_name)
        said += list(shared.values())
    assert len(said) > 10
    for line in said:
        assert len(str(line).split()) <= MAX_WORDS, line


def test_a_decision_in_a_shared_space_is_not_said_to_have_every_group_agreeing(cast, shared,
                                                                               signed_in):
    """A proposal passes when no group objects and one agrees (standing aside is not
    agreeing), so the summary does not say "by every group agreeing"."""
    from tests.governance.conftest import pass_proposal

    pass_proposal(cast, shared, kind="decision")
    said = easy_summary(signed_in(cast.sam), shared)
    assert "1 was decided together, with no group saying no." in said
    assert "every group agreeing" not in said
