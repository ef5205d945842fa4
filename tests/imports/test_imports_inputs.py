"""PATH handling (file, folder, zip), unreadable input, progress, and the stream's counters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sharedspace.imports import ImportInputError, open_source

LOG_HEADER = "when,party,action,venue,outcome\n"


def _log_rows(count: int, *, start: int = 0) -> str:
    return "".join(
        f"2024-01-{1 + i % 28:02d},Council,decide,own,passed\n" for i in range(start, count)
    )


# -- unreadable input ---------------------------------------------------------------------------


def test_no_such_path(tmp_path: Path) -> None:
    """A path that does not exist raises ImportInputError naming it."""
    missing = tmp_path / "nope.csv"
    with pytest.raises(ImportInputError) as caught:
        open_source(missing, "csv")
    assert str(caught.value) == f"{missing}: no such file or folder"


def test_empty_folder(tmp_path: Path) -> None:
    """A folder with no data files raises ImportInputError saying so."""
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ImportInputError) as caught:
        open_source(tmp_path, "decidim")
    assert "holds no .json, .csv, .tsv or .zip files" in str(caught.value)


def test_empty_file(write: Callable[..., Path]) -> None:
    """An empty file named on its own is refused."""
    path = write("empty.csv", "")
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "csv")
    assert "empty" in str(caught.value)


def test_unknown_source(write: Callable[..., Path]) -> None:
    """Only decidim, consul and csv are sources."""
    path = write("a.csv", LOG_HEADER)
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "loomio")
    assert "decidim, consul, csv" in str(caught.value)


def test_a_spreadsheet_is_refused_with_advice(write: Callable[..., Path]) -> None:
    """An .xlsx file is not read; the message says to save it as CSV."""
    path = write("log.xlsx", b"PK\x03\x04 not really")
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "csv")
    assert "save the sheet as CSV" in str(caught.value)


def test_a_binary_file_is_not_a_known_format(write: Callable[..., Path]) -> None:
    """A file that is not text at all is refused as not a known format."""
    path = write("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "csv")
    assert "not text" in str(caught.value)


def test_a_broken_zip(write: Callable[..., Path]) -> None:
    """A .zip that is not a zip is refused."""
    path = write("data.zip", b"this is not a zip")
    with pytest.raises(ImportInputError) as caught:
        open_source(path, "decidim")
    assert "not a readable zip file" in str(caught.value)


# -- folders and zips ---------------------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """Files in a folder and its subfolders are read sorted by relative path; hidden files
    and folders are left alone, and other files are skipped with a notice."""
    write("b.csv", LOG_HEADER + _log_rows(1))
    write("a/z.csv", LOG_HEADER + _log_rows(2))
    write("a.csv", LOG_HEADER + _log_rows(1))
    write(".hidden.csv", "garbage")
    write(".git/x.csv", "garbage")
    write("notes.md", "# notes")
    with open_source(tmp_path, "csv") as stream:
        records = list(stream)
    assert [Path(r.origin.file).relative_to(tmp_path).as_posix() for r in records] == [
        "a.csv",
        "a/z.csv",
        "a/z.csv",
        "b.csv",
    ]
    assert stream.skipped_files == [str(tmp_path / "notes.md")]
    assert stream.bad_row_count == 0
    assert stream.files_read == 3


def test_a_zip_inside_a_folder_and_a_bad_zip_beside_it(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """A .zip in a folder is opened and its members read; a broken .zip is one bad file."""
    with zipfile.ZipFile(tmp_path / "logs.zip", "w") as archive:
        archive.writestr("2024/feb.csv", LOG_HEADER + _log_rows(2))
        archive.writestr("2024/jan.csv", LOG_HEADER + _log_rows(1))
        archive.writestr("__MACOSX/._jan.csv", "junk")
    write("broken.zip", b"not a zip")
    with open_source(tmp_path, "csv") as stream:
        records = list(stream)
    assert [r.origin.file.split("!")[1] for r in records] == [
        "2024/feb.csv",
        "2024/feb.csv",
        "2024/jan.csv",
    ]
    assert [(Path(b.file).name, b.code) for b in stream.bad_rows] == [
        ("broken.zip", "unreadable_file"),
    ]


def test_a_corrupt_zip_member_is_a_bad_file(tmp_path: Path) -> None:
    """A member whose data is damaged is reported; the other members are read."""
    archive = tmp_path / "logs.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("a.csv", LOG_HEADER + _log_rows(50))
        zipped.writestr("b.csv", LOG_HEADER + _log_rows(3))
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("a.csv")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 60, start + 70):
        data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))
    with open_source(archive, "csv") as stream:
        records = list(stream)
    assert [r.origin.file.split("!")[1] for r in records][-3:] == ["b.csv"] * 3
    assert [(b.file.split("!")[1], b.code) for b in stream.bad_rows] == [
        ("a.csv", "unreadable_file"),
    ]


# -- progress and counters ----------------------------------------------------------------------


def test_progress_reports_bytes_read_up_to_the_total(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    """The callback gets (bytes read, total bytes), never going back, ending at the total;
    the parser itself prints nothing."""
    write("a.csv", LOG_HEADER + _log_rows(20000))
    write("b.csv", LOG_HEADER + _log_rows(10))
    total = sum(p.stat().st_size for p in tmp_path.iterdir())
    calls: list[tuple[int, int]] = []
    with open_source(
        tmp_path, "csv", progress=lambda done, all_: calls.append((done, all_))
    ) as stream:
        assert stream.total_bytes == total
        for _ in stream:
            pass
    assert len(calls) > 2
    assert all(all_ == total for _, all_ in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[-1] == total


def test_progress_does_not_print(
    write: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing goes to standard output or error, even with bad rows."""
    path = write("a.csv", LOG_HEADER + "x,y,z,w,v\n" + _log_rows(3))
    with open_source(path, "csv") as stream:
        list(stream)
    assert stream.bad_row_count == 1
    assert capsys.readouterr() == ("", "")


def test_bad_rows_are_capped_but_all_counted(write: Callable[..., Path]) -> None:
    """Only max_bad_rows are kept in full; the total and the counts by reason are exact."""
    rows = "".join(
        "2024-01-01,Council,vote,own,\n2024-13-01,Council,decide,own,passed\n" for _ in range(50)
    )
    path = write("a.csv", LOG_HEADER + rows)
    with open_source(path, "csv", max_bad_rows=10) as stream:
        assert list(stream) == []
    assert len(stream.bad_rows) == 10
    assert stream.bad_row_count == 100
    assert stream.bad_rows_by_reason == {"unknown_action": 50, "bad_date": 50}
    summary = stream.summary()
    assert summary["bad_rows"]["total"] == 100
    assert len(summary["bad_rows"]["first"]) == 10
    assert json.dumps(summary)  # plain data, ready for a report


def test_a_stream_is_read_once(write: Callable[..., Path]) -> None:
    """Iterating a second time is a programming error, said plainly."""
    path = write("a.csv", LOG_HEADER + _log_rows(1))
    with open_source(path, "csv") as stream:
        list(stream)
        with pytest.raises(RuntimeError):
            iter(stream)


def test_the_importers_are_pure_python() -> None:
    """Importing sharedspace.imports loads no Django and none of the web, API or CLI layers,
    so a background task, the CLI or a script can use it alike."""
    code = (
        "import sys, sharedspace.imports\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'\n"
        "       or m.startswith(('sharedspace.web', 'sharedspace.api', 'sharedspace.cli'))]\n"
        "print(bad)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "[]"
