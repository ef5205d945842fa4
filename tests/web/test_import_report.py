# ruff: noqa: F811 - the fixtures imported from test_upload are used by name
"""The report page of an import (UX review 7): when no record could be read it says so and
claims nothing about power; the chart of things started is drawn from imported records, and
an empty chart says why it is empty."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sharedspace.imports.jobs.models import JobState

from .test_upload import (  # noqa: F401 - fixtures used by name
    SAMPLE,
    carol,
    data_dir,
    only_job,
    run_worker,
    send,
    worker_keeps_the_test_connection,
    zipped,
)

EVERY_ROW_SKIPPED = (
    b"when,party,party_kind,action,venue,outcome,amount,reference\n"
    b"not a date,Council,organisation,propose,own,,,P1\n"
    b"2024-01-05,Council,organisation,decide,own,,,P1\n"
)
#: What the page says only about a record it measured.
MEASURED = (
    "What the record shows",
    "Informing",
    "The label matches the records.",
    "The label does not match the record",
    "No group can remove another group on its own.",
    "No group that holds a space can be removed.",
    "Where decisions were made",
    "Who starts things",
    "They are not counted above.",
    "What we cannot measure yet",
)


def _report_page(client: Client, name: str, content: bytes, **fields: Any) -> tuple[Any, str]:
    send(client, name, content, **fields)
    run_worker()
    job = only_job()
    assert job.state == JobState.DONE, job.error
    return job, client.get(f"/audit-import/{job.pk}/").content.decode()


def test_nothing_read_says_so_shows_the_skipped_rows_and_measures_nothing(
    carol: Client,
) -> None:
    job, page = _report_page(carol, "log.csv", EVERY_ROW_SKIPPED, source="csv",
                             claimed="coproduction")
    assert "We could not read any records in this file, so nothing is measured." in page
    assert "There are 2 rows we could not read." in page
    assert "log.csv:2" in page and "decide needs an outcome" in page
    assert "Download every skipped row (CSV)" in page
    for words in MEASURED:
        assert words not in page, words
    # UX review 2, item 4: no audit of nothing to download, and a sentence saying so
    assert "There is no audit to download, because we could not read any records." in page
    assert "Download the audit" not in page
    for fmt in ("json", "csv", "html", "pdf", "pptx", "easy-read.html", "easy-read.pdf"):
        assert reverse("web:audit_import_download", args=[job.pk, fmt]) not in page, fmt
    assert "in English only" not in page  # an English page says nothing of languages
    # the JSON keeps the contract's fields; the page's downloads say the same as the page
    report = json.loads(carol.get(reverse("web:audit_import_download", args=[job.pk, "json"]))
                        .content)
    assert isinstance(report["measured_approach"], str)
    html = carol.get(reverse("web:audit_import_download", args=[job.pk, "html"])).content
    assert b"nothing is measured" in html and b"The record shows" not in html


def test_nothing_read_in_easy_read(carol: Client) -> None:
    carol.post(reverse("web:easy_read"), {"easy_read": "on", "next": "/"})
    job, page = _report_page(carol, "log.csv", EVERY_ROW_SKIPPED, source="csv")
    if "We could not read any records in this file." not in page:
        pytest.fail("easy read is not on: " + page[:200])
    assert "So we cannot measure anything." in page
    assert 'id="easy-read-title"' not in page  # no ideas about power
    easy = carol.get(reverse("web:audit_import_download", args=[job.pk, "easy-read.html"]))
    body = easy.content.decode()
    assert "So we cannot measure anything." in body
    assert "The record shows" not in body


def test_a_file_with_no_record_and_no_bad_row(carol: Client) -> None:
    _, page = _report_page(carol, "log.csv", b"when,party,action,venue\n", source="csv")
    assert "We could not read any records in this file, so nothing is measured." in page
    assert "No row was skipped: the file holds no records at all." in page
    assert "Each row we skipped is listed below" not in page


def test_the_decidim_sample_draws_who_starts_things_month_by_month(carol: Client) -> None:
    if not SAMPLE.is_dir():
        pytest.fail(f"the Decidim sample is not at {SAMPLE.resolve()}")
    content = zipped({f"sample/{p.name}": p.read_bytes() for p in sorted(SAMPLE.iterdir())})
    _, page = _report_page(carol, "barcelona.zip", content, owner="Ajuntament de Barcelona")
    started = page.split('id="chart-started-heading"', 1)[1].split("</h3>", 1)[1]
    started = started.split("<h3", 1)[0]
    assert "nothing to draw" not in started
    assert '<title id="chart-started-title">' in started
    assert "Feb 2016" in started


def test_an_empty_chart_says_why(carol: Client) -> None:
    """Proposals with no dates: counted as things started, but in no month."""
    records = [{"id": i, "title": "x", "source": "citizen", "status": "accepted"}
               for i in range(3)]
    _, page = _report_page(carol, "p.json", json.dumps(records).encode(), source="decidim",
                           owner="City")
    assert "The records give no dates for the things started, so there is nothing to draw." in (
        page
    )
    assert "The records do not say who took part in which month" in page
    assert "Nothing is in the record yet" not in page


def test_a_measured_report_keeps_its_measures(carol: Client, data_dir: Path) -> None:
    from .test_upload import DATA

    job, page = _report_page(carol, "example-log.csv", (DATA / "example-log.csv").read_bytes())
    assert "What the record shows" in page and "Who can remove whom" in page
    assert "nothing is measured" not in page
    assert "Download the audit" in page and "There is no audit to download" not in page
    assert reverse("web:audit_import_download", args=[job.pk, "pptx"]) in page


def test_skipped_rows_on_a_welsh_page_say_why_in_welsh_then_in_full_in_english(
    carol: Client,
) -> None:
    """ADR 18: the importers write each row's reason in English as they read, quoting the
    file; the page puts the reason's stable code in Welsh first, and marks the English."""
    carol.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    _, page = _report_page(carol, "log.csv", EVERY_ROW_SKIPPED, source="csv")
    table = page.split('id="skipped"', 1)[1]
    assert "Dyddiad nad yw\u2019n ddyddiad.<br><span lang=\"en\">" in table
    assert "Roedd maes gofynnol yn wag.<br><span lang=\"en\">decide needs an outcome" in table
    # said above the table (in Welsh once the lead merges the catalogue)
    assert 'class="govuk-body">Each reason comes in a few words first.' in table or (
        "Daw pob rheswm" in table
    )
