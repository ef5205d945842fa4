"""Limits that keep one file from costing the worker its memory, or the upload page its
time (security review; ADR 23):

- a JSON file of one object is read up to ``decidim.MAX_RECORD_CHARS`` and no further: a
  larger one is a skipped file (``record_too_large``), not a read of 400 MB into memory;
  an array's element has the same limit;
- a CSV line is read up to ``textio.MAX_LINE_CHARS``: a longer one is a skipped row
  (``line_too_long``), and the lines after it keep their numbers;
- a record nested too deeply for the json module is broken JSON, not the end of the import;
- checking what an upload is (``find_source``) looks at the first ``LOOK_AT`` files of a zip,
  whether the source is named or found.

The limits are patched smaller here, so the files stay small and the tests fast."""

from __future__ import annotations

import contextlib
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sharedspace.imports import decidim, open_source, textio
from sharedspace.imports.jobs import guess
from sharedspace.imports.jobs.guess import LOOK_AT, NotReadable, find_source

MiB = 1 << 20
PROPOSAL = {"id": 7, "title": {"en": "More benches"}, "state": "accepted",
            "published_at": "2024-03-01T10:00:00Z", "author": {"name": "Ana"}}


def read(path: Path, source: str) -> tuple[int, list[tuple[int | None, str, str]]]:
    """(records read, the skipped rows as (line, code, reason))."""
    with open_source(path, source) as stream:
        records = sum(1 for _ in stream)
        return records, [(b.line, b.code, b.reason) for b in stream.bad_rows]


# --- one JSON object ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [200_000, 3 * MiB])  # read whole (small) / streamed (large)
def test_a_json_object_over_the_limit_is_a_skipped_file(
    write: Callable[..., Path], monkeypatch: Any, size: int
) -> None:
    monkeypatch.setattr(decidim, "MAX_RECORD_CHARS", 100_000)
    path = write("one.json", '{"id": 1, "title": "' + "a" * size + '"}')
    records, bad = read(path, "decidim")
    assert records == 0
    assert bad == [(None, "record_too_large",
                    "the file is one JSON record larger than 100,000 characters, the most one "
                    "record may be; the file was not read")]


def test_a_json_object_within_the_limit_is_read(
    write: Callable[..., Path], monkeypatch: Any
) -> None:
    monkeypatch.setattr(decidim, "MAX_RECORD_CHARS", 100_000)
    text = json.dumps({**PROPOSAL, "body": {"en": "b" * 90_000}})
    assert len(text) < 100_000
    records, bad = read(write("one.json", text), "decidim")
    assert (records, bad) == (1, [])


def test_the_reviewers_zip_is_refused_without_reading_the_object_into_memory(
    tmp_path: Path,
) -> None:
    """The real limit: a zip of one object of 64 MiB (a few KB zipped; the reviewer's was
    400 MB) holds at most about the limit and a chunk of text at a time, and is read only up
    to the limit."""
    path = tmp_path / "records.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("proposals.json", "w") as member,
    ):
        member.write(b'{"id": 1, "title": "')
        for _ in range(64):
            member.write(b"a" * MiB)
        member.write(b'"}')
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        records, bad = read(path, "decidim")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert records == 0 and [code for _, code, _ in bad] == ["record_too_large"]
    assert "larger than 4 MB" in bad[0][2]
    assert peak < 32 * MiB, peak


def test_an_array_element_over_the_limit_is_broken_json(
    write: Callable[..., Path], monkeypatch: Any
) -> None:
    """An element has the same limit (it cannot be told from a quote never closed, so it
    stays ``bad_json``, and the rest of the array cannot be split)."""
    monkeypatch.setattr(decidim, "MAX_RECORD_CHARS", 100_000)
    small = json.dumps(PROPOSAL)
    path = write("many.json", f'[{small}, {{"id": 2, "title": "{"a" * 3 * MiB}"}}, {small}]')
    records, bad = read(path, "decidim")
    assert records == 1
    assert [(line, code) for line, code, _ in bad] == [(1, "bad_json")]
    assert "too large" in bad[0][2]


