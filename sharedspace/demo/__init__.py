"""The demonstration partnership behind `sharedspace demo`.

A council team and a self-advocacy group, told as a story over about five months through the
governance actions only (no row is written or backdated by hand):

1. the council's own "partnership board", which it calls coproduction, with the group and a
   carers forum as guests who may only look and give views (``board``);
2. the group's own space (``ourspace``);
3. a space the two hold together, with a charter, a fund, proposals in every state,
   decisions made elsewhere, and work published for critical friends, who commented on it
   (``together``);
4. meetings there and on the board (agenda, notes, action points, the next meeting), and
   the perception check asked twice in the shared space (``meetings``);
5. the same questions asked in a room, as a workshop people join by code without an
   account: one held and closed, with seventeen people's answers, and one still open, which
   a newcomer can show on a big screen and join from a phone (``workshops``).

``load()`` runs in one transaction: the demo is there whole, or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import board, meetings, ourspace, together, workshops
from .cast import BOARD_TITLE, COUNCIL, GROUP_SPACE_TITLE, PEOPLE, SHARED_TITLE
from .clock import StoryClock
from .story import Story, StoryWentWrong, cast_everyone

STORY_DAYS = 160  # the story starts this many days ago and ends a few days ago

__all__ = [
    "BOARD_TITLE",
    "GROUP_SPACE_TITLE",
    "SHARED_TITLE",
    "DemoClash",
    "StoryWentWrong",
    "is_loaded",
    "load",
    "reset",
    "sign_in_links",
]


class DemoClash(Exception):
    """Some of the demo's people already have accounts, but the demo is not loaded."""


@dataclass(frozen=True)
class SignInLink:
    name: str
    label: str
    url: str

    def __str__(self) -> str:
        return f"{self.name} ({self.label}): {self.url}"


def _demo_people_present() -> int:
    from sharedspace.governance.models import Person

    return Person.objects.filter(email__in=[p.email for p in PEOPLE]).count()


def is_loaded() -> bool:
    """Whether the demo partnership is in the database already."""
    from sharedspace.governance.models import Party

    return (
        _demo_people_present() == len(PEOPLE)
        and Party.objects.filter(name=COUNCIL.name).exists()
    )


def load(*, now: dt.datetime | None = None) -> Story:
    """Tell the whole story into the database, in one transaction.

    Raises ``DemoClash`` if some demo people exist but the demo is not loaded.
    """
    if _demo_people_present():
        raise DemoClash(
            "Some of the demo's people already have accounts in this database, but the demo "
            "is not loaded."
        )
    real_now = now or timezone.now()
    start = (real_now - dt.timedelta(days=STORY_DAYS)).astimezone(dt.UTC)
    clock = StoryClock(start.replace(hour=9, minute=0, second=0, microsecond=0))
    story = Story(clock=clock)
    with transaction.atomic(), clock.running():
        cast_everyone(story)
        board.tell(story)
        ourspace.tell(story)
        together.start(story)
        together.carry_on(story, real_now=real_now)
        meetings.tell(story, real_now=real_now)
        workshops.tell(story)
        if clock.moment >= real_now:
            raise StoryWentWrong("the demo story ran into the present")
    return story


def reset() -> None:
    """Wipe the whole database (the ledger too, as a whole: governance's own flush)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def sign_in_links(*, base_url: str | None = None) -> list[SignInLink]:
    """One sign-in link per demo person, in the order of the cast."""
    from sharedspace.governance.models import Person
    from sharedspace.signin import sign_in_url

    people = {p.email: p for p in Person.objects.filter(email__in=[d.email for d in PEOPLE])}
    return [
        SignInLink(d.name, d.label, sign_in_url(people[d.email], base_url=base_url))
        for d in PEOPLE
        if d.email in people
    ]
