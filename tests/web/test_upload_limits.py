"""The upload limits hold for a whole request, on any URL, signed in or not (ADR 15): the
bytes of every file together, and at most two files; a refused request leaves no temporary
file behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from sharedspace.web.uploads import MAX_FILES, upload_was_too_big


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
    assert sum(f.size for f in kept.values()) <= 1000
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