def test_a_record_nested_too_deeply_is_broken_json_and_the_rest_is_read(
    write: Callable[..., Path],
) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    records, bad = read(write("one.json", '{"id": 1, "title": ' + deep + "}"), "decidim")
    assert records == 0
    assert [(line, code) for line, code, _ in bad] == [(1, "bad_json")]
    assert "nested too deeply" in bad[0][2]
    small = json.dumps(PROPOSAL)
    path = write("many.json", f"[{small},\n{deep},\n{small}]")
    records, bad = read(path, "decidim")
    assert records == 2
    assert [(line, code) for line, code, _ in bad] == [(2, "bad_json")]


# --- one CSV line ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "header", "good"),
    [
        ("consul", "id;title", "{i};Benches {i}"),
        ("decidim", "id;title/en;state", "{i};Benches {i};accepted"),
        ("csv", "when,party,action,venue", "2024-01-0{i},Council,open_space,own"),
    ],
)
def test_a_csv_line_over_the_limit_is_a_skipped_row(
    write: Callable[..., Path], monkeypatch: Any, source: str, header: str, good: str
) -> None:
    monkeypatch.setattr(textio, "MAX_LINE_CHARS", 1_000)
    lines = [header, good.format(i=1), good.format(i=2) + "x" * 5_000, good.format(i=3)]
    records, bad = read(write("rows.csv", "\r\n".join(lines) + "\r\n"), source)
    assert records == 2
    assert bad == [(3, "line_too_long",
                    "the line is longer than 1,000 characters, the most one line may be; it "
                    "was skipped")]


def test_a_csv_line_over_the_limit_at_the_end_of_the_file(
    write: Callable[..., Path], monkeypatch: Any
) -> None:
    monkeypatch.setattr(textio, "MAX_LINE_CHARS", 1_000)
    records, bad = read(write("rows.csv", "id;title\n1;Benches\n2;" + "x" * 5_000), "consul")
    assert records == 1
    assert [(line, code) for line, code, _ in bad] == [(3, "line_too_long")]


# --- looking at an upload's files ----------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


@pytest.mark.parametrize("asked", ["auto", "decidim", "consul", "csv"])
def test_a_named_source_looks_at_the_first_files_only(
    tmp_path: Path, monkeypatch: Any, asked: str
) -> None:
    """The reviewer's zip: 15,000 files that are none of the formats, sent as an event log,
    were each opened and read (64 KiB) while the upload page waited: 67 s. Now at most the
    first LOOK_AT are opened, a few times each, whatever was asked."""
    members = {f"m/{i:05d}.csv": b"a,b\n1,2\n" for i in range(LOOK_AT * 10)}
    path = _zip(tmp_path / "many.zip", members)
    opened: list[str] = []
    real = zipfile.ZipFile.open

    def counting(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(name, "filename", name))
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    with pytest.raises(NotReadable) as refused:
        find_source(path, asked)
    assert refused.value.file.endswith("!m/00000.csv")
    assert sorted(set(opened)) == sorted(members)[:LOOK_AT]
    assert len(opened) <= 4 * LOOK_AT


def test_a_readable_file_after_the_first_few_is_not_looked_for(tmp_path: Path) -> None:
    """The same for a source named as for one found: the first LOOK_AT files decide."""
    log = b"when,party,action,venue\n2024-01-02,Council,open_space,own\n"
    members = {f"m/{i:03d}.csv": b"a,b\n1,2\n" for i in range(LOOK_AT)}
    path = _zip(tmp_path / "late.zip", {**members, "m/999.csv": log})
    for asked in ("auto", "csv"):
        with pytest.raises(NotReadable):
            find_source(path, asked)
    path = _zip(tmp_path / "early.zip", {**dict(list(members.items())[1:]), "m/999.csv": log})
    assert find_source(path, "csv") == find_source(path, "auto") == "csv"


def test_a_plan_already_made_is_used(tmp_path: Path, monkeypatch: Any) -> None:
    """The upload's check lists the zip once (20,000 members take a while)."""
    from sharedspace.imports.inputs import plan_input

    path = _zip(tmp_path / "a.zip", {"log.csv": b"when,party,action,venue\n"})
    with contextlib.ExitStack() as stack:
        plan = plan_input(path, stack)
        monkeypatch.setattr(guess, "plan_input", None)  # would fail if called
        assert find_source(path, "csv", plan=plan) == "csv"
