"""Proposals, members' votes and parties' positions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .. import ids
from ..choices import PositionValue, ProposalKind, ProposalState
from .people import Party, Person
from .spaces import Space


class Proposal(models.Model):
    """Something put to the space. It takes effect only when it passes."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.proposal_id, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    target_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    charter = models.JSONField(null=True, blank=True)
    content = models.ForeignKey(
        "governance.Comment", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # A critical friend's comment on published work, for remove_content (ADR 36).
    public_comment = models.ForeignKey(
        "governance.PublicComment",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    proposed_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True
    )
    proposed_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=10, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    closes_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    # A passed spend proposal can be spent once.
    spent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.CheckConstraint(condition=Q(kind__in=ProposalKind.values), name="prop_kind"),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="prop_state"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="prop_amount_positive"
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.OPEN


class ProposalVersion(models.Model):
    """The words of a version of a proposal as they were before the proposer changed them.
    Kept forever, so a group that answered an earlier version can see what changed. The
    ledger holds only digests of the words (``title_sha256``, ``body_sha256`` of the
    ``proposal.submit`` or ``proposal.amend`` entry for that version), which these match;
    a charter proposal's ``charter`` matches the ``charter_sha256`` of the latest of those
    entries that carried one (ADR 37)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="earlier_versions"
    )
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # A charter proposal's charter as that version proposed it (ADR 37); null for other
    # kinds, and for versions replaced before migration 0008.
    charter = models.JSONField(null=True, blank=True)
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ("proposal", "version")
        constraints = (
            models.UniqueConstraint(fields=("proposal", "version"), name="one_row_per_version"),
        )

    def __str__(self) -> str:
        return f"{self.proposal_id} v{self.version}"


class Vote(models.Model):
    """One member's vote for their party on one version of a proposal. Kept forever."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="votes")
    version = models.PositiveIntegerField()
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=12, choices=PositionValue.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")
        indexes = (models.Index(fields=("proposal", "version", "party")),)

    def __str__(self) -> str:
        return f"{self.person_id} {self.position}"


class Position(models.Model):
    """A party's position on the current version, worked out from its members' votes."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="positions")
    version = models.PositiveIntegerField()
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=12, choices=PositionValue.choices)
    reason = models.TextField(blank=True)
    binding = models.BooleanField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("updated_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("proposal", "version", "party"), name="one_position_per_version"
            ),
        )

    def __str__(self) -> str:
        return f"{self.party_id} {self.position}"
