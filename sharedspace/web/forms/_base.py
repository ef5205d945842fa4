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
    sign is an error too."""

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
    """A date from GOV.UK's three boxes. Numbers only; a year of four figures; errors that
    say what to fix."""

    widget = DateWidget
    default_error_messages: ClassVar[dict[str, Any]] = {
        "incomplete": _("Enter a day, a month and a year"),
        "invalid": _("Enter a real date, like 31 12 2026"),
        "year": _("Write the year with four numbers, like 2026"),
    }

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _part in DateWidget.PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        values = [str(v or "").strip() for v in (data_list or [])]
        if not any(values):
            return None
        if not all(values) or len(values) != len(DateWidget.PARTS):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = values
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

