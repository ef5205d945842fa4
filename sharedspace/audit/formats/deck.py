"""A workshop deck that reads across a room: wide slides, big type, native charts.

The audit's slides (one space, a party, a partnership) are built from these few kinds of
slide. Every kind keeps its words on the slide: long lists continue on a next slide rather
than running off the bottom, and tables split the same way. Charts are PowerPoint's own, so
a facilitator can restyle them, and each has its numbers printed on the bars.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

# 16:9, in EMU (914400 per inch).
WIDTH_IN, HEIGHT_IN = 13.333, 7.5
MARGIN_IN = 0.6
INK = (0x0B, 0x0C, 0x0C)
GREY = (0x50, 0x5A, 0x5F)
RED = (0xD4, 0x35, 0x1C)
GREEN = (0x00, 0x70, 0x3C)
BLUE = (0x1D, 0x70, 0xB8)

# How much text fits: characters per line at each size across the slide's width, and lines.
BODY_PT = 24
CHARS_PER_LINE = 78
LINES_PER_SLIDE = 9
ROWS_PER_TABLE = 8

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount: Any, currency: str | None) -> str:
    """An amount as people write it: £40,000.00, or 1,250.00 SEK for other currencies."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    text = f"{value:,.2f}"
    symbol = SYMBOLS.get((currency or "").upper())
    if symbol:
        return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"
    return f"{text} {currency}".strip()


def percent(share: Any) -> str:
    try:
        return f"{round(float(share) * 100)}%"
    except (TypeError, ValueError):
        return "not known"


def _rgb(colour: tuple[int, int, int]) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor(*colour)


def _lines_needed(text: str) -> int:
    return max(1, math.ceil(len(text) / CHARS_PER_LINE))


