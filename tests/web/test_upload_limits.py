# ruff: noqa: F811 - the fixtures imported from test_upload are used by name
"""Limits on uploads (ADR 15). In one request, on any URL, signed in or not: the bytes of
every file together, and at most two files; a refused request leaves no temporary file
behind. A zip with too many files is refused before its list is made. One import at a time
for each person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import timezone

from sharedspace.imports.jobs import jobs
from sharedspace.imports.jobs.models import ImportJob, JobState
from sharedspace.web.uploads import MAX_FILES, upload_was_too_big

from .conftest import errors_in
from .test_upload import (  # noqa: F401 - fixtures used by name
    DATA,
    carol,
    data_dir,
    only_job,
    run_worker,
    send,
    worker_keeps_the_test_connection,
    zipped,
)


@pytest.fixture
def temp_dir(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to temporary files in a folder of the test's own, so what is left there
    can be seen (every upload, however small, goes to a temporary file)."""
    folder = tmp_path / "upload-tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return folder


def files_(n: int, size: int) -> dict[str, Any]:
    return {f"f{i}": SimpleUploadedFile(f"a{i}.csv", b"x" * size) for i in range(n)}


def test_the_byte_limit_is_for_the_whole_request(settings: Any, temp_dir: Path, db: Any) -> None:
    """Two files of 600 bytes under a limit of 1,000: the first is kept, the second is
    skipped as it arrives, and the request says it was too big."""
    settings.SHAREDSPACE_UPLOAD_MAX_BYTES = 1000
    request = RequestFactory().post("/audit-import/", files_(2, 600))
    kept = request.FILES
    assert list(kept) == ["f0"]
    assert sum(upload.size or 0 for name in kept for upload in kept.getlist(name)) <= 1000
    assert upload_was_too_big(request)


def test_files_under_the_limit_together_are_all_kept(
    settings: Any, temp_dir: Path, db: Any
) -> None:
    settings.SHAREDSPACE_UPLOAD_MAX_BYTES = 1000
    request = RequestFactory().post("/audit-import/", files_(MAX_FILES, 400))
    assert sorted(request.FILES) == ["f0", "f1"]
    assert not upload_was_too_big(request)


def test_more_files_than_allowed_refuse_the_request_and_leave_nothing(
    temp_dir: Path, db: Any
) -> None:
    """The reviewer's request of 50 files: refused at the third, and the two temporary files
    already written for it are deleted before the request goes on."""
    request = RequestFactory().post("/audit-import/", files_(50, 900))
    with pytest.raises(TooManyFilesSent):
        request.FILES  # noqa: B018 - reading it parses the body
    assert list(temp_dir.iterdir()) == []


def test_any_url_signed_out_answers_400_and_keeps_no_file(temp_dir: Path, db: Any) -> None:
    """The CSRF check reads the form of every POST; the limit holds there too."""
    client = Client(enforce_csrf_checks=True)
    client.get("/sign-in/")  # an attacker only needs a CSRF cookie of their own
    assert client.cookies.get("csrftoken")
    response = client.post("/sign-in/", {"email": "a@example.org", **files_(MAX_FILES + 1, 10)})
    assert response.status_code == 400
    assert list(temp_dir.iterdir()) == []


def test_a_too_big_upload_keeps_no_file_after_the_request(
    settings: Any, temp_dir: Path, cast: Any, signed_in: Any
) -> None:
    settings.SHAREDSPACE_UPLOAD_MAX_BYTES = 1000
    client = signed_in(cast.carol)
    response = client.post(
        "/audit-import/",
        {"form": "upload", "upload-source": "auto", "upload-records": files_(1, 5000)["f0"]},
    )
    assert "The file is bigger than" in response.content.decode()
    assert list(temp_dir.iterdir()) == []


# --- a zip with very many files ------------------------------------------------------------


def test_a_zip_with_too_many_files_is_refused_on_the_upload_page(
    carol: Client, data_dir: Path
) -> None:
    """A generated zip of 20,500 empty files: refused in plain words with the numbers, and
    nothing is kept."""
    content = zipped({f"m/{i:05d}.csv": b"" for i in range(20_500)})
    errors = errors_in(send(carol, "many.zip", content).content.decode())
    assert errors == [
        "We cannot audit this file: the zip file holds 20,500 files, and we read at most "
        "20,000 files from one zip file. Put the records in fewer files."
    ]
    assert not ImportJob.objects.exists()
    assert not any((data_dir / "imports").glob("*/upload/*"))


# --- one import at a time --------------------------------------------------------------------


def _log() -> bytes:
    return (DATA / "example-log.csv").read_bytes()


WAITING = (
    "You already have a file being audited. You can send another file when it has finished."
)


def test_a_second_upload_while_one_waits_is_refused_with_a_link_to_it(
    carol: Client, data_dir: Path
) -> None:
    send(carol, "first.csv", _log())
    first = only_job()
    page = carol.get("/audit-import/").content.decode()
    link = f'href="/audit-import/{first.pk}/"'
    assert "Your file first.csv is being audited now." in page and link in page
    # No form to send another: it would be refused only after the file was sent.
    assert 'type="file"' not in page and 'name="form" value="upload"' not in page

    # Sent from a page drawn before (another tab): refused, whatever else is wrong with it.
    response = send(carol, "second.csv", _log(), source="nonsense")
    assert errors_in(response.content.decode()) == [WAITING]
    response = send(carol, "second.csv", _log())
    html = response.content.decode()
    assert errors_in(html) == [WAITING]
    assert 'type="file"' not in html
    box = html.split('id="waiting-job"', 1)[1].split("</div>", 1)[0]
    assert link in box and "See how far it has got" in box
    assert only_job() == first  # no second job, and its upload is not kept
    assert [p.parent.parent.name for p in (data_dir / "imports").glob("*/upload/*")] == [
        str(first.pk)
    ]

    run_worker()  # the first is done: the next one is taken
    assert send(carol, "second.csv", _log()).status_code == 302
    assert ImportJob.objects.count() == 2
    page = carol.get("/audit-import/").content.decode()
    assert 'id="waiting-job"' in page and 'type="file"' not in page
    run_worker()
    page = carol.get("/audit-import/").content.decode()
    assert 'id="waiting-job"' not in page and 'type="file"' in page


def test_a_running_import_whose_worker_stopped_does_not_block_the_next(
    carol: Client,
) -> None:
    send(carol, "first.csv", _log())
    first = only_job()
    long_ago = timezone.now() - dt.timedelta(hours=2)
    ImportJob.objects.filter(pk=first.pk).update(
        state=JobState.RUNNING, started_at=long_ago, progress_at=long_ago
    )
    assert send(carol, "second.csv", _log()).status_code == 302
    first.refresh_from_db()
    assert first.state == JobState.FAILED


def test_someone_elses_waiting_import_does_not_count(
    carol: Client, cast: Any, signed_in: Any
) -> None:
    send(signed_in(cast.sam), "sams.csv", _log())
    assert send(carol, "mine.csv", _log()).status_code == 302
    assert ImportJob.objects.count() == 2


def test_two_uploads_at_once_still_make_one_job(carol: Client, monkeypatch: Any) -> None:
    """If the first look missed the other upload (both looked before either made its job),
    the look inside the transaction that makes the job finds it."""
    send(carol, "first.csv", _log())
    monkeypatch.setattr(jobs, "job_waiting", lambda person: None)
    response = send(carol, "second.csv", _log())
    assert response.status_code == 422
    html = response.content.decode()
    assert errors_in(html) == [WAITING]
    assert 'id="waiting-job"' in html and 'type="file"' not in html
    assert ImportJob.objects.count() == 1
