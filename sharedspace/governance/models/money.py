"""The fund of a space: every movement, and each party's running share."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q

from ..choices import FundEntryKind
from .people import Party, Person
from .proposals import Proposal
from .spaces import Space


class FundEntry(models.Model):
    """One movement of money: a commitment, a spending, or a withdrawal."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="fund_entries")
    kind = models.CharField(max_length=12, choices=FundEntryKind.choices)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Recorded when a holder takes money back out of a shared fund on its own.
    unilateral = models.BooleanField(default=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")
        constraints = (
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_entry_positive"),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class FundShare(models.Model):
    """A party's running totals in one fund. Unspent = committed - spent - withdrawn."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="fund_shares")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    committed = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    spent = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    withdrawn = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("space", "party"), name="one_share_per_party"),
            # A fund never goes below zero, and neither does any party's part of it.
            models.CheckConstraint(
                condition=Q(committed__gte=models.F("spent") + models.F("withdrawn")),
                name="share_not_negative",
            ),
        )

    def __str__(self) -> str:
        return f"{self.party_id} share in {self.space_id}"

    @property
    def unspent(self) -> Decimal:
        return self.committed - self.spent - self.withdrawn
