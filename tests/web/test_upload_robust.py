# ruff: noqa: F811 - the fixtures imported from test_upload are used by name
"""Import jobs that cannot get stuck (issue 5, ADR 0019): a job whose worker stopped is
marked failed (on `sharedspace tick`, when a worker starts, and as soon as its page is
looked at) and its files removed; a job waiting too long says the worker may have stopped;
finished jobs, their files and task results are deleted after SHAREDSPACE_IMPORT_KEEP_DAYS."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import uuid
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from unittest import mock

from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sharedspace.cli.main import main
from sharedspace.imports.jobs import files, run, upkeep
from sharedspace.imports.jobs.models import ImportJob, JobState

from .test_upload import (  # noqa: F401 - fixtures used by name
    DATA,
    carol,
    data_dir,
    only_job,
    run_worker,
    send,
    worker_keeps_the_test_connection,
)

STOPPED = "The import stopped before it finished. Please upload the file again."
WAITING = (
    "The import has not started yet. If this does not change in a few minutes, tell the "
    "person who runs Shared Space: the background worker may have stopped."
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def uploaded(client: Client) -> ImportJob:
    send(client, "example-log.csv", (DATA / "example-log.csv").read_bytes())
    return only_job()


def worker_died_while_running(job: ImportJob, *, silent_for: dt.timedelta) -> None:
    """What a worker killed mid-import leaves behind: its task claimed and running, the job
    running with its last progress `silent_for` ago, the upload and a part-written file of
    skipped rows still in the data folder."""
    DBTaskResult.objects.get(pk=job.task_id).claim("worker-that-died")
    last = timezone.now() - silent_for
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=last - dt.timedelta(minutes=1), progress_at=last
    )
    files.skipped_rows_path(job.pk).write_text("file,line,code,reason\n")


# --- a job whose worker stopped -------------------------------------------------------------


def test_tick_fails_a_job_whose_worker_went_silent_and_removes_its_files(carol: Client) -> None:
    """After the documented limit without progress, `tick` marks the running job failed
    with the plain message and removes its folder; stdout stays as `tick` has always said."""
    job = uploaded(carol)
    worker_died_while_running(job, silent_for=dt.timedelta(minutes=16))
    assert files.job_folder(job.pk).is_dir()

    code, out, err = cli("tick")

    assert (code, out) == (0, "resolved: 0 proposals\n")
    assert "imports: 1 stopped job marked as failed" in err
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, STOPPED)
    assert job.finished_at is not None
    assert not files.job_folder(job.pk).exists()
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "We could not audit your file" in page and STOPPED in page
    # Run again: nothing more to do.
    assert "imports: 0 stopped jobs" in cli("tick")[2]


def test_a_running_job_that_shows_signs_of_life_is_left_alone(carol: Client) -> None:
    """A job that wrote progress within the limit is still running, whatever looks at it."""
    job = uploaded(carol)
    worker_died_while_running(job, silent_for=dt.timedelta(minutes=14))
    cli("tick")
    carol.get(f"/audit-import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and not job.error
    assert files.uploaded_file(job.pk) is not None


def test_the_limit_comes_from_the_settings(carol: Client, settings: Any) -> None:
    job = uploaded(carol)
    worker_died_while_running(job, silent_for=dt.timedelta(minutes=3))
    settings.SHAREDSPACE_IMPORT_STALLED_MINUTES = 2
    assert upkeep.fail_stopped() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED


def test_a_job_whose_task_ended_without_it_fails_at_once(carol: Client) -> None:
    """If the task is over (or gone) but the job still says running, nothing will ever
    finish it: it fails at once, without waiting for the limit."""
    job = uploaded(carol)
    worker_died_while_running(job, silent_for=dt.timedelta(seconds=5))
    DBTaskResult.objects.filter(pk=job.task_id).update(status=TaskResultStatus.FAILED)
    assert upkeep.fail_stopped() == 1
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, STOPPED)


def test_the_job_page_says_the_import_stopped_without_waiting_for_tick(carol: Client) -> None:
    """Looking at the job (its page, its status, the upload page's list) is enough."""
    job = uploaded(carol)
    worker_died_while_running(job, silent_for=dt.timedelta(hours=2))
    status = carol.get(f"/audit-import/{job.pk}/status/").json()
    assert status["state"] == "failed" and status["finished"]
    job.refresh_from_db()
    assert job.error == STOPPED
    assert not files.job_folder(job.pk).exists()

    second = uploaded_again(carol)
    worker_died_while_running(second, silent_for=dt.timedelta(hours=2))
    listing = carol.get("/audit-import/").content.decode()
    second.refresh_from_db()
    assert second.state == JobState.FAILED
    assert "Reading the records" not in listing


def uploaded_again(client: Client) -> ImportJob:
    before = set(ImportJob.objects.values_list("pk", flat=True))
    send(client, "example-log.csv", (DATA / "example-log.csv").read_bytes())
    return ImportJob.objects.exclude(pk__in=before).get()


def test_a_worker_that_starts_fails_the_stopped_jobs_then_runs_the_waiting_ones(
    carol: Client, cast: Any, signed_in: Any
) -> None:
    """`sharedspace worker` tidies up when it starts: the job its dead predecessor left
    running fails; a job still waiting (someone else's: Carol's next upload would have
    found hers stopped already) is run as usual."""
    stuck = uploaded(carol)
    worker_died_while_running(stuck, silent_for=dt.timedelta(minutes=30))
    waiting = uploaded_again(signed_in(cast.sam))

    code, _, err = cli("worker", "--batch", "--interval", "0")

    assert code == 0
    assert "imports: 1 stopped job marked as failed" in err
    stuck.refresh_from_db()
    waiting.refresh_from_db()
    assert (stuck.state, stuck.error) == (JobState.FAILED, STOPPED)
    assert waiting.state == JobState.DONE, waiting.error


def test_progress_is_a_sign_of_life_and_a_stopped_job_stays_stopped(carol: Client) -> None:
    """Each progress write stamps the job; and if upkeep gave up on a job that then ends
    after all, the person keeps the answer they were given (upload again)."""
    job = uploaded(carol)
    run.run_job(job.pk, every=1)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.progress_at is not None and job.started_at is not None
    assert job.progress_at >= job.started_at

    late = uploaded_again(carol)
    real_import = run._import

    def slow_import(*args: Any, **kwargs: Any) -> Any:
        report = real_import(*args, **kwargs)
        later = timezone.now() + dt.timedelta(hours=1)
        assert upkeep.fail_stopped(now=later) == 1  # meanwhile, upkeep gave up on it
        return report

    with mock.patch.object(run, "_import", slow_import):
        run.run_job(late.pk)
    late.refresh_from_db()
    assert (late.state, late.error, late.report) == (JobState.FAILED, STOPPED, None)


# --- a job that waits too long ---------------------------------------------------------------


def test_a_job_waiting_too_long_says_the_worker_may_have_stopped(carol: Client) -> None:
    """For the first minutes, waiting is normal; after the documented limit the page (and
    its status text, which the script shows) says plainly what it may mean."""
    job = uploaded(carol)
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "Your file is waiting to be read." in page and WAITING not in page

    later = timezone.now() + upkeep.QUEUED_TOO_LONG + dt.timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = carol.get(f"/audit-import/{job.pk}/").content.decode()
        status = carol.get(f"/audit-import/{job.pk}/status/").json()
    assert WAITING in page
    assert status["text"] == WAITING and status["state"] == "queued"
    job.refresh_from_db()
    assert job.state == JobState.QUEUED  # still waiting: a worker that starts will run it

    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE


# --- old jobs are deleted ---------------------------------------------------------------------


def _finished(job: ImportJob, *, days_ago: float, state: str = JobState.DONE) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, finished_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    files.skipped_rows_path(job.pk).write_text("file,line,code,reason\n")


def test_finished_jobs_are_deleted_with_their_files_after_the_days_set(
    carol: Client, settings: Any
) -> None:
    """Done and failed jobs older than SHAREDSPACE_IMPORT_KEEP_DAYS go, with their folder
    and their task result; younger ones, and jobs not finished, stay."""
    settings.SHAREDSPACE_IMPORT_KEEP_DAYS = 30
    old_done = uploaded(carol)
    _finished(old_done, days_ago=31)  # one import at a time: each ends before the next
    old_failed = uploaded_again(carol)
    _finished(old_failed, days_ago=45, state=JobState.FAILED)
    young = uploaded_again(carol)
    _finished(young, days_ago=29)
    waiting = uploaded_again(carol)
    ImportJob.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(days=90)
    )

    code, out, err = cli("tick")

    assert (code, out) == (0, "resolved: 0 proposals\n")
    assert "2 old jobs deleted" in err
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {young.pk, waiting.pk}
    for gone in (old_done, old_failed):
        assert not files.job_folder(gone.pk).exists()
        assert not DBTaskResult.objects.filter(pk=gone.task_id).exists()
    assert files.skipped_rows_path(young.pk).is_file()
    assert DBTaskResult.objects.filter(pk=young.task_id).exists()
    assert files.uploaded_file(waiting.pk) is not None


