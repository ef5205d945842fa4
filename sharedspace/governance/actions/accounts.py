"""Accounts and API tokens.

Accounts are not governed state: they hold personal data, which the ledger never does
(rule 13), so these actions write no ledger entry (docs/adr/0003-accounts-off-the-ledger.md).
The one exception is what erasure does to memberships: leaving a group is the group's
business, so each group's own chain records it (docs/adr/0021).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from .. import exceptions as ex
from ..models import ApiToken, Person
from ._base import now, text

TOKEN_PREFIX = "ss_"  # noqa: S105 - a public prefix, not a secret
NAME_MAX_LENGTH = 100
HIDDEN_CHARACTERS = "Take out tabs, line breaks and other hidden characters."
# Characters that turn the text after them right to left (or back): in a name shown to
# others they could make it read as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters that can make two names look alike: zero-width space, direction marks,
# word joiner, byte-order mark. (The zero-width joiner stays: it joins emoji and scripts.)
_INVISIBLE = frozenset("\u200b\u200e\u200f\u2060\ufeff")


def _clean_email(email: str) -> str:
    email = text(email, field="email", max_length=254).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ex.InvalidInput(
            fields={"email": "Write an email address, like name@example.org."}
        ) from None
    return email


@transaction.atomic
def person_create(*, actor: Person | None = None, email: str, name: str) -> Person:
    """Create an account. An email belongs to one person only."""
    email = _clean_email(email)
    # The same rule as a chosen name; up to the column's 200 characters, as the CLI and the
    # API always allowed.
    name = clean_name(name, max_length=200)
    if Person.objects.filter(email=email).exists():
        raise ex.Conflict("Someone already has an account with that email.")
    # Whoever makes an account with a name gives a real one (the CLI, the demo).
    return Person.objects.create_user(email=email, name=name, name_chosen=True)


def person_for_email(email: str) -> Person:
    """The person with this email, created with a name taken from the email if new.

    That name is only a stand-in (``name_chosen`` stays False): the web asks the person for
    their own at their first sign-in, since others see it and it gives away their email.
    """
    email = _clean_email(email)
    person = Person.objects.filter(email=email).first()
    if person is not None:
        return person
    try:
        # A savepoint: when another request makes the same account at the same moment, the
        # unique email refuses this one, and that account is read instead.
        with transaction.atomic():
            return Person.objects.create_user(email=email, name=email.split("@")[0])
    except IntegrityError:
        return Person.objects.get(email=email)


def clean_name(name: object, *, max_length: int = NAME_MAX_LENGTH) -> str:
    """A person's name: 1 to 100 characters once trimmed (as chosen in the web), with no
    hidden control characters (tabs, line breaks, direction changes) that would break or
    disguise it where others see it."""
    cleaned = text(name, field="name", max_length=max_length)
    for char in cleaned:
        if unicodedata.category(char) in {"Cc", "Zl", "Zp"} or char in _BIDI_CONTROLS | _INVISIBLE:
            # Written out (not HIDDEN_CHARACTERS) so that tests/web/test_refusals_custom.py
            # finds it and asks for its translatable copy.
            raise ex.InvalidInput(
                fields={"name": "Take out tabs, line breaks and other hidden characters."}
            )
    return cleaned


@transaction.atomic
def person_rename(*, actor: Person, person_id: str, name: str) -> Person:
    """Change a person's name, the one others see. Only the person (or staff) may; the name
    then counts as chosen. Not a power event: no ledger entry (docs/adr/0003). An erased
    person has no name to change (docs/adr/0021)."""
    if actor.pk != person_id and not actor.is_staff:
        raise ex.NotFound
    name = clean_name(name)
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None or person.erased_at is not None:
        raise ex.NotFound
    person.name = name
    person.name_chosen = True
    person.save(update_fields=["name", "name_chosen"])
    return person


@transaction.atomic
def person_erase(*, actor: Person, person_id: str) -> Person:
    """Erase a person's name and email (rule 13). Chains keep verifying: they hold only ids.

    The person leaves every group first, each group's chain recording it; refused while they
    are the only coordinator of a group with other members (docs/adr/0021).
    """
    from .parties import person_leave_every_group  # parties imports this module

    if actor.pk != person_id and not actor.is_staff:
        raise ex.NotFound
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        raise ex.NotFound
    person_leave_every_group(actor=actor, person=person)
    person.name = "Erased person"
    person.email = f"erased-{person.pk}@invalid.invalid"
    person.set_unusable_password()
    person.is_active = False
    person.erased_at = now()
    person.save()
    person.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=now())
    return person


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, actor: Person, name: str = "") -> tuple[ApiToken, str]:
    """Make an API token. Only its digest is kept; the token itself is returned once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=actor,
        name=text(name, field="name", required=False, max_length=100),
        digest=_digest(raw),
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Person, token_id: str) -> None:
    token = ApiToken.objects.filter(pk=token_id, person=actor, revoked_at__isnull=True).first()
    if token is None:
        raise ex.NotFound
    token.revoked_at = now()
    token.save(update_fields=["revoked_at"])


def token_authenticate(raw: str) -> Person | None:
    """The person a token belongs to, if it is valid and not revoked."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=_digest(raw), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if token is None:
        return None
    stamp = now()
    if token.last_used_at is None or (stamp - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=stamp)
    return token.person
