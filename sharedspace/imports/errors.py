"""The one exception importers raise: the input as a whole cannot be read."""

from __future__ import annotations


class ImportInputError(Exception):
    """The input cannot be imported at all: no such path, not a known format, nothing in it.

    The message names the path and the problem in plain words; the CLI shows it and exits 2.
    A single bad row never raises this: it is reported and skipped.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RowError(ValueError):
    """Internal: one row is bad. Carries the stable code and the plain-words reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
