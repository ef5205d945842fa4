"""The power audit pages of a group across its spaces and of a partnership, the charts over
time on every audit page, the easy-read summary, and the downloads in every format."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sharedspace.governance import actions
from sharedspace.web.easyread import MAX_WORDS

from .conftest import CHARTER, accept_all

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "html": "text/html",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "easy-read.html": "text/html",
    "easy-read.pdf": "application/pdf",
}
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@pytest.fixture
def busy(cast, shared, own):
    """Money and an outside decision in the shared space; a guest's proposal in the own one."""
    actions.fund_commit(
        actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="100.00"
    )
    actions.outside_decision_record(
        actor=cast.carol, space_id=shared.pk, made_by=cast.outsiders.pk, summary="Budget cut"
    )
    actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="Hear us")
    return {"shared": shared, "own": own}


def party_url(party, *more):
    return reverse("web:party_audit", args=[party.pk, *more])


def pair_url(a, b):
    return reverse("web:partnership_audit", args=[a.pk, b.pk])


def easy(client: Client) -> Client:
    client.post(reverse("web:easy_read"), {"easy_read": "on", "next": "/"})
    return client


def test_a_group_audit_shows_every_measure(busy, cast, signed_in):
    """The council's coordinator sees the council's audit across its spaces: the label check
    first (its own space is called coproduction), its circles, the charts with their tables,
    the spaces, and each group it works with linking to their partnership."""
    html = signed_in(cast.carol).get(party_url(cast.council)).content.decode()
    banner = html.index('id="label-check-title"')
    assert banner < html.index('<h1 class="govuk-heading-l">') < html.index("<svg")
    assert "2 of these spaces are called something the record does not show." in html
    assert "Coproduction board is called coproduction, but the record shows" in html
    assert '<title id="circles-0-title">Where decisions were made, seen from Council team' in html
    assert "In another group’s space, as a guest" in html
    for title in ("Who takes part, month by month", "Who starts things, month by month"):
        assert f'<title id="chart-people-title">{title}' in html or title in html
    assert html.count('role="img"') == 3  # one set of circles and two charts
    assert html.count("<desc id=") == 3
    assert "Day service review" in html and "Coproduction board" in html
    for other in (cast.group, cast.guests):
        assert pair_url(cast.council, other) in html
    assert "Who put money in" in html and "£100.00" in html
    assert "Who can see what" in html and "Objections and what happened to them" not in html
    for fmt in CONTENT_TYPES:
        assert reverse("web:party_audit_download", args=[cast.council.pk, fmt]) in html
    assert " style=" not in html and "<style" not in html


def test_a_partnership_audit_shows_both_sides(busy, cast, signed_in):
    """A self-advocate sees the partnership of the council and the self-advocates: one set of
    circles for each, and the label check of the partnership as a whole."""
    response = signed_in(cast.sam).get(pair_url(cast.group, cast.council))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Self-advocates and Council team" in html
    assert "seen from Self-advocates" in html and "seen from Council team" in html
    assert html.count('role="img"') == 4
    assert "What the record shows" in html


def test_the_party_page_links_to_the_audits(busy, cast, signed_in):
    """The group's page links to its audit and to each partnership it can see."""
    html = signed_in(cast.carol).get(reverse("web:party", args=[cast.council.pk])).content
    html = html.decode()
    assert party_url(cast.council) in html
    assert pair_url(cast.council, cast.group) in html
    assert pair_url(cast.council, cast.guests) in html


def test_scoping_follows_the_api(busy, cast, signed_in):
    """Only the spaces the viewer may see count; someone who sees none of them and belongs to
    neither group gets a 404, as for a wrong address; so does a group with itself."""
    gil = signed_in(cast.gil)  # the carers forum: a guest in the council's own space only
    html = gil.get(party_url(cast.council)).content.decode()
    assert "Coproduction board" in html and "Day service review" not in html
    assert "It covers 1 space that you can see." in html
    olive = signed_in(cast.olive)  # named in an outside decision, in no space
    assert olive.get(party_url(cast.group)).status_code == 404
    assert olive.get(pair_url(cast.council, cast.group)).status_code == 404
    for fmt in ("json", "easy-read.html"):
        url = reverse("web:partnership_audit_download", args=[cast.council.pk, cast.group.pk, fmt])
        assert olive.get(url).status_code == 404
    assert gil.get(pair_url(cast.council, cast.group)).status_code == 404
    assert signed_in(cast.carol).get(pair_url(cast.council, cast.council)).status_code == 404
    assert (
        signed_in(cast.carol).get(reverse("web:party_audit", args=["pty_doesnotexist"])).status_code
        == 404
    )
    party_page = gil.get(reverse("web:party", args=[cast.group.pk])).content.decode()
    assert party_url(cast.group) not in party_page  # no link to a page that would be a 404


