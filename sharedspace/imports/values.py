"""Small, strict parsers for the values found in exports: dates, amounts, booleans, texts."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import RowError

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")
_COUNT = re.compile(r"[0-9]+")
#: Amounts are read exactly and never rounded: at most two places after the point (pennies,
#: cents), and under a thousand million million, so that sums stay exact (the decimal
#: module's 28 digits) and every report shows them to the penny.
_PENNY = Decimal("0.01")
_TOO_LARGE = Decimal(10) ** 15


def parse_datetime(text: str, *, field: str = "date") -> datetime:
    """Parse an ISO 8601 date or date-time, Ruby's `2021-03-04 10:11:12 UTC`, or a day-first
    `22/01/2016` (decidim.barcelona, and UK spreadsheets). A time without a zone is UTC."""
    value = text.strip()
    if not value:
        raise RowError("missing_field", f"the {field} is empty")
    if value.endswith(" UTC"):
        value = value[:-4] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        match = _DMY.fullmatch(value)
        if match is None:
            raise RowError(
                "bad_date",
                f"the {field} {text!r} is not a date (write 2024-03-05 or 05/03/2024)",
            ) from None
        day, month, year, hour, minute, second = match.groups()
        try:
            parsed = datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
            )
        except ValueError:
            raise RowError("bad_date", f"the {field} {text!r} is not a real date") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def parse_optional_datetime(value: Any, *, field: str = "date") -> datetime | None:
    """None for null or empty; otherwise as parse_datetime (a non-text value is a bad row)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowError("bad_date", f"the {field} {value!r} is not a date")
    return parse_datetime(value, field=field)


def parse_amount(text: str) -> Decimal:
    """A positive plain number with a point for decimals: `1234.50`. Never a float."""
    value = text.strip()
    if not _AMOUNT.fullmatch(value):
        hint = ""
        if "," in value:
            hint = " (write it without thousands separators, with a point for decimals: 1234.50)"
        elif value.startswith(("£", "€", "$", "-")):
            hint = " (write the number alone and positive; the currency has its own column)"
        raise RowError("bad_amount", f"the amount {text!r} is not a plain number{hint}")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise RowError("bad_amount", f"the amount {text!r} is not a number") from None
    if amount <= 0:
        raise RowError("bad_amount", f"the amount {text!r} must be more than zero")
    if amount >= _TOO_LARGE:
        raise RowError(
            "bad_amount", f"the amount {text!r} is too large (more than 15 digits before the point)"
        )
    if amount % _PENNY:
        raise RowError(
            "bad_amount",
            f"the amount {text!r} has more than two places after the point; it would have to be "
            "rounded (write whole pennies or cents, such as 0.01)",
        )
    if int(amount.as_tuple().exponent) < -2:  # 1.500: the same amount, shown as 1.50
        amount = amount.quantize(_PENNY)
    return amount


def parse_currency(text: str) -> str:
    """An ISO 4217 code such as GBP or EUR (upper-cased)."""
    value = text.strip().upper()
    if not _CURRENCY.fullmatch(value):
        raise RowError(
            "bad_currency", f"the currency {text!r} is not a three-letter code such as GBP"
        )
    return value


_TRUE = frozenset({"true", "t", "1", "yes", "y"})
_FALSE = frozenset({"false", "f", "0", "no", "n", ""})


def parse_bool(value: Any, *, field: str) -> bool:
    """JSON booleans, and the texts CSV exports use: true/false, t/f (PostgreSQL), 1/0, yes/no.
    Null and empty are false."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    raise RowError("bad_value", f"{field} {value!r} is neither true nor false")


def parse_count(value: Any, *, field: str) -> int | None:
    """A whole number (votes, supports), or None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RowError("bad_value", f"{field} {value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _COUNT.fullmatch(value.strip()):
        return int(value.strip())
    raise RowError("bad_value", f"{field} {value!r} is not a whole number")


def pick_text(value: Any) -> str | None:
    """A plain text from a value that may be a Decidim translations hash
    (`{"ca": "...", "es": "...", "machine_translations": {...}}`): the first non-empty
    human translation in the order the data gives, else the first machine translation."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        machine = None
        for key, text in value.items():
            if key == "machine_translations":
                machine = text
                continue
            picked = pick_text(text)
            if picked:
                return picked
        return pick_text(machine) if machine is not None else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def as_ref(value: Any) -> str | None:
    """An id as text: ints and non-empty strings; anything else is not an id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
