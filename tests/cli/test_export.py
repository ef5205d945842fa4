"""`sharedspace export --party ID --out FILE.zip`: what a party may see, and its ledgers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry
from tests.governance.conftest import agree_all, pass_proposal


def export(cli, party, tmp_path: Path, name: str = "export.zip") -> Path:
    out = tmp_path / name
    result = cli("export", "--party", party.pk, "--out", str(out))
    assert result.code == 0, result.err
    assert result.out == f"{out}\n"
    return out


def unzip(path: Path, into: Path) -> Path:
    with zipfile.ZipFile(path) as zf:
        zf.extractall(into)
    return into


def verify(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """Run the exported verify_ledger.py with a plain Python, outside the project."""
    return subprocess.run(
        [sys.executable, "-I", str(folder / "verify_ledger.py"), *files],
        cwd=folder, capture_output=True, text=True, timeout=60,
    )


def busy_shared_space(cast, shared):
    proposal = actions.proposal_submit(
        actor=cast.sam, space_id=shared.pk, kind="decision", title="Meet at the library"
    )
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    for member in (cast.sam, cast.mo):
        actions.position_give(
            actor=member, proposal_id=proposal.pk, party=cast.group.pk, position="agree"
        )
    actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                        amount="100.00")
    actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Diolch! Thank you.")
    actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                    made_by=cast.outsiders.pk, summary="They chose the venue.")
    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Planning",
                                       starts_at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC))
    actions.agenda_add(actor=cast.mo, meeting_id=meeting.pk, title="Bus passes")
    actions.notes_record(actor=cast.sam, meeting_id=meeting.pk, body="We agreed.")
    actions.action_add(actor=cast.sam, meeting_id=meeting.pk, what="Book the bus",
                       party=cast.council.pk, due_on=dt.date(2026, 12, 10))
    return proposal


def test_export_holds_every_file_of_the_contract(cli, cast, shared, tmp_path):
    """A holder's export has the README, party.json, its own chain, and for each space its
    space, proposals (with positions and votes), fund, outside decisions, comments and
    ledger, plus verify_ledger.py."""
    proposal = busy_shared_space(cast, shared)
    folder = unzip(export(cli, cast.group, tmp_path), tmp_path / "unzipped")
    space = folder / "spaces" / shared.pk
    for name in ("README.txt", "party.json", "ledger.jsonl", "verify_ledger.py", "names.json"):
        assert (folder / name).is_file(), name
    for name in ("space.json", "proposals.json", "fund.json", "outside_decisions.json",
                 "comments.json", "publications.json", "meetings.json", "ledger.jsonl"):
        assert (space / name).is_file(), name
    readme = (folder / "README.txt").read_text()
    assert "Self-advocates" in readme and "python3 verify_ledger.py" in readme
    assert json.loads((folder / "party.json").read_text())["id"] == cast.group.pk
    space_json = json.loads((space / "space.json").read_text())
    assert space_json["viewer"] == {"party": cast.group.pk, "relation": "holder",
                                    "label": "shared_space"}
    (exported,) = json.loads((space / "proposals.json").read_text())
    assert exported["id"] == proposal.pk and exported["state"] == "passed"
    assert {p["party"] for p in exported["positions"]} == {cast.council.pk, cast.group.pk}
    assert len(exported["votes"]) == 3
    fund = json.loads((space / "fund.json").read_text())
    assert fund["balance"] == {"amount": "100.00", "currency": "GBP"}
    assert json.loads((space / "comments.json").read_text())[0]["body"] == "Diolch! Thank you."
    assert len(json.loads((space / "outside_decisions.json").read_text())) == 1
    (meeting,) = json.loads((space / "meetings.json").read_text())
    assert meeting["title"] == "Planning" and meeting["state"] == "held"
    assert [i["title"] for i in meeting["agenda"]] == ["Bus passes"]
    assert meeting["agenda"][0]["added_by"]["party"] == cast.group.pk
    assert meeting["notes"][0]["body"] == "We agreed."
    assert meeting["action_points"][0]["due_on"] == "2026-12-10"
    lines = (space / "ledger.jsonl").read_text().splitlines()
    stored = LedgerEntry.objects.filter(chain=shared.pk).order_by("seq")
    assert [json.loads(line)["hash"] for line in lines] == [e.hash for e in stored]
    assert json.loads(lines[0])["content"] == stored[0].content
    names = json.loads((folder / "names.json").read_text())
    assert names["parties"][cast.council.pk] == "Council team"
    assert names["people"][cast.sam.pk] == "Sam"


def test_exported_ledgers_verify_offline_and_a_changed_byte_is_found(cli, cast, shared, tmp_path):
    """verify_ledger.py passes on the exported ledgers, and fails (exit 1, naming the entry)
    once one byte of an entry is changed."""
    busy_shared_space(cast, shared)
    folder = unzip(export(cli, cast.council, tmp_path), tmp_path / "unzipped")
    ledger = folder / "spaces" / shared.pk / "ledger.jsonl"
    checked = verify(folder, str(ledger))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    count = LedgerEntry.objects.filter(chain=shared.pk).count()
    assert f"ok: {count} entries" in checked.stdout
    assert "the same as ledger_head in space.json" in checked.stdout
    everything = verify(folder)
    assert everything.returncode == 0, everything.stdout
    assert "the same as ledger_head in party.json" in everything.stdout
    # The last entry cut off: every entry left is sound, but space.json names a later head.
    whole = ledger.read_bytes()
    ledger.write_bytes(b"".join(whole.splitlines(keepends=True)[:-1]))
    cut = verify(folder, str(ledger))
    assert cut.returncode == 1
    assert f"entries are missing from the end: space.json says the record ends at seq {count}"\
        in cut.stdout
    ledger.write_bytes(whole)
    raw = bytearray(ledger.read_bytes())
    second_line = raw.index(b"\n") + 1
    where = raw.index(b'\\"v\\":1', second_line)
    raw[where + len(b'\\"v\\":')] = ord("2")
    ledger.write_bytes(bytes(raw))
    broken = verify(folder, str(ledger))
    assert broken.returncode == 1
    assert "line 2 (seq 2)" in broken.stdout
    removed = ledger.read_bytes().split(b"\n")
    del removed[1]
    ledger.write_bytes(b"\n".join(removed))
    assert verify(folder, str(ledger)).returncode == 1


def test_a_rewritten_entry_with_its_hash_made_again_is_named_offline(cli, cast, shared,
                                                                    tmp_path):
    """An untouched export verifies; once one entry's content is rewritten (its readable
    copies too) and its hash made again, verify_ledger.py names that entry, not the next
    one, which is whole and still holds the old hash (as `sharedspace ledger verify` does)."""
    import hashlib

    busy_shared_space(cast, shared)
    folder = unzip(export(cli, cast.council, tmp_path), tmp_path / "unzipped")
    ledger = folder / "spaces" / shared.pk / "ledger.jsonl"
    untouched = verify(folder, str(ledger))
    assert untouched.returncode == 0, untouched.stdout + untouched.stderr
    lines = [json.loads(line) for line in ledger.read_text().splitlines()]
    assert len(lines) > 4
    rewritten = lines[3]
    payload = json.loads(rewritten["content"])
    payload["data"] = {**payload["data"], "rewritten": True}
    content = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    rewritten.update(
        content=content, data=payload["data"],
        hash=hashlib.sha256((rewritten["prev_hash"] + "\n" + content).encode()).hexdigest(),
    )
    ledger.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    broken = verify(folder, str(ledger))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "line 4 (seq 4): the entry was changed after the next entry was written" in (
        broken.stdout)
    assert "seq 5" not in broken.stdout


def test_export_shows_only_what_the_party_may_see(cli, cast, shared, own, tmp_path):
    """A guest's export has the space it visits but no other; a guest the host did not let
    view gets no ledger and no discussion, and only its own members' votes."""
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["give_views"])
    proposal = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision",
                                       title="New opening hours")
    actions.position_give(actor=cast.gil, proposal_id=proposal.pk, party=cast.guests.pk,
                          position="object", reason="Too early for carers.")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    actions.comment_add(actor=cast.owen, space_id=own.pk, body="Council staff only note.")
    folder = unzip(export(cli, cast.guests, tmp_path), tmp_path / "unzipped")
    spaces = sorted(p.name for p in (folder / "spaces").iterdir())
    assert spaces == [own.pk]
    space = folder / "spaces" / own.pk
    assert not (space / "ledger.jsonl").exists()
    assert json.loads((space / "comments.json").read_text()) == []
    (exported,) = json.loads((space / "proposals.json").read_text())
    assert {v["party"] for v in exported["votes"]} == {cast.guests.pk}
    assert json.loads((space / "space.json").read_text())["ledger_head"] is None


