# ruff: noqa: F811 - the fixtures imported from test_upload are used by name
"""The upload page explains the event log (UX review 19): every column and the words it
takes, every action with its venues and outcome (from the importer's own rules), a small
example, and the same example as a file to download that imports with no row skipped."""

from __future__ import annotations

import csv
import re
from html import unescape

from django.test import Client
from django.urls import reverse

from sharedspace.imports.audit import audit_import
from sharedspace.imports.eventlog import ACTIONS, COLUMNS, REQUIRED_COLUMNS
from sharedspace.imports.jobs.models import JobState
from sharedspace.web.views import import_help

from .test_upload import (  # noqa: F401 - fixtures used by name
    UPLOAD,
    carol,
    data_dir,
    only_job,
    run_worker,
    send,
    worker_keeps_the_test_connection,
)


def _table(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, as text."""
    part = html.split(f">{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", part.split("<tbody", 1)[1], re.S)
    return [
        [unescape(re.sub(r"<[^>]+>", "", c)).strip()
         for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in rows
    ]


def test_the_example_imports_with_no_row_skipped_and_no_notice() -> None:
    report = audit_import(import_help.EXAMPLE, "csv", claimed="coproduction")
    source = report["source"]
    rows = list(csv.reader(import_help.EXAMPLE.open(encoding="utf-8")))[1:]
    assert (source["records_read"], source["bad_row_count"], source["notice_count"]) == (
        len(rows), 0, 0
    )
    assert report["decisions"]["total"] > 0 and report["initiative"]["total"] > 0
    assert len(report["initiative"]["months"]) >= 2  # its chart over time is drawn


def test_the_example_downloads_and_uploads_cleanly(carol: Client) -> None:
    response = carol.get(reverse("web:audit_import_example"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="example-event-log.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content == import_help.EXAMPLE.read_bytes()

    assert send(carol, "example-event-log.csv", content).status_code == 302
    run_worker()
    job = only_job()
    assert (job.state, job.source, job.rows_skipped) == (JobState.DONE, "csv", 0)


def test_every_column_and_action_is_explained() -> None:
    assert set(import_help.COLUMN_HELP) == set(COLUMNS)
    always = [c for c, (needed, _) in import_help.COLUMN_HELP.items() if needed is None]
    assert always == list(REQUIRED_COLUMNS)
    assert list(import_help.ACTION_HELP) == list(ACTIONS)


def test_the_page_shows_the_columns_the_actions_and_the_example(carol: Client) -> None:
    html = carol.get(UPLOAD).content.decode()
    assert 'href="#event-log"' in html and 'id="event-log"' in html
    assert f'href="{reverse("web:audit_import_example")}" download' in html

    columns = _table(html, "The columns")
    assert [row[0] for row in columns] == list(import_help.COLUMN_HELP)
    assert {row[0]: row[1] for row in columns}["when"] == "Yes"

    actions = {row[0]: row for row in _table(html, "The actions")}
    assert list(actions) == list(ACTIONS)
    assert actions["decide"][3] == "Needed: blocked, lapsed, passed"  # the review's stumble
    assert actions["decide"][2] == "own, shared"
    assert actions["invite"][3] == "accepted, declined, or leave it empty"
    assert actions["propose"][3] == "Leave it empty"
    for action, row in actions.items():  # the words are the importer's own
        rule = ACTIONS[action]
        assert set(row[2].split(", ")) == set(rule.venues), action
        for word in rule.outcomes:
            assert word in row[3], (action, word)

    head, rows = import_help.example_rows()
    assert _table(html, "A small example") == rows
    assert all(f">{name}</th>" in html for name in head)


def test_the_page_in_easy_read(carol: Client) -> None:
    carol.post(reverse("web:easy_read"), {"easy_read": "on", "next": "/"})
    html = carol.get(UPLOAD).content.decode()
    assert "You can write your own record in a spreadsheet." in html
    assert "Download our example to see how." in html


def test_the_page_in_welsh_keeps_the_words_to_type(carol: Client) -> None:
    """Column names, actions and outcome words are what the file must hold: the same in
    every language."""
    carol.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    html = carol.get(UPLOAD).content.decode()
    assert 'lang="cy"' in html
    for word in (*ACTIONS, *COLUMNS, "blocked, lapsed, passed", "own, host, shared, outside"):
        assert f">{word}<" in html or f"{word}<" in html, word
