"""A person's name: changed on the account page, and asked for at the first sign-in of someone
whose name was only made from their email (``person_for_email``). The action
``person_rename`` is off the ledger (docs/adr/0003)."""

from __future__ import annotations

import importlib
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from sesame.utils import get_query_string

from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance.actions.accounts import HIDDEN_CHARACTERS, person_rename
from sharedspace.governance.models import LedgerEntry, Person

from .conftest import errors_in, form_data


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _press_link(client: Client, person: Person, nxt: str = "") -> object:
    token = get_query_string(person).split("=", 1)[1]
    data = {"form": "link", "sesame": token}
    if nxt:
        data["next"] = nxt
    return client.post(reverse("web:sign_in_link"), data)


# --- who is asked ----------------------------------------------------------------------------


def test_a_person_made_from_an_email_has_no_chosen_name(db):
    """``person_for_email`` names a newcomer after their email's first part, and marks that
    name as not chosen; ``person_create`` is given a real name, which counts as chosen."""
    newcomer = actions.person_for_email("Jo.Bloggs@Example.org")
    assert (newcomer.name, newcomer.name_chosen) == ("jo.bloggs", False)
    named = actions.person_create(email="nia@example.org", name="Nia")
    assert named.name_chosen is True
    assert actions.person_for_email("nia@example.org").name_chosen is True


