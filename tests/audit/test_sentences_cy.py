"""The audit's own sentences (label check reasons, checks, flags, notes, the perception
block's message, imported reports' summaries) speak the active language (docs/adr/0018).

In English every sentence reads exactly as it did before it was made translatable (the docs
and the acceptance tests quote them). In Welsh none of them is left in English: each
sentence of a report built under ``translation.override("cy")`` differs from the same
sentence built in English. The JSON API answers in English whatever the request asks for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from django.test import Client
from django.utils import translation

from sharedspace.audit import audit_space, ladder
from sharedspace.audit.across import audit_partnership, audit_party
from sharedspace.audit.across import report as across_report
from sharedspace.audit.fold import new_state
from sharedspace.audit.perceptions import MESSAGES
from sharedspace.audit.report import build_report
from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.imports.audit import audit_import
from tests.imports.conftest import DATA, SAMPLE

from .partnership import build

PARTIES = {
    "h": {"name": "Council", "kind": "organisation"},
    "g": {"name": "Group", "kind": "people"},
    "f": {"name": "Friends", "kind": "people"},
}


def texts(report: dict[str, Any]) -> dict[str, str]:
    """Every sentence the engine wrote into a report, by where it is."""
    out: dict[str, str] = {}
    for i, reason in enumerate((report.get("label_check") or {}).get("reasons") or []):
        out[f"reason {i}"] = reason
    for check in report.get("checks") or []:
        out[f"check {check['rule']}"] = check["reason"]
    for i, flag in enumerate(report.get("flags") or []):
        out[f"flag {i} {flag['code']}"] = flag["message"]
    for i, note in enumerate(report.get("cannot_measure_yet") or []):
        out[f"note {i}"] = note
    if report.get("perceptions"):
        out["perceptions"] = report["perceptions"]["message"]
    if report.get("source"):
        out["source"] = report["source"]["summary"]
    for n, space in enumerate(report.get("spaces") or []):
        for where, said in texts(space).items():
            out[f"space {n} {where}"] = said
    return out


def in_both(make: Callable[[], dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    with translation.override("en"):
        english = make()
    with translation.override("cy"):
        welsh = make()
    return english, welsh


def assert_all_welsh(english: dict[str, str], welsh: dict[str, str]) -> None:
    assert english.keys() == welsh.keys()
    assert english, "nothing to compare"
    left = {where: said for where, said in welsh.items() if said == english[where]}
    assert not left, f"still in English in Welsh: {left}"


def own_state() -> dict[str, Any]:
    """A closed own space of the council: a guest that may only comment, a former guest,
    money taken out alone, disputed outside decisions and a guest removed."""
    s = new_state("spc_own")
    s.update(
        kind="own",
        state="closed",
        created_by="h",
        claimed_approach="coproduction",
        guest_permissions=["view", "comment"],
        holders=["h"],
        guests=["g"],
        former_guests={"f": 3},
        parties=["f", "g", "h"],
    )
    s["decisions"].update(own=3, outside=1, by_party={"h": 3})
    s["initiative"]["by_party"] = {"h": 2}
    s["acceptance"] = {"h": {"proposed": 2, "passed": 2}}
    s["money"].update(
        currency="GBP",
        committed_by={"h": "10.00"},
        withdrawn_by={"h": "4.00"},
        withdrawn_unilaterally="4.00",
    )
    s["outside"]["disputed"] = 2
    s["exit"]["guest_removals"] = 1
    return s


def empty_state() -> dict[str, Any]:
    s = new_state("spc_new")
    s.update(
        kind="own",
        state="active",
        created_by="h",
        claimed_approach="coproduction",
        holders=["h"],
        parties=["h"],
    )
    return s


def shared_state() -> dict[str, Any]:
    s = new_state("spc_shared")
    s.update(
        kind="shared",
        state="active",
        created_by="h",
        claimed_approach="coproduction",
        holders=["h", "g"],
        parties=["g", "h"],
    )
    s["decisions"].update(shared=1, outside=3)
    s["initiative"]["by_party"] = {"h": 9, "g": 1}
    s["acceptance"] = {"h": {"proposed": 9, "passed": 1}}
    s["money"].update(currency="GBP", committed_by={"h": "10.00"}, joint="2.00")
    return s


def test_a_space_report_in_english_reads_as_before():
    """The English sentences are word for word those the docs and acceptance tests quote."""
    with translation.override("en"):
        own = texts(build_report(own_state(), PARTIES))
        new = texts(build_report(empty_state(), PARTIES))
        shared = texts(build_report(shared_state(), PARTIES))
    assert own == {
        "reason 0": "Council made 3 of 4 decisions (75%) on its own.",
        "reason 1": "Guests could only comment.",
        "reason 2": "This is consultation, not coproduction.",
        "flag 0 never_starts": "Group has not started anything here (as a guest it is not "
        "allowed to make proposals).",
        "flag 1 never_starts": "Friends has not started anything here (as a guest it is not "
        "allowed to make proposals).",
        "flag 2 unilateral_withdrawal": "4.00 GBP was taken out of the shared fund by one "
        "group alone.",
        "flag 3 disputed_outside_decisions": "2 decisions recorded as made elsewhere were "
        "disputed.",
        "flag 4 guests_removed": "The host stopped involving a guest 1 time.",
        "note 0": "This space is closed, so nothing new will be measured here.",
        "note 1": "Friends left or was removed, so it can only see the record up to then.",
    }
    assert new == {
        "reason 0": "No decisions have been made yet, and only Council can make them.",
        "reason 1": "Guests could only see what was shared with them.",
        "reason 2": "This is informing, not coproduction.",
        "flag 0 never_starts": "Council has not started anything here.",
        "note 0": "No decisions have been made yet, so where decisions are made cannot be "
        "measured yet.",
        "note 1": "Nobody has started anything yet.",
        "note 2": "No proposals have been made yet, so acceptance cannot be measured yet.",
        "note 3": "There is no money in the fund, so who controls money cannot be measured yet.",
        "note 4": "No guest has taken part yet.",
    }
    assert shared["check decisions"] == (
        "1 of 4 decisions (25%) were made by consent in the space; coproduction needs at least 75%."
    )
    assert shared["check initiative"] == (
        "Council started 9 of 10 things (90%); in coproduction no group starts more than 80%."
    )
    assert shared["check money"] == (
        "2.00 of 10.00 GBP (20%) is under joint control; coproduction needs at least half."
    )
    assert shared["reason 3"] == "This is co-design, not coproduction."


def ladder_sentences() -> dict[str, str]:
    """The ladder's other wordings: rules that pass, guests' other permissions, no host."""
    passing = ladder.Figures(
        kind="shared",
        decisions_total=4,
        decisions_in_space=4,
        initiative_by_party={"a": 1, "b": 1},
        money_total="10",
        money_joint="10",
    )
    out = {f"pass {c.rule}": c.reason for c in ladder.coproduction_checks(passing, {"a": "A"})}
    nothing = ladder.Figures(kind="shared")
    out.update({f"none {c.rule}": c.reason for c in ladder.coproduction_checks(nothing)})
    for perms in (["propose"], ["give_views"], ["comment", "give_views"]):
        fig = ladder.Figures(
            kind="own", guest_permissions=perms, decisions_total=1, decisions_in_space=1
        )
        reasons = cast(list[str], ladder.label_check("coproduction", fig)["reasons"])
        for i, reason in enumerate(reasons):
            out[f"{'+'.join(perms)} {i}"] = str(reason)
    return out


def test_the_ladder_other_wordings_in_english():
    with translation.override("en"):
        said = ladder_sentences()
    assert said["pass decisions"] == "4 of 4 decisions (100%) were made by consent in the space."
    assert said["pass initiative"] == "A started 1 of 2 things (50%)."
    assert said["pass money"] == "10.00 of 10.00 (100%) is under joint control."
    assert said["none decisions"] == "No decisions have been made yet."
    assert said["propose 0"] == "The host made 1 of 1 decisions (100%) on its own."
    assert said["propose 1"] == "Guests could make proposals, but only The host could decide."
    assert said["propose 2"] == "This is engagement, not coproduction."
    assert said["give_views 1"] == "Guests could only give views."
    assert said["comment+give_views 1"] == "Guests could only comment and give views."


def test_space_reports_and_the_ladder_in_welsh():
    """Built under Welsh, no sentence of a space's report is the English one."""
    for make in (own_state, empty_state, shared_state):
        assert_all_welsh(*in_both(lambda make=make: texts(build_report(make(), PARTIES))))
    assert_all_welsh(*in_both(ladder_sentences))
    assert_all_welsh(*in_both(lambda: {k: str(v) for k, v in MESSAGES.items()}))


