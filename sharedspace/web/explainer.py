"""The easy-read explainer of the model: its slides, kept in one place for the web slides
(``/explainer/<n>/``) and the PowerPoint file (``/explainer.pptx``), which say the same.

One idea a slide, one of our icons, 1 to 3 sentences of at most ``easyread.MAX_WORDS`` words.
Written for this service (not generated), from DESIGN §1 to §4. Several sentences are the
easy-read texts' own (easyread.py), so they read the same everywhere and share their Welsh.
``tests/web/test_explainer.py`` checks every sentence, in English and Welsh, as
``tests/web/test_easyread.py`` checks easyread.TEXTS. Docs: docs/adr/0034.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Slide:
    key: str
    icon: str  # a template in web/icons/
    title: Promise
    lines: tuple[Promise, ...]


#: What the explainer is called, above every slide and in the file.
TITLE = _("How Shared Space works")

SLIDES: tuple[Slide, ...] = (
    Slide("power", "meeting", _("Who decides?"), (
        _("Power means who decides what happens."),
        _("Many groups say they work together as equals."),
        _("Shared Space shows who really decides."),
    )),
    Slide("my_space", "my_space", _("My space"), (
        _("My space is our own group's space."),
        _("We decide what happens here."),
        _("We can invite other groups in as guests."),
    )),
    Slide("your_space", "your_space", _("Your space"), (
        _("Your space belongs to another group."),
        _("Your group is a guest there, and they decide."),
        _("They can stop involving your group at any time."),
    )),
    # DESIGN §4 rule 5: not "every group must agree" (a group may stand aside).
    Slide("shared_space", "shared_space", _("Shared space"), (
        _("A shared space belongs to two or more groups."),
        _("The groups decide together, as equals."),
        _("No group can throw another group out."),
    )),
    Slide("deciding", "agree", _("Making a decision"), (
        _("A group can agree, object or stand aside."),
        _("A group that objects must say why."),
        _("Nothing is decided if a group says no."),
    )),
    Slide("silence", "decision", _("Silence is not yes"), (
        _("Every group must answer."),
        _("If a group does not answer, nothing is decided."),
        _("At least one group must say yes."),
    )),
    Slide("money", "money", _("Money in the open"), (
        _("Everyone in the space can see the money."),
        _("It shows who gave money and what was spent."),
        _("In a shared space, no money is spent if a group says no."),
    )),
    Slide("record", "record", _("A record nobody can change"), (
        _("Every important thing is written in the record."),
        _("Nobody can change the record."),
        _("The computer checks that nothing was changed."),
    )),
    Slide("leaving", "leave", _("You can always leave"), (
        _("Any group can choose to leave."),
        _("Nothing is deleted when you leave."),
        _("You can still read what you could read before."),
    )),
    Slide("checking", "understand", _("Check who really decides"), (
        _("The power audit counts who starts things and who decides."),
        _("We also ask each group how it sees power."),
        _("Then we compare the answers with the record."),
    )),
)


def slide(number: int) -> Slide | None:
    """Slide ``number`` (from 1), or None past either end."""
    return SLIDES[number - 1] if 1 <= number <= len(SLIDES) else None


# --- the PowerPoint file -------------------------------------------------------------------
# 16:9 like the audit's deck (audit/formats/deck.py), in inches. python-pptx cannot place an
# SVG, so each slide's picture is drawn with PowerPoint's own shapes after our icon (circles
# for the spaces): simple, and a facilitator can change it (ADR 34).

WIDTH, HEIGHT, MARGIN = 13.333, 7.5, 0.6
INK, GREY, WHITE = "0b0c0c", "505a5f", "ffffff"
GREEN, GREEN_LIGHT = "00703c", "cce2d8"
BLUE, BLUE_LIGHT = "1d70b8", "d2e2f1"
RED, RED_LIGHT = "d4351c", "f4cdc6"
PURPLE, PALE = "4c2c92", "f3f2f1"
PICTURE = 3.6  # the picture's square, right of the words


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.upper())


def _shape(slide: Any, kind: str, left: float, top: float, width: float, height: float,
           fill: str | None, line: str | None = None, line_pt: float = 4) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_shape(getattr(MSO_SHAPE, kind), Inches(left), Inches(top),
                                   Inches(width), Inches(height))
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = _rgb(line)
        shape.line.width = Pt(line_pt)
    shape.shadow.inherit = False
    return shape


def _line(slide: Any, points: list[tuple[float, float]], colour: str, pt: float) -> None:
    from pptx.util import Inches, Pt

    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        connector = slide.shapes.add_connector(1, Inches(x1), Inches(y1), Inches(x2), Inches(y2))
        connector.line.color.rgb = _rgb(colour)
        connector.line.width = Pt(pt)


def _person(slide: Any, x: float, y: float, size: float, colour: str) -> None:
    """A head and shoulders, centred on x, the head's top at y."""
    _shape(slide, "OVAL", x - size * 0.22, y, size * 0.44, size * 0.44, colour)
    # Shoulders: a "delay" shape (flat on one side, round on the other) turned round side up.
    # Turned about its centre, so it is drawn 0.5 wide and 0.8 high to show 0.8 by 0.5.
    _shape(slide, "FLOWCHART_DELAY", x - size * 0.25, y + size * 0.35, size * 0.5, size * 0.8,
           colour).rotation = 270


