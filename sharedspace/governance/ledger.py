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
        # A new chain: two first appends may race to create its head. Insert it unless it
        # is there (the loser waits for the winner), then lock it like any other.
        ChainHead.objects.bulk_create(
            [ChainHead(chain=chain, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True
        )
        head = ChainHead.objects.select_for_update().get(chain=chain)
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


def _stored_rows(
    chain: str, batch: int = 2000, *, after: int = 0, limit: int | None = None
) -> Iterator[StoredRow]:
    """Read rows as stored, as bytes where the database allows, so nothing can crash us.

    On SQLite every text column is read as a BLOB: a column holding bytes that are not UTF-8
    would otherwise fail the whole fetch instead of making its one entry bad.
    """
    table = LedgerEntry._meta.db_table
    if connection.vendor == "sqlite":
        select = (
            "SELECT seq, CAST(chain AS BLOB), CAST(action AS BLOB), CAST(at AS BLOB),"
            " CAST(content AS BLOB), CAST(prev_hash AS BLOB), CAST(hash AS BLOB)"
        )
    elif connection.vendor == "postgresql":
        select = "SELECT seq, chain, action, at, convert_to(content, 'UTF8'), prev_hash, hash"
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        select = "SELECT seq, chain, action, at, content, prev_hash, hash"
    sql = f"{select} FROM {table} WHERE chain = %s AND seq > %s ORDER BY seq"  # our own table
    params: list[Any] = [chain, after]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
    moment = raw if isinstance(raw, dt.datetime) else dt.datetime.fromisoformat(_as_text(raw))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


_BROKEN_LINK = "previous hash does not match the entry before"
_REWRITTEN = "entry was changed after the next entry was written: the next entry holds its old hash"


def _sound_on_its_own(row: StoredRow, chain: str, expected_seq: int) -> bool:
    """Whether a row passes every check when read against its own stored previous hash."""
    try:
        return _check_row(row, chain, expected_seq, _as_text(row.prev_hash)) == ""
    except Exception:  # an unreadable row is not sound on its own either
        return False


def _check_row(row: StoredRow, chain: str, expected_seq: int, prev_hash: str) -> str:
    """Return what is wrong with one stored row, or '' when it is sound."""
    if not isinstance(row.seq, int) or row.seq != expected_seq:
        return f"expected entry {expected_seq} here, found {row.seq!r}"
    content = _as_text(row.content)
    payload = json.loads(content)
    if not isinstance(payload, dict):
        return "content is not a JSON object"
    if payload.get("chain") != chain or _as_text(row.chain) != chain:
        return "entry belongs to another chain"
    if payload.get("seq") != expected_seq:
        return "entry's own sequence number does not match its place"
    if _as_text(row.prev_hash) != prev_hash:
        return _BROKEN_LINK
    if chain_hash(prev_hash, content) != _as_text(row.hash):
        return "hash does not match the content"
    if payload.get("action") != _as_text(row.action):
        return "action column does not match the content"
    if format_time(_as_utc(row.at)) != payload.get("at"):
        return "time column does not match the content"
    return ""


# The fast path reads the same stored bytes and compares them, byte for byte, with what
# ``append`` writes: the canonical content starts {"action":"<action>","actor":{, has
# },"at":"<at>","chain":<chain>,"data": after the actor, and ends ,"seq":<seq>,"v":1}.
# The database only formats the time column. Any difference, or anything unexpected (a
# column that is not text, bytes that are not UTF-8), hands the chain to the careful path,
# which parses every entry and names the first bad one.
_FAST_SELECT = {
    "sqlite": (
        "SELECT seq, action,"
        " replace(CASE length(at) WHEN 19 THEN at || '.000000' ELSE at END, ' ', 'T') || 'Z',"
        " CAST(content AS BLOB), prev_hash, hash"
    ),
    "postgresql": (
        "SELECT seq, action,"
        " to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
        " convert_to(content, 'UTF8'), prev_hash, hash"
    ),
}


def _fast_count(chain: str, batch: int = 5000) -> tuple[int, str] | None:
    """``(entries, last hash)`` when every stored entry is exactly as appended, else None."""
    select = _FAST_SELECT.get(connection.vendor)
    if select is None:  # pragma: no cover - only SQLite and PostgreSQL are supported
        return None
    sql = f"{select} FROM {LedgerEntry._meta.db_table} WHERE chain = %s ORDER BY seq"
    middle = '","chain":' + canonical(chain) + ',"data":'
    sha256 = hashlib.sha256
    prev = GENESIS_HASH
    expected = 1
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [chain])
            while rows := cursor.fetchmany(batch):
                for seq, action, at, content, prev_hash, stored in rows:
                    if (
                        seq != expected
                        or prev_hash != prev
                        or not content.startswith(('{"action":"' + action + '","actor":{').encode())
                        or not content.endswith(b',"seq":%d,"v":%d}' % (seq, FORMAT_VERSION))
                    ):
                        return None
                    tail = ('},"at":"' + at + middle).encode()
                    start = content.find(b'},"at":"')
                    if content[start : start + len(tail)] != tail:
                        return None
                    prev = sha256((prev + "\n").encode() + content).hexdigest()
                    if prev != stored:
                        return None
                    expected += 1
    except Exception:  # whatever went wrong, the careful path will say
        return None
    return expected - 1, prev


def _careful(chain: str) -> tuple[Verdict | None, int, str]:
    """Parse every entry; return the verdict on the first bad one, or the count and hash."""
    prev_hash = GENESIS_HASH
    expected = 1
    count = 0
    for row in _stored_rows(chain):
        try:
            problem = _check_row(row, chain, expected, prev_hash)
        except Exception as exc:  # any unreadable entry is a bad entry
            problem = f"entry cannot be read ({type(exc).__name__})"
        if problem == _BROKEN_LINK and expected > 1 and _sound_on_its_own(row, chain, expected):
            # This entry is whole and still names the hash the entry before had when it was
            # written: so the entry before is the one changed since (its content rewritten
            # and its hash made again), and it is the first bad entry.
            return (Verdict(False, count - 1, chain, expected - 1, _REWRITTEN), count - 1,
                    prev_hash)
        if problem:
            return Verdict(False, count, chain, expected, problem), count, prev_hash
        prev_hash = _as_text(row.hash)
        expected += 1
        count += 1
    return None, count, prev_hash


def verify_chain(chain: str) -> Verdict:
    """Check one chain from its first entry, reading the stored bytes.

    Detects edited, inserted, deleted or reordered entries and names the first bad one.
    A row that cannot be read or parsed is a bad entry, never a crash.
    """
    fast = _fast_count(chain)
    if fast is None:
        bad, count, last_hash = _careful(chain)
        if bad is not None:
            return bad
    else:
        count, last_hash = fast
    # The chain head, written with every append, knows how long the chain is.
    head = ChainHead.objects.filter(chain=chain).values_list("seq", "hash").first()
    if head is None:
        if count:
            return Verdict(False, count, chain, count + 1, "the chain's end is not recorded")
    elif head[0] < count:
        return Verdict(
            False, head[0], chain, head[0] + 1, "entries were added after the chain's recorded end"
        )
    elif head[0] > count:
        return Verdict(False, count, chain, count + 1, "entries are missing from the end")
    elif head[1] != last_hash:
        return Verdict(
            False, count - 1, chain, count, "the last entry is not the one the chain recorded"
        )
    return Verdict(True, count, chain)


def _chain_names() -> tuple[list[str], dict[str, bytes]]:
    """Chain names in the ledger and the chain heads: readable ones, and (SQLite only) any
    stored as bytes that are not text, shown with escapes."""
    if connection.vendor != "sqlite":
        names = set(ChainHead.objects.values_list("chain", flat=True))
        names.update(LedgerEntry.objects.values_list("chain", flat=True).distinct())
        return sorted(names), {}
    sql = (
        f"SELECT DISTINCT CAST(chain AS BLOB) FROM {LedgerEntry._meta.db_table}"  # noqa: S608
        f" UNION SELECT CAST(chain AS BLOB) FROM {ChainHead._meta.db_table}"
    )
    readable: set[str] = set()
    unreadable: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for (raw,) in cursor.fetchall():
            raw = bytes(raw)
            try:
                readable.add(raw.decode("utf-8"))
            except UnicodeDecodeError:
                unreadable[raw.decode("utf-8", "backslashreplace")] = raw
    return sorted(readable), unreadable


def all_chains() -> list[str]:
    return _chain_names()[0]


def verify_all(chains: Iterable[str] | None = None) -> Verdict:
    """Check every chain; stop at the first bad one."""
    total = 0
    unreadable: dict[str, bytes] = {}
    if chains is None:
        chains, unreadable = _chain_names()
    for chain in chains:
        verdict = verify_chain(chain)
        if not verdict.ok:
            return Verdict(
                False, total + verdict.entries, chain, verdict.first_bad, verdict.problem
            )
        total += verdict.entries
    for shown, raw in unreadable.items():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT MIN(seq) FROM {LedgerEntry._meta.db_table}"  # noqa: S608
                " WHERE CAST(chain AS BLOB) = %s",
                [raw],
            )
            seq = cursor.fetchone()[0]
        return Verdict(False, total, shown, seq, "the entry's chain cannot be read")
    return Verdict(True, total)


