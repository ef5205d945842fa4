"""People, parties and who belongs to which party."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q

from .. import ids
from ..choices import DecisionRule, PartyKind, Role


class PersonManager(BaseUserManager["Person"]):
    def create_user(
        self, email: str, name: str = "", password: str | None = None, **extra: Any
    ) -> Person:
        person = self.model(email=self.normalize_email(email).lower(), name=name, **extra)
        if password:
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.save(using=self._db)
        return person

    def create_superuser(
        self, email: str, name: str = "", password: str | None = None, **extra: Any
    ) -> Person:
        return self.create_user(email, name, password, is_staff=True, **extra)


class Person(AbstractBaseUser):
    """Someone with an account. Name and email live here, never in the ledger."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.person_id, editable=False)
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200)
    # Whether the person chose their name themselves, or it was given when the account was
    # made (`person_create`). False for an account made from an email (`person_for_email`),
    # named after the email's first part: they are asked for a name when they first sign in.
    name_chosen = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[PersonManager] = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name or self.id


class Party(models.Model):
    """A group that acts and speaks for itself."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.party_id, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartyKind.choices)
    decision_rule = models.CharField(max_length=20, choices=DecisionRule.choices)
    # Number of members whose votes make a majority decision valid; None: more than half.
    quorum = models.PositiveIntegerField(null=True, blank=True)
    power_sources = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "parties"
        constraints = (
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="party_kind_valid"),
            models.CheckConstraint(
                condition=Q(decision_rule__in=DecisionRule.values), name="party_rule_valid"
            ),
        )

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's place in a party. Ended memberships are kept, with ``left_at``."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    is_coordinator = models.BooleanField(default=False)
    is_speaker = models.BooleanField(default=False)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    # Who put the person in (the founder, for the founder) and when the person said they want
    # to be in it. Until then the person is asked; they may leave at once (ADR 38).
    added_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("party", "person"),
                condition=Q(left_at__isnull=True),
                name="one_current_membership",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person_id} in {self.party_id}"

    @property
    def roles(self) -> list[str]:
        roles = []
        if self.is_coordinator:
            roles.append(Role.COORDINATOR.value)
        if self.is_speaker:
            roles.append(Role.SPEAKER.value)
        roles.append(Role.MEMBER.value)
        return roles


class ApiToken(models.Model):
    """An API token. Only its SHA-256 digest is stored; the token is shown once."""

    id = models.CharField(primary_key=True, max_length=24, default=ids.token_id, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"token {self.id}"
