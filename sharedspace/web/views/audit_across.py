"""The power audit of a group across its spaces, and of a partnership (two groups) across
the spaces they meet in, as pages and as files to download.

Scoped as the API scopes them (``audit.across.party_scope`` / ``partnership_scope``): only
the spaces the viewer may see count, and a viewer who may see none of them and belongs to
neither group gets a 404, as for a wrong address. Deadlines that have passed are resolved
first in the spaces that have any, found in one query, so the page is not stale and its
number of queries does not grow with the record.
"""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sharedspace.audit import across
from sharedspace.audit.formats import FORMATS
from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance.choices import ProposalState
from sharedspace.governance.models import Proposal, Tenure

from ..components import cell
from ..context_processors import easy_read_on
from . import auditparts as parts
from .audit import audit_context, download_language, download_links, download_response
from .auditparts import EASY_READ_FORMATS
from .base import Page


def resolve_due_in(space_ids: Collection[str]) -> None:
    """Resolve passed deadlines, only in the spaces that have one (one query to find them)."""
    due = (
        Proposal.objects.filter(
            space_id__in=list(space_ids), state=ProposalState.OPEN, closes_at__lte=now()
        )
        .values_list("space_id", flat=True)
        .distinct()
    )
    for space_id in sorted(set(due)):
        actions.proposals_resolve_due(space_id=space_id)


def party_audit_links(viewer: Any, party_id: str) -> dict[str, Any]:
    """For the group's page: a link to its power audit and to each partnership it is in,
    only when the viewer may see that audit (the same scope as the audit page)."""
    try:
        ids = across.party_scope(viewer=viewer, party_id=party_id)
    except ex.NotFound:
        return {"audit_href": "", "partners": []}
    # Its partners are the groups of its own spaces; a space where it is only named as the
    # maker of an outside decision (also in the scope) is not one of them.
    ids &= across.party_space_ids(party_id)
    others = (
        Tenure.objects.filter(space_id__in=list(ids))
        .exclude(party_id=party_id)
        .values_list("party_id", "party__name")
        .distinct()
    )
    return {
        "audit_href": reverse("web:party_audit", args=[party_id]),
        "partners": [
            {"text": name, "href": reverse("web:partnership_audit", args=[party_id, other])}
            for other, name in sorted(set(others), key=lambda x: (x[1], x[0]))
        ],
    }


def partner_links(report: dict[str, Any], party: str, name: parts.Names) -> dict[str, Any]:
    """The other groups a party meets in its spaces, each linking to their partnership."""
    return {
        "partner_head": [
            cell(_("Group")),
            cell(_("Spaces together"), numeric=True),
            cell(_("Held together"), numeric=True),
            cell(_("It hosts them"), numeric=True),
            cell(_("They host it"), numeric=True),
        ],
        "partner_rows": [
            [
                cell(
                    name(x["party"]),
                    href=reverse("web:partnership_audit", args=[party, x["party"]]),
                ),
                cell(x["spaces"], numeric=True),
                cell(x["held_together"], numeric=True),
                cell(x["it_hosts_them"], numeric=True),
                cell(x["they_host_it"], numeric=True),
            ]
            for x in report.get("partners") or []
        ],
    }


class AcrossPage(Page, ABC):
    """What the party page and the partnership page share."""

    template_name = "web/pages/audit_across.html"
    report: dict[str, Any]
    focus: list[str]

    def name(self, party: str) -> str:
        info = (self.report.get("parties") or {}).get(party) or {}
        return str(info.get("name") or party)

    def heading(self) -> str:
        return " – ".join(self.name(p) for p in self.focus)

    def circle_sets(self) -> list[dict[str, Any]]:
        circles = self.report["decisions"]["circles"]
        return [
            parts.circles(
                circles[p],
                parts.PARTY_CIRCLES,
                ident=f"circles-{i}",
                title=gettext("Where decisions were made, seen from %(name)s")
                % {"name": self.name(p)},
            )
            for i, p in enumerate(self.focus)
        ]

    @abstractmethod
    def label(self) -> dict[str, Any]:
        """The label check to show first (each page has its own subject)."""

    @abstractmethod
    def easy_subject(self) -> str:
        """Who the easy-read summary is about, in a few words."""

    @abstractmethod
    def downloads(self) -> list[dict[str, Any]]:
        """The report in each format, for this page's subject."""

    def common(self) -> dict[str, Any]:
        report = self.report
        context = audit_context(
            report,
            name=self.name,
            focus=self.focus,
            label=self.label(),
            circle_sets=self.circle_sets(),
            easy_subject=self.easy_subject(),
            easy_circles=report["decisions"]["circles"][self.focus[0]],
        )
        context.update(
            {
                "scope": report["scope"],
                "heading": self.heading(),
                "space_count": len(report.get("spaces") or []),
                "space_table": parts.space_rows(
                    report, self.name, self.focus, lambda s: reverse("web:audit", args=[s])
                ),
                "has_guests": any(row["kind"] == "own" for row in report.get("spaces") or []),
            }
        )
        return context