class Deck:
    """A presentation being built, one slide at a time."""

    def __init__(self) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.prs = Presentation()
        self.prs.slide_width = Inches(WIDTH_IN)
        self.prs.slide_height = Inches(HEIGHT_IN)

    # -------------------------------------------------------------- pieces

    def _title(self, slide: Any, text: str, *, colour: tuple[int, int, int] = INK) -> None:
        from pptx.util import Inches, Pt

        shape = slide.shapes.title
        shape.left, shape.top = Inches(MARGIN_IN), Inches(0.35)
        shape.width, shape.height = Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(1.1)
        frame = shape.text_frame
        frame.text = text
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        from pptx.enum.text import PP_ALIGN

        paragraph.alignment = PP_ALIGN.LEFT
        size = 40 if len(text) <= 40 else 32 if len(text) <= 60 else 26
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = _rgb(colour)

    def _text(self, slide: Any, text: str, *, top: float, height: float, size: int,
              colour: tuple[int, int, int] = INK, left: float = MARGIN_IN,
              width: float | None = None, bold: bool = False, centre: bool = False) -> Any:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Inches, Pt

        box = slide.shapes.add_textbox(Inches(left), Inches(top),
                                       Inches(width or WIDTH_IN - 2 * MARGIN_IN), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = text
        for paragraph in frame.paragraphs:
            if centre:
                paragraph.alignment = PP_ALIGN.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.color.rgb = _rgb(colour)
        return box

    # -------------------------------------------------------------- slides

    def cover(self, title: str, subtitle: str, note: str = "") -> None:
        from pptx.util import Inches, Pt

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        shape = slide.shapes.title
        shape.left, shape.top = Inches(MARGIN_IN), Inches(1.8)
        shape.width, shape.height = Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(2.0)
        shape.text_frame.text = title
        shape.text_frame.word_wrap = True
        for run in shape.text_frame.paragraphs[0].runs:
            run.font.size = Pt(44 if len(title) <= 50 else 34)
            run.font.bold = True
            run.font.color.rgb = _rgb(INK)
        sub = slide.placeholders[1]
        sub.left, sub.top = Inches(MARGIN_IN), Inches(4.0)
        sub.width, sub.height = Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(1.6)
        sub.text_frame.text = subtitle
        for run in sub.text_frame.paragraphs[0].runs:
            run.font.size = Pt(28)
            run.font.color.rgb = _rgb(GREY)
        if note:
            self._text(slide, note, top=6.3, height=0.6, size=16, colour=GREY)

    def bullets(self, title: str, lines: Sequence[str], *,
                colour: tuple[int, int, int] = INK, empty: str = "Nothing to show yet.") -> None:
        """A list, continued on more slides when it would not fit on one."""
        lines = [str(line) for line in lines] or [empty]
        pages: list[list[str]] = [[]]
        used = 0
        for line in lines:
            need = _lines_needed(line)
            if pages[-1] and used + need > LINES_PER_SLIDE:
                pages.append([])
                used = 0
            pages[-1].append(line)
            used += need
        for n, page in enumerate(pages):
            self._bullet_slide(title if n == 0 else f"{title} (continued)", page, colour)

    def _bullet_slide(self, title: str, lines: Sequence[str],
                      colour: tuple[int, int, int]) -> None:
        from pptx.util import Inches, Pt

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[1])
        self._title(slide, title, colour=colour)
        body = slide.placeholders[1]
        body.left, body.top = Inches(MARGIN_IN), Inches(1.6)
        body.width, body.height = Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(5.5)
        frame = body.text_frame
        frame.word_wrap = True
        frame.text = lines[0]
        for line in lines[1:]:
            frame.add_paragraph().text = line
        for paragraph in frame.paragraphs:
            paragraph.space_after = Pt(10)
            for run in paragraph.runs:
                run.font.size = Pt(BODY_PT)
                run.font.color.rgb = _rgb(INK)

    def table(self, title: str, head: Sequence[str], rows: Sequence[Sequence[Any]],
              note: str = "", *, per_slide: int = ROWS_PER_TABLE,
              marked: Sequence[bool] = ()) -> None:
        """A table in large type, split over slides when it is long. Rows ``marked`` True
        are drawn bold with their last cell in red (never colour alone: the words say it)."""
        if not rows:
            self.bullets(title, [], empty="Nothing to show yet.")
            return
        marks = list(marked) or [False] * len(rows)
        for n, start in enumerate(range(0, len(rows), per_slide)):
            self._table_slide(title if n == 0 else f"{title} (continued)", head,
                              rows[start:start + per_slide], note if n == 0 else "",
                              marks[start:start + per_slide])

    def _table_slide(self, title: str, head: Sequence[str], rows: Sequence[Sequence[Any]],
                     note: str, marks: Sequence[bool]) -> None:
        from pptx.util import Inches, Pt

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        self._title(slide, title)
        top = 1.6
        if note:
            self._text(slide, note, top=1.45, height=0.6, size=18, colour=GREY)
            top = 2.2
        width = WIDTH_IN - 2 * MARGIN_IN
        row_h = 0.55
        shape = slide.shapes.add_table(len(rows) + 1, len(head), Inches(MARGIN_IN), Inches(top),
                                       Inches(width), Inches(row_h * (len(rows) + 1)))
        table = shape.table
        first = width * (0.5 if len(head) > 2 else 0.65)
        table.columns[0].width = Inches(first)
        for j in range(1, len(head)):
            table.columns[j].width = Inches((width - first) / (len(head) - 1))
        size = 20 if len(rows) <= 6 and len(head) <= 3 else 18 if len(head) <= 4 else 16
        for j, text in enumerate(head):
            self._cell(table.cell(0, j), text, Pt(size), bold=True)
        for i, (row, mark) in enumerate(zip(rows, marks, strict=True), start=1):
            for j, value in enumerate(row):
                last = j == len(row) - 1
                self._cell(table.cell(i, j), value, Pt(size), bold=mark and last,
                           colour=RED if mark and last else None)

    @staticmethod
    def _cell(cell: Any, value: Any, size: Any, *, bold: bool = False,
              colour: tuple[int, int, int] | None = None) -> None:
        cell.text = "" if value is None else str(value)
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = size
                run.font.bold = bold
                if colour:
                    run.font.color.rgb = _rgb(colour)

    def _chart_slide(self, title: str, note: str) -> tuple[Any, float]:
        """A titled slide for a chart, with its note under the title; and where the chart
        can start (in inches from the top)."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        self._title(slide, title)
        if not note:
            return slide, 1.5
        self._text(slide, note, top=1.4, height=0.7, size=20, colour=GREY)
        return slide, 2.1

    def bars(self, title: str, categories: Sequence[str],
             series: Mapping[str, Sequence[float]], *, note: str = "",
             number_format: str = "0") -> None:
        """A horizontal bar chart with its numbers on the bars (PowerPoint's own chart)."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
        from pptx.util import Inches, Pt

        if not categories:
            self.bullets(title, [], empty="Nothing to show yet.")
            return
        slide, top = self._chart_slide(title, note)
        data = CategoryChartData(number_format=number_format)
        # PowerPoint draws the first category at the bottom: reverse, so it reads top down.
        data.categories = [_short(c) for c in reversed(categories)]
        # Within each group of bars the first series is drawn lowest: add them in reverse too.
        for name, values in reversed(list(series.items())):
            data.add_series(name, list(reversed([float(v) for v in values])))
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED, Inches(MARGIN_IN), Inches(top),
            Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(HEIGHT_IN - top - 0.3), data)
        chart = frame.chart
        chart.font.size = Pt(18)
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(18)
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        plot.gap_width = 60
        palette = (BLUE, GREEN, RED, GREY)[: len(plot.series)][::-1]
        for n, s in enumerate(plot.series):
            fill = s.format.fill
            fill.solid()
            fill.fore_color.rgb = _rgb(palette[n % len(palette)])
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = False
        value_axis.visible = False

    def lines(self, title: str, months: Sequence[str], series: Mapping[str, Sequence[int]],
              *, note: str = "") -> None:
        """A line per group over the months, each line with its own marker shape and dash,
        so colour is not the only way to tell them apart (PowerPoint's own chart)."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.util import Inches, Pt

        if not months or not series:
            self.bullets(title, [], empty="Nothing is in the record yet, so there is nothing "
                                       "to draw.")
            return
        slide, top = self._chart_slide(title, note)
        data = CategoryChartData(number_format="0")
        data.categories = [month_words(m) for m in months]
        for name, values in series.items():
            data.add_series(_short(name), [int(v) for v in values])
        chart = slide.shapes.add_chart(
            XL_CHART_TYPE.LINE_MARKERS, Inches(MARGIN_IN), Inches(top),
            Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(HEIGHT_IN - top - 0.3), data).chart
        chart.font.size = Pt(18)
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.value_axis.has_major_gridlines = True
        # Counts of people and things: whole numbers on the axis, never 2.5.
        top_value = max((max(v) for v in series.values() if v), default=0)
        chart.value_axis.major_unit = max(1, math.ceil(top_value / 6))
        chart.value_axis.minimum_scale = 0
        chart.value_axis.tick_labels.number_format = "0"
        chart.value_axis.tick_labels.number_format_is_linked = False
        styles = ((BLUE, XL_MARKER_STYLE.CIRCLE, MSO_LINE_DASH_STYLE.SOLID),
                  (RED, XL_MARKER_STYLE.SQUARE, MSO_LINE_DASH_STYLE.DASH),
                  (GREEN, XL_MARKER_STYLE.TRIANGLE, MSO_LINE_DASH_STYLE.ROUND_DOT),
                  (GREY, XL_MARKER_STYLE.DIAMOND, MSO_LINE_DASH_STYLE.LONG_DASH))
        for n, line in enumerate(chart.plots[0].series):
            colour, marker, dash = styles[n % len(styles)]
            line.smooth = False
            line.format.line.color.rgb = _rgb(colour)
            line.format.line.width = Pt(3.5)
            line.format.line.dash_style = dash
            line.marker.style = marker
            line.marker.size = 11
            line.marker.format.fill.solid()
            line.marker.format.fill.fore_color.rgb = _rgb(colour)

    def circles(self, title: str, circles: Sequence[tuple[str, int, tuple[int, int, int]]],
                note: str = "") -> None:
        """Three circles whose areas follow the decisions made in each place, each with its
        number inside and its place written under it."""
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
        from pptx.util import Inches, Pt

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        self._title(slide, title)
        if note:
            self._text(slide, note, top=1.4, height=0.7, size=22, colour=INK)
        total = sum(n for _l, n, _c in circles)
        slot = (WIDTH_IN - 2 * MARGIN_IN) / max(1, len(circles))
        biggest = 3.4
        centre_y = 4.1
        for i, (label, n, colour) in enumerate(circles):
            size = 0.9 + (biggest - 0.9) * (math.sqrt(n / total) if total else 0)
            cx = MARGIN_IN + slot * i + slot / 2
            shape = slide.shapes.add_shape(MSO_SHAPE.OVAL, Inches(cx - size / 2),
                                           Inches(centre_y - size / 2), Inches(size),
                                           Inches(size))
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(colour)
            shape.line.color.rgb = _rgb(colour)
            frame = shape.text_frame
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame.text = str(n)
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(32 if size > 1.2 else 24)
                run.font.bold = True
                run.font.color.rgb = _rgb((0xFF, 0xFF, 0xFF))
            self._text(slide, label, top=centre_y + biggest / 2 + 0.1, height=1.0, size=18,
                       left=cx - slot / 2 + 0.1, width=slot - 0.2, centre=True)

    def save(self) -> bytes:
        import io

        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_words(month: str) -> str:
    """"2026-08" as "Aug 2026"."""
    try:
        return f"{MONTHS[int(month[5:7]) - 1]} {int(month[:4])}"
    except (ValueError, IndexError):
        return str(month)


def _short(text: str, limit: int = 48) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


QUESTIONS = (
    "Does this match how it feels to each of us?",
    "Which decisions about this work are made somewhere else? Could they be made here?",
    "Who would need to agree for this to change?",
    "What is one thing we could decide together next time?",
)
