"""`sharedspace person add` and `sharedspace token create`."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import BAD_INPUT, CommandFailed


def add(subparsers: Any) -> None:
    person = subparsers.add_parser(
        "person", help="manage people's accounts", description="Manage people's accounts."
    )
    person_commands = person.add_subparsers(dest="person_command", metavar="COMMAND")
    person_commands.required = True
    person_add = person_commands.add_parser(
        "add",
        help="create a person; prints their id",
        description="Create an account for a person. Prints the new person's id.",
    )
    person_add.add_argument("email", metavar="EMAIL", help="their email address")
    person_add.add_argument("--name", required=True, metavar="NAME", help="their name")
    person_add.set_defaults(run=run_person_add, needs_db=True)

    token = subparsers.add_parser(
        "token", help="manage API tokens", description="Manage API tokens."
    )
    token_commands = token.add_subparsers(dest="token_command", metavar="COMMAND")
    token_commands.required = True
    token_create = token_commands.add_parser(
        "create",
        help="make an API token for a person; prints the token",
        description=(
            "Make an API token for the person with this email. Prints the token alone, on one "
            "line. Keep it secret: it is shown only this once."
        ),
    )
    token_create.add_argument("email", metavar="EMAIL", help="the person's email address")
    token_create.add_argument(
        "--label", default="command line", help="a name to recognise the token by later"
    )
    token_create.set_defaults(run=run_token_create, needs_db=True)


def run_person_add(args: argparse.Namespace) -> int:
    from sharedspace.governance import actions

    person = actions.person_create(email=args.email, name=args.name)
    print(person.pk)
    return 0


def run_token_create(args: argparse.Namespace) -> int:
    from sharedspace.governance import actions
    from sharedspace.governance.models import Person

    email = args.email.strip().lower()
    person = Person.objects.filter(email=email, is_active=True).first()
    if person is None:
        raise CommandFailed(
            f"No one has an account with the email {args.email}. "
            f"Add them first: sharedspace person add {args.email} --name NAME",
            code=BAD_INPUT,
        )
    _token, raw = actions.token_create(actor=person, name=args.label)
    print(raw)
    return 0
