"""Meetings of a space: the agenda anyone in it may add to, notes, and action points.

An action learning set is a meeting of a fixed shape (ADR 35): presenters (agenda items a
person adds to bring their own question), the actions each presenter chooses (action points
for that person), and at a later set each presenter's review of those actions.

What people write (titles, places, notes, what an action point asks) stays here; the ledger
holds only its SHA-256 (rule 13). Nothing is deleted: a called-off meeting is kept.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import ids
from ..choices import MeetingState
from .people import Party, Person
from .spaces import Space


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    LEARNING_SET = "learning_set", _("Action learning set")


class Meeting(models.Model):
    """A meeting of a space: when, where, and who called it."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.meeting_id, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    # A place, or how to join online: plain text, shown as text (never as a link).
    place = models.CharField(max_length=500, blank=True)
    state = models.CharField(
        max_length=10, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices,
                            default=MeetingKind.MEETING)
    created_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    held_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("starts_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(state__in=MeetingState.values), name="meeting_state"
            ),
        )
        indexes = (models.Index(fields=("space", "starts_at"), name="meeting_space_start"),)

    def __str__(self) -> str:
        return self.title

    @property
    def is_scheduled(self) -> bool:
        return self.state == MeetingState.SCHEDULED

    @property
    def is_learning_set(self) -> bool:
        return self.kind == MeetingKind.LEARNING_SET


class AgendaItem(models.Model):
    """Something a party wants talked about: an initiative of that party (DESIGN §4a)."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.agenda_item_id, editable=False
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    title = models.CharField(max_length=200)
    added_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    # At an action learning set: the person who added it presents it (their own question).
    presenting = models.BooleanField(default=False)

    class Meta:
        ordering = ("order", "id")
        constraints = (
            models.UniqueConstraint(fields=("meeting", "order"), name="agenda_item_order"),
        )

    def __str__(self) -> str:
        return self.title


class MeetingNote(models.Model):
    """The record of what was said at a meeting. Notes are added, never changed."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.meeting_note_id, editable=False
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notes")
    body = models.TextField()
    written_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True
    )
    written_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"notes {self.id}"


class MeetingAction(models.Model):
    """An action point: what is to be done, by which party (and person), by when."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.action_point_id, editable=False
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField()
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    due_on = models.DateField(null=True, blank=True)
    added_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_by_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # A presenter's review at a later action learning set (ADR 35): done or not, and what
    # they learned. Reviewed once.
    reviewed_in = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="reviews", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    review_done = models.BooleanField(null=True, blank=True)
    learned = models.TextField(blank=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"action point {self.id}"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
