"""The size limit on uploads, kept while the upload arrives (not after it is all on disk).

Django reads a multipart body before any view runs (the CSRF check reads the form, on any
URL, signed in or not), so the limits are an upload handler (settings.FILE_UPLOAD_HANDLERS),
and they hold for the whole request, not for each file (ADR 15):

- at most ``upload_limit()`` bytes of files in one request: past it, the rest of the file is
  skipped (never written), every later file too, and the request is marked so that the
  page can say "too big" rather than "no file";
- at most ``MAX_FILES`` files in one request (the only upload form takes one file): a request
  with more is refused as a bad request (400) as soon as the extra file starts, and Django
  then closes, and so deletes, the files it had kept for it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

TOO_BIG = "sharedspace_upload_too_big"
#: The most files one request may carry. The upload page sends one; a second leaves room
#: for a form that one day sends two, never for a hundred.
MAX_FILES = 2


def upload_limit() -> int:
    return int(getattr(settings, "SHAREDSPACE_UPLOAD_MAX_BYTES", 100 << 20))


def upload_was_too_big(request: HttpRequest) -> bool:
    """Whether a file in this request was skipped for being over the limit."""
    return bool(getattr(request, TOO_BIG, False))


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes and the files of the whole request; past the byte limit, skips what
    is left and marks the request; past MAX_FILES files, refuses the request.

    Django makes one handler for each request (``HttpRequest.upload_handlers``), so the
    counts start at zero for each request and are never reset between its files."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.files = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > MAX_FILES:
            # Raised before the other handlers open anything for this file; the parser then
            # closes every file it kept for the request (a temporary file is deleted when it
            # is closed), and Django answers 400 Bad Request.
            raise TooManyFilesSent(f"more than {MAX_FILES} files in one request")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > upload_limit():
            if self.request is not None:
                setattr(self.request, TOO_BIG, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
