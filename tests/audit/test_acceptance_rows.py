"""`acceptance` lists every party of the report, with zeros for those that proposed nothing:
the same parties as `initiative.by_party` (holders, guests, former ones), so that
``report["acceptance"][guest]`` always works (CONTRACT.md: ``{party: {"proposed": N,
"passed": N}}``). Nothing else changes: the recount agrees, the flags and the label check
are the same, and "no proposals yet" is still said when no one proposed."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

from django.test import Client
from django.urls import reverse

from sharedspace.audit import audit_space, compare
from sharedspace.audit.across import audit_partnership, audit_party
from sharedspace.audit.cli import run_audit_import
from sharedspace.governance import actions

from .steps import host_decides, pass_shared

ZERO = {"proposed": 0, "passed": 0, "blocked": 0, "lapsed": 0, "withdrawn": 0, "open": 0}
DATA = Path(__file__).resolve().parents[1] / "imports" / "data"


def _never_starts(report):
    return sorted(f["party"] for f in report["flags"] if f["code"] == "never_starts")


def test_a_holder_that_never_proposed_has_a_row_of_zeros(cast, shared):
    """Only the self-advocates proposed; the council has a row too, and the keys are the
    same as initiative's."""
    pass_shared(cast, shared, by=cast.sam)
    report = audit_space(shared.pk)
    assert set(report["acceptance"]) == set(report["initiative"]["by_party"])
    assert report["acceptance"][cast.group.pk] == {**ZERO, "proposed": 1, "passed": 1}
    assert report["acceptance"][cast.council.pk] == ZERO
    assert compare(shared.pk) == []


def test_guests_and_former_guests_have_rows(cast, own):
    """A guest that proposed nothing, and a guest that was sent away, each have a row of
    zeros; the flag for a party that never starts anything still names the guest."""
    host_decides(cast, own, "agree")
    plain = actions.space_create(
        actor=cast.carol, title="Just telling", purpose="News",
        holders=[cast.council.pk], claimed_approach="coproduction",
        guest_permissions=["view"],
    )
    for party, who in ((cast.guests.pk, cast.gil), (cast.group.pk, cast.sam)):
        invitation = actions.guest_invite(actor=cast.carol, space_id=plain.pk, party_id=party)
        actions.invitation_accept(actor=who, invitation_id=invitation.pk)
    actions.guest_remove(actor=cast.carol, space_id=plain.pk, party_id=cast.group.pk)
    for space in (own, plain):
        report = audit_space(space.pk)
        assert set(report["acceptance"]) == set(report["initiative"]["by_party"])
        for guest in [*report["guests"], *report["former_guests"]]:
            assert report["acceptance"][guest] == ZERO, guest
        assert compare(space.pk) == []
    report = audit_space(plain.pk)
    assert report["former_guests"] == [cast.group.pk]
    assert _never_starts(report) == sorted([cast.guests.pk, cast.group.pk])
    assert "No proposals have been made yet" in " ".join(report["cannot_measure_yet"])
    assert report["label_check"]["mismatch"] is True
    assert report["measured_approach"] == "informing"


def test_the_label_check_reads_the_same_with_the_zero_rows(cast, shared):
    """A new shared space: the council started everything (opening it: 1 of 1), the group
    nothing; the group is still flagged, the space reads as co-design on the initiative rule
    alone, and the notes say no decisions were made yet (docs/audit.md, "Early on"). One
    proposal by the group, passed, makes it coproduction."""
    report = audit_space(shared.pk)
    assert report["acceptance"] == {cast.council.pk: ZERO, cast.group.pk: ZERO}
    assert _never_starts(report) == [cast.group.pk]
    assert report["measured_approach"] == "co-design"
    assert [c["passed"] for c in report["checks"]] == [None, False, None]
    notes = " ".join(report["cannot_measure_yet"])
    assert "No decisions have been made yet" in notes
    assert "No proposals have been made yet" in notes
    pass_shared(cast, shared, by=cast.sam)
    report = audit_space(shared.pk)
    assert report["measured_approach"] == "coproduction"
    assert _never_starts(report) == []


def test_party_and_partnership_audits_list_every_party(cast, shared, own):
    """Across spaces: every party of initiative.by_party, the parties in focus, and each
    space's holders and guests, with zeros; "no proposals yet" still said when none."""
    for report in (audit_party(cast.council.pk),
                   audit_partnership(cast.council.pk, cast.group.pk)):
        assert set(report["initiative"]["by_party"]) <= set(report["acceptance"])
        assert report["acceptance"][cast.group.pk] == {**ZERO, "share": 0.0}
        assert "No proposals have been made yet" in " ".join(report["cannot_measure_yet"])
    report = audit_party(cast.council.pk)
    assert report["acceptance"][cast.guests.pk] == {**ZERO, "share": 0.0}
    pass_shared(cast, shared, by=cast.sam)
    report = audit_partnership(cast.council.pk, cast.group.pk)
    assert report["acceptance"][cast.council.pk] == {**ZERO, "share": 0.0}
    assert report["acceptance"][cast.group.pk]["passed"] == 1
    assert "No proposals have been made yet" not in " ".join(report["cannot_measure_yet"])


def _import(tmp_path, capsys, name, source):
    code = run_audit_import(Namespace(path=str(DATA / name), source=source, owner=None,
                                      claimed="coproduction", format="json", out=None))
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_imported_audits_list_every_party(tmp_path, capsys):
    """An imported audit (CONSUL, and the event log with its own spaces) has the same rows."""
    for name, source in (("consul-proposals.csv", "consul"), ("example-log.csv", "csv")):
        report = _import(tmp_path, capsys, name, source)
        for r in (report, *(report.get("spaces") or [])):
            assert set(r["initiative"]["by_party"]) <= set(r["acceptance"]), r["title"]
            for p in [*r["holders"], *r["guests"], *r["former_holders"], *r["former_guests"]]:
                assert "proposed" in r["acceptance"][p], (r["title"], p)


def test_the_web_page_shows_no_acceptance_table_until_someone_proposes(cast, shared):
    """Rows of zeros alone do not make a table of zeros on the page."""
    web = Client()
    web.force_login(cast.carol)
    caption = "What happened to each group’s proposals"  # noqa: RUF001
    page = web.get(reverse("web:audit", args=[shared.pk])).content.decode()
    assert caption not in page
    pass_shared(cast, shared, by=cast.sam)
    page = web.get(reverse("web:audit", args=[shared.pk])).content.decode()
    assert caption in page