def test_signing_in_is_needed(busy, cast, client):
    response = client.get(party_url(cast.council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in"))


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
@pytest.mark.parametrize("scope", ["party", "partnership"])
def test_every_download(busy, cast, signed_in, fmt, scope):
    """Each of the five formats, and the easy-read ones, with its type and file name."""
    if scope == "party":
        url = reverse("web:party_audit_download", args=[cast.council.pk, fmt])
        name = f"power-audit-{cast.council.pk}.{fmt}"
    else:
        url = reverse("web:partnership_audit_download", args=[cast.council.pk, cast.group.pk, fmt])
        name = f"power-audit-{cast.council.pk}-{cast.group.pk}.{fmt}"
    response = signed_in(cast.carol).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    body = response.content
    if fmt == "json":
        report = json.loads(body)
        assert report["scope"] == scope and "by_month" in report["initiative"]
    elif fmt == "easy-read.html":
        assert b"Power audit in easy read" in body and b"<svg" in body
    elif fmt.endswith("pdf"):
        assert body.startswith(b"%PDF")
    elif fmt == "pptx":
        assert body.startswith(b"PK")
    else:
        assert body


def test_the_space_offers_easy_read_downloads(busy, cast, signed_in):
    """The space's audit has the easy-read download too, and an unknown format is a 404."""
    c = signed_in(cast.carol)
    url = reverse("web:audit_download", args=[busy["own"].pk, "easy-read.html"])
    response = c.get(url)
    assert response.status_code == 200
    assert "This space is called coproduction." in response.content.decode()
    for name in ("party_audit_download",):
        assert c.get(reverse(f"web:{name}", args=[cast.council.pk, "exe"])).status_code == 404


def test_every_audit_page_has_the_charts_over_time(busy, cast, signed_in):
    """The space's page shows participation and initiative over time, each an accessible
    picture (title, description, a key naming each line) with its table beside it."""
    html = signed_in(cast.carol).get(reverse("web:audit", args=[busy["own"].pk])).content.decode()
    for ident, title in (
        ("chart-people", "Who takes part, month by month"),
        ("chart-started", "Who starts things, month by month"),
    ):
        assert f'<title id="{ident}-title">{title}</title>' in html
        assert f'aria-labelledby="{ident}-title {ident}-desc"' in html
    assert "Carers forum" in html.split('id="chart-started-desc"')[1].split("</svg>")[0]
    assert "Change over time needs at least two months of record." in html
    assert "Objections and what happened to them" not in html  # nobody objected


def _easy_lines(html: str) -> list[str]:
    """The easy-read summary's sentences, after those of the label check's box when easy
    read puts the label check there (docs/adr/0033)."""
    return _banner_lines(html) + _summary_lines(html)


def _summary_lines(html: str) -> list[str]:
    block = html.split('id="easy-read-title"')[1].split("</section>")[0]
    return [
        re.sub(r"<[^>]+>", "", p).strip()
        for p in re.findall(r'<p class="govuk-body-l">(.*?)</p>', block, re.S)
    ]


def _banner_lines(html: str) -> list[str]:
    """The easy-read sentences of the label check's box, [] when it has none."""
    if 'id="label-check-title"' not in html:
        return []
    content = html.split('id="label-check-title"')[1].split('class="govuk-notification-banner'
                                                            '__content">')[1]
    found = content.split('class="app-easy-read-block__text">')[1:2]
    if not found:
        return []
    return [
        re.sub(r"<[^>]+>", "", p).strip()
        for p in re.findall(r'<p class="govuk-body-l">(.*?)</p>', found[0].split("</div>")[0],
                            re.S)
    ]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_easy_read_summaries_are_short_sentences(busy, cast, signed_in, language):
    """With easy read on, each audit page leads with its summary: pictures and sentences of
    one idea each, at most 15 words, in English and in Welsh."""
    c = easy(signed_in(cast.carol))
    if language == "cy":
        c.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    urls = [
        reverse("web:audit", args=[busy["own"].pk]),
        reverse("web:audit", args=[busy["shared"].pk]),
        party_url(cast.council),
        pair_url(cast.council, cast.group),
        pair_url(cast.council, cast.guests),
    ]
    with translation.override(language):
        for url in urls:
            html = c.get(url).content.decode()
            assert 'id="easy-read-title"' in html, url
            assert html.index('id="easy-read-title"') < html.index('<svg class="app-audit'), url
            lines = _easy_lines(html)
            assert len(lines) >= 5, url
            for line in lines:
                text = line.replace("&#x27;", "'")
                assert len(text.split()) <= MAX_WORDS, f"{url}: {text}"
                assert len(SENTENCE_END.findall(text)) == 1 and text.endswith("."), text


def test_easy_read_says_the_label_check_first(busy, cast, signed_in):
    """The first easy-read idea is the label check, in plain words, with a picture, each
    ladder word explained, and why in short sentences: in the label check's box when the
    name does not match (the box no longer gives the standard reasons), and not again in
    the summary below it."""
    c = easy(signed_in(cast.carol))
    html = c.get(reverse("web:audit", args=[busy["own"].pk])).content.decode()
    assert _banner_lines(html) == [
        "This space is called coproduction.",
        "Coproduction means all the groups share power and decide together as equals.",
        "The record shows engagement.",
        "Engagement means others can suggest ideas, but one group still decides.",
        "Only Council team decides here.",
        "Guests can make proposals, but they cannot decide.",
        "So the name does not match what really happens.",
    ]
    banner = html.split('id="label-check-title"')[1].split("</section>")[0]
    assert "Is the name right?" in html.split('id="label-check-title"')[1][:40]
    assert "app-icon" in banner and "%" not in banner
    assert "only Council team could decide" not in html  # the engine's reason, full report
    assert "This space is called coproduction." not in _summary_lines(html)
    plain = signed_in(cast.carol).get(reverse("web:audit", args=[busy["own"].pk]))
    assert 'id="easy-read-title"' not in plain.content.decode()


def test_a_group_easy_read_says_how_many_labels_do_not_match(busy, cast, signed_in):
    """A group has no label of its own: its easy-read summary starts with how many of its
    spaces have a name that does not match."""
    lines = _easy_lines(easy(signed_in(cast.carol)).get(party_url(cast.council)).content.decode())
    assert lines[0] == "2 spaces have a name that does not match what really happens."


def test_edge_cases_say_what_cannot_be_measured(cast, signed_in):
    """A space with one group and no decisions, then closed after its partner left: the
    pages say what they cannot measure yet instead of showing empty pictures."""
    alone = actions.space_create(
        actor=cast.carol,
        title="Alone",
        purpose="Just us",
        holders=[cast.council.pk],
        claimed_approach="informing",
    )
    html = signed_in(cast.carol).get(reverse("web:audit", args=[alone.pk])).content.decode()
    assert "What we cannot measure yet" in html
    assert "Only one group is in this space, so there is nobody to compare with." in html
    assert "No decisions have been made yet" in html
    pair = actions.space_create(
        actor=cast.carol,
        title="Pair",
        purpose="Both",
        holders=[cast.council.pk, cast.group.pk],
        claimed_approach="coproduction",
        charter=CHARTER,
    )
    accept_all(pair, cast)
    actions.space_leave(actor=cast.sam, space_id=pair.pk, party_id=cast.group.pk)
    html = signed_in(cast.sam).get(reverse("web:audit", args=[pair.pk])).content.decode()
    assert "This space is closed, so nothing new will be measured here." in html
    assert "Self-advocates left or was removed" in html
    solo = actions.party_create(
        actor=cast.olive, name="Solo group", kind="people", decision_rule="speaker"
    )
    html = signed_in(cast.olive).get(party_url(solo)).content.decode()
    assert "Solo group is not in any space yet." in html
    assert "This group has not met another group in a space yet" in html
    assert "There are no spaces to show yet." in html


def _grow(cast, shared, own, n):
    for i in range(n):
        space = actions.space_create(
            actor=cast.carol,
            title=f"More {i}",
            purpose="More",
            holders=[cast.council.pk, cast.group.pk],
            claimed_approach="co-design",
            charter=CHARTER,
        )
        accept_all(space, cast)
        actions.proposal_submit(
            actor=cast.sam, space_id=shared.pk, kind="decision", title=f"Idea {i}"
        )
        actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title=f"Ours {i}")
        actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="5")


@pytest.mark.parametrize("page", ["party", "partnership"])
def test_queries_do_not_grow_with_the_record(busy, cast, signed_in, page):
    """More proposals in the same spaces do not mean more queries (the audit reads counters).
    Each further space costs no query either: counters are read in one query for all."""
    c = signed_in(cast.carol)
    url = party_url(cast.council) if page == "party" else pair_url(cast.council, cast.group)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    _grow(cast, busy["shared"], busy["own"], 1)
    small = count()
    _grow(cast, busy["shared"], busy["own"], 4)
    assert count() == small


def test_easy_read_names_the_audit_in_plain_words(busy, cast, signed_in):
    """Easy read calls the audit "Who really decides" in the partnership page's breadcrumbs
    too, and heads its summary "What really happened"; without easy read they say "Power
    audit" and there is no summary."""
    url = pair_url(cast.council, cast.group)
    html = easy(signed_in(cast.carol)).get(url).content.decode()
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert "Who really decides" in crumbs and "Power audit" not in crumbs
    assert '<h2 class="govuk-heading-m" id="easy-read-title">What really happened</h2>' in html
    plain = signed_in(cast.carol).get(url).content.decode()
    crumbs = plain.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert "Power audit" in crumbs and "Who really decides" not in crumbs
