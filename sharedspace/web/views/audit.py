"""The power audit of a space as a page, and the report to download in each format.

The report comes from the audit engine (it reads the running counters, so the number of
queries does not grow with the record). Who may see it is checked first, as in the API:
``selectors.space_get`` raises NotFound (a 404) for anyone with no part in the space.
The sentences inside the report (reasons, notes) come from the engine, in the page's
language; the downloads in the engine's formats are in English (docs/adr/0018).
The parts every audit page shares are in ``auditparts`` (tables, pictures) and ``auditeasy``
(the easy-read summary); the audits of a party and a partnership are in ``audit_across``.
"""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sharedspace.audit import audit_space
from sharedspace.audit.formats import FORMATS, render
from sharedspace.audit.formats import perceptions as perception_format

from ..components import cell
from . import auditeasy
from . import auditparts as parts
from .auditparts import CONTENT_TYPES, EASY_READ_FORMATS, FORMAT_NAMES, approach_label
from .spacebase import SpacePage

__all__ = [
    "ACCEPTANCE",
    "CONTENT_TYPES",
    "FORMAT_NAMES",
    "Audit",
    "AuditDownload",
    "approach_label",
    "audit_context",
    "circles",
    "download_language",
    "download_links",
    "download_response",
]

ACCEPTANCE = parts.ACCEPTANCE

#: The words of the perception table on the page, in the reader's language; the downloads
#: keep the engine's English ones (``perception_format.WORDS``, docs/adr/0018).
PERCEPTION_WORDS = {
    "question": _("Question"),
    "record": _("The record"),
    "agree": _("Groups agree?"),
    "no_answer": _("No answers yet"),
    "not_measured": _("Not measured"),
    "together": _("All of us together"),
    "dont_know": _("Don’t know"),
    "split": _("Split: its people gave different answers"),
    "mixed": _("Mixed: no one group holds most of it"),
    "shared_but": _("Shared, but %(party)s holds more of the power"),
    "different": _("Seen differently."),
    "cannot_compare": _("Cannot compare yet"),
    "some_dont_know": _("Some groups don’t know"),
    "same": _("Yes, the same"),
}


def circles(by_venue: Mapping[str, int]) -> list[dict[str, Any]]:
    """The three circles of a space (own, shared, outside), each ``{key, words, short,
    colour, n, r, cx}`` (also used by the page of an imported audit)."""
    shapes: list[dict[str, Any]] = parts.circles(
        by_venue, parts.SPACE_VENUES, ident="circles", title=""
    )["shapes"]
    return shapes


def download_links(url_name: str, args: Sequence[str]) -> list[dict[str, Any]]:
    """The five formats of the engine, then the easy-read ones."""
    return [
        {"text": text, "href": reverse(url_name, args=[*args, fmt])}
        for fmt, text in [*((f, FORMAT_NAMES[f]) for f in FORMATS), *EASY_READ_FORMATS.items()]
    ]


