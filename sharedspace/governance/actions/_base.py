"""What every action shares: the clock, locking a space, writing its ledger entry."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from .. import exceptions as ex
from .. import ledger
from ..models import LedgerEntry, Party, Person, Space


def now() -> dt.datetime:
    return timezone.now()


def lock_space(space_id: str) -> Space:
    """Lock the space's row for the rest of the transaction (rule 12: serialised per space).

    On PostgreSQL this is a row lock; SQLite runs one writer at a time anyway.
    """
    space = Space.objects.select_for_update().filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound
    return space


def get_party(party_id: str | None, *, field: str = "party") -> Party:
    """A party named in input. Unknown ids are bad input, named by their field."""
    if not party_id:
        raise ex.InvalidInput(fields={field: "Choose a group."})
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise ex.InvalidInput(fields={field: f"There is no group with the id {party_id}."})
    return party


def record(
    space: Space,
    action: str,
    *,
    person: Person | None,
    party: Party | str | None,
    data: dict[str, Any],
) -> LedgerEntry:
    """Append this action's entry to the space's chain."""
    party_id = party if isinstance(party, str) or party is None else party.pk
    return ledger.append(
        chain=space.pk,
        action=action,
        person=person.pk if person is not None else None,
        party=party_id,
        data=data,
    )


def money(
    amount: Any, *, field: str = "amount", currency: str | None = None
) -> tuple[Decimal, str | None]:
    """Parse an amount of money: a positive decimal with at most two places."""
    if isinstance(amount, (bool, float)):
        raise ex.InvalidInput(fields={field: 'Write the amount as text, like "120.50".'})
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ex.InvalidInput(
            fields={field: "Write the amount as a number, like 120.50."}
        ) from None
    if not value.is_finite() or value <= 0:
        raise ex.InvalidInput(fields={field: "The amount must be more than zero."})
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ex.InvalidInput(fields={field: "Use at most two numbers after the point."})
    if value >= Decimal("1000000000000"):
        raise ex.InvalidInput(fields={field: "That amount is too large."})
    if currency is not None:
        currency = currency.strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ex.InvalidInput(fields={"currency": "Use a three-letter currency code."})
    return value.quantize(Decimal("0.01")), currency


def text(value: Any, *, field: str, required: bool = True, max_length: int = 20000) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ex.InvalidInput(fields={field: "This must be text."})
    cleaned: str = value.strip()
    if required and not cleaned:
        raise ex.InvalidInput(fields={field: "This cannot be empty."})
    if len(cleaned) > max_length:
        raise ex.InvalidInput(fields={field: f"Use at most {max_length} characters."})
    try:  # half of a character pair (a lone surrogate) cannot be stored or hashed
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise ex.InvalidInput(
            fields={field: "Some of this text is broken. Please type it again."}
        ) from None
    return cleaned


# Characters that turn the text after them right to left (or back): in a name shown to
# others they could make it read as something else.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters that can make two names look alike: zero-width space, direction marks,
# word joiner, byte-order mark. (The zero-width joiner stays: it joins emoji and scripts.)
INVISIBLE = frozenset("\u200b\u200e\u200f\u2060\ufeff")


# Joiners that some scripts need inside words (Persian, the Indic scripts, emoji): kept.
JOINERS = frozenset("\u200c\u200d")
# Alphabets whose letters look like one another's ("Carers" with a Cyrillic "a" in it).
_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def title_text(value: Any, *, field: str = "title", max_length: int = 200) -> str:
    """A title others read in lists, histories and (once published) on public pages:
    ``text``, without the characters that turn the text after them right to left, which
    could make a sentence around the title read as something else."""
    cleaned = text(value, field=field, max_length=max_length)
    if any(char in BIDI_CONTROLS for char in cleaned):
        raise ex.InvalidInput(
            fields={field: "Take out tabs, line breaks and other hidden characters."}
        )
    return cleaned


def public_name(value: Any, *, field: str, max_length: int) -> str:
    """A name others pick from a list or read as who acted (a group's name, a space's
    title): ``text``, no hidden characters (tabs, line breaks, direction changes, zero-width
    spaces, soft hyphens) that would break it or make it look like another, and no word
    that mixes Latin, Cyrillic and Greek letters (which look alike)."""
    cleaned = text(value, field=field, max_length=max_length)
    for char in cleaned:
        category = unicodedata.category(char)
        if (category in {"Cc", "Zl", "Zp"} or char in BIDI_CONTROLS | INVISIBLE
                or (category == "Cf" and char not in JOINERS)):
            # Written out (not a constant) so that tests/web/test_refusals_custom.py finds
            # it and asks for its translatable copy.
            raise ex.InvalidInput(
                fields={field: "Take out tabs, line breaks and other hidden characters."}
            )
    for word in cleaned.split():
        scripts = {
            script for char in word if char.isalpha()
            for script in _LOOK_ALIKE_SCRIPTS
            if unicodedata.name(char, "").startswith(script + " ")
        }
        if len(scripts) > 1:
            raise ex.InvalidInput(
                fields={field: "Use letters from one alphabet in each word."}
            )
    return cleaned


CHARTER_SECTIONS = ("purpose", "decision_making", "payment", "accessibility", "meetings", "other")


def charter_clean(charter: Any, *, field: str = "charter") -> dict[str, str]:
    """A charter is plain-text sections; ``purpose`` is required."""
    if not isinstance(charter, dict):
        raise ex.InvalidInput(fields={field: "Write a charter, starting with its purpose."})
    unknown = sorted(set(charter) - set(CHARTER_SECTIONS))
    if unknown:
        raise ex.InvalidInput(
            fields={field: "A charter has no section called " + ", ".join(unknown) + "."}
        )
    cleaned: dict[str, str] = {}
    for key in CHARTER_SECTIONS:
        if key in charter and charter[key] is not None:
            cleaned[key] = text(charter[key], field=f"{field}.{key}", required=key == "purpose")
    if not cleaned.get("purpose"):
        raise ex.InvalidInput(fields={f"{field}.purpose": "Say what the space is for."})
    return cleaned