@pytest.mark.django_db
def test_across_reports_in_both_languages(cast, shared):
    """A party's and a partnership's audits: flags, label check, notes."""
    s = build(cast, shared)
    actions.guest_remove(actor=cast.carol, space_id=s.board.pk, party_id=cast.group.pk)

    def make() -> dict[str, str]:
        said = {}
        for name, report in (
            ("party", audit_party(cast.council.pk)),
            ("pair", audit_partnership(cast.council.pk, cast.group.pk)),
            ("alone", audit_party(cast.outsiders.pk)),
            ("apart", audit_partnership(cast.outsiders.pk, cast.guests.pk)),
        ):
            said.update({f"{name} {k}": v for k, v in texts(report).items()})
        body = {
            "decisions": {"total": 0},
            "initiative": {"total": 0},
            "acceptance": {},
            "money": {"mixed_currencies": True, "currencies": ["EUR", "GBP"]},
        }
        for i, note in enumerate(across_report._cannot_measure_yet([s], body, "")):
            said[f"mixed {i}"] = note
        return said

    english, welsh = in_both(make)
    assert english["pair flag 3 guests_removed"] == "A host stopped involving a guest once."
    assert english["party flag 0 decides_outside"] == (
        f"{cast.council.name} made 1 decision about the work somewhere else, outside these 2 "
        "spaces. It disputes 1 of them."
    )
    assert english["party flag 1 label_mismatch"] == (
        "2 of 2 spaces are called something the record does not show: Day service review "
        "(called coproduction, measured co-design), Board (called coproduction, measured "
        "consultation)."
    )
    assert english["alone note 0"] == f"{cast.outsiders.name} is not in any space yet."
    assert english["apart note 0"] == (
        f"{cast.outsiders.name} and {cast.guests.name} do not meet in any space yet."
    )
    assert english["mixed 3"] == (
        "The money is in more than one currency (EUR, GBP), so it "
        "is shown for each currency and not added up."
    )
    assert_all_welsh(english, welsh)


