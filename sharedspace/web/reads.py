"""Reads the pages need beyond the selectors' answers: names, comments, tokens.

Every function here is called only after a selector has said the viewer may see the space
(``selectors.space_get`` or ``proposal_get``), so it cannot show anything the rules hide.
Each reads a fixed number of rows per call, whatever the size of the data.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sharedspace.governance import policies as pol
from sharedspace.governance import selectors
from sharedspace.governance.choices import (
    InvitationState,
    PartyKind,
    ProposalState,
    SpaceState,
    TenureRole,
)
from sharedspace.governance.models import (
    ApiToken,
    Comment,
    Invitation,
    LedgerEntry,
    Membership,
    Party,
    Person,
    Position,
    Proposal,
    Publication,
    PublicComment,
    Space,
    Vote,
)

from . import present


def party_names(ids: Iterable[str]) -> dict[str, str]:
    """``{party id: name}`` for the parties named, in one query."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(Party.objects.filter(pk__in=wanted).values_list("id", "name"))


def earlier_positions(proposal: Proposal) -> dict[int, list[Position]]:
    """The answers given to each earlier version of a proposal, by version, in one query:
    after an amendment, an objection stays beside the words it answered."""
    found: dict[int, list[Position]] = {}
    rows = Position.objects.filter(proposal=proposal, version__lt=proposal.version)
    for position in rows.order_by("version", "updated_at", "id"):
        found.setdefault(position.version, []).append(position)
    return found


def proposal_titles(ids: Iterable[str]) -> dict[str, str]:
    """``{proposal id: title}`` for the proposals named, in one query (none for none)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(Proposal.objects.filter(pk__in=wanted).values_list("id", "title"))


def my_memberships(person: Person) -> list[Membership]:
    return selectors.memberships_of(person)


def coordinator_parties(person: Person) -> list[tuple[str, str]]:
    """The groups this person coordinates, as form choices."""
    return [(m.party_id, m.party.name) for m in my_memberships(person) if m.is_coordinator]


def other_parties(exclude: Iterable[str]) -> list[tuple[str, str]]:
    """Every other group, as form choices (groups are public by name). Names are not unique:
    where two look the same (letter case, spacing and look-alike characters aside), each
    says what kind of group it is and when it was made, so a host cannot invite the wrong
    one by mistake, nor be fooled by a copy (and, if even that is the same, its id)."""
    every = list(
        Party.objects.order_by("name", "created_at", "id")
        .values_list("id", "name", "kind", "created_at")
    )
    seen: dict[str, int] = {}  # counted over every group, the left-out ones too
    for _pk, name, _kind, _made in every:
        seen[_look(name)] = seen.get(_look(name), 0) + 1
    left_out = set(exclude)
    rows = [row for row in every if row[0] not in left_out]
    labels: list[tuple[str, str]] = []
    for pk, name, kind, made in rows:
        if seen[_look(name)] == 1:
            labels.append((pk, name))
            continue
        labels.append((pk, _("%(name)s (%(kind)s, made on %(day)s)") % {
            "name": name, "kind": PartyKind(kind).label.lower(),
            "day": date_format(timezone.localtime(made), "j F Y"),
        }))
    counts: dict[str, int] = {}
    for _pk, label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [(pk, f"{label} - {pk}" if counts[label] > 1 else label) for pk, label in labels]


# Cyrillic and Greek letters that look like Latin ones, as a reader sees them.
_LOOKS_LATIN = str.maketrans(
    "аеорсухѕіјкмнтвԁɡοαεικνρτυχ",
    "aeopcyxsijkmhtbdgoaeikvptux",
)


def _look(name: str) -> str:
    """How a name looks to a reader: case, spacing, compatibility forms, invisible format
    characters and letters of other alphabets that look Latin set aside."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return " ".join(visible.translate(_LOOKS_LATIN).split())


def comments(space: Space, *, proposal: Proposal | None = None) -> list[Comment]:
    """A space's discussion (or a proposal's), oldest first, with who wrote each comment."""
    rows = Comment.objects.filter(space=space, removed_at__isnull=True)
    rows = rows.filter(proposal=proposal) if proposal else rows.filter(proposal__isnull=True)
    return list(rows.select_related("author", "party").order_by("created_at", "id")[:500])