UNREADABLE = "unreadable"


def _exported(row: StoredRow) -> dict[str, Any]:
    """One stored row as exported. A row that cannot be read as an entry (bytes that are not
    UTF-8, content that is not an entry) comes back as action ``unreadable`` with its raw
    content, never as a crash: ``verify_chain`` names it as the first bad entry."""
    seq = row.seq if isinstance(row.seq, int) else None
    try:
        content = _as_text(row.content)
        payload = json.loads(content)
        if not (
            isinstance(payload, dict)
            and isinstance(payload.get("at"), str)
            and isinstance(payload.get("action"), str)
            and isinstance(payload.get("actor"), dict)
            and isinstance(payload.get("data"), dict)
        ):
            raise ValueError("not an entry")
        dt.datetime.fromisoformat(payload["at"].replace("Z", "+00:00"))
        return {
            "seq": seq,
            "at": payload["at"],
            "action": payload["action"],
            "actor": payload["actor"],
            "data": payload["data"],
            "prev_hash": _as_text(row.prev_hash),
            "hash": _as_text(row.hash),
            "content": content,
        }
    except (ValueError, TypeError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return {
            "seq": seq,
            "at": None,
            "action": UNREADABLE,
            "actor": {"person": None, "party": None},
            "data": {},
            "prev_hash": _lenient_text(row.prev_hash),
            "hash": _lenient_text(row.hash),
            "content": _lenient_text(row.content),
        }


def _lenient_text(raw: Any) -> str:
    """Whatever is stored, as text that shows any bad bytes as escapes."""
    if isinstance(raw, memoryview):
        raw = raw.tobytes()
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "backslashreplace")
    return raw if isinstance(raw, str) else repr(raw)


def entries(chain: str, *, after: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
    """Entries of one chain after ``after``, as exported: content parsed plus the hashes.

    Rows are read as stored bytes (as ``verify`` reads them), so one damaged row is shown
    as ``unreadable`` instead of breaking the page, the API or the export.
    """
    return list(iter_entries(chain, after=after, limit=limit))


def iter_entries(
    chain: str, *, after: int = 0, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """``entries``, read in batches: for exports of long chains."""
    return (_exported(row) for row in _stored_rows(chain, after=after, limit=limit))
