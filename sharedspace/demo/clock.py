"""A clock for telling the demo's story over months, through the ordinary actions.

Nothing is backdated by editing rows: while the story runs, ``django.utils.timezone.now``
(which the actions and the ledger read) answers with the story's time instead of the real
time, so every row and every ledger entry is written once, with its past time, and every
chain verifies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock


class StoryClock:
    """Story time. Each reading moves it on by a millisecond, so events never share a time."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the story clock needs a time zone")
        self.start = start
        self.moment = start

    def __call__(self) -> dt.datetime:
        value = self.moment
        self.moment += dt.timedelta(milliseconds=1)
        return value

    def day(self, number: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        """Move to ``hour:minute`` on day ``number`` of the story (day 0 is the start)."""
        target = (self.start + dt.timedelta(days=number)).replace(
            hour=hour, minute=minute, second=0, microsecond=0
        )
        if target < self.moment:
            raise ValueError(f"the story cannot go back in time (day {number} {hour}:{minute})")
        self.moment = target
        return target

    def later(self, *, minutes: int = 0, hours: int = 0) -> dt.datetime:
        self.moment += dt.timedelta(minutes=minutes, hours=hours)
        return self.moment

    def date(self, number: int) -> dt.date:
        """The calendar date of day ``number``, for things like an outside decision's date."""
        return (self.start + dt.timedelta(days=number)).date()

    @contextmanager
    def running(self) -> Iterator[StoryClock]:
        """Make the actions and the ledger read story time inside this block."""
        with mock.patch("django.utils.timezone.now", self):
            yield self
