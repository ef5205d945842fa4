"""Making an import job from an upload, and reading jobs as their uploader (viewer-scoped).

The upload is checked before anything is queued, so that what can be known at once (empty,
not a format we read, a zip with nothing readable, a zip with too many files, too big
unzipped) is said on the upload page itself; only the long part, reading every record, runs
in the background. A person has at most one import waiting or running at a time
(``job_waiting``; ADR 15): a second upload meanwhile is refused with a link to the first.

Two steps, so that the slow one holds no lock (ADR 23): ``upload_check`` keeps the file and
checks it (the zip's directory, a look at its first files), outside any transaction;
``job_make`` then makes the job in a short one. ``job_start`` does both.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from sharedspace.governance import exceptions as ex
from sharedspace.imports import SOURCES, ImportInputError, open_source
from sharedspace.imports.eventlog import REQUIRED_COLUMNS
from sharedspace.imports.inputs import TooManyMembers, plan_input

from . import files, guess, upkeep
from .guess import NotReadable, find_source
from .models import ImportJob, JobState

AUTO = guess.AUTO
#: The states of a job that is not finished: a person has at most one such job.
UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class UploadRefused(Exception):
    """The upload cannot be imported: `message` says why, in plain words; `code` names the
    reason, stably."""

    def __init__(self, message: str, code: str = "cannot_import") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class JobWaiting(UploadRefused):
    """The person already has an import waiting or running (`job`): one at a time."""

    def __init__(self, job: ImportJob) -> None:
        super().__init__(
            gettext(
                "You already have a file being audited. You can send another file when it "
                "has finished."
            ),
            code="import_job_waiting",
        )
        self.job = job


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _too_many(problem: TooManyMembers) -> UploadRefused:
    """The importers' refusal of a zip with too many files, in the reader's language."""
    said = {"count": _n(problem.count), "limit": _n(problem.limit)}
    if problem.count > problem.limit + 1:
        message = gettext(
            "the zip file holds %(count)s files, and we read at most %(limit)s files from one "
            "zip file. Put the records in fewer files"
        )
    else:  # counting stopped past the limit
        message = gettext(
            "the zip file holds more than %(limit)s files, the most we read from one zip "
            "file. Put the records in fewer files"
        )
    return UploadRefused(message % said, code="zip_too_many_files")


def _check(path: Path, source: str) -> str:
    """The source to read `path` as; ImportInputError or UploadRefused when it cannot be.
    The zip's directory is read once for all the checks (20,000 members take a while)."""
    with contextlib.ExitStack() as stack:
        try:
            plan = plan_input(path, stack)
        except TooManyMembers as problem:
            raise _too_many(problem) from None
        unzipped = sum(f.size for f in plan.files)
        limit = files.max_unzipped_bytes()
        if unzipped > limit:
            raise UploadRefused(
                gettext(
                    "%(name)s: the files in it come to %(size)s MB unzipped; the limit is "
                    "%(limit)s MB"
                )
                % {
                    "name": path.name,
                    "size": _n(unzipped // (1024 * 1024)),
                    "limit": _n(limit // (1024 * 1024)),
                },
                code="too_big_unzipped",
            )
        # NotReadable when none of the first files reads as asked
        source = find_source(path, source, plan=plan)
    with open_source(path, source):  # anything else the importers refuse
        pass
    return source


def _not_readable(problem: NotReadable, folder: Path) -> UploadRefused:
    """A file that reads as nothing asked, said in the reader's language, in plain words:
    what is wrong with it, what we read, and what to do (the importers' English messages, with
    their colons and the names of our documents, stay the command line's)."""
    said = {"name": files.hide_folder(problem.file, folder)}
    asked = problem.asked
    # Some of the event log's columns, not all: it was meant as one. Say which are missing.
    missing = problem.missing if problem.why == guess.OTHER and asked in (AUTO, "csv") else ()
    meant_as_log = 0 < len(missing) < len(REQUIRED_COLUMNS)
    if problem.why == guess.EMPTY:
        first = gettext("The file %(name)s is empty.")
    elif problem.why == guess.NOT_TEXT:
        first = gettext("The file %(name)s is not a text file, so we cannot read it.")
    elif problem.why == guess.CANNOT_READ:
        first = gettext("We could not open the file %(name)s.")
    elif problem.why == guess.JSON and asked != AUTO:
        first = gettext("The file %(name)s is a JSON file.")
    elif meant_as_log:
        first = ngettext(
            "The file %(name)s looks like an event log, but it has no column called "
            "%(columns)s.",
            "The file %(name)s looks like an event log, but it has no columns called "
            "%(columns)s.",
            len(missing),
        )
        said["columns"] = ", ".join(missing)
    elif asked == "decidim":
        first = gettext("The file %(name)s is not a Decidim export.")
    elif asked == "consul":
        first = gettext("The file %(name)s is not a CONSUL export.")
    elif asked == "csv":
        first = gettext("The file %(name)s is not an event log.")
    else:
        first = gettext("We could not tell what the file %(name)s is.")
    sentences = [first % said]
    if asked == AUTO and not meant_as_log:
        sentences.append(
            gettext("We can read proposals exported from Decidim or CONSUL, or an event log.")
        )
    if asked in (AUTO, "csv"):
        sentences.append(
            gettext(
                "An event log is a CSV file with the columns when, party, action and venue."
            )
        )
    elif asked == "decidim":
        sentences.append(
            gettext(
                "We read Decidim proposals from a JSON file, or from a CSV file with the "
                "columns id and title."
            )
        )
    else:
        sentences.append(
            gettext("We read CONSUL proposals from a CSV file with the columns id and title.")
        )
    if asked not in (AUTO, "csv"):
        sentences.append(
            gettext("Check where the records come from, or choose “Find out for me”.")
        )
    return UploadRefused(" ".join(sentences), code=NotReadable.code)


@dataclass(frozen=True)
class CheckedUpload:
    """An upload kept and checked (``upload_check``), not yet a job (``job_make``)."""

    job_id: uuid.UUID
    path: Path
    source: str  # the source to read it as: the one chosen, or the one found
    source_chosen: bool

    def discard(self) -> None:
        """Delete the kept file: no job will be made of it."""
        files.delete_job_files(self.job_id)


def upload_check(
    *, person: Any, name: str, chunks: Iterable[bytes], source: str
) -> CheckedUpload:
    """Keep the upload and check it: UploadRefused (the upload deleted) when it cannot be
    imported at all, JobWaiting when the person already has an import waiting or running.

    This is the slow part (writing the file, reading a zip's directory, looking at its first
    files), so it makes no job and is meant to run outside any transaction: on SQLite an
    open write transaction holds every other writer back."""
    if source != AUTO and source not in SOURCES:
        raise UploadRefused(f"there is no source called {source!r}", code="unknown_source")
    waiting = job_waiting(person)
    if waiting is not None:  # said before the upload is even kept
        raise JobWaiting(waiting)
    job_id = uuid.uuid4()
    path = files.save_upload(job_id, name, chunks)
    try:
        chosen = _check(path, source)
    except NotReadable as problem:
        files.delete_job_files(job_id)
        raise _not_readable(problem, path.parent) from None
    except ImportInputError as problem:
        files.delete_job_files(job_id)
        raise UploadRefused(files.hide_folder(problem.message, path.parent)) from None
    except BaseException:
        files.delete_job_files(job_id)
        raise
    return CheckedUpload(job_id, path, chosen, source != AUTO)


def job_make(
    upload: CheckedUpload, *, person: Any, owner: str = "", claimed: str = ""
) -> ImportJob:
    """Make the job of a checked upload and queue its import: a few quick queries. JobWaiting
    (the upload deleted) when the person has an import waiting or running by now."""
    from .tasks import run_import

    try:
        with transaction.atomic():
            # Two uploads of one person at once: the second waits for the first's job to
            # be made here, then finds it (SQLite takes its write lock at the start anyway).
            _lock(person)
            waiting = _unfinished(person).first()
            if waiting is not None:
                raise JobWaiting(waiting)
            job = ImportJob.objects.create(
                id=upload.job_id,
                person=person,
                file_name=upload.path.name,
                file_size=upload.path.stat().st_size,
                source=upload.source,
                source_chosen=upload.source_chosen,
                owner=owner.strip(),
                claimed=claimed or "",
            )
    except BaseException:
        upload.discard()
        raise
    result = run_import.enqueue(str(job.pk))
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


def job_start(
    *,
    person: Any,
    name: str,
    chunks: Iterable[bytes],
    source: str,
    owner: str = "",
    claimed: str = "",
) -> ImportJob:
    """Keep the upload, check it, make its job and queue the import (``upload_check``, then
    ``job_make``); UploadRefused (the upload deleted) when it cannot be imported at all,
    JobWaiting when the person already has an import waiting or running."""
    upload = upload_check(person=person, name=name, chunks=chunks, source=source)
    return job_make(upload, person=person, owner=owner, claimed=claimed)


def _unfinished(person: Any) -> QuerySet[ImportJob]:
    return (
        ImportJob.objects.filter(person=person, state__in=UNFINISHED)
        .defer("report", "translations")
        .order_by("created_at")
    )


def _lock(person: Any) -> None:
    """Hold the person's row until the transaction ends (PostgreSQL)."""
    people = get_user_model().objects.select_for_update()
    list(people.filter(pk=person.pk).values_list("pk"))


def job_waiting(person: Any) -> ImportJob | None:
    """The person's import that is waiting or running, if any. A running one whose worker
    has stopped is marked failed first (ADR 19), so it never blocks the next upload."""
    if not getattr(person, "is_authenticated", False):
        return None
    running = list(_unfinished(person).filter(state=JobState.RUNNING).values_list("pk", flat=True))
    if running:
        upkeep.fail_stopped(job_ids=running)
    return _unfinished(person).first()


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
