"""Who may close a perception check, and what closing it does (docs/adr/0013, amended).

Closing a check ends every group's chance to answer it. One group must not end it for
another that has not answered yet: that is one group deciding alone for all, the pattern
this product exists to show. Pure functions: the caller reads who holds and visits the space
and who answered (``actions.round_close`` before it closes, ``selectors.closing`` for a
page that offers the button).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

#: How long every group that holds the space has to answer before a group that has answered
#: may close the check while another has not (docs/adr/0013, amended): two weeks, so a group
#: that meets every other week can meet once, with support, and answer together.
FAIR_CHANCE = dt.timedelta(days=14)


@dataclass(frozen=True)
class Closing:
    """What closing a round now would do, and whether this person may (``close_terms``).

    ``holders_waiting`` and ``guests_waiting``: the groups of the space that have not
    answered (they could not answer once it is closed); ``allowed``: the rule below lets
    this person close it now; ``fair_chance_ends``: from when any holder's person may close
    it even though a holder group has not answered; ``party``: the group the person would
    close it for."""

    holders_waiting: list[str]
    guests_waiting: list[str]
    allowed: bool
    fair_chance_ends: dt.datetime
    party: str | None

    @property
    def waiting(self) -> list[str]:
        return self.holders_waiting + self.guests_waiting


def may_close(
    *,
    holders_waiting: Collection[str],
    anyone_answered: bool,
    mine: Collection[str],
    opened_at: dt.datetime,
    now: dt.datetime,
) -> bool:
    """Whether a person of the holder groups ``mine`` may close a round now. Closing ends
    every group's chance to answer, so one group may not end it for another that has not
    answered yet (docs/adr/0013, amended). Any holder's person may close it when

    - every group that holds the space has answered; or
    - no one has answered at all: no group's answers would stand without another's, and
      any holder can start a new check at once; or
    - the fair chance is over (``FAIR_CHANCE`` after it started); or
    - the groups still to answer are all the person's own: a group may give up its own
      chance, never another's.

    Guests that have not answered do not hold it up; whoever closes is told they have not
    answered, and the round keeps it."""
    waiting = set(holders_waiting)
    if not waiting or not anyone_answered or now >= opened_at + FAIR_CHANCE:
        return True
    return waiting <= set(mine)


def close_terms(
    *, opened_at: dt.datetime, holders: list[str], guests: list[str],
    answered: Collection[str], mine: list[str], now: dt.datetime,
) -> Closing:
    """What closing a round opened at ``opened_at`` would do now, for a person of the
    holder groups ``mine`` (holders and guests in the order the space lists them)."""
    holders_waiting = [p for p in holders if p not in answered]
    guests_waiting = [p for p in guests if p not in answered]
    allowed = bool(mine) and may_close(
        holders_waiting=holders_waiting, anyone_answered=bool(answered), mine=mine,
        opened_at=opened_at, now=now,
    )
    # The group it is closed for: one still to answer when it gives up its own chance.
    party = next((p for p in mine if p in holders_waiting), mine[0] if mine else None)
    return Closing(holders_waiting, guests_waiting, allowed, opened_at + FAIR_CHANCE, party)
