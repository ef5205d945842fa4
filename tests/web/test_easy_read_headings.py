"""Easy read: no "Power audit" or "Charter" in the headings. The audit's and the charter's
pages are headed by their tabs' plain words (``easyread.TABS``), so a reader lands on a page
called what they pressed; the group's audit pages and an imported audit say it plainly too.
Without easy read, the usual words stay."""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sharedspace.web import easyread

from .test_import_report import _report_page
from .test_upload import (  # noqa: F401 - fixtures used by name
    DATA,
    carol,
    data_dir,
    worker_keeps_the_test_connection,
)

#: The new easy-read headings (each also checked to be short in both languages).
NEW_HEADINGS = (
    "Propose a change to our agreement",
    "Who really decides when this group works with %(name)s",
    "Where this group really has power",
    "Who really decides between these two groups",
    "Who really had power on another website",
    "Who really had power",
)
JARGON = re.compile(r"power audit|charter", re.I)


def headings(html: str) -> list[str]:
    """The page's title, its headings and the caption over its main heading, as text."""
    found = re.findall(
        r'<(title|h[1-4]|span class="govuk-caption-l")[^>]*>(.*?)</(?:title|h[1-4]|span)>',
        html, re.S)
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))).strip()
            for _tag, text in found]


def pages(cast, shared) -> dict[str, str]:
    return {
        "audit": reverse("web:audit", args=[shared.pk]),
        "charter": reverse("web:charter", args=[shared.pk]),
        "party": reverse("web:party", args=[cast.council.pk]),
        "party_audit": reverse("web:party_audit", args=[cast.council.pk]),
        "partnership_audit": reverse("web:partnership_audit",
                                     args=[cast.council.pk, cast.group.pk]),
    }


def test_easy_read_headings_use_plain_words(cast, shared, signed_in):
    client = signed_in(cast.carol)
    client.cookies["easy_read"] = "1"
    said = {name: headings(client.get(url).content.decode())
            for name, url in pages(cast, shared).items()}
    for name, heads in said.items():
        assert heads, name
        assert not [h for h in heads if JARGON.search(h)], (name, heads)
    # The page is called what its tab is called.
    assert "Who really decides" in said["audit"]
    assert said["audit"][0].startswith(f"{easyread.TABS['audit']} – Day service review")
    assert "Our agreement" in said["charter"]
    assert said["charter"][0].startswith(f"{easyread.TABS['charter']} – Day service review")
    assert "Propose a change to our agreement" in said["charter"]
    assert "Who really decides" in said["party"]
    assert "Where this group really has power" in said["party_audit"]
    assert said["party_audit"][0].startswith("Who really decides – Council team")
    assert "Who really decides between these two groups" in said["partnership_audit"]
    party = client.get(pages(cast, shared)["party"]).content.decode()
    assert "Who really decides when this group works with Self-advocates" in party
    assert "Power audit of the partnership" not in party


def test_without_easy_read_the_usual_words_stay(cast, shared, signed_in):
    client = signed_in(cast.carol)
    said = {name: headings(client.get(url).content.decode())
            for name, url in pages(cast, shared).items()}
    assert "Power audit" in said["audit"]
    assert said["audit"][0].startswith("Power audit – Day service review")
    assert "Charter" in said["charter"]
    assert "Propose a change to the charter" in said["charter"]
    assert "Power audit" in said["party"]
    assert "Power audit of a group" in said["party_audit"]
    assert "Power audit of a partnership" in said["partnership_audit"]
    party = client.get(pages(cast, shared)["party"]).content.decode()
    assert "Power audit of the partnership with Self-advocates" in party
    assert "Who really decides" not in " ".join(said["audit"] + said["party"])


def test_an_imported_audit_in_easy_read(carol: Client) -> None:  # noqa: F811
    carol.post(reverse("web:easy_read"), {"easy_read": "on", "next": "/"})
    job, page = _report_page(carol, "log.csv", (DATA / "example-log.csv").read_bytes())
    heads = headings(page)
    assert heads[0].startswith("Who really had power – log.csv"), heads
    assert "Who really had power on another website" in heads
    assert not [h for h in heads if JARGON.search(h)], heads
    carol.post(reverse("web:easy_read"), {"easy_read": "off", "next": "/"})
    plain = headings(carol.get(f"/audit-import/{job.pk}/").content.decode())
    assert plain[0].startswith("Power audit – log.csv"), plain
    assert "Power audit of records from another platform" in plain


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_new_headings_are_short(language):
    """At most 15 words (with a five-word group name), in English and Welsh (the English
    until the Welsh is added)."""
    name = easyread.short_name("Aberhafod Council adult social care commissioning team")
    with translation.override(language):
        for words in NEW_HEADINGS:
            said = translation.gettext(words) % {"name": name} if "%(" in words else (
                translation.gettext(words))
            assert 0 < len(said.split()) <= easyread.MAX_WORDS, said
