"""Workshop mode for the facilitator: open a session from the perception check, show it on
a projector as people answer, close it, and read its answers side by side afterwards.

Who may do what is the core's rule (``sharedspace/workshops/actions.py``): any person of a
group holding the space opens and closes a session; everyone who can see the space reads its
answers, counted by side, never named. How to join (the code, the QR code, the address) is
shown only to people of the groups in the space now (``selectors.may_see_code``): a group
that left, was removed or is only invited sees the rest. The pages people join from are in
``workshop_join.py``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sharedspace.perception.compare import record_beside
from sharedspace.perception.questions import BY_KEY, DONT_KNOW, QUESTIONS, TOGETHER
from sharedspace.perception.selectors import record_report
from sharedspace.workshops import actions, codes, selectors, tally

from .. import forms as f
from .. import reads
from ..components import cell, row
from .base import Confirm, FormMap
from .perception import answer_label, record_beside_question
from .spacebase import SpacePage
from .workshop_live import (
    chosen_question,
    join_links,
    live,
    live_for,
    qr_svg,
    side_name,
    taking_answers,
)
from .workshop_words import EASY_READ


def workshop_state(workshop: Any) -> str:
    """Open, closed by a facilitator, or ended because its space closed while it was open
    (also once ``workshop_open`` has written that end down, freeing its code)."""
    if workshop.ended_with_its_space:
        return _("Ended when the space closed")
    if not taking_answers(workshop):
        return _("Closed")
    return _("Open")


class PerceptionTab(SpacePage):
    """A page under the space's perception check tab, where workshops are run from."""

    tab = "perception"

    @property
    def can_manage(self) -> bool:
        """The core lets people of holders open and close sessions (in an active space)."""
        return self.active and bool(self.my_holder_parties)

    def breadcrumbs(self) -> list[dict[str, Any]]:
        items = super().breadcrumbs()
        items.append(
            {"text": _("Perception check"), "href": reverse("web:perception", args=[self.space.pk])}
        )
        return items


class WorkshopOpen(PerceptionTab):
    """What a workshop is, and the button that opens one."""

    template_name = "web/pages/workshop_open.html"
    forms: ClassVar[FormMap] = {"open": f.EmptyForm}

    def show_form(self, name: str) -> bool:
        return self.can_manage

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context.update(can_manage=self.can_manage, easy=EASY_READ["open"])
        return context

    def handle_open(self, form: f.EmptyForm) -> HttpResponse:
        found = actions.workshop_open(actor=self.person, space_id=self.space.pk)
        return self.done(
            _("The workshop is open. People can join now."),
            reverse("web:workshop", args=[found.pk]),
        )


class WorkshopPage(PerceptionTab):
    """One session, loaded before its space so the address can name the session alone."""

    forms: ClassVar[FormMap] = {"close": f.EmptyForm}
    confirm: ClassVar[dict[str, Confirm]] = {
        "close": Confirm(
            question=gettext_lazy("Close this workshop?"),
            what_happens=gettext_lazy(
                "No one can answer after this. The answers so far stay, and everyone who can "
                "see the space can read them."
            ),
            yes=gettext_lazy("Close the workshop"),
        )
    }

    def load(self, **kwargs: Any) -> None:
        self.workshop = selectors.workshop_get(
            viewer=self.person, workshop_id=kwargs["workshop_id"]
        )
        super().load(space_id=self.workshop.space_id)
        self.workshop.space = self.space  # the same row, read once more by the space view

    @property
    def taking(self) -> bool:
        return taking_answers(self.workshop)

    @cached_property
    def shows_code(self) -> bool:
        """Only people of the groups in the space now see how to join: the code, the QR
        code and the join address. Others who can see the space read the answers only."""
        return selectors.may_see_code(viewer=self.person, workshop=self.workshop)

    def show_form(self, name: str) -> bool:
        return self.can_manage and self.taking

    def workshop_context(self) -> dict[str, Any]:
        context = self.space_context()
        context.update(
            workshop=self.workshop,
            code=codes.spaced(self.workshop.code) if self.shows_code else "",
            shows_code=self.shows_code,
            taking=self.taking,
            can_close=self.show_form("close"),
            state=workshop_state(self.workshop),
            projector_href=reverse("web:workshop", args=[self.workshop.pk]),
            results_href=reverse("web:workshop_results", args=[self.workshop.pk]),
        )
        return context

    def handle_close(self, form: f.EmptyForm) -> HttpResponse:
        # Refused only by the core's own rules (not a holder, the space closed), which the
        # page words as every other page does.
        found = actions.workshop_close(actor=self.person, workshop_id=self.workshop.pk)
        return self.done(
            _("The workshop is closed. No one can answer now. The answers stay."),
            reverse("web:workshop_results", args=[found.pk]),
        )