def _picture(slide: Any, icon: str) -> None:
    """Our icon's key shapes, in the square at the right of the slide."""
    s = PICTURE
    x0, y0 = WIDTH - MARGIN - s, 2.0
    cx, cy = x0 + s / 2, y0 + s / 2
    if icon == "shared_space":  # two circles, the overlap shaded: held by both
        r = s * 0.36
        _shape(slide, "OVAL", cx - r * 1.45, cy - r, 2 * r, 2 * r, GREEN_LIGHT, GREEN)
        _shape(slide, "OVAL", cx - r * 0.55, cy - r, 2 * r, 2 * r, None, BLUE)
        _shape(slide, "OVAL", cx - r * 0.45, cy - r * 0.7, r * 0.9, r * 1.4, PURPLE)
    elif icon in ("my_space", "your_space"):  # a circle with a person: green ours, blue theirs
        fill, colour = (GREEN_LIGHT, GREEN) if icon == "my_space" else (BLUE_LIGHT, BLUE)
        _shape(slide, "OVAL", x0, y0, s, s, fill, colour)
        _person(slide, cx, y0 + s * 0.2, s * 0.55, colour)
        if icon == "your_space":  # a guest at the edge, in grey
            _person(slide, x0 + s * 0.02, y0 + s * 0.65, s * 0.3, GREY)
    elif icon == "agree":  # the three answers: agree, object, stand aside
        d = s * 0.3
        for n, (fill, colour) in enumerate(
            [(GREEN_LIGHT, GREEN), (RED_LIGHT, RED), (PALE, GREY)]
        ):
            left = x0 + n * (d + s * 0.05)
            _shape(slide, "OVAL", left, cy - d / 2, d, d, fill, colour)
            mid_x, mid_y = left + d / 2, cy
            if n == 0:
                _line(slide, [(mid_x - d * 0.25, mid_y), (mid_x - d * 0.05, mid_y + d * 0.2),
                              (mid_x + d * 0.28, mid_y - d * 0.2)], GREEN, 6)
            elif n == 1:
                _line(slide, [(mid_x - d * 0.28, mid_y), (mid_x + d * 0.28, mid_y)], RED, 8)
            else:
                _shape(slide, "RIGHT_ARROW", mid_x - d * 0.3, mid_y - d * 0.15, d * 0.6,
                       d * 0.3, GREY)
    elif icon == "decision":  # an empty speech bubble: nobody answered
        _shape(slide, "ROUNDED_RECTANGULAR_CALLOUT", x0, y0 + s * 0.1, s, s * 0.65, PALE, GREY)
    elif icon == "money":  # a note
        _shape(slide, "ROUNDED_RECTANGLE", x0, cy - s * 0.3, s, s * 0.6, GREEN_LIGHT, GREEN)
        _shape(slide, "OVAL", cx - s * 0.15, cy - s * 0.15, s * 0.3, s * 0.3, None, GREEN)
    elif icon == "record":  # a page with lines and a green tick
        _shape(slide, "RECTANGLE", x0 + s * 0.15, y0, s * 0.65, s * 0.85, WHITE, INK)
        for n in range(3):
            y = y0 + s * (0.2 + 0.15 * n)
            _line(slide, [(x0 + s * 0.27, y), (x0 + s * (0.68 if n < 2 else 0.5), y)], GREY, 6)
        _shape(slide, "OVAL", x0 + s * 0.55, y0 + s * 0.6, s * 0.36, s * 0.36, GREEN)
        tx, ty = x0 + s * 0.73, y0 + s * 0.78
        _line(slide, [(tx - s * 0.09, ty), (tx - s * 0.02, ty + s * 0.07),
                      (tx + s * 0.1, ty - s * 0.07)], WHITE, 5)
    elif icon == "leave":  # a door and an arrow out of it
        _shape(slide, "RECTANGLE", x0, y0, s * 0.45, s * 0.8, PALE, GREY)
        _shape(slide, "RIGHT_ARROW", x0 + s * 0.35, cy - s * 0.2, s * 0.65, s * 0.3, INK)
    elif icon == "understand":  # a speech bubble with a tick: we ask each group
        _shape(slide, "ROUNDED_RECTANGULAR_CALLOUT", x0, y0 + s * 0.1, s, s * 0.6, BLUE_LIGHT, BLUE)
        _line(slide, [(cx - s * 0.2, y0 + s * 0.4), (cx - s * 0.05, y0 + s * 0.52),
                      (cx + s * 0.22, y0 + s * 0.25)], GREEN, 8)
    else:  # "meeting": three people at a table
        _shape(slide, "OVAL", x0, cy, s, s * 0.35, PALE, GREY)
        for n, colour in enumerate([BLUE, GREEN, PURPLE]):
            _person(slide, x0 + s * (0.18 + 0.32 * n), y0 + s * (0.12 if n == 1 else 0.22),
                    s * 0.3, colour)


