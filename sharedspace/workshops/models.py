"""Workshop sessions, their anonymous participants, and their answers.

Nothing here names a person or keeps a network address. A participant is known only by the
SHA-256 digest of a random key that their phone keeps in a cookie, mixed with the workshop's
id, so the same phone in two workshops cannot be linked by reading the database.
"""

from __future__ import annotations

from django.db import models

from sharedspace.governance.choices import SpaceState
from sharedspace.governance.ids import new_id
from sharedspace.governance.models import Party, Person, Space


def workshop_id() -> str:
    return new_id("wks")


class WorkshopManager(models.Manager["Workshop"]):
    def taking_answers(self) -> models.QuerySet[Workshop]:
        """Sessions still open, in a space still active. A session open when its space
        closed ended with it (docs/adr/0029), even while its ``closed_at`` is still empty."""
        return self.get_queryset().filter(
            closed_at__isnull=True, space__state=SpaceState.ACTIVE
        )

    def ended_with_their_spaces(self) -> models.QuerySet[Workshop]:
        """Sessions nobody closed whose space closed: ended, though ``closed_at`` is empty."""
        return (
            self.get_queryset()
            .filter(closed_at__isnull=True)
            .exclude(space__state=SpaceState.ACTIVE)
        )


class Workshop(models.Model):
    """One workshop session in one space: open until a facilitator closes it."""

    id = models.CharField(primary_key=True, max_length=24, default=workshop_id, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="workshops")
    # Six characters people read aloud and type (codes.ALPHABET); unique among open sessions.
    code = models.CharField(max_length=6)
    opened_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    # When a facilitator closed it; or, for a session open when its space closed, when the
    # space closed (written by the next ``workshop_open``, which frees the code).
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = WorkshopManager()

    class Meta:
        ordering = ("-opened_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("code",),
                condition=models.Q(closed_at__isnull=True),
                name="workshop_code_unique_while_open",
            ),
        )
        indexes = (models.Index(fields=("code", "-opened_at"), name="workshop_code_newest"),)

    def __str__(self) -> str:
        return f"workshop {self.id} ({self.code})"

    @property
    def is_closed(self) -> bool:
        """Closed by a facilitator (or its end written after its space closed)."""
        return self.closed_at is not None

    @property
    def taking_answers(self) -> bool:
        """Open, in an active space (``WorkshopQuerySet.taking_answers`` for one row). A
        session whose space closed takes no answers, whatever its ``closed_at`` says."""
        return self.closed_at is None and self.space.state == SpaceState.ACTIVE

    @property
    def ended_with_its_space(self) -> bool:
        """Ended because its space closed while it was open, not closed by a facilitator."""
        space = self.space
        if space.state == SpaceState.ACTIVE:
            return False
        return self.closed_at is None or (
            space.closed_at is not None and self.closed_at >= space.closed_at
        )


class Participant(models.Model):
    """Someone in the room, anonymous: which side they said they are on, nothing else."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    # sha256(workshop id + ":" + the key in the phone's cookie), hex.
    key_digest = models.CharField(max_length=64)
    # The group they said they are on the side of; empty when they said "I am not sure".
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("workshop", "key_digest"), name="one_participant_per_key"
            ),
        )

    def __str__(self) -> str:
        return f"participant {self.pk} in {self.workshop_id}"


class Answer(models.Model):
    """One participant's answer to one question of the perception check."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=30)
    # "party:<id>", "together" or "dont_know", as in the perception check.
    answer = models.CharField(max_length=40)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("participant", "question"), name="one_workshop_answer_per_question"
            ),
        )

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
