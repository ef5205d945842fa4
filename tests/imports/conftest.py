"""Fixtures for the importer tests. Plain Python: nothing here needs Django or a database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
#: The real decidim.barcelona sample, in the shared folder beside the repository.
SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "decidim-barcelona-sample"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def sample_dir() -> Path:
    if not SAMPLE.is_dir():  # CI clones the repository with shared/ beside it
        pytest.fail(f"the Decidim sample is not at {SAMPLE.resolve()}")
    return SAMPLE


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, content) puts a file in a temporary folder; str is written as UTF-8."""

    def _write(name: str, content: str | bytes, *, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write
