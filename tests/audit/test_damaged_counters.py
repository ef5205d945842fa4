"""Stored counters damaged outside the product (a row of ``{"v": 3}``: this version's number
alone) never crash a report:
`sharedspace audit --space ID`, the web page and the API give the report counted from the
ledger (the CLI says so on standard error and exits 0: the record itself is sound); the next
change recorded rebuilds the counters; `--recount` exits 1 and lists the differences."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from sharedspace.audit import audit_space, compare, engine, fold
from sharedspace.audit.models import SpaceCounters
from sharedspace.cli.main import main
from sharedspace.governance import actions

from .steps import pass_shared

#: This version's counters, damaged (``{"v": 3}`` today: the version is read from the fold).
V = fold.STATE_VERSION
DAMAGED = [
    {"v": V},
    {"v": V, "parties": "everyone"},
    {**fold.new_state("x"), "decisions": {"own": 1}},
    {**fold.new_state("x"), "money": {**fold.new_state("x")["money"], "joint": 5}},
    [],
    "not counters",
    {"v": str(V)},
]


@pytest.fixture
def decided(cast, shared):
    pass_shared(cast, shared)
    return shared


def _damage(space, state):
    SpaceCounters.objects.filter(chain=space.pk).update(state=state)


@pytest.mark.parametrize("state", DAMAGED)
def test_the_shape_check_finds_damage(state):
    """Counters of this version missing a key or with a value of the wrong kind are neither
    current nor readable; the fold's own new state is both."""
    assert not fold.is_current(state)
    assert not fold.is_readable(state)
    assert fold.is_current(fold.new_state("x")) and fold.is_readable(fold.new_state("x"))


def test_counters_of_an_older_version_are_readable_but_not_current():
    """A state kept by version 1 is recounted by design, never called damaged."""
    old = {**fold.new_state("x"), "v": 1}
    del old["initiative_months"]
    assert fold.is_readable(old) and not fold.is_current(old)


@pytest.mark.parametrize("state", DAMAGED)
def test_the_cli_report_is_counted_from_the_ledger_and_says_so(decided, capsys, state):
    """`sharedspace audit --space ID` on damaged counters: the right report on stdout (the
    same as a recount from the ledger), exit 0, and a message on stderr that names the
    problem and the recount to run, never a traceback."""
    from sharedspace.audit import engine

    _damage(decided, state)
    code = main(["audit", "--space", decided.pk])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)
    assert report["decisions"] == engine.audit_space(decided.pk)["decisions"]
    assert report["decisions"]["total"] >= 1
    assert "do not match their format" in captured.err
    assert "counted from the ledger instead" in captured.err
    assert f"sharedspace audit --space {decided.pk} --recount" in captured.err
    assert "Traceback" not in captured.err


def test_the_recount_still_finds_the_damage(decided, capsys):
    """`--recount` on the same row still exits 1 and lists the differences."""
    _damage(decided, {"v": V})
    assert main(["audit", "--space", decided.pk, "--recount"]) == 1
    assert "differ from a recount" in capsys.readouterr().out


def test_the_engine_recounts_unless_asked_to_be_strict(decided):
    """Without ``strict`` the report is the one the ledger gives; with it, CountersDamaged."""
    before = audit_space(decided.pk)
    _damage(decided, {"v": V})
    assert audit_space(decided.pk) == before
    with pytest.raises(engine.CountersDamaged) as raised:
        engine.audit_space(decided.pk, strict=True)
    assert raised.value.space_id == decided.pk


def test_the_web_page_and_the_api_show_the_recounted_report(cast, decided):
    """The audit page and `GET /spaces/{id}/audit` answer 200 with the right figures."""
    before = audit_space(decided.pk)
    _damage(decided, {"v": V})
    web = Client()
    web.force_login(cast.carol)
    page = web.get(reverse("web:audit", args=[decided.pk]))
    assert page.status_code == 200
    assert "Where decisions were made" in page.content.decode()
    download = web.get(reverse("web:audit_download", args=[decided.pk, "json"]))
    assert download.status_code == 200
    assert json.loads(download.content)["decisions"] == before["decisions"]
    _, token = actions.token_create(actor=cast.carol, name="tests")
    api = Client().get(f"/api/v1/spaces/{decided.pk}/audit",
                       headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    assert api.json()["decisions"] == before["decisions"]
    assert api.json()["acceptance"] == before["acceptance"]


def test_the_next_change_rebuilds_the_counters(cast, decided, capsys):
    """An append on damaged counters does not fail: it rebuilds them from the ledger, and
    the recount then agrees."""
    _damage(decided, {"v": V})
    actions.comment_add(actor=cast.sam, space_id=decided.pk, body="Hello")
    assert compare(decided.pk) == []
    assert main(["audit", "--space", decided.pk]) == 0
    assert json.loads(capsys.readouterr().out)["decisions"]["by_venue"]["shared"] == 1
