"""What the projector shows, built once for the page and for its JSON: how many people of
each side answered, and the three circles for one question, with the same figures as a table.

The page's script (``static/web/workshop-live.mjs``) asks for the JSON every few seconds and
puts the new numbers where the page drew the old ones (``data-number`` and ``data-circle``).
Without JavaScript, the page's "Show the latest answers" button loads it again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sharedspace.perception.questions import BY_KEY
from sharedspace.workshops import selectors, tally
from sharedspace.workshops.models import Workshop

from .. import reads
from ..components import cell
from . import auditparts as parts
from .base import Page
from .workshop_words import BESIDE, CIRCLES

#: The question the projector shows first: "Whose space is this?", the three circles' own.
FIRST_QUESTION = "overall"


def side_name(side: str, names: Mapping[str, str]) -> str:
    if side == tally.UNSURE:
        return _("Not sure of their side")
    return names.get(side) or _("A group no longer in the space")


def join_base(request: HttpRequest) -> str:
    """Where people reach this service (SHAREDSPACE_BASE_URL when set: behind a proxy the
    request's own address may not be it), without a slash at the end."""
    base = (
        getattr(settings, "SHAREDSPACE_BASE_URL", "")
        or os.environ.get("SHAREDSPACE_BASE_URL", "")
        or request.build_absolute_uri("/")
    )
    return base.rstrip("/")


def join_links(request: HttpRequest, workshop: Workshop) -> dict[str, str]:
    """The address to type (short, to read from the back of a room), and the QR code's."""
    base = join_base(request)
    typed = base + reverse("web:workshop_join")
    return {
        "typed": typed,
        "typed_short": typed.removeprefix("https://").removeprefix("http://").rstrip("/"),
        "direct": base + reverse("web:workshop_side", args=[workshop.code]),
    }


def qr_svg(address: str, label: str) -> SafeString:
    """A QR code of ``address`` as inline SVG (segno: dark squares on white, four squares of
    quiet zone), named for screen readers by ``label``; it scales to the width it is given."""
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#0b0c0c", light="#ffffff", omitsize=True,
        svgclass="app-workshop-qr", lineclass=None,
    )
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(named)  # noqa: S308 - segno's own markup; the label is escaped


def counted(key: str, n: int) -> SafeString:
    """A number the projector's script keeps up to date (``data-number``)."""
    return format_html('<span data-number="{}">{}</span>', key, n)


def live(
    counts: selectors.Counts,
    *,
    sides: Sequence[str],
    names: Mapping[str, str],
    question: str,
) -> dict[str, Any]:
    """Everything the projector shows that changes as people answer."""
    all_sides = list(sides) + [s for s in counts.people if s not in sides]
    side_rows: list[dict[str, Any]] = [
        {"key": s, "name": side_name(s, names), "people": counts.people.get(s, 0)}
        for s in all_sides
    ]
    found = tally.circle_counts(counts.rows, question)
    drawn = parts.circles(
        found, CIRCLES, ident="workshop-circles", title=_("Answers to: %(question)s")
        % {"question": BY_KEY[question].text},
    )
    answered = sum(found.values())
    numbers: dict[str, int] = {"total": counts.total, "answered": answered}
    numbers.update({f"side-{row['key']}": row["people"] for row in side_rows})
    numbers.update({f"circle-{key}": n for key, n in found.items()})
    drawn["head"] = [cell(_("Answer")), cell(_("People"), numeric=True)]
    drawn["rows"] = [
        [cell(words), cell(counted(f"circle-{key}", found[key]), numeric=True)]
        for key, words, _short, _colour in CIRCLES
    ] + [
        [cell(words), cell(counted(f"circle-{key}", found[key]), numeric=True)]
        for key, words in BESIDE
    ] + [[cell(_("Everyone who answered this question")),
          cell(counted("answered", answered), numeric=True)]]
    return {
        "sides": side_rows,
        "side_head": [cell(_("Side")), cell(_("People who answered"), numeric=True)],
        "side_rows": [
            [cell(row["name"]), cell(counted(f"side-{row['key']}", row["people"]), numeric=True)]
            for row in side_rows
        ] + [[cell(_("Everyone")), cell(counted("total", counts.total), numeric=True)]],
        "total": counts.total,
        # No one new can join (the cap on people): the big screen says so.
        "full": counts.full,
        "circles": drawn,
        "description": "; ".join(f"{s['short']}: {s['n']}" for s in drawn["shapes"]),
        "numbers": numbers,
        "status": ngettext(
            "%(count)s person has answered.", "%(count)s people have answered.", counts.total
        ) % {"count": counts.total},
    }


def live_for(workshop: Workshop, question: str) -> dict[str, Any]:
    """``live`` for one session, read in a fixed number of queries."""
    sides = selectors.sides(workshop.space)
    counts = selectors.counts(workshop)
    names = reads.party_names([*sides, *counts.people])
    return live(counts, sides=sides, names=names, question=question)


def taking_answers(workshop: Workshop) -> bool:
    """Open, in an active space: what the core's ``_taking_answers`` checks. A session whose
    space closed while it was open ended with the space (docs/adr/0029)."""
    return workshop.taking_answers


def chosen_question(request: HttpRequest) -> str:
    key = request.GET.get("question", FIRST_QUESTION)
    return key if key in BY_KEY else FIRST_QUESTION


class WorkshopLive(Page):
    """The projector's figures as JSON, for its script. Anyone who can see the space."""

    http_method_names: ClassVar[list[str]] = ["get"]  # type: ignore[misc]

    def load(self, **kwargs: Any) -> None:
        self.workshop = selectors.workshop_get(
            viewer=self.person, workshop_id=kwargs["workshop_id"]
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        shown = live_for(self.workshop, chosen_question(request))
        data = {
            "closed": not taking_answers(self.workshop),
            "full": shown["full"],
            "numbers": shown["numbers"],
            "circles": [{"key": s["key"], "r": s["r"]} for s in shown["circles"]["shapes"]],
            "description": shown["description"],
            "status": shown["status"],
        }
        response = JsonResponse(data)
        response["Cache-Control"] = "no-store"
        return response