def test_keep_days_zero_keeps_every_job(carol: Client, settings: Any) -> None:
    settings.SHAREDSPACE_IMPORT_KEEP_DAYS = 0
    job = uploaded(carol)
    _finished(job, days_ago=3650)
    assert upkeep.delete_old() == 0
    assert ImportJob.objects.filter(pk=job.pk).exists()


def test_old_upload_folders_no_job_owns_are_deleted(db: Any, data_dir: Path) -> None:
    """An upload that crashed before its job was made leaves a folder; it goes once it is
    as old as a job would be kept. Other folders, and new ones, stay."""
    old, new = files.job_folder(uuid.uuid4()), files.job_folder(uuid.uuid4())
    other = files.imports_root() / "not-a-job"
    for folder in (old, new, other):
        folder.mkdir(parents=True)
    long_ago = time.time() - 40 * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    upkeep.delete_old()
    assert not old.exists()
    assert new.is_dir() and other.is_dir()


def test_the_settings_and_their_defaults_are_in_the_readme() -> None:
    """README's settings table names both settings with the defaults the code uses."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    rows = {
        line.split("|")[1].strip(" `"): line
        for line in readme.splitlines()
        if line.startswith("| `SHAREDSPACE_IMPORT_")
    }
    assert f"`{upkeep.DEFAULT_STALLED_MINUTES}`" in rows["SHAREDSPACE_IMPORT_STALLED_MINUTES"]
    assert f"`{upkeep.DEFAULT_KEEP_DAYS}`" in rows["SHAREDSPACE_IMPORT_KEEP_DAYS"]