def test_a_former_guest_still_gets_the_space(cli, cast, own, tmp_path):
    """A guest the host stopped involving keeps its export of that space, marked former."""
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    folder = unzip(export(cli, cast.guests, tmp_path), tmp_path / "unzipped")
    space_json = json.loads((folder / "spaces" / own.pk / "space.json").read_text())
    assert space_json["viewer"]["relation"] == "former_guest"
    assert (folder / "spaces" / own.pk / "ledger.jsonl").is_file()  # the host let guests view


def test_a_party_with_no_spaces_still_gets_its_own_record(cli, cast, tmp_path):
    """The outsiders are in no space: the export holds their party and its own chain."""
    folder = unzip(export(cli, cast.outsiders, tmp_path), tmp_path / "unzipped")
    assert not (folder / "spaces").exists()
    assert verify(folder).returncode == 0


def test_export_of_an_unknown_party_is_bad_input(cli, db, tmp_path):
    """An unknown party id exits 2 and writes no file."""
    result = cli("export", "--party", "pty_nobody", "--out", str(tmp_path / "x.zip"))
    assert result.code == 2
    assert "pty_nobody" in result.err
    assert not (tmp_path / "x.zip").exists()


def test_export_into_a_missing_folder_is_bad_input(cli, cast, tmp_path):
    """`--out` in a folder that does not exist exits 2 with a message."""
    result = cli("export", "--party", cast.group.pk, "--out", str(tmp_path / "no" / "x.zip"))
    assert result.code == 2
    assert "does not exist" in result.err


