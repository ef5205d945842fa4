#!/usr/bin/env python3
"""Check a Shared Space ledger, offline, with nothing but Python 3.

    python3 verify_ledger.py                 checks every ledger.jsonl in this folder and below
    python3 verify_ledger.py FILE [FILE ...]  checks these files

A ledger.jsonl file has one entry per line: a JSON object with the entry's ``content`` (the
exact text that was hashed), ``prev_hash`` and ``hash``. For each entry this script checks:

- ``hash`` is the SHA-256 (lowercase hex) of ``prev_hash`` + a newline + ``content``, in UTF-8;
- ``prev_hash`` is the hash of the entry before (64 zeros for the first entry);
- ``content`` is canonical JSON (sorted keys, no spaces) whose ``seq`` counts 1, 2, 3 ...
  and whose ``chain`` is the same on every line;
- the copies of ``seq``, ``at``, ``action``, ``actor`` and ``data`` on the line, if there,
  say the same as ``content``.

So an entry that was changed, added, removed or moved is found, and the first bad one named.
An entry whose content was rewritten and its hash made again is named itself, not the entry
after it: that next entry is whole on its own and still holds the old hash, so the entry
before it is the one that changed (Shared Space's own verify decides the same way).
An entry cut off the end cannot be seen from the entries alone. So when a space.json or
party.json lies beside the file (as in an export), its ``ledger_head`` must name the file's
last entry: its seq and its hash (``null`` for an empty record). Without one, compare the last
hash printed here with the one Shared Space shows.
Exit code: 0 all good, 1 a bad entry or a head that does not match, 2 bad usage.
"""

import hashlib
import json
import sys
from pathlib import Path

GENESIS = "0" * 64
COPIED = ("seq", "at", "action", "actor", "data")
BROKEN_LINK = "prev_hash is not the hash of the entry before"
REWRITTEN = ("the entry was changed after the next entry was written:"
             " the next entry holds its old hash")


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _no_floats(text):
    def refuse(number):
        raise ValueError(f"a number with a point ({number}) is not allowed in the ledger")

    return json.loads(text, parse_float=refuse, parse_constant=refuse)


def check_entry(line, expected_seq, prev_hash, chain):
    """Return (problem, entry hash, chain) for one line; problem is '' when it is sound."""
    try:
        entry = json.loads(line)
    except ValueError:
        return "the line is not JSON", None, chain
    if not isinstance(entry, dict):
        return "the line is not a JSON object", None, chain
    content = entry.get("content")
    given_prev, given_hash = entry.get("prev_hash"), entry.get("hash")
    if not all(isinstance(value, str) for value in (content, given_prev, given_hash)):
        return "content, prev_hash or hash is missing", None, chain
    if given_prev != prev_hash:
        return BROKEN_LINK, None, chain
    computed = hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()
    if computed != given_hash:
        return "hash does not match prev_hash and content", None, chain
    try:
        payload = _no_floats(content)
    except ValueError as error:
        return f"content is not valid ledger JSON ({error})", None, chain
    if not isinstance(payload, dict):
        return "content is not a JSON object", None, chain
    if _canonical(payload) != content:
        return "content is not in canonical form", None, chain
    if payload.get("seq") != expected_seq:
        return f"content says seq {payload.get('seq')!r}, expected {expected_seq}", None, chain
    if chain is not None and payload.get("chain") != chain:
        return "content belongs to another chain", None, chain
    for key in COPIED:
        if key in entry and entry[key] != payload.get(key):
            return f"the line's {key} does not match its content", None, chain
    return "", given_hash, payload.get("chain")


def sound_on_its_own(line, expected_seq, chain):
    """Whether a line passes every check when read against its own stored prev_hash."""
    try:
        given_prev = json.loads(line).get("prev_hash")
    except (ValueError, AttributeError):
        return False
    if not isinstance(given_prev, str):
        return False
    return check_entry(line, expected_seq, given_prev, chain)[0] == ""


def verify_file(path):
    """Return (ok, entries, message) for one ledger.jsonl file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return False, 0, f"cannot read it ({error.strerror or error})"
    prev_hash, chain, count, prev_number = GENESIS, None, 0, None
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        if not line_bytes.strip():
            continue
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError:
            return False, count, f"line {number} (seq {count + 1}): the line is not UTF-8 text"
        problem, entry_hash, next_chain = check_entry(line, count + 1, prev_hash, chain)
        if problem == BROKEN_LINK and count and sound_on_its_own(line, count + 1, chain):
            # This entry is whole and still names the hash the entry before had when it was
            # written: so the entry before is the one changed since (its content rewritten
            # and its hash made again), and it is the first bad entry.
            return False, count - 1, f"line {prev_number} (seq {count}): {REWRITTEN}"
        if problem:
            return False, count, f"line {number} (seq {count + 1}): {problem}"
        prev_hash, chain, count, prev_number = entry_hash, next_chain, count + 1, number
    return check_head(Path(path), count, prev_hash)


HEAD_FILES = ("space.json", "party.json")


def check_head(path, count, last_hash):
    """Return (ok, entries, message): whether the file's last entry is the ``ledger_head``
    that a space.json or party.json beside it names."""
    for name in HEAD_FILES:
        beside = path.parent / name
        if not beside.is_file():
            continue
        try:
            data = json.loads(beside.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False, count, f"cannot read {name} beside it, to check the last entry"
        if not isinstance(data, dict) or "ledger_head" not in data:
            return False, count, f"{name} beside it has no ledger_head to check the last entry"
        head = data["ledger_head"]
        if head is None:
            if count == 0:
                return True, 0, f"empty, as ledger_head in {name} says"
            return False, count, (f"{name} says the record is empty (ledger_head is null), "
                                  f"but the file has {count} entries")
        seq = head.get("seq") if isinstance(head, dict) else None
        if seq != count:
            if isinstance(seq, int) and seq > count:
                return False, count, (f"entries are missing from the end: {name} says the "
                                      f"record ends at seq {seq}, the file at seq {count}")
            return False, count, (f"{name} says the record ends at seq {seq!r}, "
                                  f"but the file ends at seq {count}")
        if head.get("hash") != last_hash:
            return False, count, (f"the last entry's hash is not the ledger_head hash in {name}"
                                  f" (seq {count})")
        return True, count, f"last hash {last_hash}, the same as ledger_head in {name}"
    return True, count, f"last hash {last_hash}"


def main(argv):
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__)
        return 0
    if argv:
        files = [Path(arg) for arg in argv]
    else:
        files = sorted(Path(__file__).resolve().parent.rglob("ledger.jsonl"))
        if not files:
            print("No ledger.jsonl files here. Name one: python3 verify_ledger.py FILE",
                  file=sys.stderr)
            return 2
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print("No such file: " + ", ".join(missing), file=sys.stderr)
        return 2
    all_ok, total = True, 0
    for path in files:
        ok, entries, message = verify_file(path)
        total += entries
        if ok:
            print(f"ok: {path}: {entries} entries, {message}")
        else:
            all_ok = False
            print(f"bad: {path}: {message}")
    if all_ok:
        print(f"ok: {total} entries")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
