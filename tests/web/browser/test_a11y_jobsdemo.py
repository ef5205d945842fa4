"""The import job page in the two states ADR 0019 adds passes axe-core (WCAG 2.0, 2.1, 2.2 A
and AA) in English and Welsh, with easy read on and off, at phone and desktop width: a job
that has waited too long (the worker may have stopped), and a job whose worker stopped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from sharedspace.imports.jobs import upkeep
from sharedspace.imports.jobs.models import ImportJob, JobState

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every language, easy-read setting and width appears, in different pairs.
COMBINATIONS = [
    ("en", False, "phone"),
    ("en", True, "desktop"),
    ("cy", False, "desktop"),
    ("cy", True, "phone"),
]


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.SHAREDSPACE_DATA_DIR = tmp_path
    return tmp_path


@pytest.mark.parametrize(("language", "easy_read", "width"), COMBINATIONS)
def test_waiting_too_long_and_stopped_jobs_are_accessible(
    language: str, easy_read: bool, width: str, cast: Any, open_context: Any, check_page: Any
) -> None:
    waiting = ImportJob.objects.create(person=cast.carol, file_name="waiting.csv", source="csv")
    ImportJob.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - upkeep.QUEUED_TOO_LONG - dt.timedelta(minutes=1)
    )
    long_ago = timezone.now() - dt.timedelta(hours=3)
    stopped = ImportJob.objects.create(
        person=cast.carol,
        file_name="stopped.csv",
        source="csv",
        state=JobState.RUNNING,
        started_at=long_ago,
        progress_at=long_ago,
    )
    page = open_context(
        cast.carol,
        language=language,
        easy_read=easy_read,
        viewport=PHONE if width == "phone" else DESKTOP,
    )
    page.goto(f"/audit-import/{waiting.pk}/")
    if language == "en":
        assert "the background worker may have stopped" in page.inner_text("main")
    check_page(page, "an import waiting too long")
    page.goto(f"/audit-import/{stopped.pk}/")
    if language == "en":
        assert "The import stopped before it finished." in page.inner_text("main")
    check_page(page, "an import whose worker stopped")
    assert page.console_errors == []
