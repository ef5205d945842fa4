# ruff: noqa: F811 - the fixtures imported from test_upload are used by name
"""An upload's slow checks hold no lock (security review: one upload blocked every write on
SQLite for about a minute). The upload page keeps and checks the file before the once-only
key is claimed, outside the transaction that claim runs in (on SQLite that transaction holds
the write lock); inside it, only the job is made. A kept file no job was made of is deleted
when the request ends (ADR 23)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from sharedspace.imports.jobs import jobs
from sharedspace.imports.jobs.models import ImportJob
from sharedspace.web.once import keys as once
from sharedspace.web.once.models import UsedFormKey

from .conftest import errors_in, form_data
from .test_upload import (  # noqa: F401 - fixtures used by name
    DATA,
    UPLOAD,
    carol,
    data_dir,
    only_job,
    worker_keeps_the_test_connection,
    zipped,
)


def _form(name: str, content: bytes, source: str = "auto") -> dict[str, Any]:
    """The upload form as the page draws it: with a once-only key of its own."""
    data = form_data("upload", source=source, owner="", claimed="")
    data["upload-records"] = SimpleUploadedFile(name, content)
    return data


def _again(data: dict[str, Any]) -> dict[str, Any]:
    """The same form sent again (a double click): the same key and fields, the file anew."""
    upload = data["upload-records"]
    upload.seek(0)
    return {**data, "upload-records": SimpleUploadedFile(upload.name, upload.read())}


def _kept(data_dir: Path) -> list[Path]:
    return list((data_dir / "imports").glob("*/upload/*"))


@pytest.fixture
def watch_the_check(monkeypatch: Any) -> list[tuple[bool, bool]]:
    """Each check of an upload, as (in a transaction?, the once-only claim's table written
    yet?): the check wraps jobs._check, where the zip's directory is read and files looked at."""
    seen: list[tuple[bool, bool]] = []
    real = jobs._check

    def watched(path: Path, source: str) -> str:
        seen.append((connection.in_atomic_block, UsedFormKey.objects.exists()))
        return real(path, source)

    monkeypatch.setattr(jobs, "_check", watched)
    return seen


@pytest.mark.django_db(transaction=True)
def test_the_upload_is_checked_outside_the_transaction_then_the_job_made_in_it(
    carol: Client, watch_the_check: list[tuple[bool, bool]], monkeypatch: Any
) -> None:
    made_in: list[bool] = []
    real_make = jobs.ImportJob.objects.create

    def create(**fields: Any) -> ImportJob:
        made_in.append(connection.in_atomic_block)
        return real_make(**fields)

    monkeypatch.setattr(jobs.ImportJob.objects, "create", create)
    response = carol.post(UPLOAD, _form("log.csv", (DATA / "example-log.csv").read_bytes()))
    assert response.status_code == 302
    job = only_job()
    assert response["Location"] == f"/audit-import/{job.pk}/"
    # Checked in autocommit, before the key was claimed; the job made inside the claim's
    # transaction, which kept where it went.
    assert watch_the_check == [(False, False)]
    assert made_in == [True]
    assert list(UsedFormKey.objects.values_list("went_to", flat=True)) == [response["Location"]]


@pytest.mark.django_db(transaction=True)
def test_a_refused_upload_is_checked_outside_too_and_lets_its_key_go(
    carol: Client, watch_the_check: list[tuple[bool, bool]], data_dir: Path
) -> None:
    response = carol.post(UPLOAD, _form("notes.csv", b"a,b\n1,2\n", source="csv"))
    assert response.status_code == 422
    assert errors_in(response.content.decode())[0].startswith("The file notes.csv is not")
    assert watch_the_check == [(False, False)]
    assert not ImportJob.objects.exists() and not _kept(data_dir)
    assert not UsedFormKey.objects.exists()  # so the mended form can be sent again


def test_sent_twice_checks_and_keeps_the_file_once(
    carol: Client, watch_the_check: list[tuple[bool, bool]], data_dir: Path
) -> None:
    data = _form("log.csv", (DATA / "example-log.csv").read_bytes())
    first = carol.post(UPLOAD, data)
    second = carol.post(UPLOAD, _again(data))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    job = only_job()
    assert len(watch_the_check) == 1  # the second send is known before it is checked
    assert [p.parent.parent.name for p in _kept(data_dir)] == [str(job.pk)]


def test_a_checked_upload_no_job_is_made_of_is_deleted(
    carol: Client, data_dir: Path, monkeypatch: Any
) -> None:
    """Sent at the same moment as the same form (the other won the claim), or with a key
    too old: the file was kept and checked, then nothing was made of it."""
    log = (DATA / "example-log.csv").read_bytes()
    monkeypatch.setattr(once, "act", lambda key, run: None)  # the other send won
    assert carol.post(UPLOAD, _form("log.csv", log)).status_code == 302
    monkeypatch.undo()
    stale = _form("log.csv", log)
    stale[once.FIELD] = "made-up"
    assert carol.post(UPLOAD, stale).status_code == 400
    assert not ImportJob.objects.exists() and not _kept(data_dir)


def test_a_zip_of_many_files_named_as_a_source_looks_at_the_first_few(
    carol: Client, data_dir: Path, monkeypatch: Any
) -> None:
    """The reviewer's zip (15,000 files of 64 KiB, sent as an event log) took 67 s in one
    request. Files are looked at, as for "Find out for me", only up to LOOK_AT."""
    import zipfile

    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    content = zipped({f"m/{i:04d}.csv": b"a,b\n1,2\n" for i in range(1_000)})
    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    response = carol.post(UPLOAD, _form("many.zip", content, source="csv"))
    assert response.status_code == 422
    assert errors_in(response.content.decode())[0].startswith(
        "The file many.zip!m/0000.csv is not an event log."
    )
    looked_at = set(opened)
    assert len(looked_at) == jobs.guess.LOOK_AT
    assert max(looked_at) == f"m/{jobs.guess.LOOK_AT - 1:04d}.csv"
    assert not _kept(data_dir)
