"""Decidim and CONSUL proposals onto the audit's measures (DESIGN §6, issue 5).

The platform is the owner's own space: the owner is its single holder, and everyone else
who proposes there is a guest, keyed by the source the data gives (`citizen`,
`organization`, `meeting`, `unknown`); the owner is keyed by its name.

- Every proposal is an **initiative** of its source (kind `proposal`).
- Every answered proposal (accepted or rejected) is a **decision** made by the owner alone in
  its own space: venue `own`, credited to the owner.
- **Acceptance** per source: `proposed`; `passed` = accepted; `blocked` = rejected (the owner
  said no); `withdrawn`; open = evaluating or not answered.
- **Guest permissions**: `view` and `comment` (both platforms let participants read, comment
  on and support proposals), and `propose` once any guest's proposal is in the data. So the
  measured approach is at most `engagement`, whatever the work is called.
- **Participation**: distinct authors per source per month of proposing (authors' names are
  held only as long as the import runs; the report gives counts). **Initiative over time**:
  proposals per source per month of proposing (a proposal with no date is counted, but in no
  month).
- **A proposal given twice** (the same id again, in the same file or another, whatever its
  source) counts once: the repeat is set aside as a skipped row (`duplicate_record`) naming
  where the first was read (seen.py keeps the ids in flat memory).

Records are folded into counters as they stream; nothing keeps the records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from sharedspace.audit.fold import ACCEPTANCE_KEYS, EVIDENCE_LIMIT
from sharedspace.imports.records import (
    SOURCE_CITIZEN,
    SOURCE_MEETING,
    SOURCE_OFFICIAL,
    SOURCE_ORGANIZATION,
    SOURCE_UNKNOWN,
    STATE_ACCEPTED,
    STATE_REJECTED,
    STATE_WITHDRAWN,
    ProposalRecord,
)

from .build import State, empty_state
from .refs import SPILL_AT
from .seen import SeenKeys

#: Guests in the order the contract names them.
GUEST_ORDER = (SOURCE_CITIZEN, SOURCE_ORGANIZATION, SOURCE_MEETING, SOURCE_UNKNOWN)
#: How each guest source is shown, its kind (DESIGN §3; None: the data does not say), and
#: its possessive in sentences ("60% of citizens' proposals").
GUESTS: dict[str, tuple[str, str | None, str | Promise]] = {
    SOURCE_CITIZEN: ("Citizens", "people", pgettext_lazy("whose proposals", "citizens'")),
    SOURCE_ORGANIZATION: (
        "Organisations",
        None,
        pgettext_lazy("whose proposals", "organisations'"),
    ),
    SOURCE_MEETING: ("Meetings", None, pgettext_lazy("whose proposals", "meetings'")),
    SOURCE_UNKNOWN: (
        "Authors not named in the export",
        None,
        pgettext_lazy("whose proposals", "unknown authors'"),
    ),
}
_OUTCOME = {STATE_ACCEPTED: "passed", STATE_REJECTED: "blocked", STATE_WITHDRAWN: "withdrawn"}


class ProposalTally:
    """Counters for the proposals of one platform, keyed by source until the owner is named."""

    def __init__(self, *, spill_at: int | None = None) -> None:
        self.seen = SeenKeys(spill_at=SPILL_AT if spill_at is None else spill_at)
        self.records = 0
        self.proposed: Counter[str] = Counter()
        self.outcomes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.decided = 0
        self.hidden = 0
        self.authors: defaultdict[str, defaultdict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self.started: defaultdict[str, Counter[str]] = defaultdict(Counter)  # month → source
        self.evidence: defaultdict[str, list[str]] = defaultdict(list)
        self.evidence_count: Counter[str] = Counter()

    def _evidence(self, measure: str, where: str) -> None:
        self.evidence_count[measure] += 1
        if len(self.evidence[measure]) < EVIDENCE_LIMIT:
            self.evidence[measure].append(where)

    def repeated(self, record: ProposalRecord) -> str | None:
        """Why the record does not count, when its id was read before (plain words, in
        English like the importers' reasons); None the first time."""
        first = self.seen.first(record.ref, record.origin)
        if first is None:
            return None
        return (
            f"the proposal id {record.ref} was already read at {first}; a proposal given "
            "twice is counted once"
        )

    def add(self, record: ProposalRecord) -> None:
        """Fold one proposal into the counters."""
        self.records += 1
        source, where = record.source, str(record.origin)
        self.proposed[source] += 1
        self._evidence("initiative", where)
        outcome = _OUTCOME.get(record.state)
        if outcome is not None:
            self.outcomes[source][outcome] += 1
            self._evidence("acceptance", where)
        if record.decided:
            self.decided += 1
            self._evidence("decisions", where)
        if record.hidden:
            self.hidden += 1
        if record.created_at is not None:
            month = record.created_at.strftime("%Y-%m")
            self.started[month][source] += 1
            if record.author:
                self.authors[month][source].add(record.author)

    def state(self, owner: str) -> tuple[State, dict[str, dict[str, Any]], dict[str, str]]:
        """The counter state of the owner's space, the parties shown, and their possessives.
        `owner` is the key and name of the single holder (what `official` stands for)."""
        guests = [s for s in GUEST_ORDER if self.proposed[s]]
        if owner in guests:  # an owner called "citizen": keep the two apart
            owner = f"{owner} (owner)"

        def key(source: str) -> str:
            return owner if source == SOURCE_OFFICIAL else source

        state = empty_state(owner)
        state.update(
            kind="own",
            created_by=owner,
            holders=[owner],
            guests=guests,
            parties=sorted({owner, *guests}),
            guest_permissions=["view", "comment"] + (["propose"] if guests else []),
            entries=self.records,
            seq=self.records,
        )
        state["decisions"].update(own=self.decided, by_party={owner: self.decided})
        state["initiative"] = {
            "by_party": {key(s): n for s, n in self.proposed.items() if n},
            "by_kind": {"proposal": sum(self.proposed.values())} if self.records else {},
        }
        state["acceptance"] = {
            key(s): {
                **dict.fromkeys(ACCEPTANCE_KEYS, 0),
                "proposed": n,
                **self.outcomes.get(s, {}),
            }
            for s, n in self.proposed.items()
            if n
        }
        state["initiative_months"] = {
            month: {key(s): n for s, n in by_source.items()}
            for month, by_source in self.started.items()
        }
        state["participation"] = {
            month: {key(s): sorted(names) for s, names in by_source.items()}
            for month, by_source in self.authors.items()
        }
        state["evidence"] = dict(self.evidence)
        state["evidence_count"] = dict(self.evidence_count)
        parties: dict[str, dict[str, Any]] = {owner: {"name": owner, "kind": "organisation"}}
        whose: dict[str, str] = {}
        for s in guests:
            name, kind, possessive = GUESTS[s]
            parties[s] = {"name": name, "kind": kind}
            whose[s] = str(possessive)  # in the language the report is built in
        return state, parties, whose
