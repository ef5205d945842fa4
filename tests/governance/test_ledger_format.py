"""The ledger's format is exactly what docs/ledger.md says (CONTRACT "The ledger's format").

The canonical form, the hash, the list of actions with their data fields, and the doc's own
fifteen-line verifier, run against a real export.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, transaction

from sharedspace.governance import actions, db_guards, ledger
from sharedspace.governance.models import ChainHead, LedgerEntry

from .conftest import CHARTER, accept_all, agree_all, pass_proposal, watch

DOC = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"
ZEROS = "0" * 64


def payloads(chain: str) -> list[dict]:
    return [json.loads(r.content) for r in LedgerEntry.objects.filter(chain=chain).order_by("seq")]


def test_entry_is_canonical_json_with_the_documented_keys(cast, shared):
    """Content is the entry as JSON with sorted keys, no spaces, UTF-8 unescaped; the first
    entry's prev_hash is 64 zeros; hash = sha256(prev_hash + "\\n" + content)."""
    rows = list(LedgerEntry.objects.filter(chain=shared.pk).order_by("seq"))
    prev = ZEROS
    for row in rows:
        payload = json.loads(row.content)
        assert set(payload) == {"action", "actor", "at", "chain", "data", "seq", "v"}
        assert set(payload["actor"]) == {"party", "person"}
        assert payload["v"] == 1 and payload["chain"] == shared.pk
        assert row.content == json.dumps(payload, sort_keys=True, separators=(",", ":"),
                                         ensure_ascii=False)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", payload["at"])
        assert row.prev_hash == prev
        assert row.hash == hashlib.sha256((prev + "\n" + row.content).encode()).hexdigest()
        prev = row.hash
    assert ChainHead.objects.get(chain=shared.pk).hash == prev


def test_money_is_a_string_and_floats_are_refused(db):
    """Decimals become strings, dates ISO dates, times the UTC form; a float is refused."""
    with transaction.atomic():
        entry = ledger.append(chain="spc_test", action="test", person=None, party=None, data={
            "amount": Decimal("120.50"), "on": dt.date(2026, 3, 31),
            "when": dt.datetime(2026, 3, 2, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "words": "Cymraeg: ŵ ŷ — “quotes”\n", "list": (1, True, None),
        })
    data = json.loads(entry.content)["data"]
    assert data == {"amount": "120.50", "on": "2026-03-31", "when": "2026-03-02T10:00:00.000000Z",
                    "words": "Cymraeg: ŵ ŷ — “quotes”\n", "list": [1, True, None]}
    assert "ŵ" in entry.content and "\\n" in entry.content  # unescaped UTF-8; JSON escapes
    with pytest.raises(TypeError), transaction.atomic():
        ledger.append(chain="spc_test", action="test", person=None, party=None,
                      data={"amount": 1.5})
    assert LedgerEntry.objects.filter(chain="spc_test").count() == 1


def test_escapes_are_only_what_json_requires():
    """As docs/ledger.md says: quotes, backslashes and characters below U+0020 escaped (the
    usual short forms, else lowercase \\u00xx); everything else written as it is."""
    assert ledger.canonical({"b": "\x01\x1f\b\f\n\r\t\"\\/\x7f\u2028é", "a": [True, None]}) == (
        '{"a":[true,null],"b":"\\u0001\\u001f\\b\\f\\n\\r\\t\\"\\\\/\x7f\u2028é"}'
    )


def test_free_text_is_a_digest(cast, shared):
    """What people write is on the chain only as its SHA-256."""
    with watch() as written:
        actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Ein Geheimnis ✓")
    entry = written.one("comment.add")
    assert "Geheimnis" not in json.dumps(entry, ensure_ascii=False)
    assert entry["data"]["body_sha256"] == hashlib.sha256("Ein Geheimnis ✓".encode()).hexdigest()


def test_chains_per_space_and_per_party(cast, shared):
    """Party events are on the party's chain; space events on the space's chain."""
    assert [p["action"] for p in payloads(cast.group.pk)] == ["party.create", "member.add",
                                                               "member.add"]
    assert payloads(shared.pk)[0]["action"] == "space.create"


# --- the fast path is the one honest chains take --------------------------------------------


def test_fast_path_agrees_with_the_careful_one_on_honest_chains(cast, shared, clock):
    """On chains written by the actions (times on the second, no actor, unusual text), the
    fast byte-for-byte check passes and agrees with the careful parse, so verify's speed
    never depends on falling back."""
    clock.moment = clock.moment.replace(microsecond=0)
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                title="Ŵyl — \"quotes\" \\ and \u2028 lines",
                                closes_at=clock.moment + dt.timedelta(hours=1))
    actions.position_give(actor=cast.sam, proposal_id=p.pk, party=cast.group.pk,
                          position="object", reason="Nid nawr")
    clock.advance(hours=2)
    actions.proposals_resolve_due()  # an entry with no actor
    with transaction.atomic():
        ledger.append(chain=shared.pk, action="test.odd", person=None, party="pty_\"x}",
                      data={"at": "not me", "nested": {"chain": shared.pk, "data": "}"}})
    for chain in (shared.pk, cast.council.pk, cast.group.pk):
        fast = ledger._fast_count(chain)
        bad, count, last = ledger._careful(chain)
        assert bad is None and fast == (count, last)
        assert ledger.verify_chain(chain).ok


