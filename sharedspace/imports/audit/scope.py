"""The counters of one space of an event log (or of the whole log), as rows stream by.

`Scope.add(row)` folds one EventRecord into counters; `Scope.merge(other)` adds another
scope's counters (the whole log is the sum of its spaces). Who holds and who is a guest is
worked out at the end from who acted where (`roles`). The rules, row by row, are the table
"How each measure is computed from the log" in docs/import-csv.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from decimal import Decimal

from sharedspace.audit.fold import EVIDENCE_LIMIT
from sharedspace.imports.records import (
    VENUE_HOST,
    VENUE_OUTSIDE,
    VENUE_OWN,
    VENUE_SHARED,
    EventRecord,
)

#: Rows that start something, and the `initiative.by_kind` word for each.
INITIATIVE = {
    "open_space": "open_space",
    "propose": "proposal",
    "agenda_item": "agenda_item",
    "invite": "invitation",
}
#: What a guest's row in its host's space shows it may do (the ladder's guest permissions).
GUEST_PERMISSION = {
    "comment": "comment",
    "object": "comment",
    "propose": "propose",
    "agenda_item": "propose",
}
PERMISSION_ORDER = ("view", "comment", "propose")
ZERO = Decimal("0")

Stamp = tuple[datetime, int]


class Scope:
    """Counters for one space (or the whole log). `key` is how rows find it; `name` is how
    the report shows it."""

    def __init__(self, key: str, name: str) -> None:
        self.key, self.name = key, name
        self.rows = 0
        self.venues: Counter[str] = Counter()
        self.n: Counter[str] = Counter()  # decisions_own, decisions_shared, content, …
        self.by: defaultdict[str, Counter[str]] = defaultdict(Counter)  # measure → party → n
        self.objections: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.money: defaultdict[str, Decimal] = defaultdict(Decimal)
        self.money_by: defaultdict[str, defaultdict[str, Decimal]] = defaultdict(
            lambda: defaultdict(Decimal)
        )
        self.currency: str | None = None
        self.permissions: set[str] = set()
        self.participation: defaultdict[str, defaultdict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        # month ("YYYY-MM", UTC) → party → things started, for the chart over time
        self.started: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.evidence: defaultdict[str, list[str]] = defaultdict(list)
        self.evidence_count: Counter[str] = Counter()
        self.parties: set[str] = set()
        self.kinds: dict[str, str] = {}  # party → people / organisation, as the rows say
        # who is here: holders by their rows, guests with their hosts, and when each party
        # was last seen taking part (in) or leaving or being removed (out)
        self.holder_rows: set[str] = set()
        self.guest_of: dict[str, set[str]] = defaultdict(set)  # guest → its hosts
        self.last_in: dict[str, Stamp] = {}
        self.last_out: dict[str, Stamp] = {}

    # -- folding rows --------------------------------------------------------------------------

    def _evidence(self, measure: str, row: EventRecord) -> None:
        self.evidence_count[measure] += 1
        if len(self.evidence[measure]) < EVIDENCE_LIMIT:
            self.evidence[measure].append(str(row.origin))

    def _seen(self, party: str, at: Stamp, *, out: bool = False) -> None:
        self.parties.add(party)
        table = self.last_out if out else self.last_in
        if party not in table or table[party] < at:
            table[party] = at

    def add(self, row: EventRecord, number: int) -> None:
        """Fold one row; `number` orders rows of the same time (the file's order)."""
        self.rows += 1
        self.venues[row.venue] += 1
        party, action, venue, at = row.party, row.action, row.venue, (row.when, number)
        if action != "leave":
            self._seen(party, at)
        if row.party_kind:
            self.kinds.setdefault(party, row.party_kind)
        if venue in (VENUE_OWN, VENUE_SHARED):
            self.holder_rows.add(party)
        elif venue == VENUE_HOST and row.host:
            self.guest_of[party].add(row.host)
            self.holder_rows.add(row.host)
            self._seen(row.host, at)
            self.permissions.add("view")
            if action in GUEST_PERMISSION:
                self.permissions.add(GUEST_PERMISSION[action])
        if row.person:
            month = row.when.astimezone(UTC).strftime("%Y-%m")
            self.participation[month][party].add(row.person)
        handler = getattr(self, "_" + action, None)
        if handler is not None:
            handler(row, at)

    def _initiative(self, row: EventRecord) -> None:
        self.by["initiative"][row.party] += 1
        self.started[row.when.astimezone(UTC).strftime("%Y-%m")][row.party] += 1
        self.by["initiative_kind"][INITIATIVE[row.action]] += 1
        self._evidence("initiative", row)

    def _open_space(self, row: EventRecord, at: Stamp) -> None:
        self._initiative(row)
        self._evidence("label_check", row)

    def _propose(self, row: EventRecord, at: Stamp) -> None:
        self._initiative(row)
        self._evidence("acceptance", row)

    def _agenda_item(self, row: EventRecord, at: Stamp) -> None:
        self._initiative(row)

    def _invite(self, row: EventRecord, at: Stamp) -> None:
        # An invitation sent in a shared space because a proposal passed (it names the
        # proposal in `reference`) is that proposal's effect, counted once as the proposal.
        if not (row.venue == VENUE_SHARED and row.reference):
            self._initiative(row)
        if row.outcome == "accepted" and row.target:
            self._seen(row.target, at)
            if row.venue == VENUE_OWN:
                self.guest_of[row.target].add(row.party)
            else:
                self.guest_of[row.target].add("")  # a guest of the shared space
            self.permissions.add("view")
            self._evidence("exit_power", row)
        elif row.target:
            self.parties.add(row.target)

    def _comment(self, row: EventRecord, at: Stamp) -> None:
        self.by["comments"][row.party] += 1
        if row.venue == VENUE_HOST:
            self.by["views"][row.party] += 1

    def _object(self, row: EventRecord, at: Stamp) -> None:
        counts = self.objections[row.party]
        counts["raised"] += 1
        if row.outcome:
            counts[row.outcome] += 1
        if row.venue == VENUE_HOST:
            self.by["views"][row.party] += 1
        self._evidence("objections", row)

    def _decide(self, row: EventRecord, at: Stamp) -> None:
        if row.venue == VENUE_OWN and row.outcome in ("passed", "blocked"):
            # In its own space the holder said yes or no alone.
            self.n["decisions_own"] += 1
            self.by["decisions"][row.party] += 1
            self._evidence("decisions", row)
        elif row.venue == VENUE_SHARED and row.outcome == "passed":
            # A blocked proposal in a shared space is an objection that held, not a decision.
            self.n["decisions_shared"] += 1
            self._evidence("decisions", row)
        self._evidence("acceptance", row)

    def _withdraw_proposal(self, row: EventRecord, at: Stamp) -> None:
        self._evidence("acceptance", row)

    def _outside_decision(self, row: EventRecord, at: Stamp) -> None:
        self.n["decisions_outside"] += 1
        self.by["decisions"][row.party] += 1
        self.n["outside_" + (row.outcome or "unanswered")] += 1
        self._evidence("decisions", row)
        self._evidence("outside_decisions", row)

    def _money_row(self, row: EventRecord) -> Decimal:
        self.currency = self.currency or row.currency
        self.n["money_rows"] += 1
        if row.outcome == "hidden":
            self.n["money_rows_hidden"] += 1
        self._evidence("money", row)
        return row.amount or ZERO

    def _commit(self, row: EventRecord, at: Stamp) -> None:
        amount = self._money_row(row)
        self.money_by["committed_by"][row.party] += amount
        if row.venue == VENUE_SHARED:
            self.money["committed_shared"] += amount

    def _spend(self, row: EventRecord, at: Stamp) -> None:
        amount = self._money_row(row)
        key = {VENUE_SHARED: "spent_by_consent", VENUE_OUTSIDE: "spent_outside"}.get(
            row.venue, "spent_alone"
        )
        self.money[key] += amount

    def _withdraw(self, row: EventRecord, at: Stamp) -> None:
        amount = self._money_row(row)
        self.money_by["withdrawn_by"][row.party] += amount
        if row.venue == VENUE_SHARED:  # no one can stop it, but no one agreed to it either
            self.money["withdrawn_unilaterally"] += amount

    def _remove_guest(self, row: EventRecord, at: Stamp) -> None:
        if row.target:
            self._seen(row.target, at, out=True)
            self.guest_of[row.target].add(row.party if row.venue == VENUE_OWN else "")
        self.n["guest_removals"] += 1
        self.n["removals_by_host" if row.venue == VENUE_OWN else "removals_by_proposal"] += 1
        self._evidence("exit_power", row)

    def _leave(self, row: EventRecord, at: Stamp) -> None:
        self._seen(row.party, at, out=True)
        self.by["left"][row.party] += 1
        self._evidence("exit_power", row)

    def _content(self, row: EventRecord, at: Stamp) -> None:
        self.n["content"] += 1
        if row.outcome == "visible":
            self.n["content_visible"] += 1
        else:
            self.by["content_hidden"][row.party] += 1

    # -- the whole log ---------------------------------------------------------------------

    def merge(self, other: Scope) -> None:
        """Add another scope's counters to these (roles are not merged: see events.py)."""
        self.rows += other.rows
        self.venues.update(other.venues)
        self.n.update(other.n)
        for table, theirs in ((self.by, other.by), (self.objections, other.objections)):
            for key, counts in theirs.items():
                table[key].update(counts)
        _add(self.money, other.money)
        for key, sums in other.money_by.items():
            _add(self.money_by[key], sums)
        self.currency = self.currency or other.currency
        for month, parties in other.participation.items():
            for party, people in parties.items():
                self.participation[month][party] |= people
        for month, counts in other.started.items():
            self.started[month].update(counts)
        for measure, places in other.evidence.items():
            room = EVIDENCE_LIMIT - len(self.evidence[measure])
            self.evidence[measure].extend(places[:room])
        self.evidence_count.update(other.evidence_count)
        self.parties |= other.parties
        for party, kind in other.kinds.items():
            self.kinds.setdefault(party, kind)

    @property
    def joint(self) -> Decimal:
        """Money under joint control: given to shared funds, less what was taken back alone.
        Spending by consent stays joint (it was decided together)."""
        joint = self.money["committed_shared"] - self.money["withdrawn_unilaterally"]
        return joint if joint > 0 else ZERO


def _add(into: defaultdict[str, Decimal], sums: dict[str, Decimal]) -> None:
    for key, value in sums.items():
        into[key] += value