def _words(slide: Any, text: str, left: float, top: float, width: float, height: float,
           size: int, *, colour: str = INK, bold: bool = False) -> Any:
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(colour)
    return box


def to_pptx() -> bytes:
    """The slides as a PowerPoint file, in the active language: each slide's title, its
    sentences in large type, its picture, and "Slide n of N"."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    prs.core_properties.title = str(TITLE)
    prs.core_properties.language = "cy-GB" if (get_language() or "").startswith("cy") else "en-GB"
    blank = prs.slide_layouts[6]
    text_width = WIDTH - 2 * MARGIN - PICTURE - 0.4
    for number, item in enumerate(SLIDES, start=1):
        page = prs.slides.add_slide(blank)
        _words(page, str(TITLE), MARGIN, 0.3, WIDTH - 2 * MARGIN, 0.6, 20, colour=GREY)
        _words(page, str(item.title), MARGIN, 0.85, WIDTH - 2 * MARGIN, 1.0, 44, bold=True)
        body = _words(page, str(item.lines[0]), MARGIN, 2.0, text_width, 4.6, 32)
        frame = body.text_frame
        for line in item.lines[1:]:
            paragraph = frame.add_paragraph()
            paragraph.text = str(line)
            for run in paragraph.runs:
                run.font.size = Pt(32)
                run.font.color.rgb = _rgb(INK)
        for paragraph in frame.paragraphs:
            paragraph.space_after = Pt(18)
        _picture(page, item.icon)
        _words(page, gettext("Slide %(number)s of %(total)s")
               % {"number": number, "total": len(SLIDES)},
               MARGIN, HEIGHT - 0.8, 6, 0.5, 18, colour=GREY)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
