"""Counters kept with every ledger append, the recount from the ledger, and the report.

``on_append`` is registered with ``governance.ledger`` (see ``apps.AuditConfig.ready``): it
runs inside the acting transaction, after the entry is written, with the space row already
locked by the action, so the counters and the ledger commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sharedspace.governance import exceptions as ex
from sharedspace.governance.models import ChainHead, LedgerEntry, Party, Space

from . import fold
from .models import SpaceCounters
from .perceptions import perceptions
from .report import build_report

RECOUNT_BATCH = 2000


class LedgerUnreadable(Exception):
    """A stored entry cannot be read back, so the record cannot be recounted."""

    def __init__(self, chain: str, seq: int) -> None:
        self.chain, self.seq = chain, seq
        super().__init__(
            f"Entry {seq} of the ledger of {chain} cannot be read, so it cannot be recounted. "
            f"Check it with: sharedspace ledger verify --space {chain}"
        )


def _payloads(chain: str) -> Iterator[dict[str, Any]]:
    """The parsed content of every stored entry of ``chain``, in order."""
    rows = (
        LedgerEntry.objects.filter(chain=chain)
        .order_by("seq")
        .values_list("seq", "content")
        .iterator(chunk_size=RECOUNT_BATCH)
    )
    for seq, content in rows:
        try:
            payload = json.loads(content)
        except ValueError:
            raise LedgerUnreadable(chain, seq) from None
        if not isinstance(payload, dict):
            raise LedgerUnreadable(chain, seq)
        yield payload


def _recount_chain(chain: str) -> dict[str, Any]:
    return fold.fold(_payloads(chain), chain)


def on_append(entry: LedgerEntry, payload: dict[str, Any]) -> None:
    """Ledger listener: fold the new entry into its space's counters, in the same transaction.

    Party chains are skipped. If the counters are missing or behind (the audit was installed
    after the space began), they are rebuilt from the ledger, which already holds this entry.
    """
    if payload.get("action") in fold.PARTY_ACTIONS:
        return
    seq = int(payload["seq"])
    row = SpaceCounters.objects.select_for_update().filter(chain=entry.chain).first()
    if row is not None and row.seq == seq - 1 and fold.is_current(row.state):
        state = fold.apply(row.state, payload)
    elif row is None and seq == 1:
        state = fold.apply(fold.new_state(entry.chain), payload)
    else:
        state = _recount_chain(entry.chain)
    if row is None:
        SpaceCounters.objects.create(chain=entry.chain, seq=state["seq"], state=state)
    else:
        row.seq, row.state = state["seq"], state
        row.save(update_fields=["seq", "state"])


def _require_space(space_id: str) -> Space:
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise ex.NotFound("There is no space with the id " + repr(space_id) + ".")
    return space


def recount(space_id: str) -> dict[str, Any]:
    """The counter state of a space, recounted from scratch from its stored ledger entries."""
    _require_space(space_id)
    return _recount_chain(space_id)


def stored(space_id: str) -> dict[str, Any] | None:
    """The counter state as kept with the ledger, or None if there is no counter row."""
    row = SpaceCounters.objects.filter(chain=space_id).first()
    return None if row is None else row.state


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True))


def _diff(path: str, kept: Any, counted: Any, out: list[str]) -> None:
    if isinstance(kept, dict) and isinstance(counted, dict):
        for key in sorted(set(kept) | set(counted), key=str):
            sub = f"{path}.{key}" if path else str(key)
            _diff(sub, kept.get(key, "(nothing)"), counted.get(key, "(nothing)"), out)
    elif kept != counted:
        out.append(f"{path}: the counters say {json.dumps(kept)}, "
                   f"the ledger says {json.dumps(counted)}")


def compare(space_id: str) -> list[str]:
    """Every difference between the stored counters and a recount ([] when identical)."""
    counted = recount(space_id)
    kept = stored(space_id)
    if kept is None:
        return ["the counters of this space are missing"]
    out: list[str] = []
    _diff("", _plain(kept), _plain(counted), out)
    return out


def current_state(space: Space) -> dict[str, Any]:
    """The counters if they are up to date with the chain's head, else a recount (no write)."""
    row = SpaceCounters.objects.filter(chain=space.pk).first()
    head = ChainHead.objects.filter(chain=space.pk).values_list("seq", flat=True).first() or 0
    if row is not None and row.seq == head and fold.is_current(row.state):
        return row.state
    return _recount_chain(space.pk)


def party_info(ids: list[str]) -> dict[str, dict[str, Any]]:
    """Names and kinds of parties, for display (names live outside the chain)."""
    return {
        pk: {"name": name, "kind": kind}
        for pk, name, kind in Party.objects.filter(pk__in=ids).values_list("id", "name", "kind")
    }


def space_report(space: Space) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report of one space without its ``perceptions`` block, and the counter state it
    was built from: what the perception check puts beside its answers (docs/adr/0022)."""
    state = current_state(space)
    ids = sorted(
        set(state["parties"]) | set(state["holders"]) | set(state["guests"])
        | set(state["former_holders"]) | set(state["former_guests"])
    )
    report = build_report(state, party_info(ids))
    report["title"] = space.title
    return report, state


def audit_space(space_id: str) -> dict[str, Any]:
    """The power audit of one space: counters, not the whole history, so it stays cheap."""
    space = _require_space(space_id)
    report, state = space_report(space)
    # The latest perception round beside the record (its answers are a small table of their
    # own, off the ledger; the record beside them comes from the report above, passed in).
    report["perceptions"] = perceptions(space.pk, state, report)
    return report
