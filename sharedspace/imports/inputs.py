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
import struct
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
#: The most files (members) one zip file may hold. Listing a zip's members costs time and
#: memory for each one before any record is read (300,000 empty members: 3 s and 270 MB),
#: so a zip with more is refused before its list is made. The largest export we know of in
#: the one-file-per-proposal format, decidim.barcelona's 2016 process, is about 10,900 files.
MAX_ZIP_MEMBERS = 20_000


class TooManyMembers(ImportInputError):
    """A zip file holds more members than MAX_ZIP_MEMBERS: `count` of them, or more (when
    the count is `limit` + 1, counting stopped there)."""

    def __init__(self, path: Path | str, count: int, limit: int) -> None:
        self.path, self.count, self.limit = str(path), count, limit
        held = f"{count:,}" if count > limit + 1 else f"more than {limit:,}"
        super().__init__(
            f"{path}: the zip file holds {held} files, and at most {limit:,} are read from one "
            "zip file; unzip it and import the folder, or put the records in fewer files"
        )


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


_END = struct.Struct("<4s4H2LH")  # the end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")  # only its size is used
_END64 = struct.Struct("<4sQ2H2L4Q")
_ENTRY = struct.Struct("<4s24x3H12x")  # a central directory entry: its three lengths
_END_MAX = _END.size + 0xFFFF  # the record and the longest comment


def _read_at(handle: IO[bytes], offset: int, size: int) -> bytes:
    handle.seek(offset)
    return handle.read(size)


def zip_member_count(path: Path | str, *, stop_after: int | None = None) -> int | None:
    """How many members the zip at `path` holds, read from its central directory without
    making the list; counting stops past `stop_after` (MAX_ZIP_MEMBERS). None when the
    directory cannot be found (then opening the zip says what is wrong).

    The end record's own count is taken when it is already past `stop_after`; otherwise the
    directory's entries are counted (a damaged or crafted zip can declare fewer than it
    holds), reading only their fixed headers."""
    if stop_after is None:
        stop_after = MAX_ZIP_MEMBERS
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        tail = _read_at(handle, max(0, size - _END_MAX), _END_MAX)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < _END.size:
            return None
        end_offset = size - len(tail) + at
        _, _, _, _, declared, cd_size, _, _ = _END.unpack_from(tail, at)
        if declared == 0xFFFF or cd_size == 0xFFFFFFFF:  # a zip64 archive
            # the zip64 end record and its locator come just before (as zipfile reads them)
            end_offset -= _END64.size + _END64_LOCATOR.size
            if end_offset < 0:
                return None
            record = _read_at(handle, end_offset, _END64.size)
            if record[:4] != b"PK\x06\x06":
                return None
            declared, cd_size = _END64.unpack(record)[7:9]
        if declared > stop_after:
            return int(declared)
        # The directory ends where the end records start (whatever the zip has before it).
        handle.seek(max(0, end_offset - cd_size))
        count = read = 0
        while read + _ENTRY.size <= cd_size and count <= stop_after:
            head = handle.read(_ENTRY.size)
            if len(head) < _ENTRY.size or head[:4] != b"PK\x01\x02":
                break
            name, extra, comment = _ENTRY.unpack(head)[1:]
            handle.seek(name + extra + comment, os.SEEK_CUR)
            read += _ENTRY.size + name + extra + comment
            count += 1
        return max(count, int(declared))


def _zip_members(archive: zipfile.ZipFile, label: str, plan: Plan, *, explicit: bool) -> None:
    everything = archive.infolist()
    if len(everything) > MAX_ZIP_MEMBERS:  # the count read first was wrong: still refused
        raise TooManyMembers(label, len(everything), MAX_ZIP_MEMBERS)
    infos = sorted((info for info in everything if not info.is_dir()), key=lambda i: i.filename)
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
    """The zip, opened; TooManyMembers (before its list of members is made) when it holds
    more than MAX_ZIP_MEMBERS."""
    count = zip_member_count(path)
    if count is not None and count > MAX_ZIP_MEMBERS:
        raise TooManyMembers(path, count, MAX_ZIP_MEMBERS)
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
                except TooManyMembers as exc:  # one bad file of the folder; the rest is read
                    plan.broken.append((full, exc.message.removeprefix(f"{full}: ")))
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
