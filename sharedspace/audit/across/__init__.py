"""Audits across spaces (DESIGN §5): a party across all its spaces, and a partnership (a pair
of parties) across all the spaces they meet in.

Like the audit of one space, these read each space's running counters (one row per space),
never the ledger's history; a space whose counters are behind is recounted, read-only.

``audit_party(party_id)`` and ``audit_partnership(party_a, party_b)`` look at every space;
pass ``within`` (space ids) to keep to the spaces a viewer may see — the API does so with
``viewer_space_ids``. They raise ``NotFound`` for an unknown party; a partnership of a party
with itself is ``InvalidInput``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import ChainHead, OutsideDecision, Party, Person, Space, Tenure

from .. import fold
from ..models import SpaceCounters
from ..report import build_report
from .combine import SpaceItem
from .report import partnership_report, party_report

__all__ = [
    "audit_partnership",
    "audit_party",
    "named_space_ids",
    "partnership_scope",
    "party_scope",
    "party_space_ids",
    "viewer_space_ids",
]


def _require_party(party_id: str) -> None:
    if not Party.objects.filter(pk=party_id).exists():
        raise ex.NotFound  # the same words as "you may not see it" (never reveal which)


def party_space_ids(party_id: str) -> set[str]:
    """Every space the party holds or held, or is or was a guest in."""
    return set(Tenure.objects.filter(party_id=party_id).values_list("space_id", flat=True))


def viewer_space_ids(viewer: Person | None) -> set[str]:
    """Every space the viewer may see (governance.policies.visible_space_ids)."""
    return set(
        Space.objects.filter(pol.visible_space_ids(viewer)).values_list("pk", flat=True)
    )


def named_space_ids(party_id: str) -> set[str]:
    """Every space with an outside decision said to be made by the party (DESIGN rule 11:
    any group can be named, also one that has no part in the space)."""
    return set(OutsideDecision.objects.filter(made_by_id=party_id)
               .values_list("space_id", flat=True))


def party_scope(*, viewer: Person | None, party_id: str) -> set[str]:
    """The spaces of the party that the viewer may see, and the spaces whose outside
    decisions naming the party the viewer may read: its own people read every decision that
    names their group, anyone else those in spaces they can see (the rule of
    ``selectors.outside_decision_get``). Of the latter, only those decisions count in the
    party's audit (``audit_party``).

    NotFound when the party does not exist, or when the viewer may see none of its spaces
    and is not one of its own people: not found and not allowed look the same.
    """
    _require_party(party_id)
    visible = viewer_space_ids(viewer)
    own = party_space_ids(party_id)
    ids = own & visible
    member = pol.is_member(viewer, party_id)
    if not ids and not member:
        raise ex.NotFound
    named = named_space_ids(party_id) - own
    return ids | (named if member else named & visible)


def partnership_scope(*, viewer: Person | None, party_a: str, party_b: str) -> set[str]:
    """The spaces both parties are (or were) in that the viewer may see; NotFound as above,
    unless the viewer belongs to one of the two."""
    _check_pair(party_a, party_b)
    ids = party_space_ids(party_a) & party_space_ids(party_b) & viewer_space_ids(viewer)
    if not ids and not (pol.is_member(viewer, party_a) or pol.is_member(viewer, party_b)):
        raise ex.NotFound
    return ids


def _check_pair(party_a: str, party_b: str) -> None:
    if party_a == party_b:
        raise ex.InvalidInput("A partnership needs two different groups.",
                              fields={"b": "Choose a different group from the first one."})
    _require_party(party_a)
    _require_party(party_b)


def _states(space_ids: Collection[str]) -> tuple[list[Space], dict[str, dict[str, Any]]]:
    """The spaces (oldest first) and their counter states: a fixed number of queries, plus a
    read-only recount for any space whose counters are missing or behind its chain."""
    from ..engine import current_state

    spaces = list(Space.objects.filter(pk__in=list(space_ids)).order_by("created_at", "pk"))
    ids = [s.pk for s in spaces]
    heads = dict(ChainHead.objects.filter(chain__in=ids).values_list("chain", "seq"))
    rows = {chain: (seq, state) for chain, seq, state in
            SpaceCounters.objects.filter(chain__in=ids).values_list("chain", "seq", "state")}
    states: dict[str, dict[str, Any]] = {}
    for space in spaces:
        seq, state = rows.get(space.pk, (None, None))
        fresh = fold.is_current(state) and seq == heads.get(space.pk, 0)
        states[space.pk] = state if fresh and isinstance(state, dict) else current_state(space)
    return spaces, states


def _items(space_ids: Collection[str], extra: list[str]) -> tuple[list[SpaceItem],
                                                                   dict[str, dict[str, Any]]]:
    from ..engine import party_info

    spaces, states = _states(space_ids)
    named: set[str] = set(extra)
    for state in states.values():
        named.update(state["parties"], state["holders"], state["guests"],
                      state["former_holders"], state["former_guests"])
    parties = party_info(sorted(named))
    items = [SpaceItem(space.pk, space.title, states[space.pk],
                       build_report(states[space.pk], parties)) for space in spaces]
    return items, parties


def named_elsewhere(space_ids: Collection[str], party_id: str) -> dict[str, int]:
    """The outside decisions naming the party in these spaces (ones it is not part of), as
    the party answered them: ``{spaces, total, confirmed, disputed, unanswered}``. Only these
    counts are read from those spaces' counters; nothing else of them is in the party's
    audit."""
    _spaces, states = _states(space_ids)
    found = dict.fromkeys(("spaces", "total", "confirmed", "disputed", "unanswered"), 0)
    for state in states.values():
        row = (state.get("outside") or {}).get("by_maker", {}).get(party_id) or {}
        n = sum(int(row.get(k, 0)) for k in ("confirmed", "disputed", "unanswered"))
        if n:
            found["spaces"] += 1
            found["total"] += n
            for k in ("confirmed", "disputed", "unanswered"):
                found[k] += int(row.get(k, 0))
    return found


def audit_party(party_id: str, *, within: Collection[str] | None = None) -> dict[str, Any]:
    """The power audit of one party across all its spaces (or those of them ``within``),
    with the outside decisions naming it in spaces it is not part of (those ``within``)."""
    _require_party(party_id)
    ids = party_space_ids(party_id)
    named = named_space_ids(party_id) - ids
    if within is not None:
        ids &= set(within)
        named &= set(within)
    items, parties = _items(ids, [party_id])
    return party_report(items, party_id, parties,
                        elsewhere=named_elsewhere(named, party_id) if named else None)


def audit_partnership(party_a: str, party_b: str, *, within: Collection[str] | None = None
                      ) -> dict[str, Any]:
    """The power audit of two parties across every space they are both in (or have been)."""
    _check_pair(party_a, party_b)
    ids = party_space_ids(party_a) & party_space_ids(party_b)
    if within is not None:
        ids &= set(within)
    items, parties = _items(ids, [party_a, party_b])
    return partnership_report(items, party_a, party_b, parties)
