"""Turn PATH (a file, a folder, or a .zip) into an ordered list of input files.

A folder is walked recursively and sorted by relative path, so that the order (and so the
line numbers in reports) is the same on every machine. In a folder only data files are read
(.json, .csv, .tsv, and the members of .zip files); anything else (a README, a spreadsheet) is
skipped with a notice. A file named explicitly is read whatever its name.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import ImportInputError

#: What reading a file (or a zip member) may raise: the file is then one bad file.
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)
#: Files up to this size are read into memory in one go (a folder of proposal files).
SMALL_FILE = 1 << 20
DATA_SUFFIXES = frozenset({".json", ".csv", ".tsv"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xls", ".ods", ".numbers"})


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its name in reports, its size in bytes, and how to open it."""

    name: str
    size: int
    opener: Callable[[], IO[bytes]]

    def open(self) -> IO[bytes]:
        return self.opener()

    def head(self, size: int = 65536) -> bytes:
        """The first bytes, for telling formats apart."""
        with self.open() as handle:
            return handle.read(size)

    def in_memory(self) -> InputFile:
        """The same file, read once into memory (for small files only)."""
        with self.open() as handle:
            data = handle.read()
        return InputFile(self.name, len(data), lambda: io.BytesIO(data))


@dataclass(slots=True)
class Plan:
    """What PATH holds: the files to read, the files skipped, and the problems found."""

    files: list[InputFile]
    skipped: list[tuple[str, str]]  # (name, why) for notices
    broken: list[tuple[str, str]]  # (name, why) for bad rows: e.g. an unreadable zip


def _is_hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _zip_members(archive: zipfile.ZipFile, label: str, plan: Plan, *, explicit: bool) -> None:
    infos = sorted(
        (info for info in archive.infolist() if not info.is_dir()), key=lambda i: i.filename
    )
    for info in infos:
        parts = tuple(p for p in info.filename.split("/") if p)
        name = f"{label}!{info.filename}"
        if _is_hidden(parts):
            continue
        suffix = Path(info.filename).suffix.lower()
        if suffix not in DATA_SUFFIXES and not (explicit and len(infos) == 1):
            plan.skipped.append((name, "not a .json, .csv or .tsv file"))
            continue
        if info.flag_bits & 0x1:
            plan.broken.append((name, "the file is encrypted in the zip"))
            continue

        def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
            return archive.open(info)

        plan.files.append(InputFile(name, info.file_size, opener))


def _open_zip(path: Path, stack: contextlib.ExitStack) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(path)
    stack.enter_context(archive)
    return archive


def _file_opener(path: Path | str) -> Callable[[], IO[bytes]]:
    return lambda: open(path, "rb")  # the caller closes it


def _walk(folder: Path) -> list[tuple[str, str, int]]:
    """(relative path, full path, size) of every file under folder, sorted by relative path;
    hidden files and folders (and macOS's __MACOSX) left out."""
    found: list[tuple[str, str, int]] = []
    pending = [("", str(folder))]
    while pending:
        prefix, directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name == "__MACOSX":
                    continue
                relative = prefix + entry.name
                if entry.is_dir():
                    pending.append((relative + "/", entry.path))
                elif entry.is_file():
                    found.append((relative, entry.path, entry.stat().st_size))
    found.sort()
    return found


def plan_input(path: Path, stack: contextlib.ExitStack) -> Plan:
    """List the files that PATH holds; raise ImportInputError if PATH itself is unusable."""
    plan = Plan(files=[], skipped=[], broken=[])
    if not path.exists():
        raise ImportInputError(f"{path}: no such file or folder")
    if path.is_dir():
        for _, full, size in _walk(path):
            suffix = os.path.splitext(full)[1].lower()
            if suffix == ".zip":
                try:
                    _zip_members(_open_zip(Path(full), stack), full, plan, explicit=False)
                except (zipfile.BadZipFile, OSError) as exc:
                    plan.broken.append((full, f"not a readable zip file ({exc})"))
            elif suffix in DATA_SUFFIXES:
                plan.files.append(InputFile(full, size, _file_opener(full)))
            else:
                plan.skipped.append((full, "not a .json, .csv, .tsv or .zip file"))
        if not plan.files and not plan.broken:
            raise ImportInputError(
                f"{path}: the folder holds no .json, .csv, .tsv or .zip files to import"
            )
        return plan
    if not path.is_file():
        raise ImportInputError(f"{path}: not a file or a folder")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        raise ImportInputError(
            f"{path}: spreadsheet files are not read; save the sheet as CSV and import that"
        )
    if suffix == ".zip" or (suffix not in DATA_SUFFIXES and zipfile.is_zipfile(path)):
        try:
            archive = _open_zip(path, stack)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportInputError(f"{path}: not a readable zip file ({exc})") from None
        _zip_members(archive, str(path), plan, explicit=True)
        if not plan.files:
            raise ImportInputError(
                f"{path}: the zip file holds no .json, .csv or .tsv files to import"
            )
        return plan
    try:
        size = path.stat().st_size
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise ImportInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise ImportInputError(f"{path}: the file is empty")
    plan.files.append(InputFile(str(path), size, _file_opener(path)))
    return plan
