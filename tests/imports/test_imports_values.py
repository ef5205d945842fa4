"""The small value parsers: dates, amounts, currencies, flags, translated texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharedspace.imports.errors import RowError
from sharedspace.imports.values import (
    parse_amount,
    parse_bool,
    parse_count,
    parse_currency,
    parse_datetime,
    pick_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-03-05 14:30", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("2024-03-05T14:30:00Z", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        (
            "2024-03-05T14:30:00.000+01:00",
            datetime(2024, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("2021-03-04 10:11:12 UTC", datetime(2021, 3, 4, 10, 11, 12, tzinfo=UTC)),
        (
            "2021-03-04 10:11:12 +0100",
            datetime(2021, 3, 4, 10, 11, 12, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("22/01/2016", datetime(2016, 1, 22, tzinfo=UTC)),
        ("5/3/2024 09:15", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
    ],
)
def test_dates_in_every_form_exports_use(text: str, expected: datetime) -> None:
    """ISO 8601, Ruby's `... UTC`, and day-first dates parse; no zone means UTC."""
    assert parse_datetime(text) == expected
    assert parse_datetime(text).tzinfo is not None


@pytest.mark.parametrize("text", ["yesterday", "31/02/2016", "2016-13-01", "", "  "])
def test_not_a_date_is_a_row_error(text: str) -> None:
    """Garbage, impossible days and empty cells are row errors, not crashes."""
    with pytest.raises(RowError) as caught:
        parse_datetime(text, field="when")
    assert caught.value.code in {"bad_date", "missing_field"}
    assert "when" in caught.value.reason


def test_amounts_are_decimals_never_floats() -> None:
    """A plain number becomes an exact Decimal."""
    assert parse_amount("1234.50") == Decimal("1234.50")
    assert isinstance(parse_amount("0.10"), Decimal)
    assert parse_amount(" 7 ") == Decimal("7")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1,234.50", "thousands separators"),
        ("12,50", "thousands separators"),
        ("£5", "currency has its own column"),
        ("-5", "positive"),
        ("0", "more than zero"),
        ("1e3", "plain number"),
        ("NaN", "plain number"),
        ("Infinity", "plain number"),
        ("five", "plain number"),
    ],
)
def test_non_numeric_amounts_are_refused_with_a_hint(text: str, hint: str) -> None:
    """Anything but a positive plain number is a bad amount, and the reason says why."""
    with pytest.raises(RowError) as caught:
        parse_amount(text)
    assert caught.value.code == "bad_amount"
    assert hint in caught.value.reason


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2))
def test_any_positive_amount_round_trips(amount: Decimal) -> None:
    """Whatever positive amount is written with two decimals is read back exactly."""
    assert parse_amount(f"{amount:.2f}") == amount


def test_currency_codes() -> None:
    """Three letters, upper-cased; anything else is a row error."""
    assert parse_currency("eur") == "EUR"
    with pytest.raises(RowError):
        parse_currency("£")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        ("t", True),
        ("TRUE", True),
        ("1", True),
        ("f", False),
        ("", False),
        (None, False),
        (0, False),
    ],
)
def test_flags(value: object, expected: bool) -> None:
    """JSON booleans and the texts CSV exports write are read as flags."""
    assert parse_bool(value, field="x") is expected


def test_translations_pick_the_first_human_text() -> None:
    """Decidim's translation hashes give the first non-empty human text, else a machine one."""
    assert pick_text({"ca": "Hola", "en": "Hello"}) == "Hola"
    assert pick_text({"ca": "", "en": "Hello"}) == "Hello"
    assert pick_text({"ca": "", "machine_translations": {"en": "Hi"}}) == "Hi"
    assert pick_text({}) is None
    assert pick_text("  ") is None
    assert pick_text(12) == "12"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("0.001", "more than two places after the point"),
        ("12.505", "more than two places after the point"),
        ("1.0000000000000000000000000000001", "more than two places after the point"),
        ("1" * 40, "too large"),
        ("1000000000000000", "too large"),
    ],
)
def test_amounts_that_would_be_rounded_are_refused(text: str, hint: str) -> None:
    """An amount is never rounded quietly: more than two places after the point (0.001 was
    shown as 0.00), or too many digits for sums to stay exact (40 digits crashed the
    report), is a bad amount that says why."""
    with pytest.raises(RowError) as caught:
        parse_amount(text)
    assert caught.value.code == "bad_amount"
    assert hint in caught.value.reason


def test_trailing_zeros_are_not_rounding() -> None:
    """1.500 is exactly 1.50: read, and shown with two places."""
    assert str(parse_amount("1.500")) == "1.50"
    assert str(parse_amount("999999999999999.99")) == "999999999999999.99"


@pytest.mark.parametrize("text", ["²", "١٢", "12.0", "-3", "1e3"])
def test_counts_other_than_plain_digits_are_bad_values(text: str) -> None:
    """Votes written with superscript or other scripts' digits were taken as digits and
    then crashed the import; they are a bad value now."""
    with pytest.raises(RowError) as caught:
        parse_count(text, field="votes")
    assert caught.value.code == "bad_value"
