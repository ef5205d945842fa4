"""The easy-read explainer of the model: web slides anyone can open, and the same slides as a
PowerPoint file in the reader's language (texts in ``web/explainer.py``; ADR 34)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from .. import explainer


def slide(request: HttpRequest, number: int = 1) -> HttpResponse:
    """Slide ``number`` of the explainer: its picture and sentences, "Slide n of N", the
    previous and next slides, every slide, and the PowerPoint file."""
    item = explainer.slide(number)
    if item is None:
        raise Http404
    total = len(explainer.SLIDES)
    return render(request, "web/pages/explainer.html", {
        "slide": item,
        "number": number,
        "total": total,
        "title": explainer.TITLE,
        "previous": (number - 1, explainer.SLIDES[number - 2]) if number > 1 else None,
        "next": (number + 1, explainer.SLIDES[number]) if number < total else None,
        "slides": list(enumerate(explainer.SLIDES, start=1)),
    })


def pptx(request: HttpRequest) -> HttpResponse:
    """Every slide as a PowerPoint file, in the language of the page that asked for it."""
    response = HttpResponse(
        explainer.to_pptx(),
        content_type="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    language = "cy" if (get_language() or "").startswith("cy") else "en"
    response["Content-Disposition"] = (
        f'attachment; filename="shared-space-explainer-{language}.pptx"')
    response["Content-Language"] = language
    return response