def imported() -> dict[str, str]:
    said = {}
    consul = audit_import(DATA / "consul-proposals.csv", "consul", claimed="coproduction")
    log = audit_import(DATA / "example-log.csv", "csv", claimed="coproduction")
    said.update({f"consul {k}": v for k, v in texts(consul).items()})
    said.update({f"log {k}": v for k, v in texts(log).items()})
    return said


@pytest.fixture
def broken_decidim(tmp_path: Path) -> Path:
    """Two good Decidim files, a broken one and one with an unknown state."""
    for name in ("00020.json", "00051.json"):
        (tmp_path / name).write_bytes((SAMPLE / name).read_bytes())
    (tmp_path / "broken.json").write_text('{"proposal": {"id": 1,\n "title": "x",,}}\n')
    odd = json.loads((SAMPLE / "00089.json").read_text())
    odd["proposal"]["status"] = "maybe"
    (tmp_path / "odd.json").write_text(json.dumps(odd, indent=1))
    return tmp_path


def test_imported_reports_in_both_languages(broken_decidim):
    """Acceptance rates, spaces of a log, hidden proposals, skipped rows, the summary."""

    def make() -> dict[str, str]:
        said = imported()
        decidim = audit_import(broken_decidim, "decidim", claimed="coproduction")
        said.update({f"decidim {k}": v for k, v in texts(decidim).items()})
        return said

    english, welsh = in_both(make)
    assert any(k.startswith("consul flag") and k.endswith("hidden_by_owner") for k in english)
    assert any(k.startswith("log space") for k in english)
    assert english["decidim source"] == (
        "Read 2 records from 4 files of Decidim; 2 rows were skipped."
    )
    skipped = [v for k, v in english.items() if k.endswith("rows_skipped")]
    assert skipped == [
        "2 rows of the input were skipped and not counted: 1 broken JSON, 1 a "
        "state not in the list. The report's source section lists them with "
        "file and line."
    ]
    assert_all_welsh(english, welsh)


@pytest.mark.django_db
def test_the_api_answers_in_english_whatever_the_request_asks(cast, shared, client: Client):
    """Accept-Language: cy (and the web's language cookie) do not change the JSON API."""
    build(cast, shared)
    with translation.override("en"):
        expected = audit_space(shared.pk)
    client.force_login(cast.carol)
    client.cookies["django_language"] = "cy"
    answer = client.get(f"/api/v1/spaces/{shared.pk}/audit", HTTP_ACCEPT_LANGUAGE="cy")
    assert answer.status_code == 200
    assert answer["Content-Language"] == "en"
    body = answer.json()
    assert texts(body) == texts(expected)
    assert texts(body)  # there is something to compare
    party = client.get(f"/api/v1/parties/{cast.council.pk}/audit", HTTP_ACCEPT_LANGUAGE="cy")
    with translation.override("en"):
        assert texts(party.json()) == texts(audit_party(cast.council.pk))
    questions = client.get("/api/v1/perception/questions", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert questions[0]["text"] == "Who decides what the work is about?"
    refused = client.delete(
        f"/api/v1/spaces/{shared.pk}/holders/{cast.group.pk}", HTTP_ACCEPT_LANGUAGE="cy"
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == ex.HolderCannotBeRemoved().message
    with translation.override("cy"):
        welsh = audit_space(shared.pk)
    assert texts(welsh) != texts(expected)  # the same report in Welsh does differ