def test_a_damaged_entry_is_exported_as_stored_and_named_offline(cli, cast, shared, tmp_path):
    """One damaged row (bytes that are not UTF-8 on SQLite, broken JSON on PostgreSQL) does
    not stop the export; verify_ledger.py names it."""
    from django.db import connection

    from sharedspace.governance import db_guards

    busy_shared_space(cast, shared)
    table = LedgerEntry._meta.db_table
    value = "X'7b22ff22fe7d'" if connection.vendor == "sqlite" else "'{\"v\":1,\"seq\":'"
    db_guards.drop(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET content = {value}"  # noqa: S608
                           " WHERE chain = %s AND seq = 2", [shared.pk])
    finally:
        db_guards.create(connection)
    folder = unzip(export(cli, cast.council, tmp_path), tmp_path / "unzipped")
    ledger = folder / "spaces" / shared.pk / "ledger.jsonl"
    count = LedgerEntry.objects.filter(chain=shared.pk).count()
    assert len(ledger.read_text().splitlines()) == count
    broken = verify(folder, str(ledger))
    assert broken.returncode == 1
    assert "(seq 2)" in broken.stdout


def test_export_keeps_the_words_of_earlier_versions(cli, cast, shared, tmp_path):
    """An amended proposal's earlier words are in the export, as the proposal page shows
    them (the ledger holds only their digests), and they match those digests."""
    import hashlib

    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Meet on Mondays", body="At ten.")
    actions.proposal_amend(actor=cast.sam, proposal_id=proposal.pk, title="Meet on Tuesdays",
                           body="At eleven.")
    folder = unzip(export(cli, cast.council, tmp_path), tmp_path / "unzipped")
    (exported,) = json.loads((folder / "spaces" / shared.pk / "proposals.json").read_text())
    assert exported["title"] == "Meet on Tuesdays" and exported["version"] == 2
    (earlier,) = exported["earlier_versions"]
    assert earlier["version"] == 1 and earlier["title"] == "Meet on Mondays"
    assert earlier["body"] == "At ten." and earlier["amount"] is None
    submit = LedgerEntry.objects.get(chain=shared.pk, action="proposal.submit")
    data = json.loads(submit.content)["data"]
    assert data["title_sha256"] == hashlib.sha256(b"Meet on Mondays").hexdigest()