class WorkshopProjector(WorkshopPage):
    """For the big screen: how to join, who has answered, and the circles filling in."""

    template_name = "web/pages/workshop_projector.html"

    def context(self) -> dict[str, Any]:
        context = self.workshop_context()
        question = chosen_question(self.request)
        here = reverse("web:workshop", args=[self.workshop.pk])
        links: dict[str, str] = {}
        qr = ""
        if self.shows_code and self.taking:  # else nothing that leads to the join pages
            links = join_links(self.request, self.workshop)
            qr = qr_svg(links["direct"], _("QR code: scan it to join the workshop"))
        context.update(
            easy=EASY_READ["projector"],
            links=links,
            qr=qr,
            live=live_for(self.workshop, question),
            question=BY_KEY[question],
            question_links=[
                {"text": q.text, "href": f"{here}?question={q.key}", "current": q.key == question}
                for q in QUESTIONS
            ],
            here=f"{here}?question={question}",
            other=other_language_lines(),
            live_url=reverse("web:workshop_live", args=[self.workshop.pk])
            + f"?question={question}",
        )
        return context


def other_language_lines() -> dict[str, str]:
    """How to join, in the other language as well, for a bilingual room: the big screen says
    both. Empty until those words are translated (never the same English twice)."""
    language = "cy" if (translation.get_language() or "en").startswith("cy") else "en"
    other = "en" if language == "cy" else "cy"
    lines = {"join": gettext_lazy("Join on your phone. Go to:"),
             "code": gettext_lazy("Then type the code:")}
    here = {key: str(text) for key, text in lines.items()}
    with translation.override(other):
        there = {key: str(text) for key, text in lines.items()}
    if there == here:
        return {}
    return {"language": other, **there}


class WorkshopResults(WorkshopPage):
    """The answers side by side, by side, like a perception check's; the record beside."""

    template_name = "web/pages/workshop_results.html"

    def context(self) -> dict[str, Any]:
        context = self.workshop_context()
        sides = selectors.sides(self.space)
        counts = selectors.counts(self.workshop)
        sides += [s for s in counts.people if s not in sides]
        names = dict(self.names)
        missing = [s for s in sides if s != tally.UNSURE and s not in names]
        if missing:  # a group that answered and has since left the space
            names.update(reads.party_names(missing))
        summary = tally.side_by_side(
            counts.rows, sides=sides, **record_beside(record_report(self.space))
        )
        context.update(
            easy=EASY_READ["results"],
            overall=live(counts, sides=sides, names=names, question="overall"),
            respondent_head=[cell(_("Side")), cell(_("People who answered"), numeric=True)],
            respondent_rows=[
                [cell(side_name(s, names)), cell(counts.people.get(s, 0), numeric=True)]
                for s in sides
            ],
            total=counts.total,
            questions=[self.question(q, sides, names) for q in summary["questions"]],
        )
        return context

    def question(
        self, q: dict[str, Any], sides: list[str], names: dict[str, str]
    ) -> dict[str, Any]:
        """One question: each side's view in a short list, the counts behind it in a table,
        the disagreement in words, and the record beside where the record measures it."""
        question = BY_KEY[q["key"]]
        by_side = q["by_party"]
        groups = [s for s in sides if s != tally.UNSURE]
        options = [f"party:{p}" for p in groups] + [TOGETHER, DONT_KNOW]
        rows = [
            [cell(answer_label(option, names))]
            + [cell(by_side[s]["counts"].get(option, 0), numeric=True) for s in sides]
            for option in options
        ]
        split = [names.get(p, p) for p in groups if by_side[p]["view"] == "split"]
        views = {p for p in groups if by_side[p]["view"] not in (None, DONT_KNOW, "split")}
        record = record_beside_question(q, groups, names)
        return {
            "key": q["key"],
            "text": question.text,
            "icon": question.icon,
            "head": [cell(_("Answer"))]
            + [cell(side_name(s, names), numeric=True) for s in sides],
            "rows": rows,
            "views": [
                row(side_name(s, names), answer_label(by_side[s]["view"], names)) for s in sides
            ],
            "answered": any(by_side[s]["answered"] for s in sides),
            "disagreement": q["disagreement"],
            "split": split,
            "same": len(views) > 1 and not q["disagreement"],
            "record": record,
        }
