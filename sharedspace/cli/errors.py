"""How a command says it cannot go on: a message for standard error and an exit code."""

from __future__ import annotations

# Exit codes (CONTRACT.md): 0 success, 1 the check failed on its merits, 2 bad usage or input.
OK = 0
FAILED = 1
BAD_INPUT = 2


class CommandFailed(Exception):
    """A plain-words message for the person at the terminal, and the exit code to end with."""

    def __init__(self, message: str, *, code: int = BAD_INPUT) -> None:
        self.message = message
        self.code = code
        super().__init__(message)