def test_export_holds_published_work_and_critical_friends_comments(cli, cast, shared, own,
                                                                  tmp_path):
    """publications.json: the work as published, with its critical friends' comments. A
    removed comment is marked; its words go only to groups that may read the discussion."""
    friend = actions.person_create(email="friend@example.org", name="Fran")
    for space in (shared, own):
        proposal = pass_proposal(cast, space, kind="publish", title="What we found",
                                 body="Saturdays, please.")
        publication = proposal.publication
        kept = actions.public_comment_add(actor=friend, publication_id=publication.pk,
                                          body="Who did you ask?")
        gone = actions.public_comment_add(actor=friend, publication_id=publication.pk,
                                          body="Rude words")
        pass_proposal(cast, space, kind="remove_content", content=gone.pk)
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["give_views"])
    folder = unzip(export(cli, cast.group, tmp_path), tmp_path / "holder")
    (work,) = json.loads((folder / "spaces" / shared.pk / "publications.json").read_text())
    assert (work["title"], work["body"]) == ("What we found", "Saturdays, please.")
    assert [(c["body"], c["removed"]) for c in work["comments"]] == [
        ("Who did you ask?", False), ("Rude words", True)]
    assert [c["removed_by"] for c in work["comments"]] == [None, "proposal"]
    assert work["comments"][1]["removal_proposal"] is not None
    assert work["comments"][0]["author"] == {"person": friend.pk}
    assert json.loads((folder / "names.json").read_text())["people"][friend.pk] == "Fran"
    folder = unzip(export(cli, cast.guests, tmp_path, "guest.zip"), tmp_path / "guest")
    (work,) = json.loads((folder / "spaces" / own.pk / "publications.json").read_text())
    assert [(c["body"], c["removed"]) for c in work["comments"]] == [
        ("Who did you ask?", False), (None, True)]
    assert work["comments"][1]["author"] is None
    assert kept.pk == work["comments"][0]["id"]


def test_export_says_a_comment_was_taken_back_by_its_author(cli, cast, shared, tmp_path):
    friend = actions.person_create(email="friend@example.org", name="Fran")
    publication = pass_proposal(cast, shared, kind="publish", title="Work",
                                body="Words").publication
    mine = actions.public_comment_add(actor=friend, publication_id=publication.pk, body="Oops")
    late = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="remove_content",
                                   title="Remove it", content=mine.pk)
    actions.public_comment_withdraw(actor=friend, comment_id=mine.pk)
    assert agree_all(cast, late).state == "passed"  # it passed, but found nothing to hide
    folder = unzip(export(cli, cast.group, tmp_path), tmp_path / "unzipped")
    (work,) = json.loads((folder / "spaces" / shared.pk / "publications.json").read_text())
    assert [(c["removed_by"], c["removal_proposal"]) for c in work["comments"]] == [
        ("author", None)]


def test_export_keeps_the_charter_an_earlier_version_proposed(cli, cast, shared, tmp_path):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="charter",
                                       title="Pay", charter={"purpose": "First words"})
    actions.proposal_amend(actor=cast.carol, proposal_id=proposal.pk,
                           charter={"purpose": "Second words"})
    folder = unzip(export(cli, cast.group, tmp_path), tmp_path / "unzipped")
    (exported,) = json.loads((folder / "spaces" / shared.pk / "proposals.json").read_text())
    assert exported["charter"]["purpose"] == "Second words"
    assert [v["charter"]["purpose"] for v in exported["earlier_versions"]] == ["First words"]


def test_the_ledger_file_ends_at_the_head_its_json_names(cast, shared):
    """An entry written after space.json was made is left out of ledger.jsonl, so the two
    agree (the export reads no single snapshot)."""
    from sharedspace.exports import collect

    busy_shared_space(cast, shared)
    head = LedgerEntry.objects.filter(chain=shared.pk).count()
    actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Written meanwhile.")
    lines = list(collect.ledger_lines(shared.pk, collect.Names(), up_to=head))
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, head + 1))
    assert len(list(collect.ledger_lines(shared.pk, collect.Names()))) == head + 1