COMMENTS_SHOWN = 30


def latest_comments(space: Space, *, limit: int = COMMENTS_SHOWN) -> tuple[list[Comment], bool]:
    """The newest ``limit`` comments of a space's discussion, oldest first, and whether
    there are older ones. A long discussion would otherwise make a heavy page (ADR 0017)."""
    rows = Comment.objects.filter(space=space, removed_at__isnull=True, proposal__isnull=True)
    newest = list(
        rows.select_related("author", "party").order_by("-created_at", "-id")[: limit + 1]
    )
    older = len(newest) > limit
    return newest[:limit][::-1], older


def comment_in(space: Space, comment_id: str) -> Comment | None:
    """One comment of the space's discussion that is still shown, with who wrote it."""
    if not comment_id:
        return None
    return (
        Comment.objects.filter(pk=comment_id, space=space, removed_at__isnull=True)
        .select_related("author", "party")
        .first()
    )


def public_comment_in(space: Space, comment_id: str, *, shown_only: bool = True
                      ) -> PublicComment | None:
    """A critical friend's comment on the space's published work (still shown, unless
    ``shown_only`` is False), with who wrote it and on which work (ADR 36)."""
    if not comment_id:
        return None
    rows = PublicComment.objects.filter(pk=comment_id, publication__space=space)
    if shown_only:
        rows = rows.filter(removed_at__isnull=True)
    return rows.select_related("author", "publication").first()


def commented_as_friend(person: Person, *, limit: int = 50, active_only: bool = True
                        ) -> list[Any]:
    """Published work on which this person has a comment still shown (newest work first,
    ``pk`` and ``title``): the erase page lists the work whose comments can still be taken
    back (its space is active); the dashboard lists all of it. One query."""
    rows = Publication.objects.filter(comments__author=person, comments__removed_at__isnull=True)
    if active_only:
        rows = rows.filter(space__state=SpaceState.ACTIVE)
    return list(
        rows.distinct()
        .order_by("-published_at", "id")
        .values("pk", "title")[:limit]
    )


def charter_changed_since(space: Space, moment: Any) -> bool:
    """Whether a charter change passed in this space after ``moment`` (one query): a charter
    proposal made before it proposes its parts as they read then (ADR 37)."""
    return LedgerEntry.objects.filter(chain=space.pk, action="charter.change",
                                      at__gt=moment).exists()


def comments_to_take_back(person: Person) -> list[str]:
    """The person's comments on published work still shown, in spaces still active (where
    they can be taken back), by space, so spaces are always locked in the same order."""
    return list(
        PublicComment.objects.filter(author=person, removed_at__isnull=True,
                                     publication__space__state=SpaceState.ACTIVE)
        .order_by("publication__space_id", "created_at", "id").values_list("id", flat=True)
    )


def recent_proposals(space: Space, *, limit: int = 50) -> list[Proposal]:
    return list(
        Proposal.objects.filter(space=space)
        .select_related("proposed_by_party")
        .order_by("-created_at")[:limit]
    )


def passed_unspent_spending(space: Space) -> list[Proposal]:
    return list(
        Proposal.objects.filter(
            space=space, kind="spend", state=ProposalState.PASSED, spent_at__isnull=True
        ).order_by("created_at")
    )


def member_votes(proposal: Proposal, party_id: str) -> list[Vote]:
    """How the members of one group voted on the current version (shown to that group)."""
    return list(
        Vote.objects.filter(proposal=proposal, version=proposal.version, party_id=party_id)
        .select_related("person")
        .order_by("created_at", "id")
    )


