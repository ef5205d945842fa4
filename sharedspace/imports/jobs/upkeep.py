"""Keeping import jobs from getting stuck, and tidying old ones away (docs/adr/0019).

- A job marked running whose worker has stopped (killed, crashed, the machine restarted)
  would stay "running" for ever: django-tasks' database worker does not notice that another
  worker died. So a running job with no sign of life (``progress_at``, written when it
  starts and with every progress write, at least once a second while the file is read) for
  longer than ``stalled_after()``, or whose task has ended or gone, is marked failed with a
  plain message, and its files are removed (``fail_stopped``).
- A job still waiting after ``QUEUED_TOO_LONG`` most likely has no worker to run it: the job
  page says so plainly (``waiting_too_long``). It is left waiting: a worker that starts
  later still runs it.
- Finished jobs (done or failed) are deleted, with their files and their task results,
  ``keep_days()`` days after they finished (``delete_old``); so are upload folders that no
  job owns (an upload that crashed before its job was made).

``tidy`` does all of it; ``sharedspace tick`` and ``sharedspace worker`` (when it starts)
run it, and the job page runs ``fail_stopped`` for the one job it shows.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from . import files
from .models import ImportJob, JobState

#: What a person sees on a job whose worker stopped (stored in English, shown translated).
STOPPED = gettext_noop("The import stopped before it finished. Please upload the file again.")
#: Messages stored on jobs that the job page shows in the reader's language.
TRANSLATED_ERRORS = frozenset({STOPPED})

#: Defaults when the settings do not say (README, settings table).
DEFAULT_STALLED_MINUTES = 15
DEFAULT_KEEP_DAYS = 30
#: A job still waiting after this long most likely has no worker to run it.
QUEUED_TOO_LONG = dt.timedelta(minutes=3)


def stalled_after() -> dt.timedelta:
    minutes = getattr(settings, "SHAREDSPACE_IMPORT_STALLED_MINUTES", DEFAULT_STALLED_MINUTES)
    return dt.timedelta(minutes=max(1, int(minutes)))


def keep_days() -> int:
    """Days to keep a finished job; 0 keeps them for ever."""
    return max(0, int(getattr(settings, "SHAREDSPACE_IMPORT_KEEP_DAYS", DEFAULT_KEEP_DAYS)))


def waiting_too_long(job: ImportJob, *, now: dt.datetime | None = None) -> bool:
    """Whether a waiting job has waited so long that its worker has probably stopped."""
    if job.state != JobState.QUEUED or job.created_at is None:
        return False
    return (now or timezone.now()) - job.created_at > QUEUED_TOO_LONG


def _task_results() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def fail_stopped(*, now: dt.datetime | None = None, job_ids: Iterable[Any] | None = None) -> int:
    """Mark running jobs whose worker has stopped as failed and remove their files; return
    how many. With ``job_ids``, look at those jobs only."""
    now = now or timezone.now()
    running = ImportJob.objects.filter(state=JobState.RUNNING)
    if job_ids is not None:
        running = running.filter(pk__in=list(job_ids))
    candidates = list(running.values_list("pk", "task_id", "progress_at", "started_at"))
    if not candidates:
        return 0
    from django_tasks.base import TaskResultStatus

    task_ids = [task for _, task, _, _ in candidates if task]
    alive = {
        str(pk)
        for pk in _task_results()
        .filter(pk__in=task_ids, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values_list("pk", flat=True)
    }
    limit = now - stalled_after()
    count = 0
    for pk, task, progress_at, started_at in candidates:
        gone = bool(task) and task not in alive  # its task ended, or is no longer there
        if not gone and (progress_at or started_at or now) >= limit:
            continue
        # Only if it is still running (and, when its task looks alive, still silent): a job
        # that wrote progress or finished since we looked is left alone.
        still = ImportJob.objects.filter(pk=pk, state=JobState.RUNNING)
        if not gone:
            still = still.filter(Q(progress_at__isnull=True) | Q(progress_at__lt=limit))
        if still.update(state=JobState.FAILED, finished_at=now, error=STOPPED):
            files.delete_job_files(pk)
            count += 1
    return count


def delete_old(*, now: dt.datetime | None = None) -> int:
    """Delete finished jobs older than ``keep_days()``, with their files and task results,
    and upload folders no job owns that are as old; return how many jobs were deleted."""
    days = keep_days()
    if not days:
        return 0
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    old = ImportJob.objects.filter(
        state__in=[JobState.DONE, JobState.FAILED], finished_at__lt=cutoff
    )
    found = list(old.values_list("pk", "task_id"))
    for pk, _ in found:
        files.delete_job_files(pk)
    task_ids = [task for _, task in found if task]
    if task_ids:
        _task_results().filter(pk__in=task_ids).delete()
    deleted = ImportJob.objects.filter(pk__in=[pk for pk, _ in found]).delete()[0]
    _delete_orphan_folders(cutoff)
    return deleted


def _delete_orphan_folders(cutoff: dt.datetime) -> None:
    """Upload folders with no job (an upload that crashed before its job was made)."""
    root = files.imports_root()
    if not root.is_dir():
        return
    folders: dict[uuid.UUID, Any] = {}
    for folder in root.iterdir():
        try:
            folders[uuid.UUID(folder.name)] = folder
        except ValueError:
            continue  # not ours
    if not folders:
        return
    owned = set(ImportJob.objects.filter(pk__in=list(folders)).values_list("pk", flat=True))
    for key, folder in folders.items():
        modified = dt.datetime.fromtimestamp(folder.stat().st_mtime, tz=dt.UTC)
        if key not in owned and modified < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Tidied:
    stopped: int
    deleted: int

    def __str__(self) -> str:
        return (
            f"imports: {self.stopped} stopped {'job' if self.stopped == 1 else 'jobs'} "
            f"marked as failed, {self.deleted} old {'job' if self.deleted == 1 else 'jobs'} "
            "deleted"
        )


def tidy(*, now: dt.datetime | None = None) -> Tidied:
    """Everything upkeep does, once."""
    return Tidied(stopped=fail_stopped(now=now), deleted=delete_old(now=now))
