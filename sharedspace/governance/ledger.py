"""Append to and verify the hash-chained ledger (DESIGN §4 rules 1, 2 and 13).

The canonical form and the hash are specified in docs/ledger.md so that anyone can verify
an exported chain with a tool of their own. In short: an entry is the JSON object
``{"action", "actor": {"party", "person"}, "at", "chain", "data", "seq", "v"}`` serialised
with sorted keys, no spaces, UTF-8, no floats; its hash is
``sha256(prev_hash + "\\n" + content)`` in lowercase hex; the first entry's ``prev_hash``
is 64 zeros.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

from .models import ChainHead, LedgerEntry

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64

Listener = Callable[[LedgerEntry, dict[str, Any]], None]
_listeners: list[Listener] = []


def register_listener(listener: Listener) -> None:
    """Run ``listener(entry, payload)`` after every append, in the same transaction.

    The audit keeps its running counters this way, so counters and ledger never disagree.
    """
    if listener not in _listeners:
        _listeners.append(listener)


def _plain(value: Any) -> Any:
    """Turn a value into JSON-safe plain data. Floats are refused: money is a string."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_time(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(f"ledger data cannot hold {type(value).__name__}: {value!r}")


def format_time(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with microseconds and a Z, the only time form in the chain."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(obj: Any) -> str:
    """The canonical JSON text of plain data: sorted keys, no spaces, no ASCII escaping."""
    return json.dumps(_plain(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()


def digest(text: str) -> str:
    """SHA-256 of free text, so the chain binds what was said without holding it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(
    *,
    chain: str,
    action: str,
    person: str | None,
    party: str | None,
    data: dict[str, Any],
    at: dt.datetime | None = None,
) -> LedgerEntry:
    """Append one entry to ``chain``. Must run inside the acting transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("ledger.append must run inside the action's transaction")
    at = at or timezone.now()
    head = ChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        head = ChainHead.objects.create(chain=chain, seq=0, hash=GENESIS_HASH)
    seq = head.seq + 1
    payload = {
        "v": FORMAT_VERSION,
        "chain": chain,
        "seq": seq,
        "at": format_time(at),
        "action": action,
        "actor": {"person": person, "party": party},
        "data": _plain(data),
    }
    content = canonical(payload)
    entry_hash = chain_hash(head.hash, content)
    entry = LedgerEntry.objects.create(
        chain=chain,
        seq=seq,
        action=action,
        at=at,
        content=content,
        prev_hash=head.hash,
        hash=entry_hash,
    )
    ChainHead.objects.filter(chain=chain).update(seq=seq, hash=entry_hash)
    for listener in _listeners:
        listener(entry, payload)
    return entry


@dataclass(frozen=True)
class Verdict:
    """The result of checking one chain (or all of them)."""

    ok: bool
    entries: int
    chain: str | None = None
    first_bad: int | None = None
    problem: str = ""


@dataclass(frozen=True)
class StoredRow:
    seq: Any
    chain: Any
    action: Any
    at: Any
    content: Any
    prev_hash: Any
    hash: Any


def _stored_rows(chain: str, batch: int = 2000) -> Iterator[StoredRow]:
    """Read rows as stored, as bytes where the database allows, so nothing can crash us."""
    table = LedgerEntry._meta.db_table
    if connection.vendor == "sqlite":
        select = (
            "SELECT seq, chain, action, CAST(at AS TEXT), CAST(content AS BLOB), prev_hash, hash"
        )
    elif connection.vendor == "postgresql":
        select = (
            "SELECT seq, chain, action, at, convert_to(content, 'UTF8'), prev_hash, hash"
        )
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        select = "SELECT seq, chain, action, at, content, prev_hash, hash"
    sql = f"{select} FROM {table} WHERE chain = %s ORDER BY seq"  # noqa: S608 - table is ours
    with connection.cursor() as cursor:
        cursor.execute(sql, [chain])
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield StoredRow(*row)


def _as_text(raw: Any) -> str:
    if isinstance(raw, memoryview):
        raw = raw.tobytes()
    if isinstance(raw, bytes):
        return raw.decode("utf-8")  # raises on corrupted bytes: a bad entry
    if isinstance(raw, str):
        return raw
    raise ValueError("content is not text")


def _as_utc(raw: Any) -> dt.datetime:
    moment = raw if isinstance(raw, dt.datetime) else dt.datetime.fromisoformat(str(raw))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _check_row(row: StoredRow, chain: str, expected_seq: int, prev_hash: str) -> str:
    """Return what is wrong with one stored row, or '' when it is sound."""
    if not isinstance(row.seq, int) or row.seq != expected_seq:
        return f"expected entry {expected_seq} here, found {row.seq!r}"
    content = _as_text(row.content)
    payload = json.loads(content)
    if not isinstance(payload, dict):
        return "content is not a JSON object"
    if payload.get("chain") != chain or row.chain != chain:
        return "entry belongs to another chain"
    if payload.get("seq") != expected_seq:
        return "entry's own sequence number does not match its place"
    if row.prev_hash != prev_hash:
        return "previous hash does not match the entry before"
    if chain_hash(prev_hash, content) != row.hash:
        return "hash does not match the content"
    if payload.get("action") != row.action:
        return "action column does not match the content"
    if format_time(_as_utc(row.at)) != payload.get("at"):
        return "time column does not match the content"
    return ""


def verify_chain(chain: str) -> Verdict:
    """Check one chain from its first entry, reading the stored bytes.

    Detects edited, inserted, deleted or reordered entries and names the first bad one.
    A row that cannot be read or parsed is a bad entry, never a crash.
    """
    prev_hash = GENESIS_HASH
    expected = 1
    count = 0
    for row in _stored_rows(chain):
        try:
            problem = _check_row(row, chain, expected, prev_hash)
        except Exception as exc:  # noqa: BLE001 - any unreadable entry is a bad entry
            problem = f"entry cannot be read ({type(exc).__name__})"
        if problem:
            return Verdict(False, count, chain, expected, problem)
        prev_hash = row.hash
        expected += 1
        count += 1
    head = ChainHead.objects.filter(chain=chain).values_list("seq", "hash").first()
    if head is not None and (head[0] != count or head[1] != prev_hash):
        return Verdict(False, count, chain, count + 1, "entries are missing from the end")
    return Verdict(True, count, chain)


def all_chains() -> list[str]:
    heads = set(ChainHead.objects.values_list("chain", flat=True))
    heads.update(LedgerEntry.objects.values_list("chain", flat=True).distinct())
    return sorted(heads)


def verify_all(chains: Iterable[str] | None = None) -> Verdict:
    """Check every chain; stop at the first bad one."""
    total = 0
    for chain in all_chains() if chains is None else chains:
        verdict = verify_chain(chain)
        if not verdict.ok:
            return Verdict(False, total + verdict.entries, chain, verdict.first_bad,
                           verdict.problem)
        total += verdict.entries
    return Verdict(True, total)


def entries(chain: str, *, after: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
    """Entries of one chain after ``after``, as exported: content parsed plus the hashes."""
    rows = LedgerEntry.objects.filter(chain=chain, seq__gt=after).order_by("seq")
    if limit is not None:
        rows = rows[:limit]
    result = []
    for row in rows:
        payload = json.loads(row.content)
        result.append(
            {
                "seq": row.seq,
                "at": payload["at"],
                "action": payload["action"],
                "actor": payload["actor"],
                "data": payload["data"],
                "prev_hash": row.prev_hash,
                "hash": row.hash,
                "content": row.content,
            }
        )
    return result

