"""`sharedspace person add` and `sharedspace token create`."""

from __future__ import annotations

from sharedspace.governance import actions
from sharedspace.governance.models import Person


def test_person_add_prints_only_the_new_id(cli, db):
    """`person add` creates the person and prints their id alone; exit 0."""
    result = cli("person", "add", "Nia.Owen@Example.org", "--name", "Nia Owen")
    assert result.code == 0, result.err
    person_id = result.out.strip()
    assert result.out == person_id + "\n"
    person = Person.objects.get(pk=person_id)
    assert person.email == "nia.owen@example.org"
    assert person.name == "Nia Owen"


def test_person_add_twice_with_one_email_is_bad_input(cli, db):
    """An email belongs to one person only: the second `person add` exits 2, changes
    nothing."""
    assert cli("person", "add", "nia@example.org", "--name", "Nia").code == 0
    again = cli("person", "add", "NIA@example.org", "--name", "Another Nia")
    assert again.code == 2
    assert again.out == ""
    assert "already has an account" in again.err
    assert Person.objects.filter(email="nia@example.org").count() == 1


def test_person_add_needs_a_name(cli, db):
    """An empty name is bad input: exit 2, no account made."""
    result = cli("person", "add", "nia@example.org", "--name", "  ")
    assert result.code == 2
    assert not Person.objects.filter(email="nia@example.org").exists()


def test_token_create_prints_one_line_that_authenticates(cli, db):
    """`token create` prints the token alone on one line, and that token signs the person in
    to the API."""
    person = actions.person_create(email="nia@example.org", name="Nia")
    result = cli("token", "create", "NIA@example.org")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 1
    assert result.out == lines[0] + "\n"
    token = lines[0]
    assert " " not in token
    assert actions.token_authenticate(token) == person
    assert actions.token_authenticate(token + "x") is None


def test_token_create_for_an_unknown_email_is_bad_input(cli, db):
    """No account with that email: exit 2, a message saying how to add the person."""
    result = cli("token", "create", "nobody@example.org")
    assert result.code == 2
    assert result.out == ""
    assert "person add" in result.err


def test_person_add_then_token_create_end_to_end(run_sharedspace):
    """The installed script: `person add` prints an id, `token create` prints one token."""
    added = run_sharedspace("person", "add", "rhys@example.org", "--name", "Rhys Jenkins")
    assert added.code == 0, added.err
    assert added.out.startswith("per_")
    assert len(added.out.splitlines()) == 1
    token = run_sharedspace("token", "create", "rhys@example.org")
    assert token.code == 0, token.err
    assert len(token.out.splitlines()) == 1
    assert token.out.startswith("ss_")
    duplicate = run_sharedspace("person", "add", "rhys@example.org", "--name", "Rhys")
    assert duplicate.code == 2
    assert duplicate.out == ""
