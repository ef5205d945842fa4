"""The web layer's own table: the sign-in rate limit's counters (``web/ratelimit.py``).

They are not governed state and hold no personal data (the key is a hash), so they are
written here, not through the governance actions, and never reach the ledger (ADR 3, ADR 11).
"""

from __future__ import annotations

from django.db import models


class RateLimitCount(models.Model):
    """Tries counted for one key (a kind of try and a hashed email or address) in its current
    window, which began with the first try counted and ends at ``ends_at``."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    ends_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.ends_at:%Y-%m-%d %H:%M:%S}"
