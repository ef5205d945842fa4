"""The power audit page of a space, and the audit to download in each format."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "html": "text/html",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@pytest.fixture
def busy(cast, shared, own):
    """Money and an outside decision in the shared space; a guest's proposal in the own one."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100.00")
    actions.outside_decision_record(actor=cast.carol, space_id=shared.pk,
                                    made_by=cast.outsiders.pk, summary="Budget cut")
    actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="Hear us")
    return {"shared": shared, "own": own}


def _page(client, space):
    return client.get(reverse("web:audit", args=[space.pk]))


def test_a_holder_sees_the_audit(busy, cast, signed_in):
    """A holder of the shared space sees the audit: the picture with its title and
    description, the tables, the money, and the download links."""
    response = _page(signed_in(cast.carol), busy["shared"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert '<title id="circles-title">Where decisions were made</title>' in html
    assert "Outside, somewhere else: 1" in html  # the description says what the picture shows
    assert "Decisions by group" in html
    assert "Who starts things" in html
    assert "Who put money in" in html and "£100.00" in html
    assert "Other charity" in html  # the group that decided outside, by name
    for fmt in CONTENT_TYPES:
        assert reverse("web:audit_download", args=[busy["shared"].pk, fmt]) in html
    assert " style=" not in html and "<style" not in html  # the CSP allows no inline styles


def test_a_guest_sees_the_audit_of_its_host_space(busy, cast, signed_in):
    """The carers forum, a guest in the council's own space, sees that space's audit, with
    what happened to its proposal."""
    response = _page(signed_in(cast.gil), busy["own"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "What happened to each group’s proposals" in html
    assert "Carers forum" in html and "Still open" in html


def test_an_outsider_gets_not_found(busy, cast, signed_in):
    """Someone with no part in a space gets a 404 for its audit and its downloads, as for a
    wrong address; the guest gets a 404 for the shared space it is not part of."""
    olive = signed_in(cast.olive)
    for space in (busy["shared"], busy["own"]):
        assert _page(olive, space).status_code == 404
        url = reverse("web:audit_download", args=[space.pk, "json"])
        assert olive.get(url).status_code == 404
    assert _page(signed_in(cast.gil), busy["shared"]).status_code == 404
    assert _page(olive, type("S", (), {"pk": "spc_doesnotexist"})).status_code == 404


def test_signing_in_is_needed(busy, client):
    """Without signing in, the audit page sends you to sign in."""
    response = _page(client, busy["shared"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in"))


def test_the_label_check_comes_first_when_it_fails(busy, cast, signed_in):
    """The council's own space says it is coproduction, but only the council decides:
    the warning comes before anything else on the page, with the reasons in sentences."""
    html = _page(signed_in(cast.carol), busy["own"]).content.decode()
    banner = html.index('id="label-check-title"')
    assert banner < html.index('<h1 class="govuk-heading-l">')
    assert banner < html.index("<svg")
    assert "The label does not match the record" in html
    assert "This space says it is coproduction. The record shows engagement." in html
    assert "This is engagement, not coproduction." in html


def test_no_warning_when_the_label_matches(cast, signed_in):
    """A space that claims only to inform, and does, shows no warning."""
    space = actions.space_create(actor=cast.carol, title="News", purpose="Tell people",
                                 holders=[cast.council.pk], claimed_approach="informing")
    html = _page(signed_in(cast.carol), space).content.decode()
    assert 'id="label-check-title"' not in html
    assert "The label matches the record." in html


def test_the_engines_flags_are_shown_as_things_to_look_at(busy, cast, signed_in):
    """The engine's flags (in the JSON, CSV and downloads) are on the page too, near the top:
    here, a group that never started anything, and money one group took back alone."""
    actions.fund_withdraw(actor=cast.carol, space_id=busy["shared"].pk, party=cast.council.pk,
                          amount="40.00")
    html = _page(signed_in(cast.sam), busy["shared"]).content.decode()
    assert 'id="look-at"' in html
    flags = re.search(r"data-audit-flags>(.*?)</ul>", html, re.S)
    assert flags
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", flags.group(1)))
    assert "Self-advocates has not started anything here." in shown
    assert "40.00 GBP was taken out of the shared fund by one group alone." in shown
    assert html.index('id="look-at"') < html.index("Where decisions were made")
    # In Welsh too: the engine says them in the reader's language.
    sam = signed_in(cast.sam)
    sam.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    welsh = _page(sam, busy["shared"]).content.decode()
    assert 'id="look-at"' in welsh and "has not started anything here" not in welsh


def test_no_flags_no_heading(cast, signed_in, own):
    """A space where the record shows nothing to look at has no empty heading."""
    actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="decision", title="Hear us")
    actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision", title="Yes")
    html = _page(signed_in(cast.carol), own).content.decode()
    assert 'id="look-at"' not in html


def test_the_space_page_links_to_the_audit(busy, cast, signed_in):
    """The space page and its history link to the audit page, not to raw JSON."""
    c = signed_in(cast.carol)
    url = reverse("web:audit", args=[busy["shared"].pk])
    for name in ("space", "history"):
        html = c.get(reverse(f"web:{name}", args=[busy["shared"].pk])).content.decode()
        assert url in html, name
        assert f"/api/v1/spaces/{busy['shared'].pk}/audit" not in html, name


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_every_download_has_the_right_type(busy, cast, signed_in, fmt):
    """Each download comes with its content type, a file name, and a body."""
    space = busy["shared"]
    response = signed_in(cast.sam).get(reverse("web:audit_download", args=[space.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == (
        f'attachment; filename="power-audit-{space.pk}.{fmt}"'
    )
    assert len(response.content) > 0
    if fmt == "json":
        assert json.loads(response.content)["space"] == space.pk


def test_an_unknown_format_is_not_found(busy, cast, signed_in):
    """Asking for a format we do not make gives a 404."""
    url = reverse("web:audit_download", args=[busy["shared"].pk, "exe"])
    assert signed_in(cast.carol).get(url).status_code == 404


def test_queries_do_not_grow_with_the_record(busy, cast, signed_in):
    """The audit reads running counters: more proposals do not mean more queries."""
    c = signed_in(cast.carol)
    space = busy["own"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert _page(c, space).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(5):
        actions.proposal_submit(actor=cast.gil, space_id=space.pk, kind="decision",
                                title=f"Idea {i}")
    assert count() <= before


def test_the_page_speaks_welsh(busy, cast, signed_in):
    """With Welsh chosen, the page's own words are in Welsh."""
    c = signed_in(cast.carol)
    c.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    html = _page(c, busy["own"]).content.decode()
    assert "Archwiliad pŵer" in html
    assert "Nid yw’r label yn cyd-fynd â’r cofnod" in html


def test_a_chart_scrolls_in_a_box_the_keyboard_can_reach(busy, cast, signed_in):
    """On a phone a chart keeps a readable width and scrolls sideways in its own box: the
    box takes focus and is named by the chart's heading."""
    html = _page(signed_in(cast.carol), busy["shared"]).content.decode()
    boxes = re.findall(r'<div class="app-audit-chart-scroll"([^>]*)>\s*<svg', html)
    assert len(boxes) == 2  # who takes part, who starts things
    for attributes in boxes:
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes
        heading = re.search(r'aria-labelledby="([^"]+)"', attributes).group(1)
        assert f'id="{heading}"' in html


def test_questions_seen_differently_are_warned_about(cast, shared, signed_in):
    """Each question the groups see differently is named in a GOV.UK warning above the
    perception table and marked in its row; a question seen the same way is not."""
    from sharedspace.perception import actions as perception

    c = signed_in(cast.carol)
    rnd = perception.round_open(actor=cast.carol, space_id=shared.pk)
    perception.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                              answers={"overall": "together", "money": "together"})
    html = _page(c, shared).content.decode()
    assert "Seen differently" not in html  # one side only: nothing to compare
    assert "Cannot compare yet" in html
    for who in (cast.sam, cast.mo):
        perception.answers_submit(actor=who, round_id=rnd.pk, party=cast.group.pk,
                                  answers={"overall": f"party:{cast.council.pk}",
                                           "money": "together"})
    html = _page(c, shared).content.decode()
    section = html[html.index("How each group sees power"):]
    warnings, table = section[:section.index("<table")], section[section.index("<table"):]
    assert warnings.count("govuk-warning-text__text") == 1
    assert ("Seen differently. Whose space is this? The groups do not give the same answer."
            in warnings)
    assert "Each group’s view and the record</caption>" in table
    row = table[table.index("Whose space is this?"):]
    assert "Seen differently." in row[:row.index("</tr>")]
    row = table[table.index("Who decides how money is spent?"):]
    assert "Yes, the same" in row[:row.index("</tr>")]
