"""A password check of our own, beside Django's four (settings.AUTH_PASSWORD_VALIDATORS):
Django's list of common passwords lets through a long run of one character
("aaaaaaaaaaaa") or of the keyboard ("qwertyuiopas"), which are guessed first."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

# Runs people type without thinking: keyboard rows read on (and back), the alphabet, digits.
_RUNS = (
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "abcdefghijklmnopqrstuvwxyz",
    "12345678901234567890",
)
MIN_DIFFERENT = 5  # different characters in a password, at least


class VariedPasswordValidator:
    """Refuses a password with fewer than ``MIN_DIFFERENT`` different characters, or that
    is a run along a keyboard row, the alphabet or the digits (either way)."""

    code = "password_too_simple"

    def validate(self, password: str, user: Any = None) -> None:
        plain = password.lower()
        if len(set(plain)) < MIN_DIFFERENT or any(
            plain in run or plain in run[::-1] for run in _RUNS
        ):
            raise ValidationError(
                "This password is too easy to guess: it repeats itself or follows the keyboard.",
                code=self.code,
            )

    def get_help_text(self) -> str:
        return "Use different characters, not a run along the keyboard."
