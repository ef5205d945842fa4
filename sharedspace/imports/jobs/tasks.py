"""The background task that runs an import job (django-tasks, database backend).

The web enqueues it; `sharedspace worker` (started by `sharedspace serve`) runs it.
"""

from __future__ import annotations

from django_tasks import task

from .run import run_job


@task()
def run_import(job_id: str) -> str:
    """Import and audit the upload of job `job_id`; returns the job's final state."""
    return run_job(job_id)
