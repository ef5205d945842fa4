"""The power audit of a space as a page, and the report to download in each format.

The report comes from the audit engine (it reads the running counters, so the number of
queries does not grow with the record). Who may see it is checked first, as in the API:
``selectors.space_get`` raises NotFound (a 404) for anyone with no part in the space.
The sentences inside the report (reasons, notes) come from the engine, in English.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sharedspace.audit import audit_space
from sharedspace.audit.formats import FORMATS, render
from sharedspace.audit.formats import perceptions as perception_format
from sharedspace.governance.choices import Approach

from ..components import cell, row
from ..templatetags.web import money as money_words
from .spacebase import SpacePage

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

FORMAT_NAMES = {
    "json": _("JSON, for computers"),
    "csv": _("CSV, for spreadsheets"),
    "html": _("A web page"),
    "pdf": _("PDF, to print"),
    "pptx": _("PowerPoint slides"),
}

# Where a decision was made: the key in the report, the words, and the circle's colour.
VENUES = (
    ("own", _("In the own space of one group, decided by that group"), "#1d70b8"),
    ("shared", _("In a shared space, by every group agreeing"), "#00703c"),
    ("outside", _("Outside, somewhere else"), "#d4351c"),
)

ACCEPTANCE = (
    ("proposed", _("Proposed")),
    ("passed", _("Passed")),
    ("blocked", _("Blocked")),
    ("lapsed", _("Ran out of time")),
    ("withdrawn", _("Withdrawn")),
    ("open", _("Still open")),
)


def approach_label(value: str | None) -> Any:
    """The name of a step on the ladder, in the reader's language."""
    try:
        return Approach(value or "").label
    except ValueError:
        return value or _("Not known")


def circles(by_venue: Mapping[str, int]) -> list[dict[str, Any]]:
    """Three circles whose areas follow the decisions made in each place."""
    total = sum(by_venue.get(key, 0) for key, _w, _c in VENUES)
    shapes = []
    for i, (key, words, colour) in enumerate(VENUES):
        n = by_venue.get(key, 0)
        radius = 24 + (66 * math.sqrt(n / total) if total else 0)
        shapes.append({"key": key, "words": words, "colour": colour, "n": n,
                       "r": f"{radius:.1f}", "cx": 110 + i * 220})
    return shapes


