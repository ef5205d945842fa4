"""Importers of other platforms' records: Decidim, CONSUL, and a plain CSV event log.

Bird's-eye view: `open_source(path, source)` plans the input (a file, a folder, a zip),
looks at each file's first bytes to choose a parser, and returns an `ImportStream`. Iterating
the stream yields typed, frozen records (`ProposalRecord` for Decidim and CONSUL,
`EventRecord` for the event log); rows that cannot be used are reported on the stream
(`bad_rows`, with file, line and reason) and skipped, so one bad row never stops an import.
Input that cannot be imported at all raises `ImportInputError`.

Why it is shaped like this (the long version is docs/imports.md):
- Parsing only. The importers know file formats, not power: turning "proposal accepted" into
  "a decision by the owner in its own space" is the audit engine's job. That keeps each side
  testable alone and lets the audit treat ledgers and imports alike.
- Streams. Records are yielded one at a time and the stream keeps counters and capped lists,
  never the records, so memory is flat for a million rows; large JSON arrays are split
  element by element (jsonsplit.py) rather than loaded.
- Pure Python, standard library only, no Django: the CLI, a background task or a test can
  use it alike, and it prints nothing (progress goes to an optional callback).
- Robust by design: every variant is detected from content, not file names; bad encodings,
  broken JSON, nulls and unknown states become bad rows with line numbers.
"""

from .detect import SOURCES, choose_parser, open_source
from .errors import ImportInputError
from .records import (
    DECIDED_STATES,
    PARTY_KINDS,
    PROPOSAL_SOURCES,
    PROPOSAL_STATES,
    VENUES,
    BadRow,
    EventRecord,
    ImportRecord,
    Location,
    Notice,
    ProposalRecord,
)
from .stream import ImportStream

__all__ = [
    "DECIDED_STATES",
    "PARTY_KINDS",
    "PROPOSAL_SOURCES",
    "PROPOSAL_STATES",
    "SOURCES",
    "VENUES",
    "BadRow",
    "EventRecord",
    "ImportInputError",
    "ImportRecord",
    "ImportStream",
    "Location",
    "Notice",
    "ProposalRecord",
    "choose_parser",
    "open_source",
]
