"""The workshop deck: wide slides, the three circles, numbers people can read, nothing
running off a slide."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sharedspace.audit import audit_space
from sharedspace.audit.formats import render
from sharedspace.audit.formats.deck import LINES_PER_SLIDE, Deck, money, percent
from sharedspace.governance import actions


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [("40000", "GBP", "£40,000.00"), ("-12.5", "EUR", "-€12.50"),
     ("1250.00", "SEK", "1,250.00 SEK"), ("0", "", "0.00")],
)
def test_money_is_written_as_people_write_it(amount, currency, words):
    assert money(amount, currency) == words


def test_percent():
    assert (percent(0.755), percent(1), percent(None)) == ("76%", "100%", "not known")


def test_long_lists_continue_on_a_next_slide():
    deck = Deck()
    deck.bullets("Things to talk about", [f"Point number {n} " + "word " * 30
                                          for n in range(LINES_PER_SLIDE)])
    prs = _open(deck.save())
    titles = _titles(prs)
    assert titles[0] == "Things to talk about"
    assert titles[1:] and all(t == "Things to talk about (continued)" for t in titles[1:])
    said = [p.text for s in prs.slides for p in s.placeholders[1].text_frame.paragraphs]
    assert len(said) == LINES_PER_SLIDE  # every point, each once


def test_slides_are_wide_and_every_shape_stays_on_its_slide(cast, shared):
    """16:9, and no shape is placed past the slide's edges."""
    actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                            title="Meet on Tuesdays")
    prs = _open(render(audit_space(shared.pk), "pptx"))
    assert prs.slide_width > prs.slide_height * 1.7
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top + shape.height <= prs.slide_height, shape.name


def test_deck_has_the_workshop_order_and_the_three_circles(cast, shared):
    """Title, label check, the three circles (one oval per place, its number inside), who
    starts things, whose proposals pass, money, perceptions, questions to discuss."""
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="40000")
    prs = _open(render(audit_space(shared.pk), "pptx"))
    titles = _titles(prs)
    assert titles[0].startswith("Power audit: ")
    assert titles[1] in ("The label does not fit", "Does the label fit?")
    assert titles[2] == "Where decisions were made"
    for expected in ("Who starts things", "Whose proposals pass", "Money (GBP)",
                     "How each group sees power", "Things to talk about"):
        assert expected in titles
    circles = [s for s in prs.slides[2].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(circles) == 3
    assert all(c.text_frame.text.isdigit() for c in circles)
    money_slide = prs.slides[titles.index("Money (GBP)")]
    table = next(s for s in money_slide.shapes if s.has_table).table
    cells = [table.cell(i, 1).text for i in range(1, len(table.rows))]
    assert "£40,000.00" in cells
    charts = [s for s in prs.slides[titles.index("Who starts things")].shapes if s.has_chart]
    assert len(charts) == 1
    talk = prs.slides[titles.index("Things to talk about")].placeholders[1].text_frame.text
    assert "Does this match how it feels to each of us?" in talk


def test_charts_over_time_are_line_charts_with_whole_numbers(cast, shared):
    """People taking part and things started, month by month, as line charts whose axis
    counts in whole steps; the HTML and PDF report write money as people write it."""
    from pptx.enum.chart import XL_CHART_TYPE

    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="40000")
    report = audit_space(shared.pk)
    prs = _open(render(report, "pptx"))
    titles = _titles(prs)
    for title in ("Who takes part, month by month", "Who starts things, month by month"):
        slide = prs.slides[titles.index(title)]
        chart = next(s for s in slide.shapes if s.has_chart).chart
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert chart.value_axis.major_unit >= 1
        assert len(list(chart.plots[0].series)) >= 1
    assert "£40,000.00" in render(report, "html")
