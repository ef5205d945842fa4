"""How to write an event log, on the upload page (UX review 19): the columns and the words
each one takes, every action with where it can happen and its outcome, and a small example
that can be downloaded.

The actions, their venues and their outcomes come from the importer's own rules
(``sharedspace.imports.eventlog.ACTIONS``), so the page cannot drift from what the import
accepts; only the plain-words meanings are written here (from docs/import-csv.md). The
example is one file, ``static/web/example-event-log.csv``: the page shows it and the
download sends it, and a test imports it with no row skipped.
"""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sharedspace.imports.eventlog import ACTIONS
from sharedspace.imports.records import VENUE_HOST, VENUE_OUTSIDE, VENUE_OWN, VENUE_SHARED

from ..components import cell

EXAMPLE = Path(__file__).resolve().parents[1] / "static" / "web" / "example-event-log.csv"
EXAMPLE_NAME = "example-event-log.csv"
VENUE_ORDER = (VENUE_OWN, VENUE_HOST, VENUE_SHARED, VENUE_OUTSIDE)

#: What to write in each column, in the order docs/import-csv.md lists them. The second
#: item says when the column is needed (None: always).
COLUMN_HELP: dict[str, tuple[Any, Any]] = {
    "when": (None, _("The date, like 2024-03-05 or 05/03/2024. A time may follow: "
                     "2024-03-05 14:30.")),
    "party": (None, _("The group that acted. Write its name the same way every time.")),
    "action": (None, _("What happened: one of the actions in the next table.")),
    "venue": (None, _("Where it happened: own (the group’s own space), host (another "
                      "group’s space, as a guest), shared (a space the groups hold "
                      "together) or outside (somewhere else).")),
    "outcome": (_("For some actions"), _("What came of it. The next table gives the words "
                                         "for each action. A decide row needs passed, "
                                         "blocked or lapsed.")),
    "party_kind": (_("No"), _("people (a community or user-led group) or organisation (a "
                              "council, a service or a funder).")),
    "amount": (_("For money"), _("A number like 1250.50: no £ sign, no commas, at most two "
                                 "numbers after the point.")),
    "currency": (_("No"), _("A code like GBP. Use one currency in one file.")),
    "reference": (_("For proposals"), _("Your own name for a proposal, like P-1. Use it on "
                                        "every row about that proposal.")),
    "host": (_("For venue host"), _("Whose space it was.")),
    "target": (_("For invite and remove_guest"), _("The group invited or removed.")),
    "space": (_("No"), _("The name of the space, when the file is about more than one "
                         "space.")),
    "person": (_("No"), _("A code for the person who acted, never their name.")),
    "note": (_("No"), _("Anything you like. It is shown, never counted.")),
}

#: What each action means, in the order of ``eventlog.ACTIONS``.
ACTION_HELP: dict[str, Any] = {
    "open_space": _("A group opens a space."),
    "propose": _("A group makes a proposal. It needs a reference."),
    "agenda_item": _("A group adds an item to an agenda."),
    "invite": _("A group invites another group (the target) in as a guest."),
    "comment": _("A group comments or gives its view."),
    "amend": _("The group that made a proposal changes it."),
    "withdraw_proposal": _("The group that made a proposal takes it back."),
    "object": _("A group objects to a proposal."),
    "decide": _("A proposal is decided: in an own space by the group that holds it, in a "
                "shared space together, with no group saying no."),
    "outside_decision": _("A decision about the work is made somewhere else."),
    "commit": _("A group puts money in. It needs an amount."),
    "spend": _("Money is spent. It needs an amount."),
    "withdraw": _("A group takes back money it put in. It needs an amount."),
    "remove_guest": _("A group stops involving another group (the target)."),
    "leave": _("A group leaves a space."),
    "content": _("A group adds a document, like minutes or a budget."),
    "attend": _("Someone from the group takes part in a meeting."),
}


def _outcome(action: str) -> str:
    rule = ACTIONS[action]
    words = ", ".join(sorted(rule.outcomes))
    if rule.outcome_required:
        return gettext("Needed: %(words)s") % {"words": words}
    if rule.outcomes:
        return gettext("%(words)s, or leave it empty") % {"words": words}
    return gettext("Leave it empty")


def example_rows() -> tuple[list[str], list[list[str]]]:
    """The example file's header and rows."""
    with open(EXAMPLE, encoding="utf-8", newline="") as handle:
        head, *rows = list(csv.reader(io.StringIO(handle.read())))
    return head, rows


def event_log_help() -> dict[str, Any]:
    """The upload page's section on event logs."""
    head, rows = example_rows()
    return {
        "example_url": reverse("web:audit_import_example"),
        "example_head": [cell(name) for name in head],
        "example_rows": [[cell(value) for value in line] for line in rows],
        "columns_head": [cell(_("Column")), cell(_("Needed?")), cell(_("What to write"))],
        "columns_rows": [
            [cell(name), cell(needed if needed is not None else _("Yes")), cell(words)]
            for name, (needed, words) in COLUMN_HELP.items()
        ],
        "actions_head": [
            cell(_("Action")),
            cell(_("What it means")),
            cell(_("Venue")),
            cell(_("Outcome")),
        ],
        "actions_rows": [
            [
                cell(action),
                cell(ACTION_HELP[action]),
                cell(", ".join(v for v in VENUE_ORDER if v in ACTIONS[action].venues)),
                cell(_outcome(action)),
            ]
            for action in ACTIONS
        ],
    }


def example_event_log(request: HttpRequest) -> FileResponse:
    """The example event log, as a file to download."""
    return FileResponse(
        open(EXAMPLE, "rb"),
        as_attachment=True,
        filename=EXAMPLE_NAME,
        content_type="text/csv; charset=utf-8",
    )

