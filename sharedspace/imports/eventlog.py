"""The plain CSV event log: a partnership's record kept in a spreadsheet.

The format, its allowed values and how every audit measure is computed from it are in
docs/import-csv.md; the rules below are that document in code (ACTIONS is the table there).
Each row is checked on its own, plus two facts kept across the whole log: one currency, and
one kind per party. Memory grows with the number of parties, never with the number of rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Final, NamedTuple

from .csvrows import CsvFile, check_header
from .errors import RowError
from .inputs import InputFile
from .records import (
    VENUE_HOST,
    VENUE_OUTSIDE,
    VENUE_OWN,
    VENUE_SHARED,
    VENUES,
    EventRecord,
    Location,
)
from .stream import ImportStream
from .values import parse_amount, parse_currency, parse_datetime

FORMAT = "eventlog-csv"
COLUMNS: Final = (
    "when",
    "party",
    "party_kind",
    "action",
    "venue",
    "outcome",
    "amount",
    "currency",
    "reference",
    "host",
    "target",
    "space",
    "person",
    "note",
)
REQUIRED_COLUMNS: Final = ("when", "party", "action", "venue")
_PARTY_KINDS = {"people": "people", "organisation": "organisation", "organization": "organisation"}

_OWN, _HOST, _SHARED, _OUT = VENUE_OWN, VENUE_HOST, VENUE_SHARED, VENUE_OUTSIDE
_IN_A_SPACE = frozenset({_OWN, _HOST, _SHARED})
_VISIBILITY = frozenset({"visible", "hidden"})


@dataclass(frozen=True, slots=True)
class ActionRule:
    """What a row with this action must and may hold."""

    venues: frozenset[str]
    outcomes: frozenset[str] = frozenset()  # allowed outcome words; empty set: no outcome
    outcome_required: bool = False
    amount: str = "no"  # "no" | "optional" | "required"
    reference_required: bool = False
    target_required: bool = False


ACTIONS: Final[dict[str, ActionRule]] = {
    # initiative
    "open_space": ActionRule(frozenset({_OWN, _SHARED})),
    "propose": ActionRule(_IN_A_SPACE, amount="optional", reference_required=True),
    "agenda_item": ActionRule(_IN_A_SPACE),
    "invite": ActionRule(
        frozenset({_OWN, _SHARED}), frozenset({"accepted", "declined"}), target_required=True
    ),
    # deliberation
    "comment": ActionRule(_IN_A_SPACE),
    "amend": ActionRule(_IN_A_SPACE, amount="optional", reference_required=True),
    "withdraw_proposal": ActionRule(_IN_A_SPACE, reference_required=True),
    "object": ActionRule(
        _IN_A_SPACE, frozenset({"amended", "blocked", "overridden"}), reference_required=True
    ),
    # decisions
    "decide": ActionRule(
        frozenset({_OWN, _SHARED}),
        frozenset({"passed", "blocked", "lapsed"}),
        outcome_required=True,
        amount="optional",
    ),
    "outside_decision": ActionRule(frozenset({_OUT}), frozenset({"confirmed", "disputed"})),
    # money
    "commit": ActionRule(_IN_A_SPACE, _VISIBILITY, amount="required"),
    "spend": ActionRule(frozenset({_OWN, _SHARED, _OUT}), _VISIBILITY, amount="required"),
    "withdraw": ActionRule(_IN_A_SPACE, _VISIBILITY, amount="required"),
    # exit power
    "remove_guest": ActionRule(frozenset({_OWN, _SHARED}), target_required=True),
    "leave": ActionRule(frozenset({_HOST, _SHARED})),
    # information and participation
    "content": ActionRule(_IN_A_SPACE, _VISIBILITY, outcome_required=True),
    "attend": ActionRule(frozenset(VENUES)),
}

_SPACES_IN_COLUMN = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=4096)
def parse_when(text: str) -> datetime:
    """The `when` cell as a datetime; logs repeat dates, so parsed ones are remembered."""
    return parse_datetime(text, field="when")


def normalise_column(name: str) -> str:
    """`Party kind`, `party-kind`, ` PARTY_KIND ` → `party_kind`."""
    return _SPACES_IN_COLUMN.sub("_", name.strip().lstrip("\ufeff").strip().lower())


def missing_columns(columns: list[str]) -> list[str]:
    """The required columns that the (normalised) header lacks."""
    return [c for c in REQUIRED_COLUMNS if c not in columns]


def _words(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))


class _LogState:
    """The two facts kept across the whole log (every file of one import)."""

    def __init__(self, default_currency: str) -> None:
        self.default_currency = default_currency
        self.currency: str | None = None
        self.party_kinds: dict[str, str] = {}


class Cells(NamedTuple):
    """One row's cells in COLUMNS order, stripped; "" where the file lacks the column."""

    when: str
    party: str
    party_kind: str
    action: str
    venue: str
    outcome: str
    amount: str
    currency: str
    reference: str
    host: str
    target: str
    space: str
    person: str
    note: str


