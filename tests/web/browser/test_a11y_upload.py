"""The audit-import pages pass axe-core (WCAG 2.0, 2.1, 2.2 A and AA) in English and Welsh,
with easy read on and off, at phone and desktop width: the upload form (empty, with an
error, refusing a file it cannot tell), the page while an import waits, an import in
progress, a failed one, and the report with skipped rows. Also: the whole journey in a
browser without JavaScript, and the progress script with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sharedspace.imports.jobs.jobs import job_start
from sharedspace.imports.jobs.models import JobState
from sharedspace.imports.jobs.run import run_job

from .conftest import BOTH_WIDTHS, LANGUAGES_AND_MODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOG = (
    "when,party,party_kind,action,venue,outcome,amount,reference\n"
    "2024-01-02,Council,organisation,open_space,own,,,S1\n"
    "2024-01-03,Council,organisation,invite,own,,,Group\n"
    "2024-01-04,Group,people,propose,own,,,P1\n"
    "2024-01-05,Council,organisation,decide,own,passed,,P1\n"
    "2024-01-06,Council,organisation,commit,own,,100,F1\n"
    "not a date,Council,organisation,propose,own,,,P2\n"
)

#: Every row skipped: the report says nothing is measured (UX review 7).
NOTHING_READ = (
    "when,party,party_kind,action,venue,outcome,amount,reference\n"
    "not a date,Council,organisation,propose,own,,,P1\n"
    "2024-01-05,Council,organisation,decide,own,,,P1\n"
)


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.SHAREDSPACE_DATA_DIR = tmp_path
    return tmp_path


def _job(person: Any, content: str = LOG, *, run: bool = True) -> Any:
    job = job_start(
        person=person,
        name="log.csv",
        chunks=[content.encode()],
        source="auto",
        claimed="coproduction",
    )
    if run:
        run_job(job.pk)
    return job


@pytest.mark.parametrize(("language", "easy_read"), LANGUAGES_AND_MODES)
def test_upload_pages_have_no_accessibility_violations(
    language: str,
    easy_read: bool,
    cast: Any,
    open_context: Any,
    check_page: Any,
    tmp_path: Path,
) -> None:
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("foo,bar\n1,2\n")
    from sharedspace.imports.jobs import files

    done = _job(cast.carol)
    nothing = _job(cast.carol, NOTHING_READ)
    failed = _job(cast.carol, run=False)
    files.delete_upload(failed.pk)
    run_job(failed.pk)
    page = open_context(
        cast.carol,
        language=language,
        easy_read=easy_read,
        viewport=BOTH_WIDTHS,
    )
    page.goto("/audit-import/")
    check_page(page, "upload form")
    page.click("button.govuk-button")  # no file chosen
    # expect() waits for the answer page; is_visible() alone raced it on a busy machine.
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "upload form with an error")
    page.set_input_files("input[type=file]", str(unknown))
    page.click("button.govuk-button")  # a file we cannot tell: plain words, the help linked
    assert page.locator("#event-log-help-link a").get_attribute("href") == "#event-log"
    check_page(page, "upload form refusing a file it cannot tell")
    waiting = _job(cast.carol, run=False)  # one at a time: the others have ended
    page.goto("/audit-import/")
    assert page.locator("#waiting-job a").get_attribute("href") == f"/audit-import/{waiting.pk}/"
    assert page.locator("input[type=file]").count() == 0  # no form while one is read
    check_page(page, "upload page while one waits")
    for job, what in (
        (waiting, "progress"),
        (failed, "failed"),
        (done, "report"),
        (nothing, "report of a file with no record read"),
    ):
        page.goto(f"/audit-import/{job.pk}/")
        check_page(page, what)
    assert page.console_errors == []


def test_the_journey_without_javascript(cast: Any, open_context: Any, tmp_path: Path) -> None:
    """Upload, see it waiting, the worker runs it, "Check progress" shows the report."""
    source = tmp_path / "records.csv"
    source.write_text(LOG)
    page = open_context(cast.carol, javascript=False)
    page.goto("/audit-import/")
    page.set_input_files("input[type=file]", str(source))
    page.click("button.govuk-button")
    assert page.locator("h1").inner_text() == "Reading your file"
    from sharedspace.imports.jobs.models import ImportJob

    job = ImportJob.objects.get()
    assert job.state == JobState.QUEUED
    run_job(job.pk)
    page.click("text=Check progress")
    assert "Power audit of records from another platform" in page.content()
    assert "that we could not read." in page.content()  # the skipped rows, said


def test_the_progress_script_shows_the_report_when_done(cast: Any, open_context: Any) -> None:
    job = _job(cast.carol, run=False)
    page = open_context(cast.carol)
    page.goto(f"/audit-import/{job.pk}/")
    assert page.locator("h1").inner_text() == "Reading your file"
    run_job(job.pk)
    page.wait_for_selector("text=Rows we skipped", timeout=10_000)  # reloaded by the script
    assert page.console_errors == []
