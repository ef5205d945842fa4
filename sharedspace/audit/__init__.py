"""The power audit (DESIGN §5): running counters kept with every ledger append, a recount
from the ledger that must agree with them, and the report of a space.

Use ``audit_space``, ``recount`` and ``compare`` from here; they load the engine on first use.
"""

from __future__ import annotations

from typing import Any


def audit_space(space_id: str) -> dict[str, Any]:
    """The power audit of one space (CONTRACT.md audit JSON). Raises NotFound if unknown."""
    from .engine import audit_space as _audit_space

    return _audit_space(space_id)


def space_report(space: Any) -> dict[str, Any]:
    """The audit report of a ``Space`` without its ``perceptions`` block: the figures the
    perception check puts beside its answers (docs/adr/0022)."""
    from .engine import space_report as _space_report

    return _space_report(space)[0]


def recount(space_id: str) -> dict[str, Any]:
    """The counter state of a space recounted from its stored ledger entries."""
    from .engine import recount as _recount

    return _recount(space_id)


def compare(space_id: str) -> list[str]:
    """Differences between the stored counters and a recount, in plain words ([] if none)."""
    from .engine import compare as _compare

    return _compare(space_id)
