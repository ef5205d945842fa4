"""Published work and its critical friends' comments, as the public pages read them (ADR 36).

Published work is public: anyone may read it, signed in or not, so these reads need no
selector's leave first (unlike ``reads``, which serves pages about a space one may see). They
show only what the public pages show: a publication's words, when it was published and by
which groups, and its comments (a removed one's words never leave this module). The space
itself (its title, its people) stays private: a page links to it only for someone who may
see it (``visible_spaces``).

Each function reads a fixed number of queries, however many publications or comments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sharedspace.governance import policies as pol
from sharedspace.governance import selectors
from sharedspace.governance.choices import (
    PositionValue,
    ProposalKind,
    ProposalState,
    TenureRole,
)
from sharedspace.governance.models import (
    Membership,
    Person,
    Position,
    Proposal,
    Publication,
    PublicComment,
    Space,
    Tenure,
)

from . import present

#: Publications a page of ``/published/``.
PAGE_SIZE = 20
#: A publication's page shows the newest this many comments; ``?comments=all`` every one,
#: up to ``COMMENTS_ALL`` (as the space's discussion does).
COMMENTS_SHOWN = 30
COMMENTS_ALL = 500
#: The space's overview lists its newest this many publications.
ON_SPACE_PAGE = 10


def every_publication() -> QuerySet[Publication]:
    """Every publication, newest first, each with its proposal (for its version) and how
    many comments are shown on it (removed ones left out)."""
    return (
        Publication.objects.select_related("proposal")
        .annotate(friends=Count("comments", filter=Q(comments__removed_at__isnull=True)))
        .order_by("-published_at", "-id")
    )


def publication(publication_id: str) -> Publication | None:
    return Publication.objects.select_related("proposal", "space").filter(
        pk=publication_id).first()


def of_space(space: Space, *, limit: int = ON_SPACE_PAGE) -> tuple[list[Publication], bool]:
    """A space's newest publications (id, title, day), and whether there are more."""
    rows = list(
        Publication.objects.filter(space=space).only("id", "title", "published_at", "space_id")
        .order_by("-published_at", "-id")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


# --- who published it, and how ---------------------------------------------------------------


@dataclass(frozen=True)
class Publishers:
    """The groups that held the space when the work was published (as they are named now),
    whether there were two or more (a shared space: they decided together), and whether
    every one of them agreed (or some stood aside: none said no)."""

    names: tuple[str, ...]
    together: bool
    all_agreed: bool
    parties: tuple[tuple[str, str], ...] = ()  # (party id, name), each group once

    @property
    def party_ids(self) -> tuple[str, ...]:
        return tuple(party for party, _name in self.parties)


# Welsh says "ac", not "a", before a vowel ("a Lleisiau Ni", "ac Aberhafod").
VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúàèìòùäëïöüAEIOUWYÂÊÎÔÛŴŶÁÉÍÓÚÀÈÌÒÙÄËÏÖÜ")


def and_list(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    values = {"names": ", ".join(names[:-1]), "last": names[-1]}
    if names[-1][:1] in VOWELS:
        return pgettext("before a word that starts with a vowel", "%(names)s and %(last)s") % values
    return _("%(names)s and %(last)s") % values


def publishers(publications: Iterable[Publication]) -> dict[str, Publishers]:
    """For each publication, the groups that published it: the space's holders at the
    moment it was published, which may differ from its holders now (a group that joined
    later did not publish it; one that left since did). Two queries, however many."""
    items = list(publications)
    if not items:
        return {}
    tenures = list(
        Tenure.objects.filter(space_id__in={p.space_id for p in items}, role=TenureRole.HOLDER)
        .order_by("started_at", "id")
        .values_list("space_id", "party_id", "party__name", "started_at", "ended_at")
    )
    answers: dict[tuple[str, int, str], str] = {
        (proposal, version, party): position
        for proposal, version, party, position in Position.objects.filter(
            proposal_id__in=[p.proposal_id for p in items], binding=True
        ).values_list("proposal_id", "version", "party_id", "position")
    }
    found: dict[str, Publishers] = {}
    for item in items:
        at = item.published_at
        held = [
            (party, name) for space, party, name, started, ended in tenures
            if space == item.space_id and started <= at and (ended is None or ended > at)
        ]
        version = item.proposal.version
        found[item.pk] = Publishers(
            names=tuple(dict.fromkeys(name for _party, name in held)),
            together=len({party for party, _name in held}) > 1,
            all_agreed=all(
                answers.get((item.proposal_id, version, party)) == PositionValue.AGREE
                for party, _name in held
            ),
            parties=tuple(dict.fromkeys(held)),
        )
    return found


def how_published(item: Publication, who: Publishers | None) -> str:
    """"Published on 3 March 2027 by A and B together: every group agreed.", said as it
    happened: together (a shared space: every group answered and none said no; every one
    agreed, or some stood aside), or by one group in its own space."""
    day = present.day(item.published_at)
    if who is None or not who.names:
        return _("Published on %(day)s.") % {"day": day}
    groups = and_list(who.names)
    if not who.together:
        return _("Published on %(day)s by %(group)s in its own space.") % {
            "day": day, "group": groups}
    if who.all_agreed:
        return _("Published on %(day)s by %(groups)s together: every group agreed.") % {
            "day": day, "groups": groups}
    return _("Published on %(day)s by %(groups)s together: every group answered, and none "
             "said no.") % {"day": day, "groups": groups}


def visible_spaces(person: Person | Any, space_ids: Iterable[str]) -> set[str]:
    """Which of these spaces the person may see (one query; none for someone signed out)."""
    wanted = set(space_ids)
    if not wanted or not getattr(person, "is_authenticated", False):
        return set()
    return set(
        Space.objects.filter(pol.visible_space_ids(person), pk__in=wanted)
        .values_list("pk", flat=True).distinct()
    )


# --- the critical friends' comments --------------------------------------------------------


@dataclass(frozen=True)
class FriendComment:
    """A comment as the page shows it. A removed one keeps no words here: only that it
    was removed, when it was written, and whether the groups hid it by a passed proposal
    (``hidden``) or its author took it back."""

    id: str
    author_id: str
    author: str
    created_at: dt.datetime
    body: str
    removed: bool
    hidden: bool = False
    # The group that published the work, if the author was one of its members when they
    # wrote: not an outside voice, and the page says so.
    insider_of: str = ""
    # An open remove_content proposal that names it (the groups are deciding), if any.
    removal_open: str = ""
    # The reason the groups gave for hiding it: only on the author's own hidden comment.
    hidden_reason: str = ""


def _insiders(rows: list[PublicComment], publishers: Sequence[str]) -> dict[str, str]:
    """``{comment id: group name}`` for comments whose author was, when writing, a member of
    one of the groups that published the work. One query (none without publishers)."""
    if not rows or not publishers:
        return {}
    spans: dict[str, list[tuple[str, dt.datetime, dt.datetime | None]]] = {}
    for person, name, joined, left in Membership.objects.filter(
        party_id__in=publishers, person_id__in={c.author_id for c in rows}
    ).order_by("joined_at", "id").values_list("person_id", "party__name", "joined_at",
                                               "left_at"):
        spans.setdefault(person, []).append((name, joined, left))
    found: dict[str, str] = {}
    for c in rows:
        for name, joined, left in spans.get(c.author_id, []):
            if joined <= c.created_at and (left is None or left > c.created_at):
                found[c.pk] = name
                break
    return found


def _reasons(hidden: dict[str, str], rows: list[PublicComment], viewer: str) -> dict[str, str]:
    """``{comment id: the reason given}`` for the viewer's own comments the groups hid: the
    words of the passed proposal ("Why should it be removed?"; the form tells the proposer
    that the author will read them), else its title. One query, none for anyone else."""
    wanted = {hidden[c.pk]: c.pk for c in rows if c.pk in hidden and viewer
              and c.author_id == viewer}
    if not wanted:
        return {}
    return {wanted[pk]: (body or title).strip() for pk, title, body in
            Proposal.objects.filter(pk__in=list(wanted)).values_list("id", "title", "body")}


def _shown(rows: Iterable[PublicComment], publishers: Sequence[str] = (), viewer: str = ""
           ) -> list[FriendComment]:
    """The comments as shown; for removed ones, one query finds those a passed
    ``remove_content`` proposal hid (any other was taken back by its author), and one more
    the reason given, when the viewer wrote one that was hidden."""
    rows = list(rows)
    shown = [c for c in rows if c.removed_at is None]
    insiders = _insiders(shown, publishers)
    deciding = dict(
        Proposal.objects.filter(public_comment_id__in=[c.pk for c in shown],
                                kind=ProposalKind.REMOVE_CONTENT, state=ProposalState.OPEN)
        .order_by("created_at", "id").values_list("public_comment_id", "id")
    ) if shown else {}
    hidden = selectors.hidden_by_groups(rows)  # any other removed one its author took back
    reasons = _reasons(hidden, rows, viewer)
    return [
        FriendComment(
            id=c.pk,
            author_id=c.author_id,
            author=present.person_name(c.author.name, c.author.erased_at),
            created_at=c.created_at,
            body="" if c.removed_at else c.body,
            removed=c.removed_at is not None,
            hidden=c.pk in hidden,
            insider_of=insiders.get(c.pk, ""),
            removal_open=deciding.get(c.pk, ""),
            hidden_reason=reasons.get(c.pk, ""),
        )
        for c in rows
    ]


def comments(item: Publication, *, every: bool = False, publishers: Sequence[str] = (),
             viewer: str = "") -> tuple[list[FriendComment], bool]:
    """The comments on a publication, oldest first, removed ones in their place (without
    their words); the newest ``COMMENTS_SHOWN`` of them, or with ``every`` the newest
    ``COMMENTS_ALL``; and whether older ones were left out. Each says which of the
    ``publishers`` (party ids) its author was in, if any. Three queries at most."""
    rows = PublicComment.objects.filter(publication=item).select_related("author")
    shown = COMMENTS_ALL if every else COMMENTS_SHOWN
    newest = list(rows.order_by("-created_at", "-id")[: shown + 1])
    return _shown(newest[:shown][::-1], publishers, viewer), len(newest) > shown