class Audit(SpacePage):
    template_name = "web/pages/audit.html"
    tab = "audit"

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)  # resolves due deadlines; 404 for people who may not see it
        self.report = audit_space(self.space.pk)

    def name(self, party: str) -> str:
        info = (self.report.get("parties") or {}).get(party) or {}
        return str(info.get("name") or self.names.get(party, party))

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        report = self.report
        context.update({
            "report": report,
            "claimed": approach_label(report.get("claimed_approach")),
            "measured": approach_label(report.get("measured_approach")),
            "approach_rows": [
                row(_("What the space says it is"), approach_label(report.get("claimed_approach"))),
                row(_("What the record shows"), approach_label(report.get("measured_approach"))),
            ],
            "mismatch": bool((report.get("label_check") or {}).get("mismatch")),
            "reasons": (report.get("label_check") or {}).get("reasons") or [],
            "circles": circles(report["decisions"]["by_venue"]),
            "downloads": [
                {"text": FORMAT_NAMES[fmt],
                 "href": reverse("web:audit_download", args=[self.space.pk, fmt])}
                for fmt in FORMATS
            ],
        })
        context.update(self.tables())
        context.update(self.exit_power())
        context.update(self.perceptions())
        return context

    def tables(self) -> dict[str, Any]:
        report = self.report
        decisions = report["decisions"]
        number = _("Number")
        venue_rows = [[cell(words), cell(decisions["by_venue"].get(key, 0), numeric=True)]
                      for key, words, _c in VENUES]
        party_rows = [[cell(self.name(p)), cell(n, numeric=True)]
                      for p, n in decisions["by_party"].items()]
        initiative = report["initiative"]
        initiative_rows = [[cell(self.name(p)), cell(n, numeric=True)]
                           for p, n in initiative["by_party"].items()]
        # One column a group and one row an outcome, so the table stays narrow on a phone.
        acceptance = report.get("acceptance") or {}
        acceptance_rows = [
            [cell(words)] + [cell(counts.get(key, 0), numeric=True)
                             for counts in acceptance.values()]
            for key, words in ACCEPTANCE
        ] if acceptance else []
        outside = report.get("outside_decisions") or {}
        outside_rows = [
            [cell(_("Confirmed by the group named")), cell(outside.get("confirmed", 0),
                                                           numeric=True)],
            [cell(_("Disputed by the group named")), cell(outside.get("disputed", 0),
                                                          numeric=True)],
            [cell(_("Not answered yet")), cell(outside.get("unanswered", 0), numeric=True)],
        ]
        return {
            "venue_head": [cell(_("Where it was decided")), cell(number, numeric=True)],
            "venue_rows": venue_rows,
            "party_head": [cell(_("Group")), cell(_("Decisions made"), numeric=True)],
            "party_rows": party_rows,
            "initiative_head": [cell(_("Group")), cell(_("Things started"), numeric=True)],
            "initiative_rows": initiative_rows,
            "acceptance_head": [cell(_("What happened"))] + [cell(self.name(p), numeric=True)
                                                             for p in acceptance],
            "acceptance_rows": acceptance_rows,
            "outside_head": [cell(_("What happened")), cell(number, numeric=True)],
            "outside_rows": outside_rows,
            **self.money(),
        }

    def money(self) -> dict[str, Any]:
        money = self.report["money"]
        if not money.get("measurable"):
            return {"money_rows": [], "given_rows": []}
        currency = money.get("currency") or ""

        def amount(key: str) -> str:
            return money_words(money.get(key, "0.00"), currency).strip()

        return {
            "money_rows": [
                row(_("Put in"), amount("committed")),
                row(_("Under the control of every group together"), amount("joint")),
                row(_("Spent with every group agreeing"), amount("spent_by_consent")),
                row(_("Spent by one group alone"), amount("spent_alone")),
                row(_("Taken back by one group alone"), amount("withdrawn_unilaterally")),
                row(_("Left in the fund"), amount("balance")),
            ],
            "given_head": [cell(_("Group")), cell(_("Put in"), numeric=True)],
            "given_rows": [
                [cell(self.name(p)), cell(money_words(v, currency).strip(), numeric=True)]
                for p, v in (money.get("committed_by") or {}).items()
            ],
        }

    def exit_power(self) -> dict[str, Any]:
        exit_power = self.report.get("exit_power") or {}
        removal_rows = [[cell(self.name(item["party"])), cell(self.name(item["can_remove"]))]
                        for item in exit_power.get("can_remove") or []]
        return {
            "removal_head": [cell(_("This group")), cell(_("can remove this group"))],
            "removal_rows": removal_rows,
            "holders_can_be_removed": bool(exit_power.get("holders_can_be_removed")),
            "guests_together": bool(exit_power.get("guests_removed_only_together")),
            "has_guests": bool(self.report.get("guests") or self.report.get("former_guests")),
        }

    def perceptions(self) -> dict[str, Any]:
        block = self.report.get("perceptions")
        if not block:
            return {"perceptions": None}
        head, body, _different = perception_format.rows(self.report)
        return {
            "perceptions": block,
            "perception_head": [cell(h) for h in head],
            "perception_rows": [[cell(v) for v in line] for line in body],
        }


class AuditDownload(SpacePage):
    """The report as a file: JSON, CSV, HTML, PDF or PowerPoint."""

    def load(self, **kwargs: Any) -> None:
        self.fmt = kwargs["fmt"]
        if self.fmt not in FORMATS:
            raise Http404
        super().load(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        body = render(audit_space(self.space.pk), self.fmt)
        response = HttpResponse(body, content_type=CONTENT_TYPES[self.fmt])
        filename = f"power-audit-{self.space.pk}.{self.fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
