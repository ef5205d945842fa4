"""The audit's running counters: one row per space, updated with every ledger append."""

from __future__ import annotations

from django.db import models


class SpaceCounters(models.Model):
    """The fold state of one space's chain after entry ``seq`` (see ``audit.fold``).

    Written only by the ledger listener, inside the append's transaction; a recount from the
    ledger must give the same ``state``.
    """

    chain = models.CharField(primary_key=True, max_length=24)
    seq = models.PositiveBigIntegerField(default=0)
    state = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "space counters"

    def __str__(self) -> str:
        return f"audit counters of {self.chain} at {self.seq}"
