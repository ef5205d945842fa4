"""Easy read: short sentences, one idea each, a picture, remembered; and the Welsh interface."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sharedspace.web import easyread

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_easy_read_sentences_are_short_and_single(language):
    """Every easy-read line, in English and Welsh, is one sentence of at most 15 words."""
    with translation.override(language):
        for key, item in easyread.TEXTS.items():
            assert item.lines, key
            for line in item.lines:
                text = str(line)
                words = text.split()
                assert len(words) <= easyread.MAX_WORDS, f"{key}: {len(words)} words: {text}"
                assert len(SENTENCE_END.findall(text)) == 1 and text.endswith("."), (
                    f"{key}: not exactly one sentence: {text}"
                )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_easy_read_sentences_with_a_name_stay_short(language):
    """A sentence naming a group keeps to 15 words with the longest name it can get (names
    are cut to NAME_WORDS words), in English and Welsh; so do the words for states and tabs."""
    long_name = "Aberhafod Council adult social care commissioning and partnerships team"
    with translation.override(language):
        for key in easyread.NAMED:
            item = easyread.named(key, long_name)
            for line in item.lines:
                words = str(line).split()
                assert len(words) <= easyread.MAX_WORDS, f"{key}: {len(words)} words: {line}"
                assert len(SENTENCE_END.findall(str(line))) == 1, line
                assert "%(" not in str(line), line
            assert "Aberhafod Council adult social care…" in " ".join(item.lines), key
        for words in [*easyread.STATES.values(), *easyread.TABS.values()]:
            assert 0 < len(str(words).split()) <= 6, words
        for words in easyread.OWN_STATES.values():  # a state naming the host: 6 and a name
            said = str(words) % {"who": easyread.short_name(long_name)}
            assert len(said.split()) <= 6 + easyread.NAME_WORDS, said
            assert "Aberhafod Council adult social care…" in said


def test_every_easy_read_idea_has_its_own_picture():
    """Each idea names one of our icons, and the icon exists as a template."""
    for item in [*easyread.TEXTS.values(), *easyread.NAMED.values()]:
        get_template(f"web/icons/{item.icon}.svg")
    wanted = {"my_space", "your_space", "shared_space", "agree", "object", "stand_aside",
              "money", "meeting", "decision", "record"}
    for name in wanted:
        svg = get_template(f"web/icons/{name}.svg").render({})
        assert 'aria-hidden="true"' in svg and "style=" not in svg, name


def test_easy_read_is_switched_on_and_remembered(db):
    """The switch is a plain form; a cookie remembers it across pages, with larger text."""
    client = Client()
    home = client.get(reverse("web:home")).content.decode()
    assert "app-easy-read-block" not in home
    response = client.post(reverse("web:easy_read"), {"easy_read": "on", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["easy_read"].value == "1"
    assert response.cookies["easy_read"]["httponly"]
    page = client.get(reverse("web:sign_in")).content.decode()
    assert 'class="govuk-template app-easy-read"' in page
    assert "We send you an email with a link." in page
    assert "Turn easy read off" in page
    client.post(reverse("web:easy_read"), {"easy_read": "off", "next": "/"})
    assert "app-easy-read-block" not in client.get(reverse("web:home")).content.decode()


def test_the_switch_only_goes_back_to_this_site(db):
    """The ``next`` address of a switch cannot send people to another site."""
    response = Client().post(reverse("web:easy_read"),
                             {"easy_read": "on", "next": "https://evil.example/"})
    assert response["Location"] == reverse("web:home")


def test_the_language_switch_turns_the_interface_welsh(db):
    """The switch posts to Django's set_language; the page then says lang="cy" and speaks
    Welsh, and offers English back, marked lang="en" for screen readers."""
    client = Client()
    english = client.get(reverse("web:home")).content.decode()
    assert '<html lang="en"' in english
    assert 'lang="cy"' in english and ">\n          Cymraeg<span" in english
    response = client.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    assert response.status_code == 302
    welsh = client.get(reverse("web:home")).content.decode()
    assert '<html lang="cy"' in welsh
    assert "Gweithio gyda’n gilydd, a gweld pwy sy’n penderfynu go iawn" in welsh
    assert 'lang="en"' in welsh and "Change the language to English" in welsh


def test_welsh_pages_show_welsh_refusals(cast, shared, signed_in):
    """A refusal from the core reads in Welsh on a Welsh page."""
    from sharedspace.governance import actions

    from .conftest import errors_in, form_data

    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Tacsis")
    owen = signed_in(cast.owen)
    owen.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    response = owen.post(reverse("web:proposal", args=[proposal.pk]),
                         form_data("answer", party=cast.council.pk, position="agree"))
    assert errors_in(response.content.decode()) == [
        "Mae’r grŵp hwn yn rhoi ei ateb drwy ei lefarwyr. Gofynnwch i un ohonyn nhw ateb."
    ]
