"""The exported verify_ledger.py, on hand-made ledgers (standard library only)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sharedspace.exports import verify_ledger

GENESIS = "0" * 64


def chain_lines(payloads: list[dict], *, canonical: bool = True) -> list[dict]:
    """Entries with correct hashes for these payloads (canonical JSON unless told not)."""
    lines, prev = [], GENESIS
    for payload in payloads:
        if canonical:
            content = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                                 ensure_ascii=False)
        else:
            content = json.dumps(payload)
        digest = hashlib.sha256((prev + "\n" + content).encode()).hexdigest()
        lines.append({"seq": payload["seq"], "action": payload["action"], "content": content,
                      "prev_hash": prev, "hash": digest})
        prev = digest
    return lines


def entry(seq: int, **data) -> dict:
    return {"v": 1, "chain": "spc_test", "seq": seq, "at": "2026-01-01T10:00:00.000000Z",
            "action": "comment.add", "actor": {"party": "pty_a", "person": "per_a"},
            "data": data}


def write(tmp_path: Path, lines: list[dict]) -> Path:
    path = tmp_path / "ledger.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return path


def test_a_sound_chain_verifies(tmp_path):
    """Three good entries: ok, 3 entries, exit 0 from main."""
    path = write(tmp_path, chain_lines([entry(1), entry(2, note="Siân"), entry(3)]))
    ok, count, _ = verify_ledger.verify_file(path)
    assert (ok, count) == (True, 3)
    assert verify_ledger.main([str(path)]) == 0


def test_reordered_entries_are_found(tmp_path):
    """Swapping two entries breaks the links: the first moved one is named."""
    lines = chain_lines([entry(1), entry(2), entry(3)])
    path = write(tmp_path, [lines[0], lines[2], lines[1]])
    ok, count, message = verify_ledger.verify_file(path)
    assert not ok and count == 1
    assert "line 2 (seq 2)" in message
    assert verify_ledger.main([str(path)]) == 1


def test_a_rehashed_chain_must_still_be_canonical_and_float_free(tmp_path):
    """Hashes that match are not enough: the content must be canonical JSON without
    floating-point numbers, and count its seq from 1."""
    spaced = write(tmp_path, chain_lines([entry(1)], canonical=False))
    assert "canonical" in verify_ledger.verify_file(spaced)[2]
    floating = write(tmp_path, chain_lines([entry(1, amount=1.5)]))
    assert "point" in verify_ledger.verify_file(floating)[2]
    skipping = write(tmp_path, chain_lines([entry(2)]))
    assert "expected 1" in verify_ledger.verify_file(skipping)[2]


def test_the_readable_copies_must_match_the_content(tmp_path):
    """A line whose copied `action` differs from its hashed content is a bad line."""
    lines = chain_lines([entry(1)])
    lines[0]["action"] = "fund.spend"
    ok, _, message = verify_ledger.verify_file(write(tmp_path, lines))
    assert not ok and "action" in message


def test_bad_usage_exits_2(tmp_path):
    """A file that is not there: exit 2."""
    assert verify_ledger.main([str(tmp_path / "missing.jsonl")]) == 2


def rehashed(line: dict, payload: dict) -> dict:
    """``line`` with its content rewritten to ``payload`` and its hash made again."""
    content = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256((line["prev_hash"] + "\n" + content).encode()).hexdigest()
    return {**line, "content": content, "hash": digest}


def test_a_rewritten_entry_with_its_hash_made_again_is_named_itself(tmp_path):
    """Entry 2 rewritten and its hash made again: entry 3 is whole and still holds entry 2's
    old hash, so entry 2 is named (as ledger.verify_chain does), not entry 3."""
    lines = chain_lines([entry(1), entry(2, note="first"), entry(3), entry(4)])
    lines[1] = rehashed(lines[1], entry(2, note="changed"))
    path = write(tmp_path, lines)
    ok, count, message = verify_ledger.verify_file(path)
    assert (ok, count) == (False, 1)
    assert message.startswith("line 2 (seq 2): ")
    assert "changed after the next entry was written" in message
    assert verify_ledger.main([str(path)]) == 1


def test_a_blank_line_does_not_shift_the_line_named(tmp_path):
    """Lines are counted as in the file: a blank line before the rewritten entry counts."""
    lines = chain_lines([entry(1), entry(2), entry(3)])
    lines[1] = rehashed(lines[1], entry(2, note="changed"))
    path = tmp_path / "ledger.jsonl"
    path.write_text("\n\n".join(json.dumps(line) for line in lines[:2]) + "\n"
                    + json.dumps(lines[2]) + "\n")
    ok, count, message = verify_ledger.verify_file(path)
    assert (ok, count) == (False, 1)
    assert message.startswith("line 3 (seq 2): ")


def test_a_next_entry_that_is_not_whole_is_named_itself(tmp_path):
    """When the entry after a broken link is not whole on its own (its own hash is wrong
    too), the break is its own: it is named, as before."""
    lines = chain_lines([entry(1), entry(2), entry(3)])
    lines[2] = {**lines[2], "prev_hash": "0" * 64}
    ok, count, message = verify_ledger.verify_file(write(tmp_path, lines))
    assert (ok, count) == (False, 2)
    assert message.startswith("line 3 (seq 3): prev_hash is not the hash")


def test_a_well_forged_inserted_entry_names_the_entry_after_it(tmp_path):
    """A forged entry slipped in, linked to the one before: the entry after it says the
    wrong seq, so it is not whole on its own, and it is the one named."""
    good = chain_lines([entry(1), entry(2), entry(3)])
    forged = chain_lines([entry(1), entry(2, forged=True)])[1]
    path = write(tmp_path, [good[0], forged, good[1], good[2]])
    ok, count, message = verify_ledger.verify_file(path)
    assert (ok, count) == (False, 2)
    assert message.startswith("line 3 (seq 3): ")


def head_beside(tmp_path: Path, name: str, head) -> None:
    (tmp_path / name).write_text(json.dumps({"id": "spc_test", "ledger_head": head}))


def test_entries_cut_off_the_end_are_found_from_the_head_beside(tmp_path):
    """The last entry removed: the entries alone still verify, but the space.json beside
    the file names a later head, so the file is bad (exit 1)."""
    lines = chain_lines([entry(1), entry(2), entry(3)])
    head_beside(tmp_path, "space.json", {"seq": 3, "hash": lines[2]["hash"]})
    whole = write(tmp_path, lines)
    ok, count, message = verify_ledger.verify_file(whole)
    assert (ok, count) == (True, 3)
    assert "the same as ledger_head in space.json" in message
    cut = write(tmp_path, lines[:2])
    ok, count, message = verify_ledger.verify_file(cut)
    assert (ok, count) == (False, 2)
    assert message == ("entries are missing from the end: space.json says the record ends at "
                       "seq 3, the file at seq 2")
    assert verify_ledger.main([str(cut)]) == 1


def test_a_head_that_names_another_hash_or_no_record_is_bad(tmp_path):
    """party.json works the same way; a different last hash, or a null head beside entries,
    or a head file without ledger_head, is bad."""
    lines = chain_lines([entry(1), entry(2)])
    path = write(tmp_path, lines)
    head_beside(tmp_path, "party.json", {"seq": 2, "hash": lines[0]["hash"]})
    assert verify_ledger.verify_file(path) == (
        False, 2, "the last entry's hash is not the ledger_head hash in party.json (seq 2)")
    head_beside(tmp_path, "party.json", None)
    assert verify_ledger.verify_file(path)[:2] == (False, 2)
    assert "ledger_head is null" in verify_ledger.verify_file(path)[2]
    (tmp_path / "party.json").write_text("{}")
    assert "no ledger_head" in verify_ledger.verify_file(path)[2]
    (tmp_path / "party.json").write_text("{not json")
    assert "cannot read party.json" in verify_ledger.verify_file(path)[2]
    empty = write(tmp_path, [])
    head_beside(tmp_path, "party.json", None)
    assert verify_ledger.verify_file(empty) == (
        True, 0, "empty, as ledger_head in party.json says")


def test_without_a_head_beside_the_last_hash_is_printed(tmp_path):
    """A ledger file on its own: checked by its entries, and the last hash printed for the
    reader to compare."""
    lines = chain_lines([entry(1)])
    assert verify_ledger.verify_file(write(tmp_path, lines)) == (
        True, 1, f"last hash {lines[0]['hash']}")
