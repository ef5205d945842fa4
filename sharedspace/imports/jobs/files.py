"""Where an upload waits while it is imported: a folder per job in the data folder.

``<SHAREDSPACE_DATA_DIR>/imports/<job id>/upload/<file name>`` holds the uploaded file (or
zip) until the import ends, then it is deleted; ``skipped-rows.csv`` beside it lists every
row the import skipped, for the report page's download. Nothing here is in the database,
so a large upload never passes through it. Several app servers need this folder on shared
storage (ADR 0015).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.text import get_valid_filename

#: The size limits when the settings do not say (docs/imports.md, "In the browser").
DEFAULT_MAX_UPLOAD = 100 * 1024 * 1024
DEFAULT_MAX_UNZIPPED = 1024 * 1024 * 1024
SKIPPED_ROWS = "skipped-rows.csv"


def max_upload_bytes() -> int:
    return int(getattr(settings, "SHAREDSPACE_UPLOAD_MAX_BYTES", DEFAULT_MAX_UPLOAD))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "SHAREDSPACE_UPLOAD_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED))


def imports_root() -> Path:
    return Path(settings.SHAREDSPACE_DATA_DIR) / "imports"


def job_folder(job_id: Any) -> Path:
    return imports_root() / str(job_id)


def upload_folder(job_id: Any) -> Path:
    return job_folder(job_id) / "upload"


def safe_name(name: str) -> str:
    """The uploaded file's own name, made safe to keep on disk (no folders, no oddities)."""
    base = Path(str(name).replace("\\", "/")).name
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # Django refuses names it cannot clean ("..", "")
        cleaned = ""
    return cleaned[:200] or "upload"


def save_upload(job_id: Any, name: str, chunks: Iterable[bytes]) -> Path:
    """Write the upload's chunks into the job's folder; return the file's path."""
    folder = upload_folder(job_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / safe_name(name)
    with open(path, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def uploaded_file(job_id: Any) -> Path | None:
    """The upload waiting in the job's folder, or None once it has been deleted."""
    folder = upload_folder(job_id)
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return files[0] if files else None


def delete_upload(job_id: Any) -> None:
    shutil.rmtree(upload_folder(job_id), ignore_errors=True)


def delete_job_files(job_id: Any) -> None:
    shutil.rmtree(job_folder(job_id), ignore_errors=True)


def skipped_rows_path(job_id: Any) -> Path:
    return job_folder(job_id) / SKIPPED_ROWS


def hide_folder(value: Any, folder: Path) -> Any:
    """``value`` (plain data from a report or a message) with the server's folder taken out
    of every string, so that people see `records.zip!0001.json:3`, never our paths."""
    prefix = str(folder) + "/"
    if isinstance(value, str):
        return value.replace(prefix, "").replace(str(folder), "")
    if isinstance(value, dict):
        return {hide_folder(k, folder): hide_folder(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [hide_folder(v, folder) for v in value]
    return value
