"""Workshops where people look for them (UX review: the only way in was "Run a workshop" at
the bottom of the perception check). The space's overview has a short "Workshops" part; the
dashboard lists the workshops open now in the person's spaces (docs/adr/0029, "Finding
workshops").

How to join (the big screen holds the code, the QR code and the address) is linked only
for those who may see it (``selectors.may_see_code``: people of a group in the space now);
everyone else who can see the space is led to the answers. Each part takes a fixed number of
queries, however many spaces, workshops and answers there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person
from sharedspace.governance.selectors import SpaceView
from sharedspace.workshops import selectors
from sharedspace.workshops.models import Workshop

from .workshop_live import taking_answers

if TYPE_CHECKING:
    from .spacebase import SpacePage


def _started(workshop: Workshop) -> str:
    """When it opened, in the reader's language and the site's time zone."""
    return date_format(timezone.localtime(workshop.opened_at), "j F Y, H:i")


def for_space(page: SpacePage) -> dict[str, Any]:
    """The overview's "Workshops" part: each open workshop (its big screen for those who may
    see how to join, its answers so far for everyone), the latest results (the newest
    workshop that has ended), and "Run a workshop" for those who may run one. Empty when
    there is nothing to show: no workshop yet and no way to run one. One query after the
    selector's visibility check (``workshops_overview``), whatever the number of workshops.
    """
    space = page.space
    found = selectors.workshops_overview(viewer=page.person, space_id=space.pk)
    for workshop, _people in found:
        workshop.space = space  # the page's own row: no query to see whether it is active
    # Who runs one follows the core (``workshop_open``): a holder's people, in an active space.
    can_run = page.active and bool(page.my_holder_parties)
    if not found and not can_run:
        return {"workshops": None}
    still_open = [(w, n) for w, n in found if taking_answers(w)]
    ended = [(w, n) for w, n in found if not taking_answers(w)]
    # The rule is about the space, not the session: asked once, of the first open one.
    shows_code = bool(still_open) and selectors.may_see_code(
        viewer=page.person, workshop=still_open[0][0])
    latest = ended[0] if ended else None
    return {
        "workshops": {
            "open": [
                {
                    "started": _started(w),
                    "people": n,
                    "projector_href": reverse("web:workshop", args=[w.pk]),
                    "results_href": reverse("web:workshop_results", args=[w.pk]),
                }
                for w, n in still_open
            ],
            "shows_code": shows_code,
            "latest": {
                "started": _started(latest[0]),
                "people": latest[1],
                "results_href": reverse("web:workshop_results", args=[latest[0].pk]),
            } if latest else None,
            # The perception check lists every workshop; linked when there are more.
            "more": len(found) > len(still_open) + (1 if latest else 0),
            "all_href": reverse("web:perception", args=[space.pk]),
            "can_run": can_run,
            "run_href": reverse("web:workshop_open", args=[space.pk]),
        }
    }


def in_the_space_now(person: Person | None, view: SpaceView) -> bool:
    """``selectors.may_see_code``'s rule, on the rows ``spaces_for`` has already read: one
    of the person's groups holds the space now or is its guest now. (``may_see_code`` reads
    the space's tenures again, two queries a space; the dashboard has them.)"""
    mine = set(pol.party_ids_of(person))
    return not mine.isdisjoint([*view.holders, *view.guests])


def open_in_my_spaces(person: Person | None, views: Iterable[SpaceView]) -> list[dict[str, Any]]:
    """The dashboard's list: workshops taking answers now, newest first, in the spaces where
    one of the person's groups is now (a group that left, was removed or is only invited
    cannot take part, and may not see how to join). One query, whatever the number of
    spaces and workshops. (A read across spaces, which ``workshops.selectors`` does not have
    yet; its place is there.)"""
    spaces = {view.space.pk: view.space for view in views if in_the_space_now(person, view)}
    if not spaces:
        return []
    found = (
        Workshop.objects.taking_answers()
        .filter(space_id__in=list(spaces))
        .order_by("-opened_at", "-pk")
    )
    items = []
    for workshop in found:
        space = spaces[workshop.space_id]
        workshop.space = space
        items.append({
            "space": space,
            "started": _started(workshop),
            "space_href": reverse("web:space", args=[space.pk]),
            "projector_href": reverse("web:workshop", args=[workshop.pk]),
        })
    return items
