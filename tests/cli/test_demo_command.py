"""`sharedspace demo [--reset]` as a command: idempotent, resettable, links on stdout only.

What the demo contains is tested in tests/test_demo.py.
"""

from __future__ import annotations

from sharedspace.demo.cast import PEOPLE
from sharedspace.governance.models import Person, Space


def test_demo_end_to_end_twice_then_reset(run_sharedspace):
    """The installed script loads the demo (links on stdout only), a second run loads
    nothing and prints the same people's links, every chain verifies, and `--reset` wipes
    the database and loads the demo afresh."""
    first = run_sharedspace("demo")
    assert first.code == 0, first.err
    names = [line.split(" (", 1)[0] for line in first.out.splitlines()]
    assert names == [p.name for p in PEOPLE]
    assert all("/sign-in/link/?sesame=" in line for line in first.out.splitlines())
    assert "Setting up" in first.err

    again = run_sharedspace("demo")
    assert again.code == 0
    assert "already loaded" in again.err
    assert [line.split(" (", 1)[0] for line in again.out.splitlines()] == names

    verified = run_sharedspace("ledger", "verify")
    assert verified.code == 0
    assert verified.out.startswith("ok: ") and verified.out.endswith(" entries\n")
    before = int(verified.out.split()[1])
    assert before > 100

    reset = run_sharedspace("demo", "--reset")
    assert reset.code == 0, reset.err
    assert "Wiping" in reset.err and "already loaded" not in reset.err
    assert len(reset.out.splitlines()) == len(PEOPLE)
    assert reset.out != first.out  # new people, so new sign-in links
    after = run_sharedspace("ledger", "verify")
    assert after.out == verified.out  # the same story once, not twice: the old one was wiped


def test_demo_refuses_to_mix_with_some_of_its_people_already_there(cli, db):
    """If a demo person already has an account but the demo is not loaded, `demo` exits 2,
    loads nothing and suggests --reset."""
    Person.objects.create_user(email=PEOPLE[0].email, name="Carys")
    result = cli("demo")
    assert result.code == 2
    assert result.out == ""
    assert "--reset" in result.err
    assert not Space.objects.exists()
