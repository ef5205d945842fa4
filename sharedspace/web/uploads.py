"""The size limit on uploads, kept while the upload arrives (not after it is all on disk).

Django reads a multipart body before any view runs (the CSRF check reads the form), so the
limit is an upload handler (settings.FILE_UPLOAD_HANDLERS): past the limit it skips the
file, and marks the request so that the page can say "too big" rather than "no file".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

TOO_BIG = "sharedspace_upload_too_big"


def upload_limit() -> int:
    return int(getattr(settings, "SHAREDSPACE_UPLOAD_MAX_BYTES", 100 << 20))


def upload_was_too_big(request: HttpRequest) -> bool:
    """Whether a file in this request was skipped for being over the limit."""
    return bool(getattr(request, TOO_BIG, False))


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes; past the limit, skips the file and marks the request."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > upload_limit():
            if self.request is not None:
                setattr(self.request, TOO_BIG, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
