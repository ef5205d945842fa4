"""The normalised, typed records that every importer yields.

Each record says where it came from (`origin`), so that the audit's evidence can point back at a
line of the user's own file. Records are frozen: an importer builds them, nobody edits them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

# -- Proposals (Decidim, CONSUL) ----------------------------------------------------------------

#: Who put a proposal forward, in the platform's own words (decidim.barcelona's `source`).
#: "official" is the platform's owner; the audit keys it by the owner's name.
SOURCE_OFFICIAL: Final = "official"
SOURCE_CITIZEN: Final = "citizen"
SOURCE_ORGANIZATION: Final = "organization"
SOURCE_MEETING: Final = "meeting"
#: The export does not say who proposed it (Decidim exports older than authors in the export).
SOURCE_UNKNOWN: Final = "unknown"
PROPOSAL_SOURCES: Final = frozenset(
    {SOURCE_OFFICIAL, SOURCE_CITIZEN, SOURCE_ORGANIZATION, SOURCE_MEETING, SOURCE_UNKNOWN}
)

#: Where a proposal stands. accepted / rejected are the owner's decisions; the others are not.
STATE_ACCEPTED: Final = "accepted"
STATE_REJECTED: Final = "rejected"
STATE_EVALUATING: Final = "evaluating"
STATE_OPEN: Final = "open"
STATE_WITHDRAWN: Final = "withdrawn"
PROPOSAL_STATES: Final = frozenset(
    {STATE_ACCEPTED, STATE_REJECTED, STATE_EVALUATING, STATE_OPEN, STATE_WITHDRAWN}
)
#: The states that are a decision made by the owner, alone, in its own space.
DECIDED_STATES: Final = frozenset({STATE_ACCEPTED, STATE_REJECTED})


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record came from: a file (a zip member is `archive.zip!member`) and a line.

    `line` is 1-based; it is None when the problem or record concerns the whole file.
    """

    file: str
    line: int | None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    """One proposal from Decidim or CONSUL, in the platform's terms, normalised.

    - `ref`: the platform's id of the proposal, as text.
    - `source`: one of PROPOSAL_SOURCES, who put it forward.
    - `author`: the author's public name as the data gives it (None for meetings, deleted
      accounts, or CONSUL, whose exports carry only an opaque `author_id`, given here as text).
    - `state`: one of PROPOSAL_STATES.
    - `created_at`: when it was made (or published); aware, UTC when the data has no zone.
    - `answered_at`: when the owner's answer was given, if the data says.
    """

    ref: str
    source: str
    author: str | None
    created_at: datetime | None
    state: str
    title: str
    category: str | None
    origin: Location
    reference: str | None = None
    scope: str | None = None
    answered_at: datetime | None = None
    votes: int | None = None
    is_amendment: bool = False
    hidden: bool = False

    @property
    def decided(self) -> bool:
        """True when the owner answered it (accepted or rejected): a decision by the owner."""
        return self.state in DECIDED_STATES


# -- The plain CSV event log (docs/import-csv.md) -----------------------------------------------

PARTY_KINDS: Final = frozenset({"people", "organisation"})

VENUE_OWN: Final = "own"  # the acting party's own space: it holds it alone
VENUE_HOST: Final = "host"  # another party's own space, where the acting party is a guest
VENUE_SHARED: Final = "shared"  # a space held jointly; decisions there are by consent
VENUE_OUTSIDE: Final = "outside"  # elsewhere: behind closed doors, outside any space
VENUES: Final = frozenset({VENUE_OWN, VENUE_HOST, VENUE_SHARED, VENUE_OUTSIDE})


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One row of a plain CSV event log, checked against docs/import-csv.md.

    Optional text fields are None when the cell was empty. `amount` is a Decimal (never a float)
    and `currency` is set exactly when `amount` is.
    """

    when: datetime
    party: str
    party_kind: str | None
    action: str
    venue: str
    outcome: str | None
    amount: Decimal | None
    currency: str | None
    reference: str | None
    origin: Location
    host: str | None = None
    target: str | None = None
    space: str | None = None
    person: str | None = None
    note: str | None = None


ImportRecord = ProposalRecord | EventRecord


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row (or a whole file, when `line` is None) that was skipped, and why.

    `code` is stable snake_case for counting and tests; `reason` is plain words for people.
    """

    file: str
    line: int | None
    code: str
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something worth telling the user that skipped nothing (a file read as Windows-1252,
    a file in the folder that is not data, a column that was ignored)."""

    file: str
    line: int | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"
