"""Perception rounds and answers. A round can be repeated so a partnership sees change."""

from __future__ import annotations

from django.db import models

from sharedspace.governance.ids import new_id
from sharedspace.governance.models import Party, Person, Space


def round_id() -> str:
    return new_id("prc")


class Round(models.Model):
    """One asking of the questions in one space."""

    id = models.CharField(primary_key=True, max_length=24, default=round_id, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="perception_rounds")
    opened_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # Who closed it, and for which group that holds the space (docs/adr/0013, amended).
    # Empty for a round closed before this was kept, and for one still open.
    closed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_by_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # The groups in the space (holders, then guests) that had not answered when it was
    # closed: [] when every group had; None when not known (closed before this was kept).
    not_answered = models.JSONField(null=True, blank=True, default=None)

    class Meta:
        ordering = ("-opened_at",)

    def __str__(self) -> str:
        return f"perception round {self.id}"


class Answer(models.Model):
    """One person's answer to one question, for the party they belong to."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(max_length=30)
    # "party:<id>", "together" or "dont_know".
    answer = models.CharField(max_length=40)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("round", "person", "question"), name="one_answer_per_question"
            ),
        )

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
