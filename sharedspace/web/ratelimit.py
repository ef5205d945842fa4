"""A fixed-window rate limit in the database: sign-in links and passwords, per email and per
network address.

A key's window begins with its first try and lasts ``window`` seconds, however many tries
follow (refused ones too), so "wait 15 minutes" is always enough. Each try adds one with a
single ``UPDATE … SET count = count + 1`` and reads the count back in the same transaction:
PostgreSQL holds the row's lock until the commit and SQLite writes one transaction at a time,
so tries that arrive together, in any thread or server process, each get their own number
(docs/adr/0011). A count is a write like any other: a caller must not roll back the
transaction it was made in, or the try is not counted.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .models import RateLimitCount

WINDOW_SECONDS = 15 * 60
LIMIT = 5
# Counters whose window is over are deleted when a new window begins, at most this many at a
# time, so no try pays for a long clean-up.
FORGET_AT_ONCE = 500


def _key(kind: str, value: str) -> str:
    return f"{kind}:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def hit(
    kind: str,
    value: str,
    *,
    limit: int = LIMIT,
    window: int = WINDOW_SECONDS,
    now: datetime | None = None,
) -> bool:
    """Count one more try; False once ``value`` has used up its ``limit`` in this window."""
    now = now or timezone.now()
    key = _key(kind, value)
    ends = now + timedelta(seconds=window)
    rows = RateLimitCount.objects.filter(key=key)
    running = Q(ends_at__gt=now)
    with transaction.atomic():
        for _attempt in range(2):
            # One statement: count on in a window that is still running, else begin a new one.
            changed = rows.update(
                count=Case(When(running, then=F("count") + 1), default=Value(1)),
                ends_at=Case(
                    When(running, then=F("ends_at")),
                    default=Value(ends, output_field=models.DateTimeField()),
                ),
            )
            if changed:
                count: int = rows.values_list("count", flat=True).get()
                return count <= limit
            try:
                with transaction.atomic():
                    RateLimitCount.objects.create(key=key, count=1, ends_at=ends)
            except IntegrityError:
                continue  # another try made the row first: count on it
            break
        else:  # pragma: no cover - the row was deleted and made again in between, twice
            return False
    _forget_ended(now)
    return limit >= 1


def _forget_ended(now: datetime) -> None:
    """Delete counters whose window is over. Rows another request holds are skipped, not
    waited for (PostgreSQL), so two clean-ups never wait on each other."""
    with transaction.atomic():
        ended = list(
            RateLimitCount.objects.filter(ends_at__lte=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:FORGET_AT_ONCE]
        )
        if ended:
            RateLimitCount.objects.filter(pk__in=ended).delete()
