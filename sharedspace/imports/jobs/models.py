"""An upload to audit: who sent it, where the file waits, and how far the import has got.

The uploaded file itself lives in the data folder (``files.py``), never in the database;
the finished report is kept here as JSON so that the report page and its downloads read
one row. Import jobs are not governed state (nothing here is a power event), so they are
written by this package's own functions (``jobs.py``), not by governance actions.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Reading the records")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Could not finish")


class ImportJob(models.Model):
    """One upload of another platform's records, and the audit made from it."""

    # A random id, so that job addresses cannot be guessed (they are scoped anyway).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life from the worker running it (set on start and with every progress
    # write): a running job silent for longer than the limit has stopped (upkeep.py).
    progress_at = models.DateTimeField(null=True, blank=True)

    # What was sent, and how to read it (the same options as `sharedspace audit-import`).
    file_name = models.CharField(max_length=255)
    file_size = models.BigIntegerField(default=0)
    source = models.CharField(max_length=16, blank=True)  # "" until chosen or detected
    source_chosen = models.BooleanField(default=False)
    owner = models.CharField(max_length=200, blank=True)
    claimed = models.CharField(max_length=20, blank=True)

    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    bytes_total = models.BigIntegerField(default=0)
    bytes_read = models.BigIntegerField(default=0)
    rows_read = models.BigIntegerField(default=0)
    rows_skipped = models.BigIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)  # in English, for the downloads
    # The same report in the interface's other languages (language code to report), for the
    # page: the figures are the same, the sentences in the reader's language (ADR 18).
    translations = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = (models.Index(fields=("person", "-created_at")),)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"

    def report_in(self, language: str | None) -> dict[str, Any] | None:
        """The report in `language` when it was kept in it, else the English one."""
        if language and language in (self.translations or {}):
            found: dict[str, Any] = self.translations[language]
            return found
        return self.report

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        """How much of the input has been read, 0 to 100 (100 once finished)."""
        if self.state == JobState.DONE:
            return 100
        if not self.bytes_total:
            return 0
        return min(100, int(100 * self.bytes_read / self.bytes_total))

    def status(self) -> dict[str, Any]:
        """Plain data for the progress page's script (and tests)."""
        return {
            "id": str(self.id),
            "state": self.state,
            "finished": self.finished,
            "percent": self.percent,
            "rows_read": self.rows_read,
            "rows_skipped": self.rows_skipped,
        }
