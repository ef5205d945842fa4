"""The ledger, its verification, and the power audit."""

from __future__ import annotations

import hashlib
import json

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry

from .conftest import assert_error

AUDIT_KEYS = {
    "space",
    "kind",
    "holders",
    "guests",
    "claimed_approach",
    "measured_approach",
    "label_check",
    "decisions",
    "initiative",
    "acceptance",
    "money",
    "exit_power",
    "outside_decisions",
    "evidence",
}


def test_ledger_entries_have_the_contract_shape_and_rehash(api, cast, shared):
    """Each entry has seq, at, action, actor, data, prev_hash and hash; its `content` is
    the exact text hashed, so anyone can re-check the chain."""
    page = api.get(f"/spaces/{shared.pk}/ledger", cast.sam).json()
    assert page["next"] is None
    entries = page["entries"]
    assert [e["seq"] for e in entries] == list(
        LedgerEntry.objects.filter(chain=shared.pk).values_list("seq", flat=True)
    )
    assert entries[0]["action"] == "space.create"
    assert entries[0]["actor"] == {"person": cast.carol.pk, "party": cast.council.pk}
    previous = "0" * 64
    for entry in entries:
        assert {"seq", "at", "action", "actor", "data", "prev_hash", "hash"} <= set(entry)
        assert entry["at"].endswith("Z")
        assert entry["prev_hash"] == previous
        digest = hashlib.sha256((previous + "\n" + entry["content"]).encode()).hexdigest()
        assert digest == entry["hash"]
        assert json.loads(entry["content"])["data"] == entry["data"]
        previous = entry["hash"]


def test_ledger_pages_follow_next(api, cast, shared):
    """`?after=SEQ` gives the entries after it; `next` leads to the following page."""
    for n in range(3):
        actions.proposal_submit(
            actor=cast.carol, space_id=shared.pk, kind="decision", title=f"Idea {n}"
        )
    total = LedgerEntry.objects.filter(chain=shared.pk).count()
    seen, after = [], 0
    while after is not None:
        page = api.get(f"/spaces/{shared.pk}/ledger?after={after}&limit=2", cast.carol).json()
        assert len(page["entries"]) <= 2
        seen += [e["seq"] for e in page["entries"]]
        after = page["next"]
    assert seen == list(range(1, total + 1))
    tail = api.get(f"/spaces/{shared.pk}/ledger?after={total - 1}", cast.carol).json()
    assert [e["seq"] for e in tail["entries"]] == [total]


def test_who_reads_the_ledger(api, cast, own, shared):
    """Holders read it; guests only where the host gave `view`; others get 404."""
    assert api.get(f"/spaces/{own.pk}/ledger", cast.gil).status_code == 200
    api.patch(f"/spaces/{own.pk}", cast.carol, {"guest_permissions": ["comment"]})
    assert_error(api.get(f"/spaces/{own.pk}/ledger", cast.gil), 404, "not_found")
    assert_error(api.get(f"/spaces/{own.pk}/ledger/verify", cast.gil), 404, "not_found")
    assert api.get(f"/spaces/{own.pk}", cast.gil).status_code == 200
    assert_error(api.get(f"/spaces/{shared.pk}/ledger", cast.olive), 404, "not_found")


def test_verify_answers_ok_entries_and_first_bad(api, cast, shared):
    """`GET /spaces/{id}/ledger/verify` is `{ok, entries, first_bad}` for a sound chain."""
    verdict = api.get(f"/spaces/{shared.pk}/ledger/verify", cast.carol).json()
    count = LedgerEntry.objects.filter(chain=shared.pk).count()
    assert {k: verdict[k] for k in ("ok", "entries", "first_bad")} == {
        "ok": True,
        "entries": count,
        "first_bad": None,
    }


def test_verify_names_the_first_bad_entry_of_a_tampered_chain(api, cast, shared):
    """An entry slipped into the chain by hand (bypassing the actions) is found: `ok`
    is false and `first_bad` is its `seq`."""
    last = LedgerEntry.objects.filter(chain=shared.pk).order_by("-seq").first()
    LedgerEntry.objects.create(
        chain=shared.pk,
        seq=last.seq + 1,
        action="fund.spend",
        at=last.at,
        content='{"forged": true}',
        prev_hash=last.hash,
        hash="0" * 64,
    )
    verdict = api.get(f"/spaces/{shared.pk}/ledger/verify", cast.sam).json()
    assert {k: verdict[k] for k in ("ok", "entries", "first_bad")} == {
        "ok": False,
        "entries": last.seq,
        "first_bad": last.seq + 1,
    }
    assert verdict["problem"]


def test_audit_has_the_contract_keys(api, cast, shared):
    """`GET /spaces/{id}/audit` is the power audit, with at least the contract's keys."""
    response = api.get(f"/spaces/{shared.pk}/audit", cast.mo)
    assert response.status_code == 200, response.content
    audit = response.json()
    assert set(audit) >= AUDIT_KEYS
    assert audit["space"] == shared.pk
    assert audit["kind"] == "shared"
    assert isinstance(audit["label_check"]["mismatch"], bool)


def test_audit_is_for_people_of_the_space_only(api, cast, own):
    """Guests may read the audit of a space they visit; outsiders get 404."""
    assert api.get(f"/spaces/{own.pk}/audit", cast.gil).status_code == 200
    assert_error(api.get(f"/spaces/{own.pk}/audit", cast.olive), 404, "not_found")
