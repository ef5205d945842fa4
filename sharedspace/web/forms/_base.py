"""Shared by the forms: choice setting and the required-field message."""

from __future__ import annotations

import re
from typing import Any

from django import forms

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
    group thousands are taken out, so "1,20" is still an error, not 120."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            for symbol in ("£", "€", "$"):
                text = text.removeprefix(symbol).strip()
            if _GROUPED.fullmatch(text):
                text = text.replace(",", "")
            value = text
        return super().to_python(value)

