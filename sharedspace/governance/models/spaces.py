"""Spaces, who holds them, who is a guest, and invitations."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .. import ids
from ..choices import Approach, InvitationState, SpaceKind, SpaceState, TenureRole
from .people import Party, Person


class Space(models.Model):
    """Where a piece of work happens. Kind follows the number of holders."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.space_id, editable=False)
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    kind = models.CharField(max_length=10, choices=SpaceKind.choices)
    state = models.CharField(max_length=10, choices=SpaceState.choices)
    claimed_approach = models.CharField(max_length=20, choices=Approach.choices)
    guest_permissions = models.JSONField(default=list, blank=True)
    charter = models.JSONField(null=True, blank=True)
    # One currency per fund (DESIGN §4 rule 10); set by the first money that moves.
    currency = models.CharField(max_length=3, blank=True)
    created_by = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField()
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.CheckConstraint(condition=Q(kind__in=SpaceKind.values), name="space_kind"),
            models.CheckConstraint(condition=Q(state__in=SpaceState.values), name="space_state"),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.kind == SpaceKind.SHARED

    @property
    def is_closed(self) -> bool:
        return self.state == SpaceState.CLOSED


class Tenure(models.Model):
    """A party's time in a space as holder or guest. Ended tenures are kept."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="tenures")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="tenures")
    role = models.CharField(max_length=10, choices=TenureRole.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # "left" (the party chose to), "removed" (the host stopped involving it), "promoted"
    # (a guest that became a holder).
    end_reason = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ("started_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("space", "party"),
                condition=Q(ended_at__isnull=True),
                name="one_current_tenure",
            ),
        )

    def __str__(self) -> str:
        return f"{self.party_id} {self.role} in {self.space_id}"


class Invitation(models.Model):
    """An offer to a party to hold or visit a space; only its own coordinator answers."""

    id = models.CharField(
        primary_key=True, max_length=24, default=ids.invitation_id, editable=False
    )
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="invitations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="invitations")
    as_role = models.CharField(max_length=10, choices=TenureRole.choices)
    invited_by_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    invited_by_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    via_proposal = models.ForeignKey(
        "governance.Proposal", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    state = models.CharField(
        max_length=10, choices=InvitationState.choices, default=InvitationState.OPEN
    )
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("space", "party"),
                condition=Q(state="open"),
                name="one_open_invitation",
            ),
        )

    def __str__(self) -> str:
        return f"invitation {self.id}"