def test_a_newcomer_is_asked_their_name_after_the_link_and_can_keep_it(db, client):
    """After pressing the link, a newcomer lands on "What should we call you?", with the
    email's first part filled in; keeping it goes on to the dashboard, and the next sign-in
    does not ask again."""
    person = actions.person_for_email("jo.bloggs@example.org")
    signed = _press_link(client, person)
    assert signed.status_code == 302
    assert signed["Location"] == reverse("web:account_name") + "?" + urlencode(
        {"next": reverse("web:dashboard")})
    page = client.get(signed["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "What should we call you?" in html
    assert 'value="jo.bloggs"' in html
    assert "first part of your email address" in html
    kept = client.post(signed["Location"], form_data("name", name="jo.bloggs"))
    assert kept.status_code == 302 and kept["Location"] == reverse("web:dashboard")
    person.refresh_from_db()
    assert (person.name, person.name_chosen) == ("jo.bloggs", True)
    again = _press_link(Client(), person)
    assert again["Location"] == reverse("web:dashboard")


def test_the_name_page_keeps_where_the_person_was_going(db, client):
    """Asked to sign in on the way to a page, a newcomer gives a name and then reaches that
    page; a "next" to another site is replaced by the dashboard."""
    person = actions.person_for_email("sam.jones@example.org")
    signed = _press_link(client, person, nxt="/account/?tab=1")
    assert signed["Location"] == reverse("web:account_name") + "?next=%2Faccount%2F%3Ftab%3D1"
    named = client.post(signed["Location"], form_data("name", name="  Sam Jones  "))
    assert named.status_code == 302 and named["Location"] == "/account/?tab=1"
    person.refresh_from_db()
    assert person.name == "Sam Jones"
    elsewhere = client.post(reverse("web:account_name") + "?next=https://evil.example/",
                            form_data("name", name="Sam"))
    assert elsewhere["Location"] == reverse("web:dashboard")


def test_a_password_sign_in_asks_too(db, client):
    """Someone whose name was never chosen is asked after a password sign-in as well."""
    person = actions.person_for_email("pat@example.org")
    person.set_password("correct horse battery")
    person.save()
    response = client.post(reverse("web:sign_in_password"),
                           form_data("password", email="pat@example.org",
                                     password="correct horse battery"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:account_name") + "?next=")


def test_people_with_given_names_are_not_asked(cast, client):
    """People made with a name (the cast, the CLI, the demo) go straight on."""
    assert _press_link(client, cast.carol)["Location"] == reverse("web:dashboard")


def test_demo_people_are_not_asked(db, client):
    """Every demo person has a real name, so none is asked what to be called."""
    from sharedspace import demo

    demo.load()
    people = Person.objects.filter(erased_at__isnull=True)
    assert people.exists()
    assert not people.filter(name_chosen=False).exists()
    first = people.order_by("created_at").first()
    assert _press_link(client, first)["Location"] == reverse("web:dashboard")


def test_the_name_page_needs_sign_in(db, client):
    """Nobody signed in: the page asks to sign in first."""
    response = client.get(reverse("web:account_name"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in") + "?next=")


# --- the account page ---------------------------------------------------------------------


def test_the_account_page_changes_the_name(cast, signed_in):
    """The account page shows the name in a form; changing it says so and shows the new one."""
    c = signed_in(cast.carol)
    page = c.get(reverse("web:account")).content.decode()
    assert "Change your name" in page and 'value="Carol"' in page
    response = c.post(reverse("web:account"), form_data("name", name="Carol Evans"))
    assert response.status_code == 302 and response["Location"] == reverse("web:account")
    after = c.get(reverse("web:account")).content.decode()
    assert "Your name is changed." in after and "Carol Evans" in after
    cast.carol.refresh_from_db()
    assert cast.carol.name == "Carol Evans"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Enter your name"),
        ("x" * 101, "Use at most 100 characters"),
        ("Carol\tEvans", "Take out tabs, line breaks and other hidden characters."),
        ("Carol\nEvans", "Take out tabs, line breaks and other hidden characters."),
        ("Carol\u202eEvans", "Take out tabs, line breaks and other hidden characters."),
    ],
)
def test_a_bad_name_is_refused_in_the_error_summary(cast, signed_in, name, message):
    """Empty, too long or with hidden characters: the error summary says what to do, linked
    to the field, and the name stays as it was."""
    c = signed_in(cast.carol)
    response = c.post(reverse("web:account"), form_data("name", name=name))
    html = response.content.decode()
    assert response.status_code == 200
    assert errors_in(html) == [message]
    assert 'href="#id_name-name"' in html
    cast.carol.refresh_from_db()
    assert cast.carol.name == "Carol"


def test_a_bad_name_is_refused_in_welsh(cast, signed_in):
    """In Welsh, the refusal is in Welsh too."""
    c = signed_in(cast.carol)
    c.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    response = c.post(reverse("web:account"), form_data("name", name="Carol\tEvans"))
    (message,) = errors_in(response.content.decode())
    assert message != "Take out tabs, line breaks and other hidden characters."
    assert "lang=\"cy\"" in response.content.decode()


def test_the_api_still_answers_me_in_its_shape(cast):
    """The name field on the account changes nothing in the API: GET /me keeps its fields."""
    _token, raw = actions.token_create(actor=cast.carol)
    body = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert set(body) == {"id", "name", "email", "parties"}


# --- the action -------------------------------------------------------------------------------


def test_rename_trims_marks_chosen_and_writes_no_ledger_entry(db):
    """``person_rename`` keeps the trimmed name, marks it chosen, and adds nothing to the
    ledger (accounts are off the ledger: docs/adr/0003)."""
    person = actions.person_for_email("jo@example.org")
    before = LedgerEntry.objects.count()
    renamed = person_rename(actor=person, person_id=person.pk, name="  Jo Bloggs ")
    assert (renamed.name, renamed.name_chosen) == ("Jo Bloggs", True)
    person.refresh_from_db()
    assert (person.name, person.name_chosen) == ("Jo Bloggs", True)
    assert LedgerEntry.objects.count() == before


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 101, "a\x00b", "a\x1bb", "a\rb", "a\u2028b", "a\u2066b",
             "Rhian\u200bEvans", "a\u200fb", "a\ufeffb"]
)
def test_rename_refuses_empty_long_and_hidden_characters(db, name):
    """1 to 100 characters once trimmed, without control characters: anything else is
    ``invalid_input`` on the name field, and nothing changes."""
    person = actions.person_for_email("jo@example.org")
    with pytest.raises(ex.InvalidInput) as refused:
        person_rename(actor=person, person_id=person.pk, name=name)
    assert set(refused.value.fields) == {"name"}
    if name.strip() and len(name) <= 100:
        assert refused.value.fields["name"] == HIDDEN_CHARACTERS
    person.refresh_from_db()
    assert (person.name, person.name_chosen) == ("jo", False)


def test_rename_allows_a_hundred_characters_and_any_language(db):
    """Exactly 100 characters, accents, Welsh and joined emoji are all fine."""
    person = actions.person_for_email("jo@example.org")
    for name in ("y" * 100, "Siân ap Rhys", "Łukasz Øster", "محمد", "👩‍👩‍👧 Family"):
        assert person_rename(actor=person, person_id=person.pk, name=name).name == name


def test_only_the_person_or_staff_may_rename(cast):
    """Someone else's name cannot be changed (not found, as for anything not yours); staff
    may."""
    with pytest.raises(ex.NotFound):
        person_rename(actor=cast.sam, person_id=cast.carol.pk, name="Not Carol")
    staff = Person.objects.create_user("admin@example.org", "Admin", is_staff=True)
    assert person_rename(actor=staff, person_id=cast.carol.pk, name="Carol E").name == "Carol E"


def test_an_erased_person_is_not_renamed(cast):
    """An erased person keeps "Erased person": the rename is refused, even by staff."""
    actions.person_erase(actor=cast.olive, person_id=cast.olive.pk)
    staff = Person.objects.create_user("admin@example.org", "Admin", is_staff=True)
    with pytest.raises(ex.NotFound):
        person_rename(actor=staff, person_id=cast.olive.pk, name="Olive")
    cast.olive.refresh_from_db()
    assert cast.olive.name == "Erased person"


# --- the migration ------------------------------------------------------------------------------


def test_the_migration_asks_only_people_named_from_their_email(db):
    """Existing people: a name equal to the email's first part is marked not chosen (asked at
    the next sign-in); any other name, and every erased person, counts as chosen."""
    migration = importlib.import_module(
        "sharedspace.governance.migrations.0004_person_name_chosen")
    from_email = Person.objects.create_user("jo.b@example.org", "jo.b", name_chosen=True)
    named = Person.objects.create_user("nia@example.org", "Nia Rees")
    erased = actions.person_for_email("gone@example.org")
    actions.person_erase(actor=erased, person_id=erased.pk)
    migration.mark_chosen_names(django_apps, None)
    chosen = dict(Person.objects.values_list("email", "name_chosen"))
    assert chosen[from_email.email] is False
    assert chosen[named.email] is True
    assert chosen[Person.objects.get(pk=erased.pk).email] is True


def test_an_account_made_by_the_cli_follows_the_same_name_rule(db):
    """`sharedspace person add` (person_create) refuses hidden characters too, and still
    takes names up to 200 characters."""
    from sharedspace.governance import actions
    from sharedspace.governance import exceptions as ex

    with pytest.raises(ex.InvalidInput):
        actions.person_create(email="a@example.org", name="Ann\u202eEvil")
    made = actions.person_create(email="b@example.org", name="B" * 200)
    assert made.name == "B" * 200