def tokens(person: Person) -> list[ApiToken]:
    return list(person.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at"))


def my_parties_in(person: Person, view: selectors.SpaceView) -> dict[str, str]:
    """The viewer's groups that hold or visit the space now, and how: ``{party: relation}``."""
    mine = set(pol.party_ids_of(person))
    found = {p: pol.HOLDER for p in view.holders if p in mine}
    found.update({p: pol.GUEST for p in view.guests if p in mine})
    return found


def person_names(ids: Iterable[str]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = Person.objects.filter(pk__in=wanted).values_list("id", "name", "erased_at")
    return {pk: present.person_name(name, erased) for pk, name, erased in rows}


def coordinates(person: Person, party_ids: Iterable[str]) -> list[str]:
    """Which of these groups the person coordinates (one query)."""
    return list(
        Membership.objects.filter(
            person=person, party_id__in=list(party_ids), left_at__isnull=True,
            is_coordinator=True,
        ).values_list("party_id", flat=True)
    )


def coordinator_names(party_ids: Iterable[str]) -> dict[str, list[str]]:
    """The names of each group's current coordinators, so a page can say who can act instead
    of "ask your coordinator" (one query)."""
    found: dict[str, list[str]] = {}
    rows = (
        Membership.objects.filter(party_id__in=list(party_ids), left_at__isnull=True,
                                  is_coordinator=True)
        .order_by("person__name", "id")
        .values_list("party_id", "person__name")
    )
    for party_id, name in rows:
        found.setdefault(party_id, []).append(name)
    return found


def open_invitations_by_role(space: Space) -> dict[str, list[str]]:
    """The groups a space invited that have not answered yet, by role (``holder``,
    ``guest``), by name, oldest invitation first (one query). The caller checks the viewer
    may read the space's record, where invitations are written."""
    found: dict[str, list[str]] = {}
    rows = (
        Invitation.objects.filter(space=space, state=InvitationState.OPEN)
        .order_by("created_at", "id")
        .values_list("as_role", "party__name")
    )
    for role, name in rows:
        found.setdefault(role, []).append(name)
    return found


def as_choices(ids: Iterable[str], names: dict[str, str]) -> list[tuple[str, Any]]:
    return [(i, names.get(i, i)) for i in ids]


def waiting_for_answer(party_in: dict[str, str]) -> dict[str, int]:
    """How many open proposals in each space still wait for that space's party's position
    (``party_in``: space id to party id, spaces the viewer's party holds). Two queries."""
    if not party_in:
        return {}
    still_open = Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now())
    rows = list(
        Proposal.objects.filter(still_open, space_id__in=list(party_in), state=ProposalState.OPEN)
        .values_list("pk", "space_id", "version")
    )
    answered = set(
        Position.objects.filter(proposal_id__in=[pk for pk, _, _ in rows])
        .values_list("proposal_id", "version", "party_id")
    )
    counts: dict[str, int] = {}
    for pk, space_id, version in rows:
        if (pk, version, party_in[space_id]) not in answered:
            counts[space_id] = counts.get(space_id, 0) + 1
    return counts


@dataclass(frozen=True)
class Ending:
    """How a group's time in a space ended: ``"left"`` (it chose to) or ``"removed"`` (the
    host, or the holders together, stopped involving it), and when. ``by`` names the groups
    that held the space at that moment, as it was then: a space that was someone's own when
    it removed a guest, and became shared later, still says its host did it."""

    reason: str
    at: dt.datetime
    by: tuple[str, ...] = ()

    @property
    def removed(self) -> bool:
        return self.reason == "removed"

    @property
    def together(self) -> bool:
        """The holders together did it (the space was shared then): no single host."""
        return len(self.by) > 1


def how_it_ended(
    view: selectors.SpaceView, names: Mapping[str, str] | None = None
) -> Ending | None:
    """For a group that is no longer part of the space: how its last time there ended.
    None for anyone still in it (or only invited). Reads the space's tenure rows, which
    ``selectors.spaces_for`` has already fetched (no query then). ``names`` turns the
    holders of that moment into names (ids are kept where a name is missing)."""
    if view.relation not in (pol.FORMER_HOLDER, pol.FORMER_GUEST) or not view.viewer_party:
        return None
    tenures = list(view.space.tenures.all())
    ended = [
        (t.ended_at, t.pk, t.end_reason) for t in tenures
        if t.party_id == view.viewer_party and t.ended_at is not None
        and t.end_reason != "promoted"
    ]
    if not ended:
        return None
    at, _pk, reason = max(ended)
    # The holders at that moment: their time began before it and had not ended by it.
    by = tuple(
        (names or {}).get(t.party_id, t.party_id) for t in tenures
        if t.role == TenureRole.HOLDER and t.party_id != view.viewer_party
        and t.started_at <= at and (t.ended_at is None or t.ended_at >= at)
    )
    return Ending("removed" if reason == "removed" else "left", at, by)
