"""The audit's own sentences on Welsh pages (docs/adr/0018): the page shows the label
check's reasons and the notes in Welsh; the downloads in the engine's formats stay in
English like the CLI, and the easy-read downloads follow the page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from sharedspace.audit import audit_space
from sharedspace.audit.across import audit_partnership
from sharedspace.governance import actions


@pytest.fixture
def decided(cast, own):
    """The council's own space (claimed coproduction) with a decision the host made alone."""
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=own.pk, kind="decision", title="Our plan"
    )
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    return own


@pytest.fixture
def welsh(cast, signed_in):
    c = signed_in(cast.carol)
    c.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    return c


def _reports(space):
    with translation.override("en"):
        english = audit_space(space.pk)
    with translation.override("cy"):
        cymraeg = audit_space(space.pk)
    return english, cymraeg


def test_a_welsh_audit_page_gives_the_label_check_reasons_in_welsh(decided, welsh):
    english, cymraeg = _reports(decided)
    assert english["label_check"]["mismatch"]
    assert english["label_check"]["reasons"][0] == (
        "Council team made 1 of 1 decisions (100%) on its own."
    )
    html = welsh.get(reverse("web:audit", args=[decided.pk])).content.decode()
    for reason in cymraeg["label_check"]["reasons"]:
        assert escape(reason) in html
    for reason in english["label_check"]["reasons"]:
        assert escape(reason) not in html, reason
    assert "Gwnaeth Council team 1 o 1 penderfyniad (100%) ar ei ben ei hun." in html


def test_downloads_in_the_engines_formats_stay_english(decided, welsh):
    """JSON (and so CSV, HTML, PDF, slides, made from the same report) from a Welsh page."""
    english, _cymraeg = _reports(decided)
    got = welsh.get(reverse("web:audit_download", args=[decided.pk, "json"]))
    assert got.status_code == 200
    report = json.loads(got.content)
    assert report["label_check"] == english["label_check"]
    assert report["cannot_measure_yet"] == english["cannot_measure_yet"]
    html = welsh.get(reverse("web:audit_download", args=[decided.pk, "html"])).content.decode()
    assert escape(english["label_check"]["reasons"][-1]) in html


def test_easy_read_downloads_follow_the_page(decided, welsh):
    english, cymraeg = _reports(decided)
    assert cymraeg["cannot_measure_yet"] != english["cannot_measure_yet"]
    got = welsh.get(reverse("web:audit_download", args=[decided.pk, "easy-read.html"]))
    html = got.content.decode()
    for note in cymraeg["cannot_measure_yet"]:
        assert escape(note) in html
    for note in english["cannot_measure_yet"]:
        assert escape(note) not in html


def test_a_partnership_download_is_english_from_a_welsh_page(decided, cast, welsh):
    """The party and partnership downloads follow the same rule as a space's."""
    with translation.override("en"):
        english = audit_partnership(cast.council.pk, cast.guests.pk)
    url = reverse("web:partnership_audit_download", args=[cast.council.pk, cast.guests.pk, "json"])
    report = json.loads(welsh.get(url).content)
    assert report["label_check"] == english["label_check"]
    assert report["flags"] == english["flags"]
    assert report["label_check"]["reasons"] or report["flags"]
