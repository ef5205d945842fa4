"""Counters kept with every ledger append, the recount from the ledger, and the report.

``on_append`` is registered with ``governance.ledger`` (see ``apps.AuditConfig.ready``): it
runs inside the acting transaction, after the entry is written, with the space row already
locked by the action, so the counters and the ledger commit or roll back together.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from sharedspace.governance import exceptions as ex
from sharedspace.governance.models import ChainHead, LedgerEntry, Party, Space

from . import fold
from .models import SpaceCounters
from .perceptions import perceptions
from .report import build_report

RECOUNT_BATCH = 2000

logger = logging.getLogger("sharedspace.audit")


class LedgerUnreadable(Exception):
    """A stored entry cannot be read back, so the record cannot be recounted."""

    def __init__(self, chain: str, seq: int) -> None:
        self.chain, self.seq = chain, seq
        super().__init__(
            f"Entry {seq} of the ledger of {chain} cannot be read, so it cannot be recounted. "
            f"Check it with: sharedspace ledger verify --space {chain}"
        )


class CountersDamaged(Exception):
    """The stored counters of a space are not in the counters' format (changed outside the
    product), so no report is built from them. The ledger is untouched: a recount from it
    is right, and the next change recorded in the space rebuilds the counters."""

    def __init__(self, space_id: str) -> None:
        self.space_id = space_id
        super().__init__(
            f"The stored audit counters of space {space_id} do not match their format, so "
            "the report cannot be built from them. The ledger itself is not affected. "
            f"Compare the counters with the ledger: sharedspace audit --space {space_id} "
            "--recount. They are rebuilt from the ledger with the next change recorded in "
            "the space."
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
    after the space began), of another version, or not in their format (damaged outside the
    product), they are rebuilt from the ledger, which already holds this entry.
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
        if row is not None and not fold.is_readable(row.state):
            logger.warning("The audit counters of space %s did not match their format; they "
                           "are rebuilt from the ledger.", entry.chain)
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


def current_state(space: Space, *, strict: bool = False) -> dict[str, Any]:
    """The counters if they are up to date with the chain's head, else a recount (no write).

    Counters not in their format (``fold.is_readable``: damaged outside the product) are
    recounted too, with a warning in the log; with ``strict`` (the CLI) they raise
    ``CountersDamaged`` instead, so the person running it hears of it.
    """
    row = SpaceCounters.objects.filter(chain=space.pk).first()
    head = ChainHead.objects.filter(chain=space.pk).values_list("seq", flat=True).first() or 0
    if row is not None and row.seq == head and fold.is_current(row.state):
        return row.state
    if row is not None and not fold.is_readable(row.state):
        if strict:
            raise CountersDamaged(space.pk)
        logger.warning("The audit counters of space %s do not match their format; the "
                       "report is built from a recount of the ledger.", space.pk)
    return _recount_chain(space.pk)


def party_info(ids: list[str]) -> dict[str, dict[str, Any]]:
    """Names and kinds of parties, for display (names live outside the chain)."""
    return {
        pk: {"name": name, "kind": kind}
        for pk, name, kind in Party.objects.filter(pk__in=ids).values_list("id", "name", "kind")
    }


def space_report(
    space: Space, *, strict: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report of one space without its ``perceptions`` block, and the counter state it
    was built from: what the perception check puts beside its answers (docs/adr/0022).
    ``strict``: as for ``current_state``."""
    state = current_state(space, strict=strict)
    ids = sorted(
        set(state["parties"]) | set(state["holders"]) | set(state["guests"])
        | set(state["former_holders"]) | set(state["former_guests"])
    )
    report = build_report(state, party_info(ids))
    report["title"] = space.title
    return report, state


def audit_space(space_id: str, *, strict: bool = False) -> dict[str, Any]:
    """The power audit of one space: counters, not the whole history, so it stays cheap.

    Counters damaged outside the product are recounted from the ledger (the web page and the
    API still show the right report); with ``strict`` they raise ``CountersDamaged``."""
    space = _require_space(space_id)
    report, state = space_report(space, strict=strict)
    # The latest perception round beside the record (its answers are a small table of their
    # own, off the ledger; the record beside them comes from the report above, passed in).
    report["perceptions"] = perceptions(space.pk, state, report)
    return report