def check_row(cells: Cells, origin: Location, log: _LogState) -> EventRecord:
    """One row as an EventRecord, or RowError naming the first rule it breaks."""
    party = cells.party
    if not party:
        raise RowError("missing_field", "the party is empty: say who acted")
    action = cells.action.lower()
    rule = ACTIONS.get(action)
    if rule is None:
        raise RowError(
            "unknown_action",
            f"the action {cells.action!r} is not one of {', '.join(ACTIONS)}",
        )
    venue = cells.venue.lower()
    if venue not in VENUES:
        raise RowError(
            "unknown_venue",
            f"the venue {cells.venue!r} is not one of own, host, shared, outside",
        )
    if venue not in rule.venues:
        raise RowError(
            "venue_not_allowed",
            f"{action} cannot happen in venue {venue}: use {_words(rule.venues)}",
        )
    when = parse_when(cells.when)

    kind_cell = cells.party_kind
    if kind_cell:
        kind = _PARTY_KINDS.get(kind_cell.lower())
        if kind is None:
            raise RowError(
                "unknown_party_kind",
                f"the party kind {kind_cell!r} is not people or organisation",
            )
        known = log.party_kinds.setdefault(party, kind)
        if known != kind:
            raise RowError(
                "party_kind_conflict",
                f"{party} is {kind} here but {known} in an earlier row",
            )
    else:
        kind = log.party_kinds.get(party)

    outcome = cells.outcome.lower() or None
    if outcome is None:
        if rule.outcome_required:
            raise RowError("missing_field", f"{action} needs an outcome: {_words(rule.outcomes)}")
    elif outcome not in rule.outcomes:
        allowed = f"use {_words(rule.outcomes)}" if rule.outcomes else "leave it empty"
        raise RowError(
            "bad_outcome", f"the outcome {cells.outcome!r} does not fit {action}: {allowed}"
        )
    if action == "object" and outcome == "overridden" and venue == _SHARED:
        raise RowError(
            "bad_outcome",
            "an objection cannot be overridden in a shared space (an objection there blocks); "
            "if it was overridden, the venue was not really shared",
        )

    amount = currency = None
    amount_cell = cells.amount
    if amount_cell:
        if rule.amount == "no":
            raise RowError("amount_not_allowed", f"{action} takes no amount")
        amount = parse_amount(amount_cell)
        currency_cell = cells.currency
        currency = parse_currency(currency_cell) if currency_cell else None
        if log.currency is None:
            log.currency = currency or log.default_currency
        elif currency is not None and currency != log.currency:
            raise RowError(
                "second_currency",
                f"the amount is in {currency} but this log is in {log.currency}: "
                "one log uses one currency",
            )
        currency = log.currency
    elif rule.amount == "required":
        raise RowError("missing_field", f"{action} needs an amount")

    reference = cells.reference or None
    if rule.reference_required and reference is None:
        raise RowError(
            "missing_field", f"{action} needs a reference naming the proposal it is about"
        )

    host = cells.host or None
    if venue == _HOST:
        if host is None:
            raise RowError("missing_field", "venue host needs the host column: whose space")
        if host == party:
            raise RowError("bad_value", "a party cannot be a guest in its own space")
    elif host is not None:
        raise RowError("host_not_allowed", "the host column is only for venue host")

    target = cells.target or None
    if rule.target_required:
        if target is None:
            raise RowError("missing_field", f"{action} needs a target: the party concerned")
        if target == party:
            raise RowError("bad_value", f"a party cannot {action.replace('_', ' ')} itself")
    elif target is not None:
        raise RowError(
            "target_not_allowed", "the target column is only for invite and remove_guest"
        )

    return EventRecord(
        when=when,
        party=party,
        party_kind=kind,
        action=action,
        venue=venue,
        outcome=outcome,
        amount=amount,
        currency=currency,
        reference=reference,
        origin=origin,
        host=host,
        target=target,
        space=cells.space or None,
        person=cells.person or None,
        note=cells.note or None,
    )


def parse_csv(file: InputFile, stream: ImportStream) -> Iterator[EventRecord]:
    """Every row of an event log file, checked; bad rows reported and skipped."""
    log = stream.state.get("eventlog")
    if not isinstance(log, _LogState):
        log = stream.state["eventlog"] = _LogState(stream.default_currency)
    name = file.name
    with file.open() as binary:
        table = CsvFile(binary, name, stream, stream.progress)
        try:
            header = [normalise_column(column) for column in table.header]
            try:
                check_header(header, table.header_error)
            except RowError as exc:
                stream.bad(name, table.header_line, exc.code, exc.reason)
                return
            missing = missing_columns(header)
            if missing:
                stream.bad(
                    name,
                    table.header_line,
                    "missing_column",
                    f"the header lacks the column(s) {', '.join(missing)}",
                )
                return
            ignored = [c for c in header if c and c not in COLUMNS]
            if ignored:
                stream.notice(
                    name,
                    table.header_line,
                    "ignored_columns",
                    f"column(s) not part of the event log, ignored: {', '.join(ignored)}",
                )
            # a column the file lacks reads the "" appended to each row
            pick = itemgetter(*(header.index(c) if c in header else len(header) for c in COLUMNS))
            make = Cells._make
            strip = str.strip
            for line, row in table.rows():
                row.append("")
                try:
                    record = check_row(make(map(strip, pick(row))), Location(name, line), log)
                except RowError as exc:
                    stream.bad(name, line, exc.code, exc.reason)
                    continue
                stream.formats_seen[FORMAT] += 1
                yield record
        finally:
            table.close()
