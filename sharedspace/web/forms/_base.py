"""Shared by the forms: choice setting and the required-field message."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

Choices = list[tuple[str, Any]]


def set_choices(form: forms.BaseForm, name: str, choices: Choices) -> None:
    """Give a choice field the choices this person may make."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - a programming error
    field.choices = choices


def required_message(message: Any) -> dict[str, Any]:
    """The error message for an empty required field."""
    return {"required": message}


_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")


class AmountField(forms.DecimalField):
    """An amount of money as people write it: "1200.50", "£1,200.50", "1,200" or "£ 40" all
    mean what they say (GOV.UK's advice: accept the pound sign and commas). Only commas that
    group thousands are taken out, so "1,20" is still an error, not 120; another currency's
    sign is an error too. Its messages are ours, in plain words, never Django's ("Ensure
    this value is greater than or equal to 0")."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Write the amount as a number, like 120.50"),
        "min_value": _("The amount must be more than zero."),  # as the core says for 0
        "max_decimal_places": _("Write the pence with 2 numbers, like 120.50"),
        "max_digits": _("That amount is too large"),
        "max_whole_digits": _("That amount is too large"),
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            # The pound sign only: the fields ask for pounds, so "$40" is an error to fix,
            # never £40 taken silently.
            text = text.removeprefix("£").strip()
            if _GROUPED.fullmatch(text):
                text = text.replace(",", "")
            value = text
        return super().to_python(value)


class DateWidget(forms.MultiWidget):
    """GOV.UK's date input: three boxes, day, month and year (`{% field %}` draws them with
    web/components/date_input.html). Posted as ``<name>_day``, ``_month`` and ``_year``."""

    PARTS = ("day", "month", "year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({part: forms.TextInput() for part in self.PARTS}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date from GOV.UK's three boxes, with GOV.UK's date error messages: what is missing
    ("The date of the meeting must include a month"), a date that cannot be ("… must be a
    real date"), a year without four numbers. Each error names the boxes to mark (see
    `wrong_parts`): only the missing or wrong ones where we can tell, else all three.

    ``subject`` is how the messages name the date, at the start of a sentence ("The date of
    the meeting"). Give it with ``pgettext_lazy("date input subject", …)``: in Welsh it is
    written as it reads after "Rhaid i" (soft mutation, no article), so each whole sentence
    reads right in both languages."""

    widget = DateWidget
    default_error_messages: ClassVar[dict[str, Any]] = {
        "required": _("Enter a date"),
        "missing_day": _("%(subject)s must include a day"),
        "missing_month": _("%(subject)s must include a month"),
        "missing_year": _("%(subject)s must include a year"),
        "missing_day_month": _("%(subject)s must include a day and month"),
        "missing_day_year": _("%(subject)s must include a day and year"),
        "missing_month_year": _("%(subject)s must include a month and year"),
        "invalid": _("%(subject)s must be a real date"),
        "year_length": _("Year must include 4 numbers"),
    }

    def __init__(self, *, subject: Any, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _part in DateWidget.PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.subject = subject

    def _error(self, code: str, parts: tuple[str, ...]) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code,
                               params={"subject": self.subject, "parts": parts})

    def compress(self, data_list: list[str]) -> dt.date | None:
        values = [str(v or "").strip() for v in (data_list or [])]
        values += [""] * (len(DateWidget.PARTS) - len(values))
        if not any(values):
            return None
        given = dict(zip(DateWidget.PARTS, values, strict=False))
        missing = tuple(part for part in DateWidget.PARTS if not given[part])
        if missing:
            raise self._error("missing_" + "_".join(missing), missing)
        # Numbers only (ASCII or not: int() reads any decimal digits, never "²").
        not_numbers = tuple(part for part in DateWidget.PARTS if not given[part].isdecimal())
        if not_numbers:
            raise self._error("invalid", not_numbers)
        day, month, year = (int(given[part]) for part in DateWidget.PARTS)
        if len(given["year"]) != 4:
            raise self._error("year_length", ("year",))
        out_of_range = tuple(part for part, ok in (("day", 1 <= day <= 31),
                                                   ("month", 1 <= month <= 12),
                                                   ("year", year >= 1)) if not ok)
        if out_of_range:
            raise self._error("invalid", out_of_range)
        try:
            return dt.date(year, month, day)
        except ValueError:
            # 31 February: the day or the month may be the mistake, so mark all three.
            raise self._error("invalid", DateWidget.PARTS) from None


def wrong_parts(error: ValidationError | None) -> tuple[str, ...]:
    """The boxes of a date input to mark for this error: those it names (a part missing or
    wrong), else all three (nothing entered, or a rule such as a day in the past)."""
    params = getattr(error, "params", None) or {}
    parts = params.get("parts") if isinstance(params, dict) else None
    return tuple(parts) if parts else DateWidget.PARTS
