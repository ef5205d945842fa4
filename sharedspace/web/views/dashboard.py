"""The dashboard: my spaces, spaces where we are guests, shared spaces, invitations, outside
decisions said to be our group's, waiting for its answer (and those it answered in the last
30 days, so it can find them again), and the workshops open now in our spaces."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.utils import timezone

from sharedspace.governance import selectors

from .. import reads
from .base import FormMap
from .invitations import FORMS, InvitationAnswers
from .workshop_links import open_in_my_spaces

# How long an answered outside decision stays on the dashboard after its answer.
ANSWERED_RECENTLY = dt.timedelta(days=30)


class Dashboard(InvitationAnswers):
    template_name = "web/pages/dashboard.html"
    forms: ClassVar[FormMap] = FORMS

    def show_form(self, name: str) -> bool:
        return False

    def context(self) -> dict[str, Any]:
        views = selectors.spaces_for(viewer=self.person)
        invitations = selectors.invitations_open(viewer=self.person)
        names = reads.party_names(
            [p for v in views for p in v.holders + v.former_holders]
            + [v.viewer_party or "" for v in views]
        )
        # What waits for the viewer's group: open proposals it has not answered yet.
        waiting = reads.waiting_for_answer(
            {
                v.space.pk: v.viewer_party
                for v in views
                if v.relation == "holder" and v.viewer_party and v.space.state == "active"
            }
        )
        groups: dict[str, list[dict[str, Any]]] = {
            "mine": [], "guest": [], "shared": [], "former": []}
        for view in views:
            if view.relation == "invited":
                continue  # shown with the invitations
            key = {"my_space": "mine", "your_space": "guest", "shared_space": "shared"}[
                view.label or "your_space"
            ]
            if view.relation in ("former_holder", "former_guest"):
                # Not "where we are guests" any more: a list of their own, said as it is.
                key = "former"
            groups[key].append(
                {
                    "view": view,
                    "space": view.space,
                    "holders": [names.get(p, p) for p in view.holders or view.former_holders],
                    "as": names.get(view.viewer_party or "", ""),
                    "former": view.relation in ("former_holder", "former_guest"),
                    # Left, or stopped being involved by the host: said as it happened.
                    "ended": reads.how_it_ended(view, names),
                    "waiting": waiting.get(view.space.pk, 0),
                }
            )
        memberships = reads.my_memberships(self.person)
        named = selectors.outside_decisions_naming(
            viewer=self.person, answered_since=timezone.now() - ANSWERED_RECENTLY
        )
        return {
            "named": [d for d in named if d.state == "unanswered"],
            "named_answered": [d for d in named if d.state != "unanswered"],
            "groups": groups,
            "invitations": invitations,
            "memberships": memberships,
            # Put in a group by someone else and not asked yet (ADR 38): asked first.
            "asked": [m for m in memberships if m.confirmed_at is None],
            "coordinates_any": any(m.is_coordinator for m in memberships),
            # Only where the person's group is now: the big screen says how to join.
            "workshops_open": open_in_my_spaces(self.person, views),
            # Critical friends (ADR 36): where they commented, whether or not in a group.
            "commented": reads.commented_as_friend(self.person, limit=10, active_only=False),
        }
