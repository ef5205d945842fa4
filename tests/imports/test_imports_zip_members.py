"""A zip with very many files is refused before its list of members is made (security
review 5): the count is read from the zip's central directory, even when the zip's own
count is wrong; the command line exits 2 naming it; in a folder it is one bad file."""

from __future__ import annotations

import contextlib
import io
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sharedspace.imports import ImportInputError, inputs
from sharedspace.imports.inputs import (
    MAX_ZIP_MEMBERS,
    TooManyMembers,
    plan_input,
    zip_member_count,
)

LOG = b"when,party,action,venue\n2024-01-02,Council,open_space,own\n"


def many(path: Path, n: int, *, content: bytes = b"") -> Path:
    """A zip of `n` members (the reviewer's: empty .csv files)."""
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(n):
            archive.writestr(f"m/{i:07d}.csv", content)
    return path


def declare(path: Path, count: int) -> None:
    """Make the zip's end record claim `count` members, whatever it holds."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<2H", data, at + 8, count, count)
    path.write_bytes(bytes(data))


def plan(path: Path) -> inputs.Plan:
    with contextlib.ExitStack() as stack:
        return plan_input(path, stack)


def test_the_count_is_read_from_the_central_directory(tmp_path: Path) -> None:
    path = many(tmp_path / "a.zip", 30)
    assert zip_member_count(path) == 30
    assert zip_member_count(path, stop_after=10) == 30  # its own count, past the limit
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = b"PK a comment that looks like nothing"
    assert zip_member_count(path) == 30
    assert zip_member_count(tmp_path / "a.zip") == len(zipfile.ZipFile(path).infolist())


def test_a_zip_that_declares_fewer_members_than_it_holds_is_counted(tmp_path: Path) -> None:
    path = many(tmp_path / "liar.zip", 30)
    declare(path, 5)
    assert len(zipfile.ZipFile(path).infolist()) == 30  # zipfile reads them all anyway
    assert zip_member_count(path, stop_after=10) == 11
    assert zip_member_count(path, stop_after=100) == 30


def test_data_before_the_zip_does_not_change_the_count(tmp_path: Path) -> None:
    """A zip after other bytes (as a self-extracting archive is) is still counted."""
    path = many(tmp_path / "a.zip", 12)
    path.write_bytes(b"#!/bin/sh\n" * 100 + path.read_bytes())
    assert len(zipfile.ZipFile(path).infolist()) == 12
    assert zip_member_count(path) == 12


def test_not_a_zip_has_no_count(write: Callable[..., Path]) -> None:
    assert zip_member_count(write("x.zip", b"not a zip")) is None
    with pytest.raises(ImportInputError, match="not a readable zip file"):
        plan(write("y.zip", b"not a zip"))


def test_a_zip64_archive_past_the_limit_is_refused_with_little_memory(tmp_path: Path) -> None:
    """70,000 members (past 65,535, so zip64 end records): refused from the end records
    alone; the reviewer's 300,000 took 4 s and 470 MB when the list was made."""
    path = many(tmp_path / "big.zip", 70_000)
    tracemalloc.start()
    try:
        with pytest.raises(TooManyMembers) as caught:
            plan(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, peak
    assert caught.value.count == 70_000
    assert caught.value.message == (
        f"{path}: the zip file holds 70,000 files, and at most 20,000 are read from one zip "
        "file; unzip it and import the folder, or put the records in fewer files"
    )


def test_one_past_the_limit_is_refused_and_the_limit_itself_is_read(
    tmp_path: Path,
) -> None:
    at_limit = many(tmp_path / "limit.zip", MAX_ZIP_MEMBERS, content=LOG)
    assert len(plan(at_limit).files) == MAX_ZIP_MEMBERS
    over = many(tmp_path / "over.zip", MAX_ZIP_MEMBERS + 1)
    with pytest.raises(TooManyMembers, match="holds more than 20,000 files"):
        plan(over)


def test_a_lying_zip_is_refused_all_the_same(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(inputs, "MAX_ZIP_MEMBERS", 10)
    path = many(tmp_path / "liar.zip", 30)
    declare(path, 5)
    with pytest.raises(TooManyMembers, match="holds more than 10 files"):
        plan(path)
    # and if the directory could not be counted first, the list is checked before use
    monkeypatch.setattr(inputs, "zip_member_count", lambda *a, **k: None)
    with pytest.raises(TooManyMembers, match="holds 30 files"):
        plan(path)


def test_in_a_folder_the_zip_is_one_bad_file_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(inputs, "MAX_ZIP_MEMBERS", 10)
    folder = tmp_path / "records"
    folder.mkdir()
    many(folder / "big.zip", 30)
    (folder / "log.csv").write_bytes(LOG)
    found = plan(folder)
    assert [Path(f.name).name for f in found.files] == ["log.csv"]
    assert found.broken == [
        (
            str(folder / "big.zip"),
            "the zip file holds 30 files, and at most 10 are read from one zip file; unzip "
            "it and import the folder, or put the records in fewer files",
        )
    ]


def test_the_command_line_exits_2_and_names_the_count(
    tmp_path: Path, monkeypatch: Any, db: Any
) -> None:
    """CONTRACT.md: exit 2 for bad input, with a message naming what is wrong."""
    from contextlib import redirect_stderr, redirect_stdout

    from sharedspace.cli.main import main

    monkeypatch.setattr(inputs, "MAX_ZIP_MEMBERS", 10)
    path = many(tmp_path / "big.zip", 30)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["audit-import", str(path), "--source", "csv"])
    assert code == 2
    assert out.getvalue() == ""
    assert "the zip file holds 30 files, and at most 10 are read from one zip file" in (
        err.getvalue()
    )
