"""Shared by the forms: choice setting and the required-field message."""

from __future__ import annotations

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


