"""The easy-read explainer of the model (ADR 34): public web slides at /explainer/<n>/ and the
same slides as PowerPoint at /explainer.pptx, in English and Welsh, from one set of texts."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sharedspace.web import easyread, explainer

pytestmark = pytest.mark.django_db

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
LANGUAGES = ["en", "cy"]


def href(number: int) -> str:
    return reverse("web:explainer") if number == 1 else reverse("web:explainer_slide",
                                                                 args=[number])


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_there_are_eight_to_ten_slides_each_with_an_icon_and_one_to_three_sentences():
    assert 8 <= len(explainer.SLIDES) <= 10
    assert len({s.key for s in explainer.SLIDES}) == len(explainer.SLIDES)
    for item in explainer.SLIDES:
        svg = get_template(f"web/icons/{item.icon}.svg").render({})
        assert 'aria-hidden="true"' in svg, item.key
        assert 1 <= len(item.lines) <= 3, item.key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sentence_is_short_and_single(language):
    """Each sentence, in English and Welsh, is one sentence of at most 15 words: the test of
    easyread.TEXTS (tests/web/test_easyread.py), run on the explainer's texts."""
    with translation.override(language):
        for item in explainer.SLIDES:
            assert 0 < len(str(item.title).split()) <= 6, item.title
            for line in item.lines:
                text = str(line)
                words = text.split()
                assert len(words) <= easyread.MAX_WORDS, f"{item.key}: {len(words)}: {text}"
                assert len(SENTENCE_END.findall(text)) == 1 and text.endswith("."), (
                    f"{item.key}: not exactly one sentence: {text}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_slide_opens_without_signing_in_and_links_to_the_next(language):
    """Each slide: 200 for anyone, in the reader's language, its title and sentences,
    "Slide n of N", the next and previous slides, every slide listed (the current one
    marked), and the PowerPoint link."""
    client = client_in(language)
    total = len(explainer.SLIDES)
    for number, item in enumerate(explainer.SLIDES, start=1):
        response = client.get(href(number))
        assert response.status_code == 200, number
        page = html.unescape(response.content.decode())
        assert f'<html lang="{language}"' in page
        with translation.override(language):
            assert str(item.title) in page
            for line in item.lines:
                assert str(line) in page, (number, line)
            said = str(translation.gettext("Slide %(number)s of %(total)s")
                       % {"number": number, "total": total})
            assert said in page
            assert str(translation.gettext("Download these slides for PowerPoint")) in page
        assert f'href="{reverse("web:explainer_pptx")}"' in page
        if number < total:
            assert f'href="{href(number + 1)}" rel="next"' in page
        else:
            assert 'rel="next"' not in page
        if number > 1:
            assert f'href="{href(number - 1)}" rel="prev"' in page
        else:
            assert 'rel="prev"' not in page
        for other in range(1, total + 1):
            assert f'href="{href(other)}"' in page
        assert f'href="{href(number)}" aria-current="page"' in page
        assert page.count('aria-current="page"') == 1


def test_slide_one_has_two_addresses_and_others_are_not_found():
    client = Client()
    assert reverse("web:explainer") == "/explainer/"
    assert client.get("/explainer/1/").status_code == 200
    assert client.get("/explainer/0/").status_code == 404
    assert client.get(f"/explainer/{len(explainer.SLIDES) + 1}/").status_code == 404


def test_the_home_page_and_the_footer_lead_to_the_explainer():
    page = Client().get(reverse("web:home")).content.decode()
    assert page.count(f'href="{reverse("web:explainer")}"') == 2  # the link, and the footer
    assert "See how it works, in easy read" in page
    footer = page[page.index('class="govuk-footer"'):]
    assert f'href="{reverse("web:explainer")}">What Shared Space is<' in footer


def slide_texts(prs):
    """The texts of each slide of a presentation, in order."""
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame
             and shape.text_frame.text] for slide in prs.slides]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_powerpoint_file_has_every_slide_in_the_readers_language(language):
    """The file opens with python-pptx, has one slide a web slide, and each carries the same
    title and sentences as the web slide, in the reader's language, in large type."""
    from pptx import Presentation
    from pptx.util import Pt

    response = client_in(language).get(reverse("web:explainer_pptx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation")
    assert response["Content-Disposition"] == (
        f'attachment; filename="shared-space-explainer-{language}.pptx"')
    prs = Presentation(io.BytesIO(response.content))
    assert len(prs.slides) == len(explainer.SLIDES)
    texts = slide_texts(prs)
    total = len(explainer.SLIDES)
    with translation.override(language):
        assert prs.core_properties.title == str(explainer.TITLE)
        for number, (item, found) in enumerate(zip(explainer.SLIDES, texts, strict=True),
                                               start=1):
            assert str(item.title) in found
            assert "\n".join(str(line) for line in item.lines) in found
            assert str(translation.gettext("Slide %(number)s of %(total)s")
                       % {"number": number, "total": total}) in found
    for slide in prs.slides:
        sizes = [run.font.size for shape in slide.shapes if shape.has_text_frame
                 for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
                 if run.text in {str(line) for item in explainer.SLIDES for line in item.lines}]
        assert sizes and all(size >= Pt(28) for size in sizes)
        pictures = [shape for shape in slide.shapes if not shape.has_text_frame
                    or not shape.text_frame.text]
        assert pictures, "every slide has a picture"
        for shape in slide.shapes:  # everything is on the slide
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height


def test_the_slides_work_without_a_script_and_the_script_is_a_module():
    """No inline script (the CSP forbids it); the arrow keys' script is an ES module whose
    links the page has without it."""
    page = Client().get(reverse("web:explainer_slide", args=[2])).content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert all("src=" in tag for tag in scripts)
    assert any('type="module"' in tag and "web/explainer.mjs" in tag for tag in scripts)
    assert "data-app-explainer-next" in page and "data-app-explainer-prev" in page
