"""Where a command's result goes: standard output, or a file named by ``--out``.

With ``--out``, the file is written whole (through a temporary file, so a half-written
report never sits under the final name) and its path is printed. Without it, text goes to
standard output and bytes (PDF, PowerPoint, zip) to standard output's binary stream.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import BAD_INPUT, CommandFailed


def check_out_path(out: str | None) -> Path | None:
    """The ``--out`` path, once we know a file can be written there."""
    if out is None:
        return None
    if not out.strip():
        raise CommandFailed("--out needs a file name.", code=BAD_INPUT)
    path = Path(out).expanduser()
    if path.is_dir():
        raise CommandFailed(f"--out {out} is a folder. Give a file name.", code=BAD_INPUT)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandFailed(
            f"--out {out}: the folder {folder} does not exist. Make it first.", code=BAD_INPUT
        )
    if not os.access(folder, os.W_OK):
        raise CommandFailed(f"--out {out}: cannot write in the folder {folder}.", code=BAD_INPUT)
    return path


def write_file(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` in one go: a temporary file first, then renamed."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def emit(data: bytes | str, *, out: str | None) -> int:
    """Send a result where the person asked for it. Returns the exit code (0)."""
    path = check_out_path(out)
    if path is not None:
        write_file(path, data)
        print(out)
        return 0
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data if data.endswith("\n") or not data else data + "\n")
        sys.stdout.flush()
    return 0
