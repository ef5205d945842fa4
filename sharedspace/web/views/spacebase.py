"""What every page of one space shares: the space as the viewer sees it, names, the tabs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sharedspace.governance import actions, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import Approach, ProposalKind, ProposalState, SpaceState

from .. import reads
from ..components import cell
from .base import Page

TABS = (
    ("space", _("Overview")),
    ("proposals", _("Proposals")),
    ("fund", _("Money")),
    ("meetings", _("Meetings")),
    ("outside", _("Outside decisions")),
    ("perception", _("Perception check")),
    ("audit", _("Power audit")),
    ("history", _("History")),
    ("charter", _("Charter")),
)


class SpacePage(Page):
    """A page about one space. Due deadlines are resolved first, so nothing shown is stale."""

    tab = "space"

    def load(self, **kwargs: Any) -> None:
        space_id = kwargs["space_id"]
        self.resolved = actions.proposals_resolve_due(space_id=space_id)
        self.view = selectors.space_get(viewer=self.person, space_id=space_id)
        self.space = self.view.space
        self.mine = reads.my_parties_in(self.person, self.view)
        self.names = reads.party_names(
            self.view.holders + self.view.former_holders + self.view.guests
            + self.view.former_guests + [self.view.viewer_party or ""]
        )

    @property
    def active(self) -> bool:
        return self.space.state == SpaceState.ACTIVE

    @property
    def my_holder_parties(self) -> list[str]:
        return [p for p, rel in self.mine.items() if rel == pol.HOLDER]

    def space_context(self) -> dict[str, Any]:
        view = self.view
        return {
            "view": view,
            "space": self.space,
            "names": self.names,
            "holders": [self.names.get(p, p) for p in view.holders],
            "former_holders": [self.names.get(p, p) for p in view.former_holders],
            "guests": [self.names.get(p, p) for p in view.guests],
            "viewer_party_name": self.names.get(view.viewer_party or "", ""),
            "approach": Approach(self.space.claimed_approach).label,
            "tab": self.tab,
            "tabs": [
                {"key": key, "text": text, "href": reverse(f"web:{key}", args=[self.space.pk])}
                for key, text in TABS
                if (key != "history" or view.can_read_ledger)
            ],
            "active": self.active,
            "ended": reads.how_it_ended(view, self.names),  # None unless the viewer's group left
            "breadcrumbs": self.breadcrumbs(),
        }

    def breadcrumbs(self) -> list[dict[str, Any]]:
        items = [{"text": _("Your dashboard"), "href": reverse("web:dashboard")}]
        if self.tab != "space" or type(self).__name__ != "SpaceOverview":
            items.append({"text": self.space.title,
                          "href": reverse("web:space", args=[self.space.pk])})
        return items

    def proposal_table(self, proposals: list[Any]) -> dict[str, Any]:
        """The head and rows of a table of proposals, newest first."""
        names = reads.party_names([p.proposed_by_party_id for p in proposals])
        return {
            # The state comes right after the title, so a phone shows it without scrolling.
            "proposal_head": [cell(_("Proposal")), cell(_("State")), cell(_("Kind")),
                              cell(_("From"))],
            "proposal_rows": [
                [
                    cell(p.title, href=reverse("web:proposal", args=[p.pk])),
                    cell(ProposalState(p.state).label),
                    cell(ProposalKind(p.kind).label),
                    cell(names.get(p.proposed_by_party_id, "")),
                ]
                for p in proposals
            ],
        }

    def context(self) -> dict[str, Any]:
        return self.space_context()
