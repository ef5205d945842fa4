"""Every charter form carries every section the core knows (issue: proposing a change once
dropped the "Other" section without a word). The forms are built from the core's list, so
these tests go over that list: a section the core adds is tested here too."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.actions._base import CHARTER_SECTIONS
from sharedspace.governance.models import Proposal, Space
from sharedspace.web import forms as f
from sharedspace.web.present import CHARTER_LABELS

from .conftest import accept_all, form_data

pytestmark = pytest.mark.django_db

# Every section with words, one with two lines (a browser sends its line breaks as \r\n).
FULL = {key: f"What we say about {key}." for key in CHARTER_SECTIONS}
FULL["meetings"] = "We meet monthly.\nA break every 45 minutes."
FULL["other"] = "Either group can leave at any time. Nothing written here is ever deleted."


@pytest.fixture
def full(cast):
    space = actions.space_create(
        actor=cast.carol, title="Transport", purpose="Fair transport",
        holders=[cast.council.pk, cast.group.pk], claimed_approach="coproduction", charter=FULL,
    )
    accept_all(space, cast)
    space.refresh_from_db()
    assert space.charter == FULL
    return space


def textareas(page: str, prefix: str) -> dict[str, str]:
    """The text boxes of one form on the page, as a browser would send them back."""
    found = re.findall(rf'<textarea[^>]* name="{prefix}-([a-z_]+)"[^>]*>(.*?)</textarea>',
                       page, re.S)
    return {name: htmllib.unescape(value).replace("\n", "\r\n") for name, value in found}


def test_the_core_and_the_web_know_the_same_sections():
    assert tuple(CHARTER_LABELS) == CHARTER_SECTIONS
    assert list(f.CharterForm(mine=[]).fields) == ["title", *CHARTER_SECTIONS, "closes_at",
                                                   "as_party"]
    space_fields = [n for n in f.SpaceForm(parties=[], others=[]).fields if
                    n.startswith("charter_")]
    assert space_fields == [f"charter_{key}" for key in CHARTER_SECTIONS]


def test_the_charter_page_offers_every_section_filled_in(cast, full, signed_in):
    page = signed_in(cast.sam).get(reverse("web:charter", args=[full.pk])).content.decode()
    boxes = textareas(page, "charter")
    assert {k: v.replace("\r\n", "\n") for k, v in boxes.items()} == FULL
    for key in CHARTER_SECTIONS:
        assert str(CHARTER_LABELS[key]) in page


@pytest.mark.parametrize("changed", CHARTER_SECTIONS)
def test_changing_one_section_keeps_every_other_section(changed, cast, full, signed_in):
    sam = signed_in(cast.sam)
    url = reverse("web:charter", args=[full.pk])
    sent = textareas(sam.get(url).content.decode(), "charter")
    sent[changed] = "New words.\r\nOn two lines."
    response = sam.post(url, form_data("charter", title="Change one part", **sent))
    assert response.status_code == 302, response.content.decode()
    proposal = Proposal.objects.get(space=full, kind="charter")
    assert set(proposal.charter) == set(CHARTER_SECTIONS)
    for key in CHARTER_SECTIONS:
        expected = "New words.\nOn two lines." if key == changed else FULL[key]
        assert proposal.charter[key] == expected, key


def test_emptying_a_section_takes_only_that_section_out(cast, full, signed_in):
    sam = signed_in(cast.sam)
    url = reverse("web:charter", args=[full.pk])
    sent = textareas(sam.get(url).content.decode(), "charter")
    sent["payment"] = "  "
    assert sam.post(url, form_data("charter", title="No payment part", **sent)).status_code == 302
    proposal = Proposal.objects.get(space=full, kind="charter")
    assert proposal.charter == {k: v for k, v in FULL.items() if k != "payment"}


def test_making_a_space_can_set_every_section(cast, signed_in):
    carol = signed_in(cast.carol)
    page = carol.get(reverse("web:space_new"), {"kind": "shared"}).content.decode()
    for key in CHARTER_SECTIONS:
        assert f'name="space-charter_{key}"' in page
    response = carol.post(reverse("web:space_new"), form_data(
        "space", title="Transport", purpose="Fair transport", party=cast.council.pk,
        kind="shared", others=[cast.group.pk], claimed_approach="coproduction",
        **{f"charter_{key}": words.replace("\n", "\r\n") for key, words in FULL.items()},
    ))
    assert response.status_code == 302, response.content.decode()
    assert Space.objects.get(title="Transport").charter == FULL