def audit_context(
    report: Mapping[str, Any],
    *,
    name: parts.Names,
    focus: Sequence[str],
    label: dict[str, Any],
    circle_sets: list[dict[str, Any]],
    easy_subject: str,
    easy_circles: Mapping[str, int],
    not_allowed: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What every audit page shows, from its report (see ``web/partials/audit/``).
    ``not_allowed``: for the easy-read summary (``auditeasy.summary``)."""
    notes = parts.cannot_measure(report, name, focus)
    ideas = auditeasy.summary(
        report, name=name, subject=easy_subject, circles=easy_circles, focus=focus,
        notes=notes, not_allowed=not_allowed,
    )
    return {
        "report": report,
        "label": label,
        "circle_sets": circle_sets,
        "charts": parts.charts(report, name, focus),
        "decisions_table": parts.decisions(report, name),
        "initiative_table": parts.initiative(report, name),
        "acceptance_table": parts.acceptance(report, name),
        "objections_table": parts.objections(report, name),
        "money_blocks": parts.money(report, name),
        "exit": parts.exit_power(report, name),
        "information_table": parts.information(report, name),
        "outside_table": parts.outside(report),
        "elsewhere": parts.named_elsewhere(report),
        "notes": notes,
        # The engine's flags, in the reader's language (ADR 18): what to look at first.
        "flags": list(report.get("flags") or []),
        "easy_ideas": ideas,
        # In easy read the label check's box says this idea, not the engine's reasons with
        # their percentages; the summary below then leaves it out (docs/adr/0033).
        "easy_label": next((idea for idea in ideas if idea.get("label")), None),
    }


def download_language(fmt: str) -> AbstractContextManager[None]:
    """The engine's formats are English documents, like the CLI's, so their report is built
    in English; the easy-read files follow the page's language (docs/adr/0018)."""
    if fmt in EASY_READ_FORMATS:
        return nullcontext()
    return translation.override("en")


def download_response(
    request: HttpRequest, context: Mapping[str, Any], fmt: str, filename: str
) -> HttpResponse:
    """The report (``context["report"]``) as a file, or its easy-read version."""
    if fmt in EASY_READ_FORMATS:
        html = render_to_string(
            "web/pages/audit_easy_read_file.html", dict(context), request=request
        )
        if fmt.endswith(".pdf"):
            from weasyprint import HTML  # heavy import: only when a PDF is asked for

            body: str | bytes = HTML(string=html).write_pdf()
            content_type = CONTENT_TYPES["pdf"]
        else:
            body, content_type = html, CONTENT_TYPES["html"]
    else:
        body, content_type = render(context["report"], fmt), CONTENT_TYPES[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _day(iso: str | None) -> str:
    """An ISO time from the report as the reader's language writes the day: "3 September
    2026", "3 Medi 2026"."""
    if not iso:
        return ""
    return date_format(timezone.localtime(dt.datetime.fromisoformat(iso)), "j F Y")


def perception_when(block: Mapping[str, Any]) -> list[str]:
    """What the perception part of the page says first: which check it shows (its dates),
    and, when that is an earlier one because the newest cannot be compared yet, what the
    newest is waiting for; else the report's message first."""
    if not block.get("round"):
        return [str(block.get("message") or "")]
    opened, closed = _day(block.get("opened_at")), _day(block.get("closed_at"))
    said = [
        gettext("These answers are from the perception check started on %(opened)s and "
                "closed on %(closed)s.") % {"opened": opened, "closed": closed}
        if closed else
        gettext("These answers are from the perception check started on %(opened)s. It is "
                "still open.") % {"opened": opened}
    ]
    latest = block.get("latest") or {}
    if block.get("earlier") and latest:
        newest = {"opened": _day(latest.get("opened_at"))}
        said.append(
            gettext("The newest perception check, started on %(opened)s, has answers from "
                    "only one group so far, so it cannot be compared yet.") % newest
            if latest.get("status") == "one_side" else
            gettext("The newest perception check, started on %(opened)s, has no answers "
                    "yet, so it cannot be compared yet.") % newest
        )
        return [*said, gettext("Each group's answers are shown side by side, with the record "
                               "beside them.")]
    return [str(block.get("message") or ""), *said]


class Audit(SpacePage):
    template_name = "web/pages/audit.html"
    tab = "audit"

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)  # resolves due deadlines; 404 for people who may not see it
        self.report = audit_space(self.space.pk)

    def name(self, party: str) -> str:
        info = (self.report.get("parties") or {}).get(party) or {}
        return str(info.get("name") or self.names.get(party, party))

    def audit_context(self) -> dict[str, Any]:
        report = self.report
        by_venue = report["decisions"]["by_venue"]
        focus = [p for p in (self.view.viewer_party,) if p]
        return audit_context(
            report,
            name=self.name,
            focus=focus,
            label=parts.label_check(report, gettext("This space")),
            circle_sets=[
                parts.circles(
                    by_venue,
                    parts.SPACE_VENUES,
                    ident="circles",
                    title=_("Where decisions were made"),
                )
            ],
            easy_subject=gettext("This space"),
            easy_circles={
                "own": by_venue.get("own", 0),
                "shared": by_venue.get("shared", 0),
                "outside": by_venue.get("outside", 0),
            },
            not_allowed=auditeasy.not_allowed_to_start(
                report, guest_permissions=self.space.guest_permissions or [], name=self.name
            ),
        )

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context.update(self.audit_context())
        context.update(
            {
                "has_guests": bool(self.report.get("guests") or self.report.get("former_guests")),
                "downloads": download_links("web:audit_download", [self.space.pk]),
            }
        )
        context.update(self.perceptions())
        return context

    def perceptions(self) -> dict[str, Any]:
        """The perception table in the reader's language, with the questions the groups see
        differently named above it (a warning each, as on the perception check's pages)."""
        block = self.report.get("perceptions")
        if not block:
            return {"perceptions": None}
        words = {key: str(text) for key, text in PERCEPTION_WORDS.items()}
        head, body, different = perception_format.rows(self.report, words)
        return {
            "perceptions": block,
            "perception_when": perception_when(block),
            "perception_head": [cell(h) for h in head],
            "perception_rows": [[cell(v) for v in line] for line in body],
            "perception_different": [
                line[0] for line, flagged in zip(body, different, strict=True) if flagged
            ],
        }


class AuditDownload(Audit):
    """The report as a file: JSON, CSV, HTML, PDF or PowerPoint, or in easy read."""

    def load(self, **kwargs: Any) -> None:
        self.fmt = kwargs["fmt"]
        if self.fmt not in FORMATS and self.fmt not in EASY_READ_FORMATS:
            raise Http404
        with download_language(self.fmt):
            super().load(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context: dict[str, Any] = {"report": self.report}
        if self.fmt in EASY_READ_FORMATS:
            context.update(self.audit_context(), heading=self.space.title)
        return download_response(request, context, self.fmt, f"power-audit-{self.space.pk}")
