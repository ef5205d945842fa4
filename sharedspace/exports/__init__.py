"""The export: everything one party (group) may see, with its ledgers, in one zip file.

An engine that both edges use: the command ``sharedspace export --party ID --out FILE.zip``
(``cli/export``) and the group page's download, ``/groups/<id>/export.zip``
(``web/views/parties.py``). The zip holds a README in plain words, JSON files for the party
and each of its spaces (former ones included), every ledger the party may read as
``ledger.jsonl``, ``names.json``, and ``verify_ledger.py``, which re-checks those ledgers
offline with only Python's standard library (docs/ledger.md, ADR 7).

- ``collect``: what the party may see, as plain data (the API's read rules, applied to the
  party itself).
- ``archive``: the zip (``write_zip`` into an open file, ``write_export`` into a named one).
- ``verify_ledger.py``: the checker that goes into the zip, as it is.

Use ``write_zip``, ``write_export`` and ``space_ids`` from here; they load the engine (and
Django's models) on first use, so ``verify_ledger`` can be imported without Django.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from sharedspace.governance.models import Party


def write_zip(party: Party, out: IO[bytes], *, warn: Callable[[str], None] | None = None) -> int:
    """Write everything ``party`` may see, as a zip, into the open binary file ``out``.
    Returns how many spaces it holds."""
    from .archive import write_zip as _write_zip

    return _write_zip(party, out, warn=warn)


def write_export(
    party: Party, out: Path, *, warn: Callable[[str], None] | None = None
) -> int:
    """Write the zip to the file ``out`` (through a temporary file beside it). Returns how
    many spaces it holds."""
    from .archive import write_export as _write_export

    return _write_export(party, out, warn=warn)


def space_ids(party: Party) -> set[str]:
    """The ids of the spaces the export of ``party`` covers, so that a caller can resolve
    their passed deadlines first."""
    from .collect import space_ids as _space_ids

    return _space_ids(party)
