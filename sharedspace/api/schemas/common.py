"""Vocabularies, money, references and the error body, shared by every part of the API."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# The contract's code words (sharedspace.governance.choices); a test keeps them in step.
PartyKind = Literal["people", "organisation"]
DecisionRule = Literal["speaker", "majority", "all"]
PowerSource = Literal["money", "mandate", "professional", "lived_experience", "networks"]
Role = Literal["coordinator", "speaker", "member"]
SpaceKind = Literal["own", "shared"]
SpaceState = Literal["forming", "active", "closed"]
Approach = Literal["informing", "consultation", "engagement", "co-design", "coproduction"]
GuestPermission = Literal["view", "comment", "propose", "give_views"]
ProposalKind = Literal[
    "decision",
    "spend",
    "add_holder",
    "add_guest",
    "remove_guest",
    "charter",
    "close",
    "remove_content",
    "publish",
]
ProposalState = Literal["open", "passed", "blocked", "lapsed", "withdrawn"]
PositionValue = Literal["agree", "object", "stand_aside"]
TenureRole = Literal["holder", "guest"]
InvitationState = Literal["open", "accepted", "declined", "withdrawn"]
FundEntryKind = Literal["commitment", "spending", "withdrawal", "return"]
OutsideDecisionState = Literal["unanswered", "confirmed", "disputed"]
# "invited": a party with an open invitation may look at the space before answering.
Relation = Literal["holder", "guest", "former_holder", "former_guest", "invited"]
Label = Literal["my_space", "your_space", "shared_space"]


class Input(Schema):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


# --- money ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyValue:
    """Money as sent: the amount exactly as written, and a currency if one was given."""

    amount: str | int | Decimal
    currency: str | None = None


_MONEY_WORDS = (
    'Write the amount as text, like "120.50", or as {"amount": "120.50", "currency": "GBP"}.'
)


def _money_in(value: Any) -> MoneyValue:
    """Accept ``"120.50"``, ``120.50``, or ``{"amount": "120.50", "currency": "GBP"}``.

    Only the shape is checked here; the governance core decides whether the amount is
    a valid amount of money (positive, at most two decimal places).
    """
    if isinstance(value, MoneyValue):
        return value
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"amount", "currency"})
        if unknown:
            raise PydanticCustomError(
                "money_fields",
                "Money has only an amount and a currency, not {unknown}.",
                {"unknown": ", ".join(unknown)},
            )
        if "amount" not in value:
            raise PydanticCustomError("money_missing", 'Give the amount, like "120.50".')
        currency = value.get("currency")
        if currency is not None and not isinstance(currency, str):
            raise PydanticCustomError("money_currency", "Use a three-letter currency code.")
        return MoneyValue(_money_in(value["amount"]).amount, currency)
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise PydanticCustomError("money_type", _MONEY_WORDS)
    return MoneyValue(value)


_MONEY_SCHEMA: dict[str, Any] = {
    "description": _MONEY_WORDS,
    "anyOf": [
        {"type": "string", "examples": ["120.50"]},
        {"type": "number"},
        {
            "type": "object",
            "properties": {
                "amount": {"anyOf": [{"type": "string"}, {"type": "number"}]},
                "currency": {"type": "string", "minLength": 3, "maxLength": 3},
            },
            "required": ["amount"],
            "additionalProperties": False,
        },
    ],
}

MoneyIn = Annotated[MoneyValue, PlainValidator(_money_in), WithJsonSchema(_MONEY_SCHEMA)]


class Money(Schema):
    """``{"amount": "123.45", "currency": "GBP"}``: the amount as text, never a float."""

    amount: str
    currency: str


def money(amount: Decimal | None, currency: str | None) -> dict[str, str] | None:
    if amount is None:
        return None
    return {"amount": f"{Decimal(amount):.2f}", "currency": currency or "GBP"}


# --- references -------------------------------------------------------------------------


class PartyRef(Schema):
    """A party, by id, with its name and kind so that no second call is needed."""

    id: str
    name: str
    kind: PartyKind


class NamedRef(Schema):
    id: str
    name: str


class Actor(Schema):
    """Who did something: a person (id) acting for a party (id). Either may be null for
    what the system did by itself, such as a deadline passing."""

    person: str | None
    party: str | None


class CharterIn(Input):
    """The written agreement of a shared space: plain-text sections, ``purpose`` required."""

    purpose: str
    decision_making: str | None = None
    payment: str | None = None
    accessibility: str | None = None
    meetings: str | None = None
    other: str | None = None


def _unwritten(value: Any) -> bool:
    return value is None


class Charter(Schema):
    """The written agreement of a shared space: the sections it has (``purpose`` always).
    Sections that were not written are left out."""

    purpose: str
    decision_making: str | None = Field(None, exclude_if=_unwritten)
    payment: str | None = Field(None, exclude_if=_unwritten)
    accessibility: str | None = Field(None, exclude_if=_unwritten)
    meetings: str | None = Field(None, exclude_if=_unwritten)
    other: str | None = Field(None, exclude_if=_unwritten)


# --- errors -------------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str] | None = None


class Error(Schema):
    """The body of every error: a stable code and plain words; ``fields`` for 422."""

    error: ErrorDetail
