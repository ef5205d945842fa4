"""What people write in a space, work a space published, and decisions made somewhere else."""

from __future__ import annotations

from django.db import models

from .. import ids
from ..choices import OutsideDecisionState
from .people import Party, Person
from .spaces import Space


class Comment(models.Model):
    """A comment in a space's discussion, or on a proposal. Removed ones are hidden, kept."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.comment_id, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="comments")
    proposal = models.ForeignKey(
        "governance.Proposal",
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"comment {self.id}"


class OutsideDecision(models.Model):
    """A decision about the space's work made somewhere else, recorded by a holder."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.outside_decision_id, editable=False
    )
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="outside_decisions")
    made_by = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    made_on = models.DateField(null=True, blank=True)
    recorded_by_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=12,
        choices=OutsideDecisionState.choices,
        default=OutsideDecisionState.UNANSWERED,
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"outside decision {self.id}"


class Publication(models.Model):
    """Work a space made public by a passed ``publish`` proposal (ADR 36). Anyone can read
    it; anyone signed in can comment on it as a critical friend. It is never unpublished:
    its words are the passed proposal's words, and the ledger holds their digests."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.publication_id, editable=False
    )
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="publications")
    proposal = models.OneToOneField(
        "governance.Proposal", on_delete=models.PROTECT, related_name="publication"
    )
    title = models.CharField(max_length=200)
    body = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ("-published_at", "id")

    def __str__(self) -> str:
        return self.title


class PublicComment(models.Model):
    """A critical friend's comment on published work. The author need not belong to any
    group in the space. Removing one (a passed ``remove_content`` proposal) hides it; the
    text stays for export."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.public_comment_id, editable=False
    )
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"public comment {self.id}"
