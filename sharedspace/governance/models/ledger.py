"""The ledger: one append-only, hash-chained record per space (and per party).

The database refuses UPDATE and DELETE on ``governance_ledgerentry`` (triggers created by
migration 0002). ``content`` holds the canonical JSON bytes exactly as hashed.
"""

from __future__ import annotations

from django.db import models


class LedgerEntry(models.Model):
    """One power event. Never updated, never deleted."""

    chain = models.CharField(max_length=24)
    seq = models.PositiveBigIntegerField()
    # Copies of fields inside ``content``, for querying. ``verify`` checks they agree.
    action = models.CharField(max_length=40)
    at = models.DateTimeField()
    content = models.TextField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ("chain", "seq")
        constraints = (models.UniqueConstraint(fields=("chain", "seq"), name="one_entry_per_seq"),)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"


class ChainHead(models.Model):
    """The last entry of each chain. Its row is locked while an entry is appended."""

    chain = models.CharField(primary_key=True, max_length=24)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.chain} head at {self.seq}"
