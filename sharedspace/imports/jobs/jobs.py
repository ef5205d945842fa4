"""Making an import job from an upload, and reading jobs as their uploader (viewer-scoped).

``job_start`` checks the upload before anything is queued, so that what can be known at
once (empty, not a format we read, a zip with nothing readable, too big unzipped) is said on
the upload page itself; only the long part, reading every record, runs in the background.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from sharedspace.governance import exceptions as ex
from sharedspace.imports import SOURCES, ImportInputError, open_source
from sharedspace.imports.inputs import plan_input

from . import files
from .guess import guess_source
from .models import ImportJob

AUTO = "auto"


class UploadRefused(Exception):
    """The upload cannot be imported: `message` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check(path: Path, source: str) -> str:
    """The source to read `path` as; ImportInputError or UploadRefused when it cannot be."""
    with contextlib.ExitStack() as stack:
        plan = plan_input(path, stack)
        unzipped = sum(f.size for f in plan.files)
        limit = files.max_unzipped_bytes()
        if unzipped > limit:
            raise UploadRefused(
                f"{path.name}: the files in it come to {unzipped // (1024 * 1024)} MB "
                f"unzipped; the limit is {limit // (1024 * 1024)} MB"
            )
    if source == AUTO:
        source = guess_source(path)
    with open_source(path, source):  # the first file must be in the format named
        pass
    return source


def job_start(
    *,
    person: Any,
    name: str,
    chunks: Iterable[bytes],
    source: str,
    owner: str = "",
    claimed: str = "",
) -> ImportJob:
    """Keep the upload, check it, make its job and queue the import; UploadRefused (the
    upload deleted) when it cannot be imported at all."""
    from .tasks import run_import

    if source != AUTO and source not in SOURCES:
        raise UploadRefused(f"there is no source called {source!r}")
    job_id = uuid.uuid4()
    path = files.save_upload(job_id, name, chunks)
    try:
        chosen = _check(path, source)
    except ImportInputError as problem:
        files.delete_job_files(job_id)
        raise UploadRefused(files.hide_folder(problem.message, path.parent)) from None
    except UploadRefused:
        files.delete_job_files(job_id)
        raise
    job = ImportJob.objects.create(
        id=job_id,
        person=person,
        file_name=path.name,
        file_size=path.stat().st_size,
        source=chosen,
        source_chosen=source != AUTO,
        owner=owner.strip(),
        claimed=claimed or "",
    )
    result = run_import.enqueue(str(job.pk))
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


def jobs_of(*, viewer: Any) -> QuerySet[ImportJob]:
    """The viewer's own import jobs, newest first (the report JSON left unread)."""
    return ImportJob.objects.filter(person=viewer).defer("report", "translations")


def job_get(*, viewer: Any, job_id: Any) -> ImportJob:
    """One of the viewer's own jobs; NotFound for anyone else's, or none (never say which)."""
    if not getattr(viewer, "is_authenticated", False):
        raise ex.NotFound()
    try:
        key = uuid.UUID(str(job_id))
    except ValueError:
        raise ex.NotFound() from None
    job = ImportJob.objects.filter(pk=key, person=viewer).first()
    if job is None:
        raise ex.NotFound()
    return job
