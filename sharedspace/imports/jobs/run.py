"""Running one import job: read the upload, audit it, keep the report, delete the upload.

Called by the background task (tasks.py) in the worker process. Progress is written to the
job's row every `every` records (and at most once a second while a large file is read), so
the progress page has something to show; the row is the only thing the web reads.
"""

from __future__ import annotations

import csv
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from sharedspace.audit.formats.csvout import safe_row
from sharedspace.imports import ImportInputError, ImportStream, open_source
from sharedspace.imports.audit import audit_stream_in
from sharedspace.imports.audit.source import LISTED

from . import files
from .models import ImportJob, JobState

logger = logging.getLogger("sharedspace.imports.jobs")

#: Write the progress after this many records.
PROGRESS_EVERY = 500
#: ...and at most this often (seconds) while bytes are read between records.
PROGRESS_SECONDS = 1.0
#: The job's `report`: English, like the CLI's and the downloads (docs/adr/0018). The
#: interface's other languages are kept beside it, in `translations`, for the page.
REPORT_LANGUAGE = "en"


def report_languages() -> list[str]:
    """English first, then the interface's other languages (read when a job runs, not when
    this module is imported)."""
    return [REPORT_LANGUAGE] + [
        code for code, _name in settings.LANGUAGES if code != REPORT_LANGUAGE
    ]


class _Reporting:
    """The stream as the audit sees it, calling `tick` after every record it yields.

    Everything else (counters, bad rows, the owner) is the stream's own: the audit reads it
    through this wrapper unchanged.
    """

    def __init__(self, stream: ImportStream, tick: Callable[[], None]) -> None:
        self._stream = stream
        self._tick = tick

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __iter__(self) -> Iterator[Any]:
        for record in self._stream:
            yield record
            self._tick()


def _keep_every_bad_row(stream: ImportStream, path: Path, folder: Path) -> Any:
    """Write every skipped row to a CSV file as it is found (the report lists the first
    ones only). The stream's `bad` is wrapped on this one stream: the importers report
    to it, and it keeps counting as before. A file name or a reason quoting the upload that
    a spreadsheet would run as a formula is written with a leading `'` (`safe_row`).
    Returns the open file, to close at the end."""
    handle = open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed by caller
    writer = csv.writer(handle)
    writer.writerow(["file", "line", "code", "reason"])

    def write(file: str, line: int | None, code: str, reason: str) -> None:
        writer.writerow(
            safe_row(
                [
                    files.hide_folder(file, folder),
                    "" if line is None else line,
                    code,
                    files.hide_folder(reason, folder),
                ]
            )
        )

    for found in list(stream.bad_rows):  # found while opening (an unreadable zip member)
        write(found.file, found.line, found.code, found.reason)
    original = stream.bad

    def bad(file: str, line: int | None, code: str, reason: str) -> None:
        original(file, line, code, reason)
        write(file, line, code, reason)

    stream.bad = bad  # type: ignore[method-assign]
    return handle


def _save(job_id: Any, **fields: Any) -> None:
    """Write progress, or how the job ended, on a job still running. Progress is stamped
    with the time: the worker's sign of life (a running job silent for too long is taken to
    have stopped: upkeep.py). A job that upkeep has already marked as stopped stays
    stopped: its person was told to upload it again."""
    if "state" not in fields:
        fields["progress_at"] = timezone.now()
    ImportJob.objects.filter(pk=job_id, state=JobState.RUNNING).update(**fields)


def run_job(job_id: Any, *, every: int = PROGRESS_EVERY) -> str:
    """Run the import of job `job_id` to its end; return the job's final state.

    A job that is not waiting (already run, or being run) is left alone, so a task that
    runs twice does no harm. Bad rows never fail a job; input that cannot be imported at
    all does, with its message; anything unexpected does too, and is logged.
    """
    started = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=started, progress_at=started
    )
    if not claimed:
        return str(ImportJob.objects.filter(pk=job_id).values_list("state", flat=True).first())
    job = ImportJob.objects.get(pk=job_id)
    folder = files.upload_folder(job.pk)
    path = files.uploaded_file(job.pk)
    try:
        if path is None:
            raise ImportInputError("the uploaded file is no longer there; please upload it again")
        reports = _import(job, path, folder, every)
    except ImportInputError as problem:
        _save(
            job.pk,
            state=JobState.FAILED,
            finished_at=timezone.now(),
            error=files.hide_folder(problem.message, folder),
        )
        return JobState.FAILED
    except Exception:
        logger.exception("The import of job %s failed", job.pk)
        _save(
            job.pk,
            state=JobState.FAILED,
            finished_at=timezone.now(),
            error="Something went wrong on our side while reading the records.",
        )
        raise
    finally:
        files.delete_upload(job.pk)
    report = reports.pop(REPORT_LANGUAGE)
    source = report["source"]
    _save(
        job.pk,
        state=JobState.DONE,
        finished_at=timezone.now(),
        report=report,
        translations=reports,
        rows_read=source["records_read"],
        rows_skipped=source["bad_row_count"],
        bytes_read=job.bytes_total,
    )
    return JobState.DONE


def _import(job: ImportJob, path: Path, folder: Path, every: int) -> dict[str, dict[str, Any]]:
    """The report in every language of the interface, English first (language to report).
    The rows are read in English, whatever language the process has active (an immediate
    task backend runs in the uploader's request), so the stored reasons for skipped rows are
    the same in each report."""
    with translation.override(REPORT_LANGUAGE):
        return _import_in(job, path, folder, every)


def _import_in(job: ImportJob, path: Path, folder: Path, every: int) -> dict[str, dict[str, Any]]:
    seen = {"bytes": 0, "rows": 0, "at": time.monotonic()}

    def write_progress(stream: ImportStream) -> None:
        seen["rows"], seen["at"] = stream.records_read, time.monotonic()
        _save(
            job.pk,
            rows_read=stream.records_read,
            rows_skipped=stream.bad_row_count,
            bytes_read=seen["bytes"],
        )

    def on_bytes(done: int, total: int) -> None:
        seen["bytes"] = done
        if time.monotonic() - seen["at"] >= PROGRESS_SECONDS:
            write_progress(stream)

    def tick() -> None:
        if stream.records_read - seen["rows"] >= every:
            write_progress(stream)

    with open_source(
        path, job.source, owner=job.owner or None, progress=on_bytes, max_bad_rows=LISTED
    ) as stream:
        _save(job.pk, bytes_total=stream.total_bytes)
        job.bytes_total = stream.total_bytes
        bad_rows = _keep_every_bad_row(stream, files.skipped_rows_path(job.pk), folder)
        try:
            reports = audit_stream_in(
                _Reporting(stream, tick),  # type: ignore[arg-type]
                report_languages(),
                claimed=job.claimed or None,
            )
        finally:
            bad_rows.close()
    return {language: files.hide_folder(report, folder) for language, report in reports.items()}