class PartyAudit(AcrossPage):
    url_name = "web:party_audit"

    def load(self, **kwargs: Any) -> None:
        self.party_id = kwargs["party_id"]
        ids = across.party_scope(viewer=self.person, party_id=self.party_id)
        resolve_due_in(ids)
        self.report = across.audit_party(self.party_id, within=ids)
        self.focus = [self.party_id]

    def label(self) -> dict[str, Any]:
        """A group has no label of its own: its spaces have. Any space whose label does not
        match the record is named in the warning."""
        wrong = [s for s in self.report.get("spaces") or [] if s["label_check"]["mismatch"]]
        return {
            "measurable": False,
            "mismatch": bool(wrong),
            "headline": ngettext(
                "%(n)s of these spaces is called something the record does not show.",
                "%(n)s of these spaces are called something the record does not show.",
                len(wrong),
            )
            % {"n": len(wrong)},
            "reasons": [
                gettext("%(space)s is called %(claimed)s, but the record shows %(measured)s.")
                % {
                    "space": s["title"],
                    "claimed": str(parts.approach_label(s["claimed_approach"])).lower(),
                    "measured": str(parts.approach_label(s["measured_approach"])).lower(),
                }
                for s in wrong
            ],
            "rows": [],
        }

    def easy_subject(self) -> str:
        return gettext("The work of %(name)s") % {"name": self.name(self.party_id)}

    def heading(self) -> str:
        return self.name(self.party_id)

    def breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {"text": _("Your dashboard"), "href": reverse("web:dashboard")},
            {"text": self.name(self.party_id), "href": reverse("web:party", args=[self.party_id])},
        ]

    def downloads(self) -> list[dict[str, Any]]:
        return download_links("web:party_audit_download", [self.party_id])

    def context(self) -> dict[str, Any]:
        context = self.common()
        context.update(partner_links(self.report, self.party_id, self.name))
        context.update(breadcrumbs=self.breadcrumbs(), downloads=self.downloads())
        return context


class PartnershipAudit(AcrossPage):
    def load(self, **kwargs: Any) -> None:
        self.party_id, self.other_id = kwargs["party_id"], kwargs["other_id"]
        try:
            ids = across.partnership_scope(
                viewer=self.person, party_a=self.party_id, party_b=self.other_id
            )
        except ex.InvalidInput:
            raise ex.NotFound from None  # a group with itself is no partnership: no page
        resolve_due_in(ids)
        self.report = across.audit_partnership(self.party_id, self.other_id, within=ids)
        self.focus = [self.party_id, self.other_id]

    def heading(self) -> str:
        return gettext("%(a)s and %(b)s") % {
            "a": self.name(self.party_id),
            "b": self.name(self.other_id),
        }

    def label(self) -> dict[str, Any]:
        return parts.label_check(self.report, gettext("The work of this partnership"))

    def easy_subject(self) -> str:
        return gettext("The work of these two groups")

    def breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {"text": _("Your dashboard"), "href": reverse("web:dashboard")},
            {"text": self.name(self.party_id), "href": reverse("web:party", args=[self.party_id])},
            {
                "text": _("Who really decides") if easy_read_on(self.request) else _("Power audit"),
                "href": reverse("web:party_audit", args=[self.party_id]),
            },
        ]

    def downloads(self) -> list[dict[str, Any]]:
        return download_links("web:partnership_audit_download", [self.party_id, self.other_id])

    def context(self) -> dict[str, Any]:
        context = self.common()
        context.update(breadcrumbs=self.breadcrumbs(), downloads=self.downloads())
        return context


class _Download:
    """Mixed into a page: GET gives the report as a file instead of the page."""

    fmt: str
    report: dict[str, Any]
    request: HttpRequest

    def check_format(self, kwargs: dict[str, Any]) -> None:
        self.fmt = kwargs["fmt"]
        if self.fmt not in FORMATS and self.fmt not in EASY_READ_FORMATS:
            raise Http404

    def file(self, page: AcrossPage, filename: str) -> HttpResponse:
        context: dict[str, Any] = {"report": self.report}
        if self.fmt in EASY_READ_FORMATS:
            context.update(page.common())
        return download_response(self.request, context, self.fmt, filename)


class PartyAuditDownload(_Download, PartyAudit):
    def load(self, **kwargs: Any) -> None:
        self.check_format(kwargs)
        with download_language(self.fmt):
            super().load(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.file(self, f"power-audit-{self.party_id}")


class PartnershipAuditDownload(_Download, PartnershipAudit):
    def load(self, **kwargs: Any) -> None:
        self.check_format(kwargs)
        with download_language(self.fmt):
            super().load(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.file(self, f"power-audit-{self.party_id}-{self.other_id}")