def test_fast_path_stands_aside_for_any_difference(chain_with_tampering):
    """Whenever the stored bytes differ from what append writes, the fast path gives way,
    so the careful path names the entry."""
    assert ledger._fast_count(chain_with_tampering) is None


@pytest.fixture
def chain_with_tampering(cast, shared):
    db_guards.drop(connection)
    try:
        LedgerEntry.objects.filter(chain=shared.pk, seq=2).update(action="invitation.accept")
    finally:
        db_guards.create(connection)
    return shared.pk


# --- every action and its fields, as documented ----------------------------------------------


def documented_actions() -> dict[str, tuple[set[str], set[str]]]:
    """From the doc's tables: action → (fields always there, fields there when changed)."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = re.fullmatch(r"\| `([a-z_]+\.[a-z_]+)` \| (.*) \|", line)
        if not cells:
            continue
        fields = re.sub(r"\([^()]*\)", "", cells.group(2))  # values are in brackets
        required = set(re.findall(r"`([a-z_0-9]+)`(?!\?)", fields))
        optional = set(re.findall(r"`([a-z_0-9]+)`\?", fields))
        found[cells.group(1)] = (required, optional)
    return found


def every_action(cast) -> None:
    """A history that uses every action there is."""
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, quorum=2)
    actions.party_member_set_roles(actor=cast.carol, party_id=cast.council.pk,
                                   person_id=cast.owen.pk, roles=["member", "speaker"])
    actions.party_member_remove(actor=cast.ria, party_id=cast.group.pk, person_id=cast.ria.pk)
    actions.party_member_confirm(actor=cast.mo, party_id=cast.group.pk)
    # a shared space that forms, works and closes
    shared = actions.space_create(actor=cast.carol, title="Day service", purpose="Better",
                                  holders=[cast.council.pk, cast.group.pk],
                                  claimed_approach="coproduction", charter=CHARTER)
    accept_all(shared, cast)
    comment = actions.comment_add(actor=cast.mo, space_id=shared.pk, body="Hello")
    pass_proposal(cast, shared, kind="remove_content", content=comment.pk)
    pass_proposal(cast, shared, kind="publish", body="What we found")
    publication = shared.publications.get()
    friend = actions.public_comment_add(actor=cast.owen, publication_id=publication.pk,
                                        body="Who did you ask?")
    pass_proposal(cast, shared, kind="remove_content", content=friend.pk)
    friend = actions.public_comment_add(actor=cast.owen, publication_id=publication.pk,
                                        body="I take that back")
    actions.public_comment_withdraw(actor=cast.owen, comment_id=friend.pk)
    c = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="charter",
                                title="Charter", charter={"purpose": "Better"})
    agree_all(cast, actions.proposal_amend(actor=cast.carol, proposal_id=c.pk,
                                           charter={"purpose": "Better still"}))
    p = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                title="Buses", amount="10")
    p = agree_all(cast, actions.proposal_amend(actor=cast.carol, proposal_id=p.pk, amount="12"))
    actions.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="50")
    actions.fund_spend(actor=cast.mo, space_id=shared.pk, amount="12", proposal=p.pk)
    actions.fund_withdraw(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="8")
    pass_proposal(cast, shared, kind="add_guest", party=cast.guests.pk)
    accept_all(shared, cast)
    pass_proposal(cast, shared, kind="remove_guest", party=cast.guests.pk)
    w = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision", title="x")
    actions.proposal_withdraw(actor=cast.sam, proposal_id=w.pk)
    d = actions.outside_decision_record(actor=cast.mo, space_id=shared.pk,
                                        made_by=cast.council.pk, summary="Cabinet said so",
                                        made_on=dt.date(2026, 1, 5))
    actions.outside_decision_dispute(actor=cast.carol, decision_id=d.pk, reason="No")
    d = actions.outside_decision_record(actor=cast.mo, space_id=shared.pk,
                                        made_by=cast.council.pk, summary="Budget")
    actions.outside_decision_confirm(actor=cast.carol, decision_id=d.pk)
    m = actions.meeting_schedule(actor=cast.mo, space_id=shared.pk, title="Plan",
                                 starts_at=dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC))
    actions.agenda_add(actor=cast.carol, meeting_id=m.pk, title="Buses")
    actions.notes_record(actor=cast.mo, meeting_id=m.pk, body="We talked about buses")
    a = actions.action_add(actor=cast.mo, meeting_id=m.pk, what="Ring", party=cast.council.pk,
                           person=cast.carol.pk, due_on=dt.date(2026, 12, 8))
    actions.action_done(actor=cast.carol, action_id=a.pk)
    first = actions.meeting_schedule(actor=cast.mo, space_id=shared.pk, title="Set 1",
                                     starts_at=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC),
                                     kind="learning_set")
    actions.presenter_add(actor=cast.carol, meeting_id=first.pk, question="Why so few?")
    a = actions.presenter_action_add(actor=cast.carol, meeting_id=first.pk, what="Ask them")
    second = actions.meeting_schedule(actor=cast.mo, space_id=shared.pk, title="Set 2",
                                      starts_at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC),
                                      kind="learning_set")
    actions.action_review(actor=cast.carol, meeting_id=second.pk, action_id=a.pk, done=True,
                          learned="They were not asked")
    m = actions.meeting_schedule(actor=cast.mo, space_id=shared.pk, title="Again",
                                 starts_at=dt.datetime(2026, 12, 9, 10, tzinfo=dt.UTC))
    actions.meeting_cancel(actor=cast.sam, meeting_id=m.pk)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    # a shared space that never forms
    never = actions.space_create(actor=cast.carol, title="Never", purpose="No",
                                 holders=[cast.council.pk, cast.outsiders.pk],
                                 claimed_approach="co-design", charter=CHARTER)
    actions.invitation_decline(actor=cast.olive, invitation_id=never.invitations.get().pk)
    # an own space that becomes shared
    own = actions.space_create(actor=cast.carol, title="Board", purpose="Hear",
                               holders=[cast.council.pk], claimed_approach="consultation")
    actions.space_settings_update(actor=cast.carol, space_id=own.pk, title="Our board")
    actions.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    accept_all(own, cast)
    actions.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    pass_proposal(cast, own, kind="add_holder", party=cast.group.pk)
    accept_all(own, cast)
    pass_proposal(cast, own, kind="close", title="Done")


def test_every_action_is_documented_with_its_fields(cast):
    """The doc lists every action the core writes, and each entry's data has exactly the
    documented fields (optional ones only when they changed)."""
    every_action(cast)
    documented = documented_actions()
    seen: dict[str, list[set[str]]] = {}
    for row in LedgerEntry.objects.all():
        payload = json.loads(row.content)
        seen.setdefault(payload["action"], []).append(set(payload["data"]))
    assert set(seen) == set(documented)
    for action, key_sets in seen.items():
        required, optional = documented[action]
        for keys in key_sets:
            assert required <= keys <= required | optional, (action, keys, required, optional)
    # A charter amendment is in the history, with its optional field (ADR 37).
    assert any("charter_sha256" in keys for keys in seen["proposal.amend"])
    assert ledger.verify_all().ok


# --- the doc's own verifier ---------------------------------------------------------------------


def doc_snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Checking an exported ledger yourself"):]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    return code.group(1)


def export(chain: str, path: Path) -> Path:
    """One line per entry, as the export and the API give them."""
    with path.open("w", encoding="utf-8") as f:
        for entry in ledger.entries(chain):
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return path


def run_snippet(tmp_path: Path, ledger_file: Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "check.py"
    script.write_text(doc_snippet(), encoding="utf-8")
    return subprocess.run([sys.executable, str(script), str(ledger_file)],
                          capture_output=True, text=True, timeout=60, check=False)


def test_doc_snippet_is_fifteen_lines_of_standard_library():
    """The snippet is at most fifteen lines and imports only the standard library."""
    lines = doc_snippet().strip().splitlines()
    assert len(lines) <= 15
    assert lines[0] == "import hashlib, json, sys"
    assert not any(line.startswith(("import ", "from ")) for line in lines[1:])


def test_doc_snippet_verifies_an_export(cast, shared, tmp_path):
    """The doc's verifier accepts a real export and prints the chain head's hash."""
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body="Ŵyl — “fest”")
    result = run_snippet(tmp_path, export(shared.pk, tmp_path / "ledger.jsonl"))
    head = ChainHead.objects.get(chain=shared.pk)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {head.seq} entries, last hash {head.hash}"


@pytest.mark.parametrize("tamper", ["edit", "delete", "swap"])
def test_doc_snippet_finds_tampering(cast, shared, tmp_path, tamper):
    """The doc's verifier names the first bad line of an edited export."""
    path = export(shared.pk, tmp_path / "ledger.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if tamper == "edit":
        entry = json.loads(lines[2])
        entry["content"] = entry["content"].replace('"holder"', '"guest"')
        lines[2] = json.dumps(entry, ensure_ascii=False) + "\n"
    elif tamper == "delete":
        del lines[2]
    else:
        lines[2], lines[3] = lines[3], lines[2]
    path.write_text("".join(lines), encoding="utf-8")
    result = run_snippet(tmp_path, path)
    assert result.returncode == 1
    assert "bad entry: seq 3" in result.stderr
